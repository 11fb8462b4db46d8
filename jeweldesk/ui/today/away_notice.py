"""Today's word on a jeweler away without notice, and the manager's answer: until when.

The early warnings guess how long an unexplained absence lasts from the absences the store
has seen; once someone says when the jeweler is back, the queue simply waits until then.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import (
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain.errors import ServiceError
from jeweldesk.domain.permissions import Act
from jeweldesk.services.days_off import NOTE_LENGTH, JewelerAway, plan_days_off
from jeweldesk.services.store import store_today
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.fields import CounterDialog, as_the_store_writes, from_qdate, to_qdate
from jeweldesk.ui.common.widgets import DUE_TODAY_TINT, ProblemLabel, day_text, muted


class AwayNotice(QFrame):
    """A line for each jeweler away without notice; a manager can say until when."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("awayNotice")
        self.setStyleSheet(f"#awayNotice {{ background: {DUE_TODAY_TINT.name()};"
                           " border-radius: 4px; }")
        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(10, 6, 10, 6)
        self.rows.setSpacing(4)
        self.buttons: dict[str, QPushButton] = {}
        self.dialog: AwayUntilDialog | None = None
        self.hide()
        ctx.risk.away.connect(self.show_away)
        ctx.user_changed.connect(lambda: self.show_away(ctx.risk.away_now))

    def show_away(self, away: list[JewelerAway]) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.buttons = {}
        manager = self.ctx.may(Act.DAYS_OFF)
        for who in away:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            words = QLabel(who.said() + ("" if manager else
                                              " A manager can enter until when."))
            words.setWordWrap(True)
            line.addWidget(words, 1)
            if manager:
                button = QPushButton("Away until…")
                button.setAutoDefault(False)
                button.clicked.connect(lambda _=False, w=who: self.ask_until(w))
                line.addWidget(button)
                self.buttons[who.staff_code] = button
            self.rows.addWidget(row)
        self.setVisible(bool(away))

    def ask_until(self, away: JewelerAway) -> AwayUntilDialog:
        self.dialog = AwayUntilDialog(self.ctx, away, self)
        self.dialog.open()
        return self.dialog


class AwayUntilDialog(CounterDialog):
    """When the jeweler is back at the bench: the days from the first one missed until
    then are entered as days off."""

    def __init__(self, ctx: AppContext, away: JewelerAway, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.away = away
        self.setWindowTitle(f"{away.staff_name} away")
        self.back_on = QDateEdit()
        self.back_on.setCalendarPopup(True)
        as_the_store_writes(self.back_on)
        tomorrow = to_qdate(store_today(ctx.db) + timedelta(days=1))
        self.back_on.setMinimumDate(tomorrow)
        self.back_on.setDate(tomorrow)
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_LENGTH)
        self.note.setPlaceholderText("Sick, holiday… (optional)")
        self.problem = ProblemLabel()
        form = QFormLayout()
        form.addRow("Back at the bench on", self.back_on)
        form.addRow("Note", self.note)
        buttons = QDialogButtonBox()
        self.save = buttons.addButton("Save", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save_days_off)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(away.said()))
        layout.addWidget(muted(f"The days from {day_text(away.since)} until then are entered "
                               "as days off: the early warnings hold the queue until the "
                               "jeweler is back instead of guessing."))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def save_days_off(self) -> None:
        back = from_qdate(self.back_on.date())
        try:
            plan_days_off(self.ctx.db, self.away.staff_code, self.away.since,
                          back - timedelta(days=1), self.note.text(), by=self.ctx.user.code)
        except ServiceError as exc:
            self.problem.show_problem(exc.said)
            return
        self.accept()
