"""Is this file a store JewelDesk can use? Asked on every opening, before anything is written.

Each refusal is one line a person can act on: what is wrong with the file and what to do
about it. The command line prints it; the window shows it in a dialog.

The full check (every page read) is skipped for a file that has not changed since it last
passed here (``clean_checks``); the window starts it on a thread while its own modules
load (``check_ahead``), so the reading and the loading overlap.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path

from jeweldesk.domain.errors import LONG_LINE_CHARS, ServiceError, capped
from jeweldesk.storage.clean_checks import FileState, record_sound, seen_sound, state_of

SQLITE_HEADER = b"SQLite format 3\x00"
BACKUPS = "backups"
PRIVATE = 0o600  # the store's customers are nobody else's business on a shared PC

# How long a write waits for a lock another program holds before it gives up, saying so.
LOCK_WAIT_ENV = "JEWELDESK_LOCK_WAIT"
DEFAULT_LOCK_WAIT = 10.0


def lock_wait() -> float:
    """Seconds to wait for another program's lock: $JEWELDESK_LOCK_WAIT, else 10."""
    try:
        seconds = float(os.environ.get(LOCK_WAIT_ENV, DEFAULT_LOCK_WAIT))
    except ValueError:
        return DEFAULT_LOCK_WAIT
    return seconds if 0 <= seconds < 3600 else DEFAULT_LOCK_WAIT


class DatabaseFileError(ServiceError):
    """The file cannot be used as the store as it is; nothing was written to it."""

    exit_status = 1
    line = LONG_LINE_CHARS


class MissingDatabase(DatabaseFileError):
    pass


class NotADatabase(DatabaseFileError):
    pass


class DamagedDatabase(DatabaseFileError):
    pass


class DatabaseBusy(ServiceError):
    """Another program held the database past the wait; nothing of ours was written."""

    line = LONG_LINE_CHARS


# --- the file itself ------------------------------------------------------------

def check_file(path: Path, may_create: bool = False) -> bool:
    """Refuse a file that is not a healthy JewelDesk database; True when it is new (absent).

    ``may_create`` is for the few ways a store is begun on purpose: the window's set-up,
    ``demo``, ``import`` and ``db upgrade``. Nothing else makes a file where none was.
    """
    if not path.exists():
        if may_create:
            return True
        raise MissingDatabase(
            f"there is no JewelDesk database at {path}: check the path (--db or "
            f"JEWELDESK_DB){_restore_advice(path, ' or ')}; nothing was created")
    if path.is_dir():
        raise NotADatabase(f"{path} is a folder, not a JewelDesk database: name the file in it")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise NotADatabase(f"cannot read {path}: {exc.strerror or exc}") from None
    if not header:
        raise NotADatabase(
            f"{path} is empty (0 bytes), so it is not a JewelDesk database: "
            f"{_restore_advice(path, '', 'delete the empty file to start a new store there')}")
    if header != SQLITE_HEADER:
        raise NotADatabase(
            f"{path} is not a JewelDesk database (not an SQLite file at all): check the path"
            f"{_restore_advice(path, ', or if it was your store ')}")
    if not seen_sound(path):
        problem = full_check(path)
        if problem is not None:
            raise damaged(path, problem)
    try:
        found = tables(path)
    except sqlite3.OperationalError as exc:
        if is_lock(exc):
            raise busy(path, lock_wait()) from None
        raise damaged(path, str(exc)) from None
    except sqlite3.DatabaseError as exc:
        raise damaged(path, str(exc)) from None
    if found - {"sqlite_sequence"} and "alembic_version" not in found:
        raise NotADatabase(
            f"{path} is not a JewelDesk database (another program's SQLite file): "
            "check the path")
    return False


def missing_folder(path: Path) -> MissingDatabase:
    return MissingDatabase(f"there is no folder {path.parent} for a new database {path.name}: "
                           "check the path; nothing was created")


Checked = tuple[FileState | None, str | None, FileState | None]  # before, problem, after
_ahead: dict[Path, Future[Checked]] = {}


def _checked(path: Path) -> Checked:
    before = state_of(path)
    problem = quick_check(path)
    return before, problem, state_of(path)


def check_ahead(path: Path) -> None:
    """Start the full check of the file at ``path`` on a thread of its own (SQLite reads
    without holding Python's lock), for ``check_file`` to take up; nothing when the file
    is absent or was seen sound as it is."""
    if path in _ahead or not path.is_file() or seen_sound(path):
        return
    future: Future[Checked] = Future()

    def run() -> None:
        try:
            future.set_result(_checked(path))
        except BaseException as exc:  # taken up, or checked again, by check_file
            future.set_exception(exc)

    _ahead[path] = future
    threading.Thread(target=run, name="jeweldesk-check-ahead", daemon=True).start()


def full_check(path: Path) -> str | None:
    """quick_check, its answer taken from ``check_ahead`` when the file has not changed
    since that began; a pass is recorded for the file as it stands."""
    before, problem, after = _checked_ahead(path) or _checked(path)
    if problem is None and before is not None and before == after:
        record_sound(path, before)
    return problem


def _checked_ahead(path: Path) -> Checked | None:
    ahead = _ahead.pop(path, None)
    if ahead is None:
        return None
    try:
        before, problem, after = ahead.result()
    except Exception:
        return None  # a lock met meanwhile, say: checked again, in the open
    return (before, problem, after) if before == after == state_of(path) else None


def quick_check(path: Path, wait: float | None = None) -> str | None:
    """SQLite's quick_check (every page's structure, not index against table): None when
    the file is sound, else its first complaint. Never creates or changes the file."""
    wait = lock_wait() if wait is None else wait
    try:
        with _reading(path, wait) as conn:
            rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.OperationalError as exc:
        if is_lock(exc):
            raise busy(path, wait) from None
        return str(exc)
    except sqlite3.DatabaseError as exc:
        return str(exc)
    first = str(rows[0][0]) if rows else "no answer"
    return None if first == "ok" else first


def tables(path: Path) -> set[str]:
    with _reading(path, lock_wait()) as conn:
        return {row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}


@contextmanager
def _reading(path: Path, wait: float) -> Iterator[sqlite3.Connection]:
    # mode=rw never creates a file; unlike mode=ro it also tidies away the -wal and -shm
    # it opened when it closes. A file we may only read is read-only, then.
    mode = "rw" if os.access(path, os.W_OK) else "ro"
    conn = sqlite3.connect(f"{path.as_uri()}?mode={mode}", uri=True, timeout=wait)
    try:
        yield conn
    finally:
        conn.close()


def is_lock(exc: BaseException) -> bool:
    """SQLite's words for a lock another connection held past the wait."""
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text


def is_damage(exc: BaseException) -> bool:
    """SQLite's words for a file it cannot read as a database (the search index's tables
    unreadable say "vtable constructor failed")."""
    text = str(exc).lower()
    return any(words in text for words in (
        "malformed", "file is not a database", "disk image", "encrypted",
        "vtable constructor failed"))


def busy(path: Path | str, waited: float) -> DatabaseBusy:
    return DatabaseBusy(
        f"another program holds the database {path} (waited {waited:g} s); nothing was "
        "written: close the other program, or try again in a moment")


def damaged(path: Path, problem: str) -> DamagedDatabase:
    return DamagedDatabase(
        f"the database {path} is damaged ({capped(problem, 60)}): "
        f"{_restore_advice(path, '', _NO_BACKUP)}; nothing was written")


_NO_BACKUP = ("there is no backup beside it: keep the file and ask whoever looks after "
              "JewelDesk to recover it")


def _restore_advice(path: Path, lead: str, otherwise: str = "") -> str:
    backup = newest_good_backup(path)
    if backup is None:
        return otherwise
    when = datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    return f"{lead}restore the backup of {when}: jeweldesk --db {path} restore {backup}"


# --- backups beside the file -----------------------------------------------------

def backup_folder(db_file: Path) -> Path:
    return db_file.parent / BACKUPS


def backups_of(db_file: Path) -> list[Path]:
    """The file's backups in ``backups/`` beside it, newest first."""
    folder = backup_folder(db_file)
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"{db_file.stem}-*.sqlite3") if p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def newest_good_backup(db_file: Path) -> Path | None:
    """The newest backup that opens and passes quick_check (an earlier one if it does not)."""
    for candidate in backups_of(db_file):
        with suppress(OSError, DatabaseFileError, DatabaseBusy):
            if candidate.stat().st_size and quick_check(candidate, wait=0.5) is None:
                return candidate
    return None


# --- owner only ------------------------------------------------------------------

def make_private(path: Path) -> None:
    """Owner-only, for the database and what SQLite keeps beside it (-wal, -shm)."""
    for each in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with suppress(OSError):  # not ours to change, or gone meanwhile
            if stat.S_IMODE(each.stat().st_mode) & 0o077:
                each.chmod(PRIVATE)


@contextmanager
def private_files() -> Iterator[None]:
    """Files made inside the block are owner-only (SQLite gives -wal and -shm the
    database's own mode, so a private database keeps them private too)."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)
