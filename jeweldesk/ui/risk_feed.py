"""One early-warning picture for the whole window: read once per change, judged once, off the
window's thread, and handed to every screen that shows it (Today, the bench, a ticket)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from jeweldesk.services.prepare import FlagWithHandling, flags_from, risk_inputs
from jeweldesk.ui.work import BackgroundCall


class RiskFeed(QObject):
    updated = Signal(object)  # list[FlagWithHandling], most urgent first
    failed = Signal(str)

    def __init__(self, ctx: QObject) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self.rows: list[FlagWithHandling] | None = None
        self._call = BackgroundCall(self)
        self._call.done.connect(self._judged)
        self._call.failed.connect(self.failed)
        ctx.changed.connect(self.refresh)  # type: ignore[attr-defined]

    @property
    def busy(self) -> bool:
        return self._call.busy

    def refresh(self) -> None:
        # The database is read here, on the window's thread; only judging goes to a worker.
        inputs = risk_inputs(self.ctx.db)  # type: ignore[attr-defined]
        self._call.request(lambda: flags_from(inputs))

    def ensure(self) -> None:
        """A screen that just opened: show what is known, and ask if nothing is yet."""
        if self.rows is not None:
            self.updated.emit(self.rows)
        elif not self.busy:
            self.refresh()

    def _judged(self, rows: list[FlagWithHandling]) -> None:
        self.rows = rows
        self.updated.emit(rows)
