"""What the counter does to an open ticket: move it on, change its promise, log a call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain import writing
from jeweldesk.domain.errors import Conflict, Invalid, ServiceError
from jeweldesk.domain.kinds import Channel
from jeweldesk.domain.permissions import Act
from jeweldesk.domain.status import Status
from jeweldesk.services.contacts import record_contact
from jeweldesk.services.moves import cancel, change_promise, move
from jeweldesk.services.promise import promise_rules, promise_warnings
from jeweldesk.services.story import TicketStory
from jeweldesk.ui.common.day_edit import store_day_edit
from jeweldesk.ui.common.fields import (
    NOTE_STYLE,
    WARNING_STYLE,
    from_qdate,
    to_qdate,
)
from jeweldesk.ui.common.widgets import ProblemLabel
from jeweldesk.ui.ticket.tables import contacts_table, set_rows, when

if TYPE_CHECKING:
    from jeweldesk.ui.ticket.view import TicketDialog

OUTCOMES = ("reached the customer", "left a message", "no answer", "agreed a new date",
            "customer will come in")


def _refused(dialog: TicketDialog, exc: ServiceError) -> None:
    """Someone else got there first, or the path says no: say it plainly, show what is now."""
    message = str(exc)
    if isinstance(exc, Conflict):
        message += " The ticket below now shows the latest."
    dialog.say(message)
    dialog.reload()


class MovePanel(QWidget):
    def __init__(self, dialog: TicketDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.buttons: dict[Status, QPushButton] = {}
        self.note = QLineEdit()
        self.note.setPlaceholderText("Note for the history (optional; a cancellation needs one)")
        self.problem = ProblemLabel()
        self.closed = QLabel()
        self.closed.setStyleSheet(NOTE_STYLE)
        self.closed.setWordWrap(True)  # where the piece is, in a sentence that may be long
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.row)
        layout.addWidget(self.note)
        layout.addWidget(self.problem)
        layout.addWidget(self.closed)

    def show_moves(self, story: TicketStory) -> None:
        for button in self.buttons.values():
            button.deleteLater()
        self.buttons = {}
        while self.row.count():
            self.row.takeAt(0)
        for status in story.moves_by_hand:
            # Offer only what the person at the keyboard may do: a manager cancels.
            act = {Status.CANCELLED: Act.CANCEL, Status.PICKED_UP: Act.HAND_BACK}.get(
                status, Act.MOVE)
            if not self.dialog.ctx.may(act):
                continue
            if status is Status.PICKED_UP:
                button = QPushButton("Hand it back…")
                button.clicked.connect(self.hand_back)
            elif status is Status.AT_VENDOR:  # only in a parcel, so custody names both
                button = QPushButton("Send in a parcel…")
                button.clicked.connect(self.send_in_parcel)
            else:
                button = QPushButton(f"→ {status.label}")
                button.clicked.connect(lambda _=False, s=status: self.move_to(s))
            button.setAutoDefault(False)
            self.buttons[status] = button
            self.row.addWidget(button)
        self.row.addStretch(1)
        movable = bool(story.moves_by_hand)
        self.note.setVisible(movable)
        self.closed.setVisible(not movable)
        out = story.out_in_parcel
        if out is not None and out.checked_in_without is not None:
            text = (f"Missing from parcel {out.ref}: {out.vendor_name} sent the box back "
                    f"{writing.day(out.checked_in_without.date())} without it. It is checked "
                    "in when it comes (Parcels › Receive a parcel).")
        elif out is not None:
            text = (f"Out at {out.vendor_name} in parcel {out.ref}: it comes back when the "
                    "parcel is checked in (Parcels › Receive a parcel).")
        else:
            text = f"{story.status.label}: this ticket is closed; its record stays."
        self.closed.setText(text)

    def move_to(self, to: Status) -> None:
        d = self.dialog
        note = self.note.text()
        self.problem.show_problem(None)
        try:
            if to is Status.CANCELLED:
                cancel(d.ctx.db, d.number, d.ctx.user.code, note, expected_version=d.story.version)
            else:
                move(d.ctx.db, d.number, to, d.ctx.user.code, note,
                     expected_version=d.story.version)
        except Invalid as exc:
            self.problem.show_problem("; ".join(exc.problems.values()))
            return
        except ServiceError as exc:
            _refused(d, exc)
            return
        self.note.clear()
        d.say(f"Moved to {to.label}.", good=True)

    def send_in_parcel(self) -> None:
        from jeweldesk.ui.parcels.send import SendParcelDialog

        dialog = SendParcelDialog(self.dialog.ctx, [self.dialog.number], self.dialog)
        dialog.open()

    def hand_back(self) -> None:
        from jeweldesk.ui.counter.pickup import PickupDialog

        dialog = PickupDialog(self.dialog.ctx, [self.dialog.number], self.dialog)
        dialog.open()


class PromiseForm(QWidget):
    def __init__(self, dialog: TicketDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.rules = promise_rules(dialog.ctx.db)
        self._showing = False
        self.touched = False
        self.new_date = store_day_edit(dialog.ctx.db, self.rules.today)
        self.new_date.dateChanged.connect(self._edited)
        self.new_date.problem_changed.connect(lambda _p: self._check())
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("why (the customer agreed, parts are late …)")
        self.button = QPushButton("Change promise")
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self.change)
        self.warning = QLabel()
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.setWordWrap(True)
        self.problem = ProblemLabel()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 6, 0, 0)
        grid.addWidget(QLabel("New date"), 0, 0)
        grid.addWidget(self.new_date, 0, 1)
        grid.addWidget(self.reason, 0, 2)
        grid.addWidget(self.button, 0, 3)
        grid.addWidget(self.warning, 1, 1, 1, 3)
        grid.addWidget(self.problem, 2, 1, 1, 3)
        grid.setColumnStretch(2, 1)

    def show_story(self, story: TicketStory) -> None:
        self.setVisible(bool(story.allowed_moves))
        if not self.touched:
            self._showing = True
            # A promise already past offers the next open day, not a date that is refused.
            offered = max(story.promised_for, self.rules.calendar.next_open(self.rules.today))
            self.new_date.setDate(to_qdate(offered))
            self._showing = False
        self._check()

    def _edited(self) -> None:
        if not self._showing:
            self.touched = True
        self._check()

    def _check(self) -> None:
        story = self.dialog.story
        found = promise_warnings(self.rules, from_qdate(self.new_date.date()),
                                 story.occasion_date)
        self.problem.show_problem(self.new_date.problem or None)
        self.warning.setText("⚠ " + "; ".join(found) if found else "")
        self.warning.setVisible(bool(found))

    def change(self) -> None:
        d = self.dialog
        self.problem.show_problem(self.new_date.problem or None)
        if self.new_date.problem:
            return
        try:
            change_promise(d.ctx.db, d.number, from_qdate(self.new_date.date()), d.ctx.user.code,
                           self.reason.text(), expected_version=d.story.version)
        except Invalid as exc:
            self.problem.show_problem("; ".join(exc.problems.values()))
            return
        except ServiceError as exc:
            _refused(d, exc)
            return
        self.touched = False
        self.reason.clear()
        d.say(f"Promised for {writing.day(from_qdate(self.new_date.date()))} now; "
              "the earlier promise stays on record.", good=True)


class ContactForm(QWidget):
    def __init__(self, dialog: TicketDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.table = contacts_table()
        self.channel = QComboBox()
        for channel in Channel:
            self.channel.addItem(channel.value.replace("_", " "), channel.value)
        self.note = QLineEdit()
        self.note.setPlaceholderText("what was said")
        self.outcome = QComboBox()
        self.outcome.setEditable(True)
        self.outcome.addItems(("", *OUTCOMES))
        typed = self.outcome.lineEdit()
        assert typed is not None  # an editable combo box always has its line edit
        typed.setPlaceholderText("how it went")
        self.button = QPushButton("Log a contact")
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self.log)
        self.note.returnPressed.connect(self.log)
        self.problem = ProblemLabel()
        form = QHBoxLayout()
        form.addWidget(self.channel)
        form.addWidget(self.note, 2)
        form.addWidget(self.outcome, 1)
        form.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        self._preferred_set = False

    def show_contacts(self, story: TicketStory) -> None:
        set_rows(self.table, [
            (when(c.at), c.channel.value.replace("_", " "),
             c.by_name, c.outcome or "", c.note or "") for c in story.contacts])
        if not self._preferred_set and story.preferred_channel is not None:
            self.channel.setCurrentIndex(self.channel.findData(story.preferred_channel.value))
            self._preferred_set = True

    def log(self) -> None:
        d = self.dialog
        self.problem.show_problem(None)
        if not self.note.text().strip() and not self.outcome.currentText().strip():
            self.problem.show_problem("say what was said, or how it went")
            return
        try:
            record_contact(d.ctx.db, d.number, str(self.channel.currentData()), d.ctx.user.code,
                           self.note.text(), self.outcome.currentText())
        except ServiceError as exc:
            self.problem.show_problem(str(exc))
            return
        self.note.clear()
        self.outcome.setCurrentIndex(0)
        self.outcome.setEditText("")
