"""The few rows read before SQLAlchemy loads, with SQLite itself, from a store file as this
JewelDesk left it: seen sound here and at this schema. None means "open it the usual way",
which checks the file, upgrades it and says what is wrong; so nothing here ever refuses."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jeweldesk.domain.kinds import Role
from jeweldesk.storage.clean_checks import seen_sound
from jeweldesk.storage.schema_head import head_on_disk

PLAIN_SQLITE = "sqlite:///"
WAIT_SECONDS = 2.0  # a lock held longer than this: the usual way waits, and says so
STORE_ID = 1


def wall_clock(timezone: str | None) -> datetime:
    """The store's local wall-clock time, to the second, as history records it."""
    try:
        zone = ZoneInfo(timezone) if timezone else ZoneInfo("UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return datetime.now(zone).replace(tzinfo=None, microsecond=0)


def plain_file(url: str) -> Path | None:
    """The file behind a plain ``sqlite:///`` URL, as ``engine.sqlite_file`` finds it; None
    for anything else (another database, options, escapes), left to the usual way."""
    if not url.startswith(PLAIN_SQLITE):
        return None
    name = url[len(PLAIN_SQLITE):]
    if not name or name == ":memory:" or name.startswith("file:") or any(
            mark in name for mark in "?#%"):
        return None
    return Path(name).expanduser().absolute()


def as_left(url: str, checked: bool = True) -> sqlite3.Connection | None:
    """A connection reading one snapshot of the store, when the file is as left: at this
    schema, and (``checked``) as it was when it last passed the full check here."""
    path = plain_file(url)
    if path is None or not path.is_file() or (checked and not seen_sound(path)):
        return None
    try:
        # Read and write, as the engine opens it, though only read: the last connection to
        # close then tidies SQLite's files beside the store away, as the engine's does.
        conn = sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True, timeout=WAIT_SECONDS,
                               isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        conn.execute("BEGIN")
        (version,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except (sqlite3.Error, TypeError):
        conn.close()
        return None
    if version != head_on_disk():
        conn.close()
        return None
    return conn


@dataclass(frozen=True)
class KeptRead:
    now: datetime  # the store's clock
    change_count: int
    kept_count: int | None  # the kept answer's, None when none is kept
    kept_day: date | None
    answer: str | None


def kept_morning(url: str) -> KeptRead | None:
    """The store's change count and clock with the morning's kept answer, in one snapshot."""
    conn = as_left(url)
    if conn is None:
        return None
    try:
        store = conn.execute("SELECT change_count, timezone FROM store WHERE id = ?",
                             (STORE_ID,)).fetchone()
        kept = conn.execute("SELECT change_count, day, answer FROM kept_morning "
                            "ORDER BY id LIMIT 1").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    if store is None:
        return None
    count, timezone = store
    if kept is None:
        return KeptRead(wall_clock(timezone), count or 0, None, None, None)
    try:
        day = date.fromisoformat(kept[1])
    except (TypeError, ValueError):
        return None
    return KeptRead(wall_clock(timezone), count or 0, kept[0], day, kept[2])


@dataclass(frozen=True)
class Person:
    """Someone who may sign in, as the sign-in lists them (``services.store.StaffMember``'s
    fields)."""

    code: str
    name: str
    role: Role
    has_pin: bool
    active: bool = True
    pin_locked: bool = False


@dataclass(frozen=True)
class FirstLook:
    """What the sign-in shows while the store is opened behind it."""

    store_name: str
    is_demo: bool
    people: tuple[Person, ...]


def first_look(url: str) -> FirstLook | None:
    """The store's name and its people, from a file at this schema with a store set up.
    The file's full check may still be running: this only reads, and the store is opened
    (checked, upgraded if need be) before anyone's PIN is taken."""
    path = plain_file(url)
    if path is None or not path.is_file():
        return None
    conn = as_left(url, checked=False)
    if conn is None:
        return None
    try:
        store = conn.execute("SELECT name, is_demo FROM store WHERE id = ?",
                             (STORE_ID,)).fetchone()
        people = tuple(
            Person(code, name, Role(role), pin_hash is not None, True, bool(locked))
            for code, name, role, pin_hash, locked in conn.execute(
                "SELECT code, name, role, pin_hash, pin_locked FROM staff WHERE active "
                "ORDER BY name"))
    except (sqlite3.Error, ValueError):
        return None
    finally:
        conn.close()
    if store is None or not people:
        return None  # the first start sets the store up, the usual way
    return FirstLook(store[0], bool(store[1]), people)
