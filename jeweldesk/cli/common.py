"""What every command needs: the database, opened and brought up to date."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from sqlalchemy.exc import OperationalError

from jeweldesk.config import database_url
from jeweldesk.storage.engine import Database
from jeweldesk.storage.migrate import NewerDatabaseError, upgrade

T = TypeVar("T")


class CommandError(Exception):
    exit_status = 1

    def __init__(self, message: str, exit_status: int = 1) -> None:
        super().__init__(message)
        self.exit_status = exit_status


def open_database(db_option: str | None, upgrade_db: bool = True) -> Database:
    url = database_url(db_option)
    db = Database(url)
    try:
        with db.engine.connect():
            pass
        if upgrade_db:
            result = upgrade(db.engine)
            if result.backup is not None:
                print(f"jeweldesk: backed up the database to {result.backup} before upgrading",
                      file=sys.stderr)
    except OperationalError as exc:
        db.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise CommandError(f"cannot open the database {db.engine.url!r}: {reason}") from None
    except NewerDatabaseError:
        db.dispose()
        raise
    return db


def progress(items: Iterable[T], total: int, label: str) -> Iterator[T]:
    """Show progress on a terminal; stay quiet when piped."""
    if not sys.stderr.isatty() or total < 1:
        yield from items
        return
    step = max(total // 100, 1)
    for n, item in enumerate(items, 1):
        if n % step == 0 or n == total:
            print(f"\r{label}: {n:,}/{total:,} ({n * 100 // total}%)", end="", file=sys.stderr)
        yield item
    print(file=sys.stderr)
