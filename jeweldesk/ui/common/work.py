"""Long work off the window's thread: a core generator yields progress, a dialog shows it."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Generator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
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
        # No cancel button: Qt takes a null text to mean none, which PySide6's stubs do not allow.
        self.dialog = QProgressDialog(title, None, 0, 0, parent)  # type: ignore[call-overload]
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.worker_thread = QThread(self)
        self.worker = _Worker(make_steps)
        self.worker.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._progressed)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)

    def start(self) -> None:
        self.worker_thread.start()

    def _progressed(self, done: int, total: int, stage: str) -> None:
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total))
        self.dialog.setLabelText(stage[:1].upper() + stage[1:] + "…")

    def _stop(self) -> None:
        self.worker_thread.quit()
        self.worker_thread.wait()
        self.dialog.reset()
        self.dialog.hide()

    def _finished(self, result: object) -> None:
        self._stop()
        self.done.emit(result)

    def _failed(self, message: str) -> None:
        self._stop()
        self.failed.emit(message)


# Plain Python threads, and no Qt object is touched off the window's thread: a worker that
# emitted a Qt signal while its screen was being closed crashed the whole program.
_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="jeweldesk-background")
_PENDING: set[Future[Any]] = set()
_CHECK_MS = 25


# Work that is pure Python for seconds (judging the whole store) runs in a process of its
# own: on a thread it would hold the interpreter lock the window needs to paint. Started the
# portable way (spawn), so nothing of Qt's is copied into it.
_APART: ProcessPoolExecutor | None = None


def _apart() -> ProcessPoolExecutor:
    global _APART
    if _APART is None:
        _APART = ProcessPoolExecutor(max_workers=1,
                                     mp_context=multiprocessing.get_context("spawn"))
    return _APART


def in_background(work: Callable[[], Any]) -> None:
    """Work nobody waits for the answer of (the day's backup): on a thread, finished before
    the window's database closes."""
    future = _POOL.submit(work)
    _PENDING.add(future)
    future.add_done_callback(_PENDING.discard)


def wait_for_background_work(timeout: float = 30.0) -> None:
    """Let background work finish, e.g. before the database it reads is closed."""
    wait(list(_PENDING), timeout=timeout)


def stop_background_work(timeout: float = 30.0) -> None:
    """The window is closing: the threads' work finishes, the process of its own is stopped
    where it is (nothing it was doing is the store's: it only reads, and keeps a copy)."""
    global _APART
    if _APART is not None:
        apart, _APART = _APART, None
        processes = list((getattr(apart, "_processes", None) or {}).values())
        apart.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
    wait_for_background_work(timeout)


class BackgroundCall(QObject):
    """Runs ``work`` off the window's thread; when asked again meanwhile, only the newest
    answer is delivered, so a screen never shows an older picture over a newer one.

    ``work`` must not use the database or Qt: read what it needs first, on this thread.
    With ``apart``, it runs in a process of its own: it must then be picklable (a module's
    function, or a partial of one), and may open the database itself.
    """

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._future: Future[Any] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(_CHECK_MS)
        self._timer.timeout.connect(self._check)

    @property
    def busy(self) -> bool:
        return self._future is not None

    def request(self, work: Callable[[], Any], apart: bool = False) -> None:
        pool: Executor = _apart() if apart else _POOL
        future = pool.submit(work)
        _PENDING.add(future)
        future.add_done_callback(_PENDING.discard)
        self._future = future  # an older request still running is simply not listened to
        self._timer.start()

    def _check(self) -> None:
        future = self._future
        if future is None or not future.done():
            return
        self._future = None
        self._timer.stop()
        if future.cancelled():
            return
        problem = future.exception()
        if problem is not None:
            self.failed.emit(str(problem))
        else:
            self.done.emit(future.result())
