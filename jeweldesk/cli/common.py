"""What every command needs: the database, opened and brought up to date."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from jeweldesk.config import database_url
from jeweldesk.domain.errors import LONG_LINE_CHARS, capped

if TYPE_CHECKING:
    from sqlalchemy.exc import OperationalError

    from jeweldesk.storage.engine import Database

T = TypeVar("T")


class CommandError(Exception):
    exit_status = 1

    def __init__(self, message: str, exit_status: int = 1) -> None:
        super().__init__(capped(message))
        self.exit_status = exit_status


def open_database(db_option: str | None, upgrade_db: bool = True,
                  may_create: bool = False) -> Database:
    """The store, its file checked first (a missing, damaged or foreign file is refused in
    one line, DatabaseFileError); only ``may_create`` (demo, import, db upgrade) makes one."""
    # The engine loads here, for the commands that open the store: `--help` and a kept
    # answer printed as it was kept never wait for it.
    from sqlalchemy.exc import OperationalError

    from jeweldesk.storage.engine import Database
    from jeweldesk.storage.lookups import write_as_the_store
    from jeweldesk.storage.migrate import needs_upgrade, upgrade

    url = database_url(db_option)
    try:
        db = Database.open(url, may_create=may_create)
    except OperationalError as exc:
        raise _cannot_open(url, exc) from None
    try:
        with db.engine.connect():
            pass
        if upgrade_db:
            result = upgrade(db.engine)
            if result.backup is not None:
                print(f"jeweldesk: backed up the database to {result.backup} before upgrading",
                      file=sys.stderr)
        # Just upgraded, it is at the head: asking again would load Alembic for nothing.
        if upgrade_db or not needs_upgrade(db.engine):
            write_as_the_store(db)  # what the command prints, in the store's own way
    except OperationalError as exc:
        db.dispose()
        raise _cannot_open(url, exc) from None
    except BaseException:
        db.dispose()
        raise
    return db


def _cannot_open(url: str, exc: OperationalError) -> CommandError:
    from sqlalchemy.engine import make_url

    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    return CommandError(f"cannot open the database {make_url(url)!r}: {reason}")


def say(problem: object) -> None:
    """A refusal on standard error: one line, a bad value in it cut to a few dozen characters."""
    print(f"jeweldesk: {capped(problem, LONG_LINE_CHARS)}", file=sys.stderr)


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
