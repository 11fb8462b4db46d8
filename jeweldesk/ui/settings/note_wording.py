"""Settings › Thank-you note: the note's wording as the store says it, kept in its database so
every PC prints the same note; a manager's to change."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from jeweldesk.domain.errors import ServiceError
from jeweldesk.domain.permissions import Act
from jeweldesk.printing import default_note_wording
from jeweldesk.services.note_wording import note_wording, set_note_wording
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.widgets import muted
from jeweldesk.ui.settings.saved import saved_line, say

ABOUT = ("The words of the thank-you note and its care advice. Each line's $words are filled in "
         "from the ticket ($customer as the counter chose to address them, $piece, $work, "
         "$jeweler, $workshop, $occasion …); a line whose $word has nothing to say is left out. "
         "What you delete prints in JewelDesk's own words.")


class NoteWordingTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.text = QPlainTextEdit()
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.shipped_button = QPushButton("Back to JewelDesk's wording")
        self.shipped_button.setAutoDefault(False)
        self.shipped_button.clicked.connect(
            lambda: self.text.setPlainText(default_note_wording()))
        self.save_button, self.message, row = saved_line()
        row.insertWidget(0, self.shipped_button)
        row.insertStretch(1, 1)
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(muted(ABOUT))
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        allowed = ctx.may(Act.NOTE_WORDING)
        self.text.setReadOnly(not allowed)
        for button in (self.save_button, self.shipped_button):
            button.setEnabled(allowed)
            if not allowed:
                button.setToolTip("Only a manager changes the thank-you note's wording")
        self.load()

    def load(self) -> None:
        self.text.setPlainText(note_wording(self.ctx.db) or default_note_wording())

    def save(self) -> None:
        try:
            set_note_wording(self.ctx.db, self.text.toPlainText(), by=self.ctx.user.code)
        except ServiceError as exc:
            say(self.message, exc.said)
            return
        say(self.message, "Saved: every PC of the store prints the note in these words.",
            good=True)
