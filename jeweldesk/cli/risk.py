"""`jeweldesk at-risk`: the morning list of promises the store may not keep."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from typing import TYPE_CHECKING

from jeweldesk.cli.common import CommandError
from jeweldesk.domain import writing

if TYPE_CHECKING:
    from jeweldesk.risk.engine import Flag
    from jeweldesk.storage.engine import Database


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    morning = commands.add_parser(
        "at-risk", help="promises the store may not keep: late, at risk and watched pieces"
    )
    morning.add_argument(
        "--as-of",
        metavar="DATE|TIMESTAMP",
        help="what the store knew then: YYYY-MM-DD (start of that day) or YYYY-MM-DDTHH:MM:SS "
        "(default: now, store-local time)",
    )
    morning.add_argument("--json", action="store_true", help="print the list as JSON")
    # It opens the store itself: the morning's kept answer is printed without the engine.
    morning.set_defaults(run=_at_risk, opens_database=False)


def parse_moment(text: str) -> date | datetime:
    """A date means the start of that day; a timestamp is store-local wall-clock time."""
    value = text.strip()
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        moment = datetime.fromisoformat(value.replace(" ", "T", 1))
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is not None:
        raise CommandError(
            f"--as-of {text!r} is not a date (YYYY-MM-DD) or a store-local timestamp "
            "(YYYY-MM-DDTHH:MM:SS)",
            exit_status=2,
        )
    return moment


def _at_risk(args: argparse.Namespace, url: str) -> int:
    wanted = parse_moment(args.as_of) if args.as_of is not None else None
    if args.json and wanted is None:
        from jeweldesk.services.kept_morning import at_risk_document, listed_now

        kept = listed_now(url)
        if kept is not None:
            print(json.dumps(at_risk_document(*kept), indent=2))
            return 0
    from jeweldesk.cli.common import open_database

    db = open_database(url)
    try:
        return _judged(args, db, wanted)
    finally:
        db.dispose()


def _judged(args: argparse.Namespace, db: Database, wanted: date | datetime | None) -> int:
    from jeweldesk.risk.engine import flags_to_json
    from jeweldesk.services.at_risk import at_risk
    from jeweldesk.services.morning import flags_now

    # Now is the morning the store keeps the answer for; another moment is judged afresh.
    moment, flags = at_risk(db, wanted) if wanted is not None else flags_now(db)
    if args.json:
        print(json.dumps(flags_to_json(moment, flags), indent=2))
        return 0
    print(morning_text(moment, flags))
    return 0


def morning_text(moment: datetime, flags: list[Flag]) -> str:
    """The morning list as a person reads it: most urgent first, reasons indented."""
    listed = [f for f in flags if f.listed]
    when = writing.long_day(moment.date(), year=True)
    if moment.time() != datetime.min.time():
        when += f" at {writing.time_of_day(moment)}"
    if not listed:
        return f"Promises at risk as of {when}: none. Every open piece is on track."
    lines = [f"Promises at risk as of {when}: {len(listed)}"]
    for flag in listed:
        # The calls to make stand out; a promise to watch is not yet one.
        level = flag.level.label.upper() if flag.level.needs_call else flag.level.label.lower()
        lines.append("")
        lines.append(
            f"{flag.ticket}  {flag.customer}  {level}  "
            f"promised {writing.short_day(flag.promised_for)}, "
            f"expected {writing.short_day(flag.expected_ready)}"
        )
        if flag.occasion_date is not None:
            lines.append(f"    occasion {writing.short_day(flag.occasion_date)}")
        lines += [f"    - {reason}" for reason in flag.reasons]
    return "\n".join(lines)
