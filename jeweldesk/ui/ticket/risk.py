"""On a ticket at risk, the warning and the way to prepare the customer, right at the top."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from jeweldesk.services.prepare import FlagWithHandling
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.widgets import day_text
from jeweldesk.ui.today.at_risk_model import first_reason, level_colours, level_label
from jeweldesk.ui.today.prepare import PrepareDialog


class RiskBanner(QWidget):
    """Hidden while the promise is on track; the engine is asked off the window's thread."""

    def __init__(self, ctx: AppContext, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.number = number
        self.row: FlagWithHandling | None = None
        self.dialog: PrepareDialog | None = None
        self.words = QLabel()
        self.words.setWordWrap(True)
        self.prepare = QPushButton("Prepare the customer…")
        self.prepare.setAutoDefault(False)
        self.prepare.clicked.connect(self.open_prepare)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.words, 1)
        layout.addWidget(self.prepare)
        ctx.risk.updated.connect(self._show)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.hide()

    def refresh(self) -> None:
        self.ctx.risk.ensure()

    def _show(self, rows: list[FlagWithHandling]) -> None:
        self.row = next((r for r in rows if r.ticket == self.number), None)
        if self.row is None:
            self.hide()
            return
        flag = self.row.flag
        background, text = level_colours(flag.level)
        self.setStyleSheet(f"RiskBanner {{ background: {background}; border-radius: 4px; }}"
                           f" QLabel {{ color: {text}; }}")
        expected = f"expected {day_text(flag.expected_ready)}" if flag.expected_ready else ""
        promised = f"promised {day_text(flag.promised_for)}" if flag.promised_for else ""
        handled = ""
        if self.row.handled and self.row.handling is not None:
            handled = f" — handled by {self.row.handling.by_name}"
        self.words.setText(
            f"<b>{level_label(flag.level)}</b>: {', '.join(x for x in (promised, expected) if x)}"
            f"{handled}. {first_reason(self.row)}")
        self.show()

    def open_prepare(self) -> PrepareDialog:
        self.dialog = PrepareDialog(self.ctx, self.number, self)
        self.dialog.open()
        return self.dialog
