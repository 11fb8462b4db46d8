"""The promises at risk, as the Today view lists them: Enter or a double-click opens
Prepare the customer on the chosen one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.services.prepare import FlagWithHandling
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.when_drawn import WhenDrawn
from jeweldesk.ui.common.widgets import list_look, muted
from jeweldesk.ui.today.at_risk_model import (
    CUSTOMER,
    HANDLED,
    NUMBER_ROLE,
    OCCASION,
    WHY,
    AtRiskModel,
    all_reasons,
)
from jeweldesk.ui.today.prepare import PrepareDialog


class _FlagTable(QTableView):
    """Enter opens the highlighted flag, as a double-click does."""

    open_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit()
            return
        super().keyPressEvent(event)


def summary(rows: Sequence[FlagWithHandling]) -> str:
    """Late and at-risk promises are calls to make; a promise to watch is not yet a call."""
    if not rows:
        return "No promise is at risk."
    calls = sum(1 for r in rows if not r.handled and r.flag.level.needs_call)
    watch = sum(1 for r in rows if not r.handled and not r.flag.level.needs_call)
    handled = sum(1 for r in rows if r.handled)
    parts = [f"{calls} to call" if calls else "Nobody left to call"]
    if watch:
        parts.append(f"{watch} to watch")
    if handled:
        parts.append(f"{handled} handled")
    return "; ".join(parts)


READING = "Reading the morning…"  # until the warnings are judged, in a process of their own


class AtRiskList(QWidget):
    """The promises at risk, compact, for the Today view; refreshes on ``ctx.changed``."""

    prepared = Signal(str)  # a call was logged for this ticket

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 compact: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: PrepareDialog | None = None
        self.model = AtRiskModel()
        self.table = list_look(_FlagTable())
        self.table.setModel(self.model)
        self.table.setShowGrid(False)
        # A light selection keeps the level badges and the dimmed handled rows readable.
        self.table.setStyleSheet("QTableView { selection-background-color: #dbe7ec;"
                                 " selection-color: #1f2328; }")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The reason is the point of the list: it takes the room; a long name is cut short.
        header.setSectionResizeMode(CUSTOMER, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(CUSTOMER, 150)
        header.setSectionResizeMode(WHY, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        if compact:
            # Half a screen wide: the occasion speaks in the first reason, handled rows are
            # dimmed, and the reasons get the room.
            self.table.setColumnHidden(OCCASION, True)
            self.table.setColumnHidden(HANDLED, True)
            header.resizeSection(CUSTOMER, 130)
        # The selected piece's reasons in full: the column has room for only the first.
        self.why = muted("")
        self.why.setObjectName("why")
        self.why.setTextFormat(Qt.TextFormat.PlainText)
        self.summary = muted("")
        self.prepare = QPushButton("Prepare the customer…")
        self.prepare.setEnabled(False)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.prepare)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.why)
        layout.addLayout(bar)
        self.prepare.clicked.connect(lambda: self.open_prepare())
        self.table.doubleClicked.connect(lambda _index: self.open_prepare())
        self.table.open_requested.connect(lambda: self.open_prepare())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        ctx.risk.updated.connect(self._show)
        ctx.risk.failed.connect(self._not_shown)
        if ctx.risk.rows is None:
            self.summary.setText(READING)
            # Judging starts a process of its own: once the window is drawn, not while it
            # is being built, so the two do not share the start.
            WhenDrawn(self, ctx.risk.ensure)
        else:
            ctx.risk.ensure()

    def refresh(self) -> None:
        self.ctx.risk.refresh()

    def _show(self, rows: list[FlagWithHandling]) -> None:
        chosen = self.selected_number()
        self.model.set_rows(rows)
        self.summary.setText(summary(rows))
        self.select(chosen)

    def _not_shown(self, message: str) -> None:
        self.model.set_rows([])
        self.summary.setText(message)

    def select(self, number: str | None) -> None:
        for n in range(self.model.rowCount()):
            if number is None or self.model.row(n).ticket == number:
                self.table.selectRow(n)
                self.table.setCurrentIndex(self.model.index(n, 0))
                return
        self._selection_changed()

    def selected_number(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return str(self.model.data(index, NUMBER_ROLE))

    def open_prepare(self, number: str | None = None) -> PrepareDialog | None:
        number = number or self.selected_number()
        if number is None:
            return None
        self.dialog = PrepareDialog(self.ctx, number, self)
        self.dialog.accepted.connect(lambda: self.prepared.emit(number))
        self.dialog.open()
        return self.dialog

    def _selection_changed(self, *_: object) -> None:
        index = self.table.currentIndex()
        chosen = self.model.row(index.row()) if index.isValid() else None
        self.prepare.setEnabled(chosen is not None)
        self.why.setText(f"{chosen.flag.ticket}: {all_reasons(chosen)}" if chosen else "")
        self.why.setVisible(chosen is not None)
