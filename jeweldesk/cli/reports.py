"""`jeweldesk report …`: the manager's numbers, printed or written as CSV.

Whoever can run the command line on the store's database already holds all of it, so the
command reads as the store itself, as `export` does; in the window the numbers are a
manager's.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jeweldesk.storage.engine import Database

REPORTS = ("end-of-day", "revenue", "bench", "holdings")


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "report", help="the day's takings, repair revenue, the bench, what the store holds")
    parser.add_argument("report", choices=REPORTS)
    parser.add_argument("--from", dest="start", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="first day (default: today for end-of-day, else 90 days back)")
    parser.add_argument("--to", dest="end", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="last day, included (default: today)")
    parser.add_argument("--csv", type=Path, metavar="FILE",
                        help="write the figures as CSV to FILE (- for standard output)")
    parser.set_defaults(run=_report)


def _report(args: argparse.Namespace, db: Database) -> int:
    from jeweldesk.services.reports import as_csv, as_text, report  # for this command only
    from jeweldesk.storage.door import THE_STORE

    found = report(db, args.report, THE_STORE, args.start, args.end)
    if args.csv is None:
        print(as_text(found), end="")
    elif str(args.csv) == "-":
        print(as_csv(found), end="")
    else:
        args.csv.expanduser().write_text(as_csv(found), encoding="utf-8", newline="")
        print(args.csv)
    return 0
