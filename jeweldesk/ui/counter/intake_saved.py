"""After the save: the new ticket numbers, to write on the envelopes and read to the customer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain import writing
from jeweldesk.services.story import stories
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.documents import show_receipt, show_tags
from jeweldesk.ui.common.fields import NOTE_STYLE


class SavedPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.numbers: list[str] = []
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 20px; font-weight: 600;")
        self.note = QLabel()
        self.note.setStyleSheet(NOTE_STYLE)
        self.note.setWordWrap(True)
        self.tickets = QListWidget()
        self.tickets.setStyleSheet("QListWidget { font-size: 15px; } "
                                   "QListWidget::item { padding: 6px; }")
        self.tickets.itemActivated.connect(self._open)
        self.open_ticket = QPushButton("Open the ticket")
        self.open_ticket.setAutoDefault(False)
        self.open_ticket.clicked.connect(self._open_current)
        self.receipt = QPushButton("Print the claim &receipt")
        self.receipt.clicked.connect(lambda: show_receipt(self.ctx, self.numbers, self))
        self.tags = QPushButton("Print envelope ta&gs")
        self.tags.clicked.connect(lambda: show_tags(self.ctx, self.numbers, self))
        self.another = QPushButton("Take in another visit")
        self.another.setAutoDefault(False)
        self.done = QPushButton("Done")
        paper = QHBoxLayout()
        paper.addWidget(self.receipt)
        paper.addWidget(self.tags)
        paper.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_ticket)
        buttons.addStretch(1)
        buttons.addWidget(self.another)
        buttons.addWidget(self.done)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addLayout(paper)
        layout.addWidget(self.tickets, 1)
        layout.addLayout(buttons)

    def show_saved(self, numbers: list[str]) -> None:
        self.numbers = list(numbers)
        found = stories(self.ctx.db, self.numbers)
        self.tickets.clear()
        for story in found:
            item = QListWidgetItem(
                f"{story.number}   {story.item_kind.value.capitalize()}: {story.item_description}"
                f"   ·   promised {writing.day(story.promised_for)}"
                f"   ·   balance {writing.money(story.balance)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, story.number)
            self.tickets.addItem(item)
        who = found[0].customer_name if found else ""
        listed = ", ".join(self.numbers)
        self.title.setText(f"Saved for {who}: {listed}")
        self.note.setText("One claim receipt for the customer covers every piece; "
                          "each envelope gets its own tag.")
        self.tickets.setCurrentRow(0)
        self.receipt.setFocus()

    def _open_current(self) -> None:
        item = self.tickets.currentItem()
        if item is not None:
            self._open(item)

    def _open(self, item: QListWidgetItem) -> None:
        from jeweldesk.ui.ticket.view import open_ticket

        open_ticket(self.ctx, str(item.data(Qt.ItemDataRole.UserRole)), self)
