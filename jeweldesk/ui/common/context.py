"""What every screen shares: the database handle, who is at the keyboard, and news of changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from jeweldesk.domain.permissions import Act, may
from jeweldesk.services.changes import change_marker
from jeweldesk.services.store import StaffMember
from jeweldesk.storage.engine import Database

if TYPE_CHECKING:
    from jeweldesk.ui.common.risk_feed import RiskFeed

POLL_MS = 1000  # well inside the two seconds a change may take to show elsewhere


class AppContext(QObject):
    """Passed to every screen. ``changed`` fires after any change, here or at another PC."""

    changed = Signal()
    user_changed = Signal()

    def __init__(self, db: Database, user: StaffMember | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._user = user
        self._risk: RiskFeed | None = None
        self._marker = change_marker(db)
        db.tell_after_writes(self.did_change)  # a write from this window: refresh at once
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.check_for_changes)
        # How long the window may stand untouched before it locks; None is the store's
        # setting (Settings › Store). A test sets a few milliseconds here.
        self.idle_lock_ms: int | None = None

    @property
    def user(self) -> StaffMember:
        if self._user is None:
            raise RuntimeError("nobody is signed in at this workstation")
        return self._user

    @property
    def risk(self) -> RiskFeed:
        """The early-warning picture every screen shares, made on first use."""
        if self._risk is None:
            from jeweldesk.ui.common.risk_feed import RiskFeed

            self._risk = RiskFeed(self)
        return self._risk

    @property
    def has_user(self) -> bool:
        return self._user is not None

    def may(self, act: Act) -> bool:
        """Whether the person at the keyboard may do this: the one table the services keep
        (domain/permissions.py), so the window offers only what the store would allow."""
        return self._user is not None and may(self._user.role, act)

    def set_user(self, user: StaffMember) -> None:
        self._user = user
        self.user_changed.emit()

    def start_watching(self) -> None:
        self._timer.start()

    def stop_watching(self) -> None:
        self._timer.stop()

    def check_for_changes(self) -> bool:
        marker = change_marker(self.db)
        if marker == self._marker:
            return False
        self._marker = marker
        self.changed.emit()
        return True

    def did_change(self) -> None:
        """Heard from the write door after each write made here: screens refresh at once,
        without waiting for the poll that notices other workstations' changes."""
        if QThread.currentThread() != self.thread():
            return  # a write from long work off the window's thread: the poll brings it
        self._marker = change_marker(self.db)
        self.changed.emit()
