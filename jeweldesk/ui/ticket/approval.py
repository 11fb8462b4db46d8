"""The customer's yes, from the ticket: ask it for the whole estimate or for one piece of
work ("the shank is thin: re-shank, $180?"), then log the answer, who took it and how."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain import writing
from jeweldesk.domain.errors import Invalid, ServiceError
from jeweldesk.domain.kinds import Channel
from jeweldesk.domain.permissions import Act
from jeweldesk.domain.status import Status
from jeweldesk.services.estimates import answer_approval, ask_approval
from jeweldesk.services.story import ApprovalView, TicketStory
from jeweldesk.ui.common.fields import NOTE_STYLE, money_edit
from jeweldesk.ui.common.widgets import ProblemLabel
from jeweldesk.ui.ticket.tables import when

if TYPE_CHECKING:
    from jeweldesk.ui.ticket.view import TicketDialog

HOW_ANSWERED = {Channel.PHONE: "on the phone", Channel.IN_PERSON: "in person",
                Channel.EMAIL: "by email", Channel.SMS: "by text"}
AFTER_A_NO = {"line": "A no drops only this work",
              "ticket": "A no sends it back as it is"}


def asked_said(a: ApprovalView) -> str:
    """ "Re-shank the ring, $180.00" — or the whole estimate's words."""
    price = f", {writing.money(a.price)}" if a.price is not None else ""
    whole = " (the whole estimate)" if a.whole_ticket else ""
    return f"{a.what}{price}{whole}"


def answer_said(a: ApprovalView) -> str:
    assert a.answered_at is not None
    how = HOW_ANSWERED.get(a.how, "") if a.how else ""
    ended = {"line": ": that work was dropped", "ticket": ": the piece goes back as it is"}
    return (f"{when(a.answered_at)} — {a.answer or ''} {how}, taken by {a.answered_by}"
            + (ended.get(a.ends or "", "") if a.answer == "no" else ""))


class ApprovalForm(QWidget):
    def __init__(self, dialog: TicketDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.waiting = QLabel()
        self.waiting.setWordWrap(True)
        self.what = QLineEdit()
        self.what.setPlaceholderText("What they are asked to agree to: the shank is thin, "
                                     "re-shank it")
        self.price = money_edit("price")
        self.whole = QCheckBox("The whole estimate")
        self.whole.setToolTip("The ticket's whole estimate waits for a yes, not one piece of "
                              "work found on it")
        self.ask_button = QPushButton("Ask for their yes")
        self.ask_button.clicked.connect(self.ask)
        self.what.returnPressed.connect(self.ask)
        self.how = QComboBox()
        for channel, said in HOW_ANSWERED.items():
            self.how.addItem(f"Answered {said}", channel)
        self.ends = QComboBox()
        for key, said in AFTER_A_NO.items():
            self.ends.addItem(said, key)
        self.ends.setToolTip("After a no: only this work is dropped and the rest goes on, or "
                             "the whole ticket ends and the piece goes back as it is")
        self.yes_button = QPushButton("They said yes")
        self.yes_button.clicked.connect(lambda: self.answer(True))
        self.no_button = QPushButton("They said no")
        self.no_button.clicked.connect(lambda: self.answer(False))
        for button in (self.ask_button, self.yes_button, self.no_button):
            button.setAutoDefault(False)
        self.history = QLabel()
        self.history.setStyleSheet(NOTE_STYLE)
        self.history.setWordWrap(True)
        self.problem = ProblemLabel()

        self.ask_row = QWidget()
        ask = QHBoxLayout(self.ask_row)
        ask.setContentsMargins(0, 0, 0, 0)
        ask.addWidget(self.what, 1)
        ask.addWidget(self.price)
        ask.addWidget(self.whole)
        ask.addWidget(self.ask_button)
        self.answer_row = QWidget()
        answer = QHBoxLayout(self.answer_row)
        answer.setContentsMargins(0, 0, 0, 0)
        answer.addWidget(self.how)
        answer.addWidget(self.ends)
        answer.addStretch(1)
        answer.addWidget(self.yes_button)
        answer.addWidget(self.no_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.waiting)
        layout.addWidget(self.ask_row)
        layout.addWidget(self.answer_row)
        layout.addWidget(self.problem)
        layout.addWidget(self.history)
        self._preferred_set = False

    def show_story(self, story: TicketStory) -> None:
        waiting = story.waiting_for
        ctx = self.dialog.ctx
        open_work = not story.status.is_closed and story.status != Status.READY
        if waiting is not None:
            self.waiting.setText(
                f"<b>Waits for the customer's yes</b> since {escape(when(waiting.asked_at))}: "
                f"{escape(asked_said(waiting))} — asked by {escape(waiting.asked_by)}. "
                "The promise's clock is stopped until they answer.")
        else:
            self.waiting.setText("Nothing waits for the customer's yes." if open_work else
                                 f"{story.status.label}: there is no work left to ask about.")
        self.ask_row.setVisible(waiting is None and open_work)
        self.ask_button.setEnabled(ctx.may(Act.ASK_APPROVAL))
        self.answer_row.setVisible(waiting is not None)
        self.ends.setVisible(waiting is not None and not waiting.whole_ticket)
        answering = ctx.may(Act.CONTACT)
        for button in (self.yes_button, self.no_button):
            button.setEnabled(answering)
            button.setToolTip("" if answering else "Counter staff or a manager take the "
                              "customer's answer")
        if not self._preferred_set and story.preferred_channel in HOW_ANSWERED:
            self.how.setCurrentIndex(self.how.findData(story.preferred_channel))
            self._preferred_set = True
        answered = [a for a in story.approvals if a.answered_at is not None]
        self.history.setText("<br>".join(
            f"{escape(asked_said(a))}: {escape(answer_said(a))}" for a in answered))
        self.history.setVisible(bool(answered))

    def ask(self) -> None:
        d = self.dialog
        self.problem.show_problem(None)
        whole = self.whole.isChecked()
        try:
            ask_approval(d.ctx.db, d.number, self.what.text(), d.ctx.user.code,
                         self.price.text().strip() or None, whole_ticket=whole)
        except Invalid as exc:
            self.problem.show_problem("; ".join(exc.problems.values()))
            return
        except ServiceError as exc:
            self.problem.show_problem(str(exc))
            return
        self.what.clear()
        self.price.clear()
        self.whole.setChecked(False)
        d.say(f"{d.number} waits for the customer's yes; its promise waits with it.", good=True)
        d.reload()

    def answer(self, yes: bool) -> None:
        d = self.dialog
        self.problem.show_problem(None)
        ends = str(self.ends.currentData())
        try:
            answer_approval(d.ctx.db, d.number, yes, self.how.currentData(), d.ctx.user.code,
                            ends)
        except Invalid as exc:
            self.problem.show_problem("; ".join(exc.problems.values()))
            return
        except ServiceError as exc:
            self.problem.show_problem(str(exc))
            return
        d.reload()
        story = d.story
        if yes:
            d.say("The customer said yes: the work is on the ticket, and the promise is "
                  f"{writing.day(story.promised_for)}.", good=True)
        elif story.status == Status.READY:
            d.say("The customer said no: the piece goes back as it is, ready to hand back.",
                  good=True)
        else:
            d.say("The customer said no: that work is dropped, and the rest goes on.", good=True)
