"""Opening the desktop app: the look, the safety net, the database, the first start, sign-in."""

from __future__ import annotations

import logging
import sqlite3
import sys
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from jeweldesk.config import data_dir, database_url, log_dir
from jeweldesk.domain.errors import LONG_LINE_CHARS, ServiceError, capped
from jeweldesk.storage.health import DatabaseBusy, DatabaseFileError
from jeweldesk.storage.quick_read import FirstLook, first_look
from jeweldesk.storage.schema_head import NewerDatabaseError
from jeweldesk.ui.common.theme import apply_theme
from jeweldesk.ui.start.sign_in import sign_in_first, sign_in_while_opening

if TYPE_CHECKING:
    from sqlalchemy.exc import OperationalError

    from jeweldesk.storage.engine import Database
    from jeweldesk.ui.common.context import AppContext

log = logging.getLogger("jeweldesk")
CANNOT_USE = "JewelDesk cannot use this database"


def log_file() -> Path:
    return log_dir() / "jeweldesk.log"


def _start_logging() -> None:
    handler = logging.FileHandler(log_file(), encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def _exception_hook(kind: type[BaseException], error: BaseException,
                    tb: TracebackType | None) -> None:
    """Write the traceback down and say where, instead of vanishing."""
    if isinstance(error, DatabaseBusy | DatabaseFileError):
        # A lock held elsewhere or a file gone bad: the one line says it all and what to do.
        log.warning("%s", error)
        if QApplication.instance() is not None:
            QMessageBox.critical(None, CANNOT_USE, capped(error, LONG_LINE_CHARS))
        return
    text = "".join(traceback.format_exception(kind, error, tb))
    path = log_file()
    try:
        with path.open("a", encoding="utf-8") as out:
            out.write(f"\n--- {datetime.now():%Y-%m-%d %H:%M:%S} ---\n{text}")
    except OSError:
        path = Path("(the log could not be written)")
    sys.stderr.write(text)
    if QApplication.instance() is not None:
        QMessageBox.critical(
            None, "JewelDesk ran into a problem",
            f"Something went wrong: {error}\n\nNothing you saved before this was lost. "
            f"The details are in\n{path}\nPlease send that file to whoever looks after "
            "JewelDesk for you.",
        )


def _opened(url: str) -> Database:
    """The store, checked and upgraded; what refuses it is raised, for ``_settled`` to say."""
    from jeweldesk.storage.engine import Database
    from jeweldesk.storage.migrate import upgrade

    db = Database.open(url, may_create=True)  # a new file here is the store's set-up
    try:
        result = upgrade(db.engine)
    except BaseException:
        db.dispose()
        raise
    if result.backup is not None:
        log.info("backed up %s to %s before upgrading", url, result.backup)
    return db


def _settled(url: str, opening: Callable[[], Database]) -> Database | None:
    """The store ``opening`` gives; None when it was refused, and said why."""
    from sqlalchemy.exc import OperationalError

    try:
        return opening()
    except NewerDatabaseError as exc:
        QMessageBox.critical(None, "A newer JewelDesk wrote this database", str(exc))
    except (DatabaseFileError, DatabaseBusy) as exc:
        QMessageBox.critical(None, CANNOT_USE, capped(exc, LONG_LINE_CHARS))
    except OperationalError as exc:
        _cannot_open(url, exc)
    return None


def _open_database(url: str) -> Database | None:
    """The store, checked, upgraded and backed up for the day; None when refused (said)."""
    return _settled(url, lambda: _opened(url))


def _opening(url: str) -> Future[Database]:
    """The store opened on a thread while the sign-in is up: the engine and the screens'
    services loaded, the file checked (its full check, when it changed, is SQLite's own work,
    off Python's lock), upgraded if need be, and the store's way of writing set."""
    future: Future[Database] = Future()

    def run() -> None:
        try:
            db = _opened(url)
            try:
                from jeweldesk.storage.lookups import write_as_the_store

                write_as_the_store(db)
                _load_the_window_services()
            except BaseException:
                db.dispose()
                raise
        except BaseException as exc:  # said on the window's thread, by _settled
            future.set_exception(exc)
        else:
            future.set_result(db)

    threading.Thread(target=run, name="jeweldesk-opening", daemon=True).start()
    return future


def _load_the_window_services() -> None:
    """What the main window reads with, loaded while the person types their PIN (no Qt)."""
    import jeweldesk.services.changes
    import jeweldesk.services.notices
    import jeweldesk.services.prepare
    import jeweldesk.services.store
    import jeweldesk.services.telling_now
    import jeweldesk.services.today  # noqa: F401


def _back_up_for_the_day(db: Database) -> None:
    """The day's copy of the store: made once the window is up, off the window's thread
    (a big store's copy and its check take seconds nobody at the counter should wait)."""
    from jeweldesk.services.note_wording import move_legacy_wording

    try:
        move_legacy_wording(db, data_dir())
    except (ServiceError, OSError) as exc:
        log.warning("the thank-you wording in the data folder was not moved in: %s", exc)
    from jeweldesk.storage.backup import daily_backup

    try:
        made = daily_backup(db)
    except (ServiceError, OSError, sqlite3.Error) as exc:
        # The store opens all the same; tomorrow's opening tries again.
        log.warning("today's automatic backup of %s was not made: %s", db.url, exc)
    else:
        if made is not None:
            log.info("today's automatic backup: %s", made)


def _cannot_open(url: str, exc: OperationalError) -> None:
    from sqlalchemy.engine import make_url

    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    QMessageBox.critical(None, "JewelDesk cannot open the database",
                         f"{make_url(url)!r}\n\n{capped(reason)}")


def _forget_new_file(db: Database) -> None:
    """Set-up was cancelled: the file made for it goes, so a mistyped --db leaves nothing."""
    from jeweldesk.storage.engine import sqlite_file

    path = sqlite_file(db.url)
    db.dispose()
    if db.created and path is not None:
        for each in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            each.unlink(missing_ok=True)


def _signed_in_while_opening(url: str, first: FirstLook) -> AppContext | int:
    """The everyday start: the sign-in comes up from a first look at the file while the
    store opens behind it; the window's context once someone signed in, else the status."""
    opening = _opening(url)
    person = sign_in_while_opening(first, opening)
    db = _settled(url, opening.result)
    if db is None:
        return 2
    if person is None:
        db.dispose()
        return 0
    from jeweldesk.services.store import list_staff
    from jeweldesk.ui.common.context import AppContext

    ctx = AppContext(db)
    ctx.set_user(next(m for m in list_staff(db) if m.code == person.code))
    return ctx


def _signed_in_the_usual_way(url: str) -> AppContext | int:
    """A new store to set up, another database, a file to check first: opened, then asked."""
    db = _open_database(url)
    if db is None:
        return 2
    from jeweldesk.services.store import has_store

    if not has_store(db):
        from jeweldesk.ui.start import first_start  # the set-up's screens, for a new store

        first = first_start.FirstStartDialog(db)
        if first.exec() != QDialog.DialogCode.Accepted:
            _forget_new_file(db)
            return 0
    from jeweldesk.storage.lookups import write_as_the_store
    from jeweldesk.ui.common.context import AppContext

    write_as_the_store(db)
    ctx = AppContext(db)
    if not sign_in_first(ctx):
        db.dispose()
        return 0
    return ctx


def open_window(db_option: str | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("JewelDesk")
    app.setApplicationDisplayName("JewelDesk")
    apply_theme(app)
    _start_logging()
    sys.excepthook = _exception_hook

    url = database_url(db_option)
    first = first_look(url)
    if first is not None:
        ctx = _signed_in_while_opening(url, first)
    else:
        ctx = _signed_in_the_usual_way(url)
    if isinstance(ctx, int):
        return ctx
    db = ctx.db
    # The window's screens and what they read load once someone has signed in: the
    # sign-in asks for little more than Qt and the staff.
    from jeweldesk.ui.common.work import in_background, stop_background_work
    from jeweldesk.ui.main_window import MainWindow

    window = MainWindow(ctx)
    ctx.start_watching()
    window.show()
    in_background(lambda: _back_up_for_the_day(db))
    status = app.exec()
    stop_background_work()  # the screens' background work ends before the database closes
    db.dispose()
    return status
