"""Settings › Notices: the words of each kind of notice, with a preview filled from the
store's latest ticket."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain.errors import Invalid, ServiceError
from jeweldesk.domain.notice_words import (
    BUILT_IN,
    PLACEHOLDERS,
    WORDING_KEYS,
    WORDING_LABELS,
    Wording,
    wording_problem,
)
from jeweldesk.domain.notices import preview
from jeweldesk.services.notices import sample_for_wording
from jeweldesk.services.telling import notice_wording, save_notice_wording
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.widgets import muted
from jeweldesk.ui.settings.saved import saved_line, say

KEY_ROLE = Qt.ItemDataRole.UserRole


class WordingTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.kinds = QListWidget()
        for key in WORDING_KEYS:
            item = QListWidgetItem(WORDING_LABELS[key])
            item.setData(KEY_ROLE, key)
            self.kinds.addItem(item)
        self.kinds.setMaximumWidth(220)
        self.subject = QLineEdit()
        self.text = QPlainTextEdit()
        self.preview_title = QLabel()
        self.preview_title.setWordWrap(True)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview.setStyleSheet("background: #fbf8f2; border: 1px solid #e2dccf; "
                                   "padding: 10px;")
        self.built_in = QPushButton("Put back JewelDesk's wording")
        self.built_in.setAutoDefault(False)
        self.save_button, self.message, saved = saved_line()
        saved.insertWidget(0, self.built_in)
        saved.insertStretch(1, 1)
        help_text = muted("Placeholders: " + ", ".join(f"${p}" for p in PLACEHOLDERS)
                          + ". Write $$ for a dollar sign.")
        help_text.setWordWrap(True)

        grid = QGridLayout(self)
        grid.addWidget(self.kinds, 0, 0, 6, 1)
        grid.addWidget(QLabel("Subject"), 0, 1)
        grid.addWidget(self.subject, 1, 1)
        grid.addWidget(QLabel("Text"), 2, 1)
        grid.addWidget(self.text, 3, 1)
        grid.addWidget(help_text, 4, 1)
        right = QVBoxLayout()
        right.addWidget(self.preview_title)
        right.addWidget(self.preview, 1)
        grid.addLayout(right, 0, 2, 5, 1)
        grid.addLayout(saved, 5, 1, 1, 2)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        grid.setRowStretch(3, 1)

        self.sample = sample_for_wording(ctx.db)
        self.wordings = notice_wording(ctx.db)
        self.kinds.currentRowChanged.connect(self._show)
        self.subject.textChanged.connect(self._refresh_preview)
        self.text.textChanged.connect(self._refresh_preview)
        self.save_button.clicked.connect(self.save)
        self.built_in.clicked.connect(self.put_back)
        self.kinds.setCurrentRow(0)

    @property
    def key(self) -> str:
        return str(self.kinds.currentItem().data(KEY_ROLE))

    def typed(self) -> Wording:
        return Wording(self.subject.text(), self.text.toPlainText())

    def _show(self, _row: int = 0) -> None:
        wording = self.wordings[self.key]
        self.subject.setText(wording.subject)
        self.text.setPlainText(wording.text)
        self.message.clear()

    def _refresh_preview(self) -> None:
        wording = self.typed()
        if problem := wording_problem(wording):
            self.preview_title.setText("")
            self.preview.setText(f"<span style='color:#b3261e'>{_html(problem)}</span>")
            return
        if self.sample is None:
            self.preview_title.setText("")
            self.preview.setText("The preview is filled from a ticket once the store has one.")
            return
        piece, terms, today = self.sample
        subject, text = preview(piece, terms, self.key, wording, today)
        self.preview_title.setText(f"As {piece.customer.name} would read it ({piece.number}):")
        self.preview.setText(f"<b>{_html(subject)}</b><br><br>"
                             + _html(text).replace("\n", "<br>"))

    def save(self) -> None:
        try:
            save_notice_wording(self.ctx.db, self.key, self.typed(), self.ctx.user.code)
        except Invalid as exc:
            say(self.message, "Nothing was saved: " + "; ".join(exc.problems.values()))
            return
        except ServiceError as exc:
            say(self.message, exc.said)
            return
        self.wordings = notice_wording(self.ctx.db)
        say(self.message, "Saved.", good=True)

    def put_back(self) -> None:
        built_in = BUILT_IN[self.key]
        self.subject.setText(built_in.subject)
        self.text.setPlainText(built_in.text)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
