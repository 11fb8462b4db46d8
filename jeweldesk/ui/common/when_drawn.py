"""Work that would slow the window's own start waits until the window is on screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

AT_LATEST_MS = 1500  # shown or not, the work begins within this much after it was asked


class WhenDrawn(QObject):
    """Calls ``call`` once: just after ``widget`` is first painted, or ``at_latest_ms`` from
    now if it never is (a screen built but not shown)."""

    def __init__(self, widget: QWidget, call: Callable[[], object],
                 at_latest_ms: int = AT_LATEST_MS) -> None:
        super().__init__(widget)
        self._widget = widget
        self._call = call
        self._done = False
        widget.installEventFilter(self)
        QTimer.singleShot(at_latest_ms, self, self._now)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            QTimer.singleShot(0, self, self._now)
        return False

    def _now(self) -> None:
        if not self._done:
            self._done = True
            self._widget.removeEventFilter(self)
            self._call()
