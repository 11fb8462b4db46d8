"""Today's *To tell* panel: the notices due, *Send* for the email and text ones, *Done*
for the calls and letters a person makes."""

from __future__ import annotations

from collections.abc import Callable, Generator
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain.errors import ServiceError
from jeweldesk.domain.kinds import Channel
from jeweldesk.domain.notice_words import NoticeKind
from jeweldesk.domain.notices import Notice
from jeweldesk.domain.permissions import Act
from jeweldesk.interchange.common import Progress
from jeweldesk.services.estimates import Waiting
from jeweldesk.services.telling_now import ToTell, to_tell_now
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.rows import Column, RowsModel
from jeweldesk.ui.common.when_drawn import WhenDrawn
from jeweldesk.ui.common.widgets import heading, list_look, muted
from jeweldesk.ui.common.work import BackgroundCall, LongJob

if TYPE_CHECKING:
    from jeweldesk.services.sending import Sent
    from jeweldesk.ui.common.paper import PaperPreview

NOBODY = "Nobody is waiting to hear from the store."
HOW = {Channel.EMAIL: "Email", Channel.SMS: "Text", Channel.PHONE: "Call",
       Channel.LETTER: "Letter", Channel.IN_PERSON: "In person"}


def how(notice: Notice) -> str:
    if notice.channel == Channel.LETTER:
        return "Letter to print and post"
    return f"{HOW[notice.channel]} {notice.to}" if notice.to else HOW[notice.channel]


COLUMNS = (
    Column("Ticket", lambda n: ", ".join(n.tickets)),
    Column("Customer", lambda n: n.customer),
    Column("About", lambda n: n.kind.label),
    Column("How", how),
    Column("Subject", lambda n: n.subject, tip=lambda n: n.text),
)


SIZED_BY_ROWS = 40  # columns sized to the first rows, as Today's other lists are


class ToTellPanel(QWidget):
    def __init__(self, ctx: AppContext, open_ticket: Callable[[str], object]) -> None:
        super().__init__()
        self.ctx = ctx
        self._open_ticket = open_ticket
        self.title = heading("To tell", 1)
        self.counter = muted("")
        self.model = RowsModel(COLUMNS, self, key=lambda n: n.ticket)
        self.table = list_look(QTableView())
        self.table.setModel(self.model)
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setResizeContentsPrecision(SIZED_BY_ROWS)
        self.table.selectionModel().currentRowChanged.connect(self._chosen)
        self.table.activated.connect(self._activated)
        self.table.setMinimumHeight(90)
        self.empty = muted(NOBODY)
        self.waiting = muted("")  # what waits for a customer's yes, told or not
        self.waiting.setWordWrap(False)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.send_button = QPushButton("Send")
        self.send_button.setToolTip("Send the chosen email or text now")
        self.send_button.clicked.connect(self.send_chosen)
        self.letter_button = QPushButton("Letter…")
        self.letter_button.setToolTip("The final letter, to print or save, addressed for a "
                                      "window envelope")
        self.letter_button.clicked.connect(self.show_chosen_letter)
        self.done_button = QPushButton("Done")
        self.done_button.setToolTip("The call is made, or the letter printed and posted")
        self.done_button.clicked.connect(self.mark_chosen_done)
        for button in (self.send_button, self.letter_button, self.done_button):
            button.setAutoDefault(False)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.counter)
        top.addSpacing(16)
        top.addWidget(self.waiting)
        top.addStretch(1)
        top.addWidget(self.send_button)
        top.addWidget(self.letter_button)
        top.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addWidget(self.preview, 2)
        layout.addLayout(body, 1)
        layout.addWidget(self.empty)
        self.reading = self._again = self._read_once = False
        self._call = BackgroundCall(self)
        self._call.done.connect(self._arrived)
        self._call.failed.connect(self._not_read)
        self.table.setVisible(False)
        self.preview.setVisible(False)
        ctx.changed.connect(self.refresh)
        # The first read waits for the window to be drawn: a thread reading slows the
        # window's own start.
        self.counter.setText("reading…")
        self.empty.setText("Reading who is waiting to hear from the store…")
        WhenDrawn(self, self.refresh)

    @property
    def up_to_date(self) -> bool:
        """The list shown is the latest read, with none still on its way."""
        return self._read_once and not self.reading

    @property
    def notices(self) -> list[Notice]:
        return list(self.model.rows)

    def refresh(self) -> None:
        """Worked out off the window's thread (every ticket is read): the list shown stays
        until the new one arrives, and the first time the panel says it is reading."""
        if self.reading:
            self._again = True  # asked again meanwhile: once more when this one arrives
            return
        self.reading = True
        if not self._read_once:
            self.counter.setText("reading…")
            self.empty.setText("Reading who is waiting to hear from the store…")
        self._call.request(partial(to_tell_now, self.ctx.db))

    def _arrived(self, found: ToTell) -> None:
        self.reading = False
        self._read_once = True
        if self._again:
            self._again = False
            self.refresh()
        self.show_notices(found.due, found.waiting)

    def _not_read(self, message: str) -> None:
        self.reading = False
        self.counter.setText("")
        self.empty.setText(f"The notices could not be read: {message}")
        self.empty.setVisible(True)

    def show_notices(self, due: list[Notice], waits: list[Waiting]) -> None:
        chosen = self.chosen()
        self.waiting.setText("" if not waits else "Waiting for a yes: " + ", ".join(
            f"{w.ticket} ({w.customer})" for w in waits[:4]) + (" …" if len(waits) > 4 else ""))
        self.model.set_rows(due)
        self.counter.setText(str(len(due)) if due else "")
        self.empty.setText(NOBODY)
        self.table.setVisible(bool(due))
        self.preview.setVisible(bool(due))
        self.empty.setVisible(not due)
        keys = [(n.tickets, n.kind, n.step) for n in due]
        if chosen is not None and (chosen.tickets, chosen.kind, chosen.step) in keys:
            self.table.selectRow(keys.index((chosen.tickets, chosen.kind, chosen.step)))
        elif due:
            self.table.selectRow(0)
        self._chosen()

    def chosen(self) -> Notice | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        notice: Notice = self.model.rows[index.row()]
        return notice

    def _chosen(self, *_args: Any) -> None:
        notice = self.chosen()
        allowed = self.ctx.may(Act.CONTACT)
        self.send_button.setEnabled(allowed and notice is not None and notice.sends_itself)
        self.done_button.setEnabled(allowed and notice is not None and not notice.sends_itself)
        self.letter_button.setEnabled(notice is not None and _is_letter(notice))
        if not allowed:
            self.send_button.setToolTip("Counter staff or a manager tell the customers")
        self.preview.setText("" if notice is None else
                             f"<b>{_html(notice.subject)}</b><br><br>"
                             + _html(notice.text).replace("\n", "<br>"))

    def _activated(self, index: QModelIndex) -> None:
        notice = self.chosen()
        if notice is not None and index.isValid():
            self._open_ticket(notice.ticket)

    def send_chosen(self) -> None:
        notice = self.chosen()
        if notice is None or not notice.sends_itself:
            return
        from jeweldesk.services.sending import send  # the mail and text clients, when used

        db, by = self.ctx.db, self.ctx.user.code

        def steps() -> Generator[Progress, None, list[Sent]]:
            yield Progress(0, 1, "sending")
            return send(db, [notice], by)

        self.job = LongJob(f"Sending to {notice.customer}", steps, self)
        self.job.done.connect(lambda _sent: self.refresh())
        self.job.failed.connect(self._failed)
        self.job.start()

    def _failed(self, message: str) -> None:
        QMessageBox.warning(self, "Not sent", message)
        self.refresh()

    def show_chosen_letter(self) -> PaperPreview | None:
        notice = self.chosen()
        if notice is None or not _is_letter(notice):
            return None
        # The paper (and ReportLab) loads when it is first asked for, not at start-up.
        from jeweldesk.ui.common.documents import show_letter

        self.letter = show_letter(self.ctx, notice.ticket, self)
        return self.letter

    def mark_chosen_done(self) -> None:
        notice = self.chosen()
        if notice is None or notice.sends_itself:
            return
        from jeweldesk.services.sending import mark_done

        try:
            mark_done(self.ctx.db, notice, self.ctx.user.code)
        except ServiceError as exc:
            QMessageBox.warning(self, "Not done", str(exc))
            self.refresh()


def _is_letter(notice: Notice) -> bool:
    return notice.channel == Channel.LETTER and notice.kind == NoticeKind.UNCLAIMED


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
