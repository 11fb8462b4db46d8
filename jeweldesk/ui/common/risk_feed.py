"""One early-warning picture for the whole window: read once per change, judged once, off the
window's thread, and handed to every screen that shows it (Today, the bench, a ticket);
with it, the jewelers away without notice, worked out from the same record."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from jeweldesk.services.days_off import JewelerAway
from jeweldesk.services.morning import Morning, judge_store, morning
from jeweldesk.services.prepare import FlagWithHandling
from jeweldesk.storage.engine import sqlite_file
from jeweldesk.ui.common.work import BackgroundCall

if TYPE_CHECKING:
    from jeweldesk.ui.common.context import AppContext


class RiskFeed(QObject):
    updated = Signal(object)  # list[FlagWithHandling], most urgent first
    away = Signal(object)  # list[JewelerAway], the longest away first
    track = Signal(str)  # how the warnings have done here lately, in a sentence
    failed = Signal(str)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self.rows: list[FlagWithHandling] | None = None
        self.away_now: list[JewelerAway] = []
        self.track_said = ""
        self._call = BackgroundCall(self)
        self._call.done.connect(self._judged)
        self._call.failed.connect(self.failed)
        ctx.changed.connect(self.refresh)

    @property
    def busy(self) -> bool:
        return self._call.busy

    def refresh(self) -> None:
        db = self.ctx.db
        if db.is_sqlite and sqlite_file(db.url) is None:
            # A database in memory cannot be opened from another process: a thread, then.
            self._call.request(partial(morning, db))
        else:
            # Read and judged in a process of its own: the window paints meanwhile.
            self._call.request(partial(judge_store, db.url), apart=True)

    def ensure(self) -> None:
        """A screen that just opened: show what is known, and ask if nothing is yet."""
        if self.rows is not None:
            self.updated.emit(self.rows)
            self.away.emit(self.away_now)
            self.track.emit(self.track_said)
        elif not self.busy:
            self.refresh()

    def _judged(self, judged: Morning) -> None:
        self.rows, self.away_now, self.track_said = judged.rows, judged.away, judged.track
        self.updated.emit(self.rows)
        self.away.emit(self.away_now)
        self.track.emit(self.track_said)
