"""Copies of the store's database, made safely while it is open, and put back.

Every copy is made with SQLite's online backup from a source that passed quick_check,
written owner-only under a temporary name, and checked again before it takes its real
name: a backup that is there is a backup that opens.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import time
from contextlib import suppress
from datetime import date, datetime, timedelta
from pathlib import Path

from jeweldesk.domain.errors import capped
from jeweldesk.storage.clean_checks import forget
from jeweldesk.storage.engine import Database, sqlite_file
from jeweldesk.storage.health import (
    PRIVATE,
    SQLITE_HEADER,
    DamagedDatabase,
    DatabaseFileError,
    MissingDatabase,
    NotADatabase,
    backup_folder,
    busy,
    check_file,
    is_lock,
    lock_wait,
    private_files,
    quick_check,
    tables,
)
from jeweldesk.storage.lookups import has_store, store_now

KEEP_DAYS = 14  # the automatic daily backups kept: two weeks of mornings to go back to
DAILY = "daily"


def backup_path(db_file: Path, label: str = "") -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    suffix = f"-{label}" if label else ""
    folder = backup_folder(db_file)
    with private_files():
        folder.mkdir(parents=True, exist_ok=True)
    candidate = folder / f"{db_file.stem}-{stamp}{suffix}.sqlite3"
    n = 1
    while candidate.exists():
        candidate = folder / f"{db_file.stem}-{stamp}{suffix}-{n}.sqlite3"
        n += 1
    return candidate


def backup_sqlite(db_file: Path, dest: Path | None = None, label: str = "") -> Path:
    """SQLite's online backup: a consistent copy even while others write (WAL included).

    A missing, empty, foreign or damaged source is refused (DatabaseFileError) and
    nothing is written; the copy is owner-only and passes quick_check, or is not kept.
    """
    check_file(db_file)
    target = dest or backup_path(db_file, label)
    if target.is_dir():
        target = target / backup_path(db_file, label).name
    if target.exists() and target.resolve() == db_file.resolve():
        raise NotADatabase(f"{target} is the database itself: name another file for the copy")
    with private_files():
        target.parent.mkdir(parents=True, exist_ok=True)
    _copy_verified(db_file, target)
    return target


def _copy_verified(source_file: Path, target: Path) -> None:
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        with private_files():
            source = _connect(source_file)
            try:
                copy = sqlite3.connect(str(partial))
                try:
                    _online_backup(source, copy, source_file)
                finally:
                    copy.close()
            finally:
                source.close()
        problem = quick_check(partial)
        if problem is not None:
            forget(source_file)  # the source may be what is wrong: its next opening checks it
            raise DamagedDatabase(f"the copy of {source_file} did not check out ({problem}); "
                                  "nothing was kept: try again, or copy to another disk")
        partial.chmod(PRIVATE)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
        Path(f"{partial}-journal").unlink(missing_ok=True)


def _connect(path: Path) -> sqlite3.Connection:
    # mode=rw: an existing file only, never a new empty one where a path was mistyped.
    mode = "rw" if os.access(path, os.W_OK) else "ro"
    return sqlite3.connect(f"{path.as_uri()}?mode={mode}", uri=True, timeout=0.2)


def _online_backup(source: sqlite3.Connection, target: sqlite3.Connection,
                   where: Path) -> None:
    """Copy, waiting at most the lock wait for another program's lock on either file
    (sqlite3's backup would otherwise retry forever)."""
    wait = lock_wait()
    deadline = time.monotonic() + wait

    def give_up_after_the_wait(status: int, _remaining: int, _total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) \
                and time.monotonic() > deadline:
            raise busy(where, wait)

    try:
        source.backup(target, progress=give_up_after_the_wait)
    except sqlite3.OperationalError as exc:
        if is_lock(exc):
            raise busy(where, wait) from None
        raise


# --- the automatic daily backups ----------------------------------------------------

def _daily_name(db_file: Path, day: date) -> str:
    return f"{db_file.stem}-{DAILY}-{day:%Y%m%d}.sqlite3"


def keep_daily_backup(db_file: Path, today: date, keep_days: int = KEEP_DAYS) -> Path | None:
    """Today's automatic backup if there is none yet (the new file, else None); the daily
    ones older than ``keep_days`` go. Other backups (before an upgrade, made by hand)
    are never removed."""
    folder = backup_folder(db_file)
    todays = folder / _daily_name(db_file, today)
    made = None
    if not todays.exists():
        made = backup_sqlite(db_file, todays)
    pattern = re.compile(re.escape(f"{db_file.stem}-{DAILY}-") + r"(\d{8})\.sqlite3")
    oldest_kept = today - timedelta(days=keep_days - 1)
    for each in folder.iterdir():
        found = pattern.fullmatch(each.name)
        if found is None:
            continue
        with suppress(ValueError):
            if datetime.strptime(found.group(1), "%Y%m%d").date() < oldest_kept:
                each.unlink(missing_ok=True)
    return made


def daily_backup(db: Database, keep_days: int = KEEP_DAYS) -> Path | None:
    """The automatic backup made as the window opens, dated by the store's own clock."""
    db_file = sqlite_file(db.url)
    if db_file is None or not db_file.exists():
        return None
    with db.session(write=False) as session:
        if not has_store(session):
            return None  # nothing to keep before the store is set up
        today = store_now(session).date()
    return keep_daily_backup(db_file, today, keep_days)


# --- putting one back ----------------------------------------------------------------

def restore_sqlite(backup: Path, db_file: Path) -> Path | None:
    """Put ``backup`` back as the store at ``db_file``; a copy of the file it replaces is
    kept in ``backups/`` first (its path is returned; None when there was no file).

    A missing, damaged or foreign backup is refused and nothing is changed.
    """
    _check_backup(backup)
    if db_file.exists() and backup.resolve() == db_file.resolve():
        raise NotADatabase(f"{backup} is the database itself: name one of its backups")
    if not db_file.parent.is_dir():
        raise NotADatabase(f"there is no folder {db_file.parent} to restore into")
    if not db_file.exists():
        _copy_verified(backup, db_file)
        return None
    try:
        check_file(db_file)
    except DatabaseFileError:
        return _replace_damaged(backup, db_file)
    kept = backup_sqlite(db_file, label="before-restore")
    # The store is sound, and perhaps open elsewhere: copy into it through SQLite, which
    # takes its write lock, rather than swapping the file under other connections.
    source = _connect(backup)
    try:
        target = _connect(db_file)
        try:
            _online_backup(source, target, db_file)
        finally:
            target.close()
    finally:
        source.close()
    problem = quick_check(db_file)
    if problem is not None:
        raise DamagedDatabase(f"the restored {db_file} did not check out ({problem}): "
                              f"the file it replaced is kept at {kept}")
    return kept


def _check_backup(backup: Path) -> None:
    if not backup.is_file():
        raise MissingDatabase(f"there is no backup file {backup}: check the path; "
                              "nothing was changed")
    with backup.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise NotADatabase(f"{backup} is not a JewelDesk backup (not an SQLite file): "
                               "name another; nothing was changed")
    problem = quick_check(backup)
    if problem is not None:
        raise DamagedDatabase(f"the backup {backup} is damaged ({capped(problem, 60)}): "
                              "restore another one; nothing was changed")
    if "alembic_version" not in tables(backup):
        raise NotADatabase(f"{backup} is not a JewelDesk backup (it holds no store): "
                           "name another; nothing was changed")


def _replace_damaged(backup: Path, db_file: Path) -> Path:
    """A damaged file is kept as it is, for whoever may recover it, and replaced whole."""
    kept = backup_path(db_file, "damaged")
    with private_files():
        shutil.copyfile(db_file, kept)
        wal = Path(f"{db_file}-wal")
        if wal.exists():
            shutil.copyfile(wal, Path(f"{kept}-wal"))
    kept.chmod(PRIVATE)
    fresh = db_file.with_name(f".{db_file.name}.restoring")
    _copy_verified(backup, fresh)
    # The damaged file's write-ahead log would be replayed onto the backup: it goes first.
    for leftover in (Path(f"{db_file}-wal"), Path(f"{db_file}-shm")):
        leftover.unlink(missing_ok=True)
    os.replace(fresh, db_file)
    return kept
