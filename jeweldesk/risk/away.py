"""Jewelers away now without notice: no move on their usual workdays lately while pieces
wait for them. Today says so, so that the store can enter until when; the early warnings
then hold the queue until that day instead of guessing how long absences last."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from jeweldesk.domain.calendar import StoreCalendar
from jeweldesk.risk.asof import as_of, moment_of
from jeweldesk.risk.bench import Bench, learn_bench
from jeweldesk.risk.history import History
from jeweldesk.risk.route import bench_queues

WORTH_SAYING = 2  # usual workdays missed in a row before Today says a jeweler is away


@dataclass(frozen=True)
class Away:
    staff: str
    missed: int  # usual workdays missed in a row, up to today
    since: date  # the first of them
    waiting: int  # pieces waiting for their bench work


def away_now(history: History, at: date | datetime) -> list[Away]:
    """Jewelers away as of a moment (a date: its start), the longest away first."""
    moment = moment_of(at)
    known = as_of(history, moment)
    today = moment.date()
    bench = learn_bench(known, known.calendar, today)
    queues = bench_queues(known, today)
    found = [
        Away(code, missed, _first_missed(bench, known.calendar, code, today, missed),
             len(queues.get(code, [])))
        for code, missed in bench.away_so_far.items()
        if code is not None and missed >= WORTH_SAYING and queues.get(code)
    ]
    return sorted(found, key=lambda a: (a.since, a.staff))


def _first_missed(
    bench: Bench, calendar: StoreCalendar, code: str, today: date, missed: int
) -> date:
    """The first of the ``missed`` usual workdays before today: the day the absence began."""
    day, count = today, 0
    while count < missed:
        day -= timedelta(days=1)
        count += calendar.is_open(day) and bench.at_work(code, calendar, day)
    return day
