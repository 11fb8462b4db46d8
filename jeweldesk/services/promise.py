"""The date to promise a new piece, and why, in words the counter can repeat.

The screen fetches the rules once (``promise_rules``) and proposes as the counter
person picks services and vendors, without a database call per keystroke.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select

from jeweldesk.domain import writing
from jeweldesk.domain.calendar import StoreCalendar
from jeweldesk.risk.history import History, Service
from jeweldesk.risk.proposal import expected_ready_for_intake
from jeweldesk.services.at_risk import load_history
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import calendar, store_now
from jeweldesk.storage.tables import CatalogService, Vendor

WEEKDAY_NAMES = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays",
                 "Sundays")


@dataclass(frozen=True)
class PromiseRules:
    today: date
    calendar: StoreCalendar
    bench_days: dict[str, int] = field(default_factory=dict)  # catalog code → typical days
    vendors: dict[str, tuple[str, int]] = field(default_factory=dict)  # code → (name, quote)
    now: datetime | None = None
    history: History | None = field(default=None, repr=False)  # for the early-warning engine


@dataclass(frozen=True)
class Proposal:
    day: date
    why: str


def promise_rules(db: Database) -> PromiseRules:
    with db.session(write=False) as session:
        now = store_now(session)
        days = {c.code: c.bench_days for c in session.scalars(select(CatalogService))}
        vendors = {v.code: (v.name, v.quoted_turnaround_days)
                   for v in session.scalars(select(Vendor))}
        return PromiseRules(now.date(), calendar(session), days, vendors, now,
                            load_history(session, now))


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def _bench_days(count: int) -> str:
    return "1 bench day" if count == 1 else f"{count} bench days"


def _closed_words(rules: PromiseRules, start: date, end: date) -> str:
    """The closed days that fell between now and the promise, as the reason counts them."""
    weekdays: list[int] = []
    dates: list[date] = []
    day = start
    while day <= end:
        if day.isoweekday() not in rules.calendar.open_weekdays:
            if day.isoweekday() not in weekdays:
                weekdays.append(day.isoweekday())
        elif day in rules.calendar.closed_dates:
            dates.append(day)
        day += timedelta(days=1)
    parts = [WEEKDAY_NAMES[w - 1] for w in sorted(weekdays)]
    parts += [writing.day(d) for d in dates]
    if not parts:
        return ""
    return "closed " + (" and ".join(parts) if len(parts) <= 2 else
                        ", ".join(parts[:-1]) + " and " + parts[-1])


def propose(rules: PromiseRules, lines: Sequence[tuple[str, str | None]],
            jeweler: str | None = None) -> Proposal:
    """The later of what the catalog and the quotes say and what the store's history says.

    A new store has no history, so the catalog's typical days and the vendors' quotes
    are the floor; as parcels and finished pieces pile up, the early-warning engine
    knows the real turnaround and the jeweler's queue, and it wins when it is later.
    """
    typical = propose_from_catalog(rules, lines)
    if rules.history is None or rules.now is None or not lines:
        return typical
    learned, why = expected_ready_for_intake(
        rules.history, rules.now, [Service(code, vendor) for code, vendor in lines],
        jeweler=jeweler)
    if learned <= typical.day:
        return typical
    closed = _closed_words(rules, rules.today, learned)
    return Proposal(learned, f"{why}; {closed}" if closed else why)


def propose_from_catalog(rules: PromiseRules,
                         lines: Sequence[tuple[str, str | None]]) -> Proposal:
    """``lines`` are (service code, vendor code or None): the vendor's quote, then the bench."""
    today = rules.today
    bench = max((rules.bench_days.get(code, 1) for code, vendor in lines if not vendor),
                default=0)
    quotes = [rules.vendors[v] for _, v in lines if v and v in rules.vendors]
    words: list[str] = []
    start = today
    if quotes:
        name, quote = max(quotes, key=lambda q: q[1])
        start = today + timedelta(days=quote)
        words.append(f"{_days(quote)} at {name}")
    if quotes and bench:
        words.append(_bench_days(bench))
    elif not quotes:
        words.append(f"{_days(bench)} at the bench" if bench else "same-day work")
    # Back from a vendor, the piece is still checked and finished before it is promised.
    extra = bench if not quotes else max(bench, 1)
    ready = rules.calendar.add_open_days(start, extra)
    why = " + ".join(words) if words else "same day"
    closed = _closed_words(rules, today, ready)
    if closed:
        why += f"; {closed}"
    return Proposal(ready, why)


def promise_warnings(rules: PromiseRules, promised: date,
                     occasion_date: date | None = None) -> list[str]:
    """What to tell the counter about a promised date before it is written on the receipt."""
    found = []
    if promised < rules.today:
        found.append(f"{writing.day(promised, rules.today)} is in the past")
    elif not rules.calendar.is_open(promised):
        found.append(f"the store is closed on {writing.day(promised, rules.today)}")
    if occasion_date is not None:
        if promised > occasion_date:
            found.append(f"this is after the occasion on {writing.day(occasion_date, rules.today)}")
        elif promised == occasion_date:
            found.append("this is the day of the occasion itself; leave a day to spare")
    return found
