"""Correcting a ticket's details after intake, without overwriting anyone else's change."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain import writing
from jeweldesk.domain.errors import Conflict, Invalid, ServiceError
from jeweldesk.domain.money import MoneyError, money
from jeweldesk.services.edit import ServiceLine, edit_ticket
from jeweldesk.services.store import catalog, list_staff, list_vendors, store_today
from jeweldesk.services.story import TicketStory, ticket_story, what_changed
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.day_edit import store_day_edit
from jeweldesk.ui.common.fields import (
    NOTE_STYLE,
    CounterDialog,
    banner,
    from_qdate,
    money_edit,
    money_or_problem,
    to_qdate,
    with_problem,
)
from jeweldesk.ui.common.widgets import ProblemLabel
from jeweldesk.ui.counter.intake_piece import buddy, jeweler_box, metal_edit, vendor_box
from jeweldesk.ui.counter.intake_services import ServicesEditor

EDIT_WORDS = {"description": "the description", "metal": "the metal", "stones": "the stones",
              "condition": "the condition", "declared_value": "the declared value",
              "assigned_to": "the jeweler", "occasion_what": "the occasion",
              "occasion_date": "the occasion's date", "services": "the services"}
FIELDS = ("description", "declared_value", "services", "vendor", "assigned_to", "deposit",
          "occasion_date")


def _same_lines(lines: tuple[ServiceLine, ...], story: TicketStory) -> bool:
    def price(value: object) -> object:
        try:
            return money(str(value))
        except MoneyError:
            return value

    typed = [(x.code, x.description.strip(), price(x.price), x.vendor) for x in lines]
    return typed == [(s.code, s.description, s.price, s.vendor_code) for s in story.services]


class EditTicketDialog(CounterDialog):
    """The piece's details, its services and prices, the jeweler and the occasion."""

    def __init__(self, ctx: AppContext, story: TicketStory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.story = story
        self.setWindowTitle(f"Edit ticket {story.number}")
        self.question = f"Throw away your changes to {story.number}?"
        self.resize(1180, 500)
        self.problems = {key: ProblemLabel() for key in FIELDS}

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 17px; font-weight: 600;")
        self.message = banner()
        self.reload_button = QPushButton("Reload their version")
        self.reload_button.setToolTip(
            "Show the ticket as it is now; what you typed here is replaced")
        self.reload_button.setAutoDefault(False)
        self.reload_button.clicked.connect(self.reload)
        self.reload_button.hide()

        self.description = QLineEdit()
        self.metal = metal_edit()
        self.stones = QLineEdit()
        self.condition = QLineEdit()
        self.condition.setPlaceholderText("what was seen at intake: worn prongs, scratches …")
        self.declared_value = money_edit()
        self.services = ServicesEditor(catalog(ctx.db))
        self.problems["services"] = self.services.problem
        self.vendor = vendor_box(list_vendors(ctx.db))
        self.jeweler = jeweler_box(list_staff(ctx.db))
        self.deposit = QLabel()
        self.total = QLabel()
        self.balance = QLabel()
        self.balance.setStyleSheet("font-weight: 600;")
        self.occasion_what = QLineEdit()
        self.occasion_what.setPlaceholderText("anniversary, wedding, graduation …")
        self.occasion_date = store_day_edit(ctx.db)
        self.occasion_date.setSpecialValueText("no date")
        self.occasion_date.problem_changed.connect(self.problems["occasion_date"].show_problem)
        # For the mouse, and it asks before throwing changes away: a stray key cannot.
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = QPushButton("Save changes  (Ctrl+S)")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)

        self._lay_out()
        for edit in (self.description, self.metal, self.stones, self.condition):
            edit.returnPressed.connect(self.focusNextChild)
        self.declared_value.textChanged.connect(self._check_declared)
        self.services.changed.connect(self.recalculate)
        self.vendor.currentIndexChanged.connect(self.recalculate)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.load(story)
        self.description.setFocus()

    def _lay_out(self) -> None:
        p = self.problems
        piece = QGroupBox("The piece")
        form = QFormLayout(piece)
        form.addRow("&Description", with_problem(self.description, p["description"]))
        form.addRow("&Metal", self.metal)
        form.addRow("S&tones", self.stones)
        form.addRow("&Condition", self.condition)
        form.addRow("Declared &value", with_problem(self.declared_value, p["declared_value"]))
        kind_note = QLabel("The kind of piece, the deposit and the promise are not changed "
                           "here: the promise has its own button on the ticket, so the "
                           "earlier one stays on record.")
        kind_note.setStyleSheet(NOTE_STYLE)
        kind_note.setWordWrap(True)
        form.addRow(kind_note)

        work = QGroupBox("The work")
        work_form = QFormLayout(work)
        work_form.addRow("&Services", self.services)
        work_form.addRow("Goes o&ut to", with_problem(self.vendor, p["vendor"]))
        work_form.addRow("&Jeweler", with_problem(self.jeweler, p["assigned_to"]))
        money_row = QHBoxLayout()
        for caption, label in (("Deposit", self.deposit), ("Total", self.total),
                               ("Balance", self.balance)):
            label.setMinimumWidth(80)
            money_row.addWidget(QLabel(caption))
            money_row.addSpacing(4)
            money_row.addWidget(label)
            money_row.addSpacing(16)
        money_row.addStretch(1)
        money_box = QVBoxLayout()
        money_box.setSpacing(2)
        money_box.addLayout(money_row)
        money_box.addWidget(p["deposit"])
        work_form.addRow("Money", money_box)
        occasion = QHBoxLayout()
        occasion.addWidget(self.occasion_what, 2)
        occasion.addWidget(QLabel("on"))
        occasion.addWidget(with_problem(self.occasion_date, p["occasion_date"]), 1)
        work_form.addRow(buddy("&Occasion", self.occasion_what), occasion)

        columns = QHBoxLayout()
        for group in (piece, work):
            column = QVBoxLayout()  # groups keep their natural height; the room goes below
            column.addWidget(group)
            column.addStretch(1)
            columns.addLayout(column, 1)
        conflict = QHBoxLayout()
        conflict.addWidget(self.message, 1)
        conflict.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignTop)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(conflict)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)
        order = [self.description, self.metal, self.stones, self.condition, self.declared_value,
                 self.services.picker, self.services.table, self.vendor, self.jeweler,
                 self.occasion_what, self.occasion_date.line, self.save_button]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # Showing the ticket as it is ---------------------------------------------------------

    def load(self, story: TicketStory) -> None:
        self.story = story
        self.heading.setText(f"{story.number} · {story.item_kind.value.capitalize()} for "
                             f"{story.customer_name}")
        self.description.setText(story.item_description)
        self.metal.setText(story.item_metal or "")
        self.stones.setText(story.item_stones or "")
        self.condition.setText(story.item_condition or "")
        self.declared_value.setText(writing.amount(story.declared_value) if story.declared_value
                                    is not None else "")
        self.services.blockSignals(True)
        self.services.clear_lines()
        for line in story.services:
            self.services.add_line(line.code, line.description, line.price,
                                   line.vendor_code is not None)
        self.services.blockSignals(False)
        out = next((s for s in story.services if s.vendor_code), None)
        self._choose(self.vendor, out.vendor_code if out else None,
                     out.vendor_name if out else None)
        self._choose(self.jeweler, story.assigned_to_code, story.assigned_to_name)
        self.occasion_what.setText(story.occasion_what or "")
        # A date edit cannot be empty: the day before the earliest date it may hold reads
        # "no date". An occasion already past keeps its date.
        earliest = min(filter(None, (story.occasion_date, store_today(self.ctx.db))))
        self.occasion_date.setMinimumDate(to_qdate(earliest - timedelta(days=1)))
        self.occasion_date.setDate(to_qdate(story.occasion_date) if story.occasion_date
                                   else self.occasion_date.minimumDate())
        self.deposit.setText(writing.money(story.deposit))
        for label in self.problems.values():
            label.show_problem(None)
        self.recalculate()

    @staticmethod
    def _choose(box: QComboBox, code: str | None, name: str | None) -> None:
        index = box.findData(code) if code else 0
        if index < 0:  # someone no longer on the lists keeps their place on this ticket
            box.addItem(f"{name or code} (no longer active)", code)
            index = box.count() - 1
        box.setCurrentIndex(index)

    def recalculate(self) -> None:
        total = self.services.total()
        self.total.setText(writing.money(total))
        paid = self.story.total - self.story.balance
        self.balance.setText(writing.money(total - paid))
        self.problems["deposit"].show_problem(
            f"the deposit is more than the total {writing.money(total)}"
            if self.story.deposit > total else None)
        goes_out = self.services.goes_out() and self.vendor.currentData() is None
        self.problems["vendor"].show_problem(
            "a service goes out: choose the vendor" if goes_out else None)

    def _check_declared(self) -> None:
        _amount, problem = money_or_problem(self.declared_value.text())
        self.problems["declared_value"].show_problem(problem)

    # Saving -----------------------------------------------------------------------------

    @property
    def occasion_day(self) -> date | None:
        if self.occasion_date.date() == self.occasion_date.minimumDate():
            return None
        return from_qdate(self.occasion_date.date())

    def changes(self) -> dict[str, Any]:
        """Only what the person changed from the ticket as this screen showed it."""
        s = self.story
        vendor = self.vendor.currentData()
        lines = self.services.lines(str(vendor) if vendor else None)
        typed: dict[str, Any] = {
            "description": (self.description.text(), s.item_description),
            "metal": (self.metal.text(), s.item_metal or ""),
            "stones": (self.stones.text(), s.item_stones or ""),
            "condition": (self.condition.text(), s.item_condition or ""),
            "declared_value": (self.declared_value.text().strip() or None,
                               writing.amount(s.declared_value) if s.declared_value is not None
                               else None),
            "assigned_to": (self.jeweler.currentData(), s.assigned_to_code),
            "occasion_what": (self.occasion_what.text(), s.occasion_what or ""),
            "occasion_date": (self.occasion_day, s.occasion_date),
        }
        found = {key: new for key, (new, old) in typed.items()
                 if (new.strip() if isinstance(new, str) else new)
                 != (old.strip() if isinstance(old, str) else old)}
        if not _same_lines(lines, s):
            found["services"] = lines
        return found

    def unsaved(self) -> str | None:
        """Cancel, Escape or the window's X with changes typed asks before they go."""
        changed = self.changes()
        if not changed and not self.occasion_date.problem:
            return None
        names = sorted({EDIT_WORDS.get(key, key.replace("_", " ")) for key in changed}
                       | ({"the occasion's date"} if self.occasion_date.problem else set()))
        return (f"Your changes to {self.story.number} ({', '.join(names)}) are not saved yet, "
                "and would be lost. Keep typing to finish them, or throw them away.")

    def save(self) -> None:
        self.recalculate()
        if self.occasion_date.problem:
            self.problems["occasion_date"].show_problem(self.occasion_date.problem)
            self.say("Nothing was saved: the occasion's date is not a day.")
            return
        if self.problems["vendor"].problem:
            self.say("Choose the vendor for the work that goes out.")
            return
        changes = self.changes()
        if not changes:
            self.accept()
            return
        try:
            edit_ticket(self.ctx.db, self.story.number, self.ctx.user.code, self.story.version,
                        **changes)
        except Invalid as exc:
            self.show_problems(exc.problems)
            return
        except Conflict:
            self.show_conflict()
            return
        except ServiceError as exc:
            self.say(str(exc))
            return
        self.accept()

    def say(self, text: str | None) -> None:
        self.message.setText(text or "")
        self.message.setVisible(bool(text))

    def show_problems(self, problems: dict[str, str]) -> None:
        for label in self.problems.values():
            label.show_problem(None)
        elsewhere = []
        for key, problem in problems.items():
            field = key.split(".", 1)[0].split("[", 1)[0]
            if field == "services" and key.endswith("vendor"):
                field = "vendor"
            beside = self.problems.get(field)
            if beside is None or beside.problem:
                elsewhere.append(problem)
            else:
                beside.show_problem(problem)
        self.say("Nothing was saved: " + "; ".join(elsewhere) if elsewhere else
                 "Nothing was saved; see the fields marked in red.")

    def show_conflict(self) -> None:
        """Say who got there first and what they did; keep every keystroke typed here."""
        now = ticket_story(self.ctx.db, self.story.number)
        changed = "".join(f"<li>{line}</li>" for line in what_changed(self.story, now))
        self.say(f"<b>Someone else changed {now.number} at another workstation while you had "
                 f"it open.</b> Nothing of yours was saved, and what you typed is still here."
                 f"<ul style='margin: 4px 0'>{changed}</ul>"
                 "Reload to see their version, then make your change again.")
        self.reload_button.show()

    def reload(self) -> None:
        self.load(ticket_story(self.ctx.db, self.story.number))
        self.reload_button.hide()
        self.say(None)
