"""Settings › Days off: the manager enters a jeweler's holiday or course ahead of time, so
the early warnings count with it instead of finding out when the queue stops moving."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain.models import Role
from jeweldesk.services.days_off import NOTE_LENGTH, DaysOff, cancel_days_off, days_off
from jeweldesk.services.days_off import plan_days_off as plan
from jeweldesk.services.errors import Invalid, ServiceError
from jeweldesk.services.store import list_staff
from jeweldesk.ui.context import AppContext
from jeweldesk.ui.widgets import ProblemLabel, day_text, heading, muted, row_picker


class DaysOffTab(QWidget):
    """Planned days off, soonest first, with a form to add one and a button to take one back."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.table = row_picker(["Jeweler", "First day off", "Last day off", "Note"], stretch=3)
        self.take_back = QPushButton("Take back")
        self.take_back.setEnabled(False)
        self.jeweler = QComboBox()
        self.first = QDateEdit()
        self.last = QDateEdit()
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd MMM d, yyyy")
            edit.setDate(QDate.currentDate())
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_LENGTH)
        self.note.setPlaceholderText("Holiday, course… (optional)")
        self.add = QPushButton("Plan these days off")
        self.message = ProblemLabel()
        form = QFormLayout()
        form.addRow("Jeweler", self.jeweler)
        form.addRow("First day off", self.first)
        form.addRow("Last day off", self.last)
        form.addRow("Note", self.note)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.take_back)
        left.addLayout(buttons)
        right = QVBoxLayout()
        right.addWidget(heading("Plan days off", 1))
        right.addWidget(muted("The early warnings hold a jeweler's queue over these days, and "
                              "a planned week away is not taken for an absence."))
        right.addLayout(form)
        right.addWidget(self.message)
        right.addWidget(self.add)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        self.first.dateChanged.connect(self._keep_order)
        self.add.clicked.connect(self.plan_days_off)
        self.take_back.clicked.connect(self.take_back_selected)
        self.table.itemSelectionChanged.connect(
            lambda: self.take_back.setEnabled(bool(self.table.selectionModel().selectedRows())))
        self.load()

    def load(self) -> None:
        self.entries: list[DaysOff] = days_off(self.ctx.db)
        self.table.setRowCount(len(self.entries))
        for r, entry in enumerate(self.entries):
            for c, text in enumerate((entry.staff_name, day_text(entry.first_day),
                                      day_text(entry.last_day), entry.note or "")):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        chosen = self.jeweler.currentData()
        self.jeweler.clear()
        for member in list_staff(self.ctx.db):
            if member.role == Role.BENCH:
                self.jeweler.addItem(member.name, member.code)
        if chosen is not None and self.jeweler.findData(chosen) >= 0:
            self.jeweler.setCurrentIndex(self.jeweler.findData(chosen))

    def _keep_order(self, first: QDate) -> None:
        if self.last.date() < first:
            self.last.setDate(first)

    def plan_days_off(self) -> None:
        code = self.jeweler.currentData()
        if code is None:
            self.message.show_problem("No one works at the bench yet: add them under Staff.")
            return
        try:
            plan(self.ctx.db, code, self.first.date().toPython(), self.last.date().toPython(),
                 self.note.text(), by=self.ctx.user.code)
        except ServiceError as exc:
            problems = exc.problems.values() if isinstance(exc, Invalid) else [str(exc)]
            self.message.show_problem("; ".join(problems))
            return
        self.message.show_problem("")
        self.note.clear()
        self.load()
        self.ctx.did_change()

    def take_back_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        try:
            cancel_days_off(self.ctx.db, self.entries[rows[0].row()].id)
        except ServiceError as exc:
            self.message.show_problem(str(exc))
        self.load()
        self.ctx.did_change()
