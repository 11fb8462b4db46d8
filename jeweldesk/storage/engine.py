"""Engines and short sessions. Every service call is one ``session_scope``."""

from __future__ import annotations

import sqlite3
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.orm import Session, sessionmaker

from jeweldesk.storage.health import (
    busy,
    check_file,
    damaged,
    is_damage,
    is_lock,
    lock_wait,
    make_private,
    missing_folder,
    private_files,
)
from jeweldesk.storage.history_guard import guard_history


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_file(url: str) -> Path | None:
    """The file behind an SQLite URL; None for other databases and in-memory ones."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:" or parsed.database.startswith("file:"):
        return None
    return Path(parsed.database).expanduser().absolute()


def _sqlite_pragmas(wait: float) -> Callable[[Any, Any], None]:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own transaction handling would defer BEGIN past our first read;
        # we issue BEGIN ourselves (see _sqlite_begin) so writers queue up instead of
        # failing with "database is locked" halfway through.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(wait * 1000)}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return on_connect


def _plain_words(wait: float) -> Callable[[ExceptionContext], None]:
    """SQLite's "database is locked" and "malformed" said as the store's one line."""

    def on_error(context: ExceptionContext) -> None:
        error = context.original_exception
        if not isinstance(error, sqlite3.Error) or context.engine is None:
            return
        where = sqlite_file(str(context.engine.url))
        if is_lock(error):
            raise busy(where or context.engine.url.database or "", wait) from None
        if where is not None and is_damage(error):
            raise damaged(where, str(error)) from None

    return on_error


def _sqlite_begin(conn: Any) -> None:
    # A writing transaction takes the write lock up front (BEGIN IMMEDIATE): two
    # workstations then queue on the busy timeout instead of one failing mid-way.
    mode = conn.get_execution_options().get("sqlite_begin", "")
    conn.exec_driver_sql(f"BEGIN {mode}".strip())


def make_engine(url: str, **kwargs: Any) -> Engine:
    if is_sqlite(url):
        wait = lock_wait()
        engine = create_engine(url, connect_args={"timeout": wait}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas(wait))
        event.listen(engine, "begin", _sqlite_begin)
        event.listen(engine, "handle_error", _plain_words(wait))
    else:
        engine = create_engine(url, pool_pre_ping=True, **kwargs)
    return engine


class Database:
    """One database: its engine and a factory of short sessions."""

    def __init__(self, url: str, engine: Engine | None = None) -> None:
        guard_history()
        self.url = url
        self.engine = engine or make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.created = False
        self._heard_by: list[weakref.WeakMethod[Callable[[], None]]] = []

    @classmethod
    def open(cls, url: str, may_create: bool = False) -> Database:
        """The store at ``url``, its file checked first (quick_check) so that a missing,
        empty, foreign or damaged file is refused in one line (DatabaseFileError) before
        anything is written. Only ``may_create`` makes a new file, owner-only."""
        path = sqlite_file(url)
        if path is None:
            return cls(url)
        new = check_file(path, may_create)
        if new and not path.parent.is_dir():
            raise missing_folder(path)
        with private_files():
            db = cls(url)
            try:
                with db.engine.connect():
                    pass
            except BaseException:
                db.dispose()
                raise
        make_private(path)
        db.created = new
        return db

    def tell_after_writes(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` (a bound method, held weakly) after each write the door lands
        through this handle: the window's screens refresh on it."""
        self._heard_by.append(weakref.WeakMethod(listener))

    def wrote(self) -> None:
        """Said by the write door once a write is committed."""
        self._heard_by = [ref for ref in self._heard_by if ref() is not None]
        for ref in list(self._heard_by):
            if (listener := ref()) is not None:
                listener()

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self, write: bool = True) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error."""
        session = self._sessions()
        if write and self.is_sqlite:
            session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
