"""The `jeweldesk` command line: parse, call a service, print. Thin on purpose.

Each command group lives in its own module with a ``register(subparsers)``
function; a subcommand sets ``run=`` to a function taking (args, db) and
returning an exit status.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from jeweldesk import __version__
from jeweldesk.cli import data, printing, reports, risk, store, telling
from jeweldesk.cli.common import CommandError, open_database, say
from jeweldesk.config import database_url
from jeweldesk.domain.errors import Invalid, ServiceError, capped
from jeweldesk.storage.schema_head import NewerDatabaseError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse repeats the value it refuses; a pasted page must not come back whole.
        super().error(capped(message))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="jeweldesk",
        description="The repair desk of an independent jewelry store. "
        "Run without a command to open the window.",
    )
    parser.add_argument("--version", action="version", version=f"JewelDesk {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="an SQLite file or a SQLAlchemy URL (postgresql+psycopg://…); "
        "default: $JEWELDESK_DB, then the file in your data folder",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in (store, data, risk, printing, reports, telling):
        group.register(commands)
    # `--db` is also accepted after the command, where people tend to type it.
    for sub in commands.choices.values():
        _accept_db_after(sub)
    return parser


def _accept_db_after(parser: argparse.ArgumentParser) -> None:
    if not any("--db" in action.option_strings for action in parser._actions):
        parser.add_argument("--db", dest="db_after", metavar="PATH|URL", help=argparse.SUPPRESS)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _accept_db_after(sub)


def main(argv: Sequence[str] | None = None,
         open_window: Callable[[str | None], int] | None = None) -> int:
    """Run a command; with none, ``open_window`` (the desktop app) when given, else help."""
    parser = build_parser()
    args = parser.parse_args(argv)
    db_option = getattr(args, "db_after", None) or args.db
    if args.command is None:
        if open_window is None:
            parser.print_help()
            return 2
        return open_window(db_option)
    run = getattr(args, "run", None)
    if run is None:
        parser.parse_args([args.command, "--help"])
        return 2
    try:
        if not getattr(args, "opens_database", True):
            return int(run(args, database_url(db_option)) or 0)
        db = open_database(db_option, upgrade_db=getattr(args, "upgrade_db", True),
                           may_create=getattr(args, "may_create", False))
        try:
            return int(run(args, db) or 0)
        finally:
            db.dispose()
    except Invalid as exc:
        for field, problem in exc.problems.items():
            say(f"{field}: {problem}")
        return 2
    except (CommandError, ServiceError, NewerDatabaseError) as exc:
        say(exc)
        return getattr(exc, "exit_status", 1)
    except KeyboardInterrupt:
        print("jeweldesk: interrupted; nothing more was written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader stopped early (`jeweldesk at-risk | head`): stop quietly, as other
        # tools do, and keep Python from failing again as it flushes at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as exc:
        say(f"{exc.strerror or exc}: {exc.filename}" if exc.filename else exc)
        return 1
    except Exception as exc:
        if not _refused_by_the_database(exc):
            raise
        # What the engine did not word itself (a full disk, a read-only folder): one line.
        say(f"the database refused: {getattr(exc, 'orig', exc)}; nothing more was written")
        return 1


def _refused_by_the_database(error: Exception) -> bool:
    # SQLAlchemy is loaded only by the commands that open the store the usual way; one that
    # did not cannot have raised its error.
    engine_errors = sys.modules.get("sqlalchemy.exc")
    return engine_errors is not None and isinstance(error, engine_errors.DBAPIError)
