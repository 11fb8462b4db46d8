"""`jeweldesk import`, `jeweldesk export` and `jeweldesk demo`."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from jeweldesk.cli.common import CommandError, progress
from jeweldesk.domain.errors import capped
from jeweldesk.services.demo_defaults import DEFAULT_SEED, DEFAULT_TICKETS

if TYPE_CHECKING:
    from jeweldesk.interchange.common import Progress
    from jeweldesk.storage.engine import Database

# Each command imports what it runs when it runs: the others' modules stay unloaded.

R = TypeVar("R")


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    importing = commands.add_parser(
        "import", help="read an interchange document (JSON) into the store, all or nothing")
    importing.add_argument("file", type=Path, help="the .json document (version 1 or 2)")
    importing.set_defaults(run=_import, may_create=True)

    exporting = commands.add_parser("export", help="write the whole store as an interchange "
                                    "document")
    exporting.add_argument("file", help="where to write it, or - for standard output")
    exporting.add_argument("--format-version", type=int, choices=(1, 2), default=2,
                           help="2 (the default) carries everything the database holds; "
                                "1 is for tools that read only version 1")
    exporting.add_argument("--backup", action="store_true",
                           help="a full backup: the staff's PIN hashes too (keep it safe)")
    exporting.set_defaults(run=_export)

    demo = commands.add_parser("demo", help="fill an empty database with a realistic demo store")
    demo.add_argument("--tickets", type=_count, default=DEFAULT_TICKETS, metavar="N",
                      help=f"how many tickets (default {DEFAULT_TICKETS:,})")
    demo.add_argument("--seed", type=int, default=DEFAULT_SEED, metavar="S",
                      help="the same seed gives the same store (relative to today)")
    demo.set_defaults(run=_demo, may_create=True)


def _count(text: str) -> int:
    value = int(text.replace(",", "").replace("_", ""))
    if value < 0:
        raise argparse.ArgumentTypeError("must be zero or more")
    return value


def _run(steps: Generator[Progress, None, R], label: str) -> R:
    """Drive a long job, turning its progress into ticks for the terminal's progress line."""
    try:
        first = next(steps)  # a job's first step says how much work there is
    except StopIteration as finished:
        return finished.value  # type: ignore[no-any-return]
    result: list[R] = []

    def ticks() -> Iterator[None]:
        shown, step = 0, first
        while True:
            for _ in range(step.done - shown):
                yield None
            shown = max(shown, step.done)
            try:
                step = next(steps)
            except StopIteration as finished:
                result.append(finished.value)
                return

    for _ in progress(ticks(), first.total, label):
        pass
    return result[0]


def _import(args: argparse.Namespace, db: Database) -> int:
    from jeweldesk.interchange.common import InvalidDocument
    from jeweldesk.interchange.importer import import_file

    if not args.file.is_file():
        raise CommandError(f"there is no file {args.file}")
    try:
        imported = _run(import_file(db, args.file), "Importing")
    except InvalidDocument as exc:
        for problem in exc.problems:
            print(capped(problem), file=sys.stderr)
        raise CommandError(f"{args.file} was not imported: {exc}", exc.exit_status) from None
    print(f"Imported {_plural(imported.tickets, 'ticket')}, "
          f"{_plural(imported.customers, 'customer')} ({imported.matched_customers:,} already "
          f"known), {_plural(imported.payments, 'payment')}, {_plural(imported.photos, 'photo')}, "
          f"{_plural(imported.parcels, 'parcel')} and "
          f"{_plural(imported.contacts, 'contact')} from {args.file}.", file=sys.stderr)
    return 0


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _export(args: argparse.Namespace, db: Database) -> int:
    from jeweldesk.interchange.exporter import export_store

    if args.file == "-":
        try:
            _run(export_store(db, sys.stdout, args.format_version, args.backup),
                 "Exporting tickets")
            sys.stdout.flush()
        except BrokenPipeError:
            # The reader stopped early (`| head`); say nothing more on a closed pipe.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise CommandError("the export was cut short: its reader stopped reading") from None
        return 0
    target = Path(args.file)
    # Write beside the target and rename, so a failed export never leaves half a file.
    folder = target.resolve().parent
    if not folder.is_dir():
        raise CommandError(f"there is no folder {folder}")
    # mkstemp makes the file owner-only, and so it stays: the whole store is in it.
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            done = _run(export_store(db, out, args.format_version, args.backup),
                        "Exporting tickets")
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    print(f"Exported {_plural(done.tickets, 'ticket')}, {_plural(done.customers, 'customer')}, "
          f"{_plural(done.payments, 'payment')} and {_plural(done.photos, 'photo')} to "
          f"{target}.", file=sys.stderr)
    return 0


def _demo(args: argparse.Namespace, db: Database) -> int:
    from jeweldesk.services.demo import fill_demo_store

    filled = _run(fill_demo_store(db, args.tickets, args.seed), "Making the demo store")
    print(f"Filled the database with a demo store: {filled.tickets:,} tickets for "
          f"{filled.customers:,} customers, {filled.parcels:,} parcels.", file=sys.stderr)
    return 0
