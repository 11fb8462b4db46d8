"""Long work off the window's thread: a core generator yields progress, a dialog shows it."""

from __future__ import annotations

from collections.abc import Callable, Generator
from contextlib import suppress
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThread, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from jeweldesk.interchange.common import Progress


class _Worker(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, make_steps: Callable[[], Generator[Progress, None, Any]]) -> None:
        super().__init__()
        self.make_steps = make_steps

    def run(self) -> None:
        steps = self.make_steps()
        try:
            while True:
                step = next(steps)
                self.progressed.emit(step.done, step.total, step.stage)
        except StopIteration as done:
            self.finished.emit(done.value)
        except Exception as exc:  # shown to the person, who can act on it
            self.failed.emit(str(exc))


class LongJob(QObject):
    """Runs ``make_steps()`` on a worker thread with a progress dialog over ``parent``.

    ``done`` carries the generator's result; ``failed`` the message of what went wrong.
    The generator must open its own database sessions (services do), never share one.
    """

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, title: str, make_steps: Callable[[], Generator[Progress, None, Any]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dialog = QProgressDialog(title, None, 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.thread = QThread(self)
        self.worker = _Worker(make_steps)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._progressed)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)

    def start(self) -> None:
        self.thread.start()

    def _progressed(self, done: int, total: int, stage: str) -> None:
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total))
        self.dialog.setLabelText(stage[:1].upper() + stage[1:] + "…")

    def _stop(self) -> None:
        self.thread.quit()
        self.thread.wait()
        self.dialog.reset()
        self.dialog.hide()

    def _finished(self, result: object) -> None:
        self._stop()
        self.done.emit(result)

    def _failed(self, message: str) -> None:
        self._stop()
        self.failed.emit(message)


class _Relay(QObject):
    """Lives on the window's thread; the worker's result reaches it as a queued signal."""

    finished = Signal(int, object)
    failed = Signal(int, str)


class _Call(QRunnable):
    def __init__(self, ticket: int, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.ticket, self.work, self.relay = ticket, work, relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # reported to the screen, which says it plainly
            self._say(self.relay.failed, str(exc))
        else:
            self._say(self.relay.finished, result)

    def _say(self, signal: Any, value: object) -> None:
        # The screen may have closed meanwhile: then nobody is left to tell.
        with suppress(RuntimeError):
            signal.emit(self.ticket, value)


class BackgroundCall(QObject):
    """Runs ``work`` off the window's thread; when asked again meanwhile, only the newest
    answer is delivered, so a screen never shows an older picture over a newer one."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._asked = 0
        self._answered = 0
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._relay.failed.connect(self._failed)

    @property
    def busy(self) -> bool:
        return self._answered < self._asked

    def request(self, work: Callable[[], Any]) -> None:
        self._asked += 1
        QThreadPool.globalInstance().start(_Call(self._asked, work, self._relay))

    def _finished(self, ticket: int, result: object) -> None:
        if ticket == self._asked:
            self._answered = ticket
            self.done.emit(result)

    def _failed(self, ticket: int, message: str) -> None:
        if ticket == self._asked:
            self._answered = ticket
            self.failed.emit(message)
