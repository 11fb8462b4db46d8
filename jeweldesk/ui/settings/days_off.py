"""Days off: the manager enters a jeweler's holiday or course ahead of time (Settings › Days
off), or the jeweler their own (from the bench), so the early warnings count with it instead
of finding out when the queue stops moving."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
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
from jeweldesk.services.days_off import NOTE_LENGTH, DaysOff, cancel_days_off, days_off
from jeweldesk.services.days_off import plan_days_off as plan
from jeweldesk.services.store import list_staff, store_today
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.day_edit import store_day_edit
from jeweldesk.ui.common.fields import CounterDialog, from_qdate
from jeweldesk.ui.common.rows import Column, rows_of
from jeweldesk.ui.common.widgets import ProblemLabel, day_text, heading, muted, row_picker


class DaysOffForm(QWidget):
    """First day, last day and a note, for one jeweler or the one picked from a list."""

    planned = Signal()

    def __init__(self, ctx: AppContext, jeweler: str | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.fixed = jeweler
        self.jeweler = QComboBox()
        today = store_today(ctx.db)
        self.first = store_day_edit(ctx.db, today)
        self.last = store_day_edit(ctx.db, today)
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_LENGTH)
        self.note.setPlaceholderText("Holiday, course… (optional)")
        self.add = QPushButton("Plan these days off")
        self.message = ProblemLabel()
        form = QFormLayout()
        if jeweler is None:
            form.addRow("Jeweler", self.jeweler)
        form.addRow("First day off", self.first)
        form.addRow("Last day off", self.last)
        form.addRow("Note", self.note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.add)
        self.first.dateChanged.connect(self._keep_order)
        self.add.clicked.connect(self.plan)
        self.fill_jewelers()

    def fill_jewelers(self) -> None:
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

    def plan(self) -> None:
        code = self.fixed or self.jeweler.currentData()
        if code is None:
            self.message.show_problem("No one works at the bench yet: add them under Staff.")
            return
        try:
            plan(self.ctx.db, code, from_qdate(self.first.date()), from_qdate(self.last.date()),
                 self.note.text(), by=self.ctx.user.code)
        except ServiceError as exc:
            self.message.show_problem(exc.said)
            return
        self.message.show_problem("")
        self.note.clear()
        self.planned.emit()


class DaysOffTab(QWidget):
    """Planned days off, soonest first, with a form to add one and a button to take one back."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.table = row_picker((
            Column("Jeweler", lambda d: d.staff_name),
            Column("First day off", lambda d: day_text(d.first_day)),
            Column("Last day off", lambda d: day_text(d.last_day)),
            Column("Note", lambda d: d.note or ""),
        ), stretch=3)
        self.take_back = QPushButton("Take back")
        self.take_back.setEnabled(False)
        self.form = DaysOffForm(ctx)
        form = self.form
        self.jeweler, self.first, self.last = form.jeweler, form.first, form.last
        self.note, self.add, self.message = form.note, form.add, form.message
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
        right.addWidget(form)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        form.planned.connect(self.load)
        self.take_back.clicked.connect(self.take_back_selected)
        self.table.selectionModel().selectionChanged.connect(
            lambda: self.take_back.setEnabled(bool(self.table.selectionModel().selectedRows())))
        self.load()

    def load(self) -> None:
        self.entries: list[DaysOff] = days_off(self.ctx.db)
        rows_of(self.table).refill(self.entries)
        self.table.resizeColumnsToContents()
        self.form.fill_jewelers()

    def take_back_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        try:
            cancel_days_off(self.ctx.db, self.entries[rows[0].row()].id, self.ctx.user.code)
        except ServiceError as exc:
            self.message.show_problem(str(exc))
        self.load()


class JewelerDaysOffDialog(CounterDialog):
    """From the bench: a jeweler's own days off ahead, and a form to add one. Entered ahead,
    a holiday keeps the promises made meanwhile honest."""

    def __init__(self, ctx: AppContext, code: str, name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.code = code
        self.setWindowTitle(f"{name}'s days off")
        self.setMinimumWidth(420)
        self.planned_list = muted("")
        self.form = DaysOffForm(ctx, jeweler=code)
        self.form.planned.connect(self.load)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"{name}'s days off", 1))
        layout.addWidget(self.planned_list)
        layout.addWidget(muted("Entered ahead, days off hold the queue in the early warnings "
                               "and in the dates proposed at intake."))
        layout.addWidget(self.form)
        layout.addWidget(close)
        self.load()

    def load(self) -> None:
        mine = [e for e in days_off(self.ctx.db) if e.staff_code == self.code]
        self.planned_list.setText("\n".join(
            f"{day_text(e.first_day)} to {day_text(e.last_day)}" + (f": {e.note}" if e.note else "")
            for e in mine) or "None planned yet.")
