"""Settings › Staff: who works here, their role and their PIN. Nobody is deleted: a person
who leaves is retired, hidden from the lists and still named on every ticket they touched."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain.errors import ServiceError
from jeweldesk.domain.kinds import Role
from jeweldesk.services.pins import pin_problem, unlock_pin
from jeweldesk.services.store import (
    StaffMember,
    add_staff,
    list_staff,
    retire_staff,
    store_settings,
    update_staff,
)
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.fields import may_throw_away
from jeweldesk.ui.common.rows import Column, rows_of
from jeweldesk.ui.common.widgets import ProblemLabel, heading, row_picker
from jeweldesk.ui.settings.saved import saved_line, say


def _standing(member: StaffMember) -> str:
    if not member.active:
        return "left"
    if member.pin_locked:
        return "PIN locked"
    return "works here" if member.has_pin else "works here, no PIN yet"


class StaffTab(QWidget):
    """Who works here, their role and their PIN; who has left stays on record, hidden."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.table = row_picker((
            Column("Code", lambda m: m.code),
            Column("Name", lambda m: m.name),
            Column("Role", lambda m: m.role.value.capitalize()),
            Column("Status", _standing, bold=lambda m: m.pin_locked and m.active,
                   colour=lambda m: QColor("#b3261e") if m.pin_locked and m.active else None),
        ), stretch=1)
        self.show_left = QCheckBox("Show people who have left")
        self.code = QLineEdit()
        self.code.setMaxLength(8)
        self.name = QLineEdit()
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.value.capitalize(), role)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin_problem = ProblemLabel()
        self.unlock_button = QPushButton("Unlock PIN")
        self.unlock_button.setToolTip("Let them try their PIN again after five wrong tries")
        self.retire_button = QPushButton("Retire")
        self.new_button = QPushButton("New person")
        self.save_button, self.message, saved = saved_line()
        saved.insertWidget(0, self.new_button)
        pin_row = QHBoxLayout()
        pin_row.addWidget(self.pin, 1)
        pin_row.addWidget(self.unlock_button)
        form = QFormLayout()
        form.addRow("Code (initials)", self.code)
        form.addRow("Name", self.name)
        form.addRow("Role", self.role)
        form.addRow("PIN", pin_row)
        form.addRow("", self.pin_problem)
        form.addRow("", self.retire_button)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(self.show_left)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        right = QVBoxLayout()
        right.addWidget(heading("Person", 1))
        right.addLayout(form)
        right.addStretch(1)
        right.addLayout(saved)
        layout.addLayout(right, 2)
        self.table.selectionModel().selectionChanged.connect(self._picked)
        self.show_left.toggled.connect(lambda _on: self.load())
        self.pin.textEdited.connect(lambda _text: self._check_pin())
        self.new_button.clicked.connect(self.new_person)
        self.save_button.clicked.connect(self.save)
        self.unlock_button.clicked.connect(self.unlock)
        self.retire_button.clicked.connect(self.retire_or_bring_back)
        self._editing: StaffMember | None = None
        self._loading = self._keeping = False
        self.load()
        self.new_person()

    def load(self) -> None:
        self._digits = store_settings(self.ctx.db).pin_digits
        everyone = list_staff(self.ctx.db, include_inactive=True)
        self._staff = [m for m in everyone if m.active or self.show_left.isChecked()]
        self._loading = True  # the list filled again picks nobody by hand: nothing to ask
        try:
            rows_of(self.table).refill(self._staff)
            if self._editing is not None:
                self._editing = next((m for m in everyone if m.code == self._editing.code),
                                     None)
                if self._editing is not None and self._editing in self._staff:
                    self.table.selectRow(self._staff.index(self._editing))
        finally:
            self._loading = False
        self._show_buttons()

    def unsaved(self) -> str | None:
        """What picking someone else in the list would throw away."""
        member = self._editing
        if member is None:
            typed = self.name.text().strip() or self.code.text().strip()
            return (f"The new person you typed ({typed}) is not saved yet. Keep typing to save "
                    "them, or throw it away." if typed else None)
        if (self.name.text().strip(), self.role.currentData(), self.pin.text()) == (
                member.name, member.role, ""):
            return None
        return (f"Your changes to {member.name} are not saved yet. Keep typing to save them, "
                "or throw them away.")

    def _show_buttons(self) -> None:
        member = self._editing
        self.unlock_button.setVisible(member is not None and member.pin_locked)
        self.retire_button.setVisible(member is not None)
        self.retire_button.setText("Retire" if member is None or member.active
                                   else "Back at work")
        if member is None:
            self.pin.setPlaceholderText(f"Required: {self._digits} to 8 digits")
        else:
            self.pin.setPlaceholderText(f"A new PIN ({self._digits} to 8 digits) resets it; "
                                        "empty keeps it")

    def _picked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self._keeping:
            return
        lost = None if self._loading else self.unsaved()
        if lost and not may_throw_away(self, "Throw away what was typed?", lost):
            self._keep_the_pick()
            return
        member = self._staff[rows[0].row()]
        self._editing = member
        self.code.setText(member.code)
        self.code.setReadOnly(True)
        self.name.setText(member.name)
        self.role.setCurrentIndex(self.role.findData(member.role))
        self.pin.clear()
        self.pin_problem.show_problem(None)
        self.message.show_problem("")
        self._show_buttons()

    def _keep_the_pick(self) -> None:
        """The list shows again the person being typed (or nobody, for a new one)."""
        self._keeping = True  # the form keeps what was typed
        try:
            self.table.clearSelection()
            if self._editing is not None and self._editing in self._staff:
                self.table.selectRow(self._staff.index(self._editing))
        finally:
            self._keeping = False

    def new_person(self) -> None:
        lost = self.unsaved()
        if lost and not may_throw_away(self, "Throw away what was typed?", lost):
            return
        self.table.clearSelection()
        self._editing = None
        self.code.setReadOnly(False)
        for field in (self.code, self.name, self.pin):
            field.clear()
        self.role.setCurrentIndex(self.role.findData(Role.COUNTER))
        self.pin_problem.show_problem(None)
        self.message.show_problem(None)
        self._show_buttons()
        self.code.setFocus()

    def _check_pin(self) -> str | None:
        """The PIN checked as the service checks it, while it is typed."""
        pin = self.pin.text()
        problem = None
        if pin or self._editing is None:
            problem = pin_problem(pin, self._digits)
            problem = problem[:1].upper() + problem[1:] + "." if problem else None
        self.pin_problem.show_problem(problem if pin else None)
        return problem

    def save(self) -> None:
        editing = self._editing
        member = StaffMember(self.code.text().strip(), self.name.text(),
                             Role(self.role.currentData()),
                             True, editing.active if editing else True)
        problem = self._check_pin()
        if problem:
            self.pin_problem.show_problem(problem)
            say(self.message, "Nothing was saved: " + problem[:1].lower() + problem[1:])
            return
        pin = self.pin.text() or None
        try:
            if editing is None:
                add_staff(self.ctx.db, member, self.ctx.user.code, pin)
            else:
                update_staff(self.ctx.db, member, self.ctx.user.code, pin)
        except ServiceError as exc:
            say(self.message, exc.said)
            return
        if editing is None:
            said = f"{member.name.strip()} is on the staff and signs in with the PIN typed."
        else:
            said = "Saved; the new PIN works now." if pin else "Saved."
        self._done(member.code, said)

    def unlock(self) -> None:
        if self._editing is None:
            return
        try:
            unlock_pin(self.ctx.db, self._editing.code, self.ctx.user.code)
        except ServiceError as exc:
            say(self.message, exc.said)
            return
        self._done(self._editing.code, f"{self._editing.name}'s PIN is unlocked.")

    def retire_or_bring_back(self) -> None:
        member = self._editing
        if member is None:
            return
        try:
            if member.active:
                retire_staff(self.ctx.db, member.code, self.ctx.user.code)
            else:
                update_staff(self.ctx.db, replace(member, active=True), self.ctx.user.code)
        except ServiceError as exc:
            say(self.message, exc.said)
            return
        said = (f"{member.name} has left: they can no longer sign in, and every ticket "
                "they worked on still names them." if member.active
                else f"{member.name} is back at work.")
        self._done(member.code, said)

    def _done(self, code: str, said: str) -> None:
        self.pin.clear()
        self.pin_problem.show_problem(None)
        self.code.setReadOnly(True)
        self._editing = StaffMember(code, "", Role.COUNTER, True, True)
        self.load()
        if self._editing is None or self._editing not in self._staff:
            self.new_person()
        say(self.message, said, good=True)
