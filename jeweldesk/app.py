"""Opening the desktop app: the look, the safety net, the database, the first start, sign-in."""

from __future__ import annotations

import logging
import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from sqlalchemy.exc import OperationalError

from jeweldesk.config import database_url, log_dir
from jeweldesk.services.store import has_store
from jeweldesk.storage.engine import Database
from jeweldesk.storage.migrate import NewerDatabaseError, upgrade
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.theme import apply_theme
from jeweldesk.ui.common.work import wait_for_background_work
from jeweldesk.ui.main_window import MainWindow, sign_in_first
from jeweldesk.ui.start.first_start import FirstStartDialog

log = logging.getLogger("jeweldesk")


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


def _open_database(url: str) -> Database | None:
    db = Database(url)
    try:
        result = upgrade(db.engine)
    except NewerDatabaseError as exc:
        db.dispose()
        QMessageBox.critical(None, "A newer JewelDesk wrote this database", str(exc))
        return None
    except OperationalError as exc:
        db.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        QMessageBox.critical(None, "JewelDesk cannot open the database",
                             f"{db.engine.url!r}\n\n{reason}")
        return None
    if result.backup is not None:
        log.info("backed up %s to %s before upgrading", url, result.backup)
    return db


def open_window(db_option: str | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("JewelDesk")
    app.setApplicationDisplayName("JewelDesk")
    apply_theme(app)
    _start_logging()
    sys.excepthook = _exception_hook

    db = _open_database(database_url(db_option))
    if db is None:
        return 2
    if not has_store(db):
        first = FirstStartDialog(db)
        if first.exec() != QDialog.DialogCode.Accepted:
            return 0
    ctx = AppContext(db)
    if not sign_in_first(ctx):
        return 0
    window = MainWindow(ctx)
    ctx.start_watching()
    window.show()
    status = app.exec()
    wait_for_background_work()  # the screens' background work finishes before the database closes
    db.dispose()
    return status
