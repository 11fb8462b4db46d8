"""A jeweler's queue counted forward day by day, in many possible futures.

Each future works the queue in the store's order (earliest promise first, as
the pieces came in, or the quickest job first) on the jeweler's usual workdays,
moving as many pieces a day as on one of their recent worked days, takes in
tomorrow's pieces at the store's recent intake for the next days and at its
usual intake after, as a rush does not last (those promised earlier, or quicker,
go ahead where the bench works so), takes back each piece now waiting
for parts on the day its parts come in in that future (it rejoins the queue in
its place), and loses days to absence: a jeweler already away stays away as
long as absences here have lasted, and any workday may start a new one. The day
a piece comes off the bench in each future is one of its equally likely outcomes.

The futures are drawn from a seed made of the day and the jeweler, so the same
history as of the same moment always gives the same answer.
"""

from __future__ import annotations

import heapq
import math
import random
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from jeweldesk.domain.calendar import StoreCalendar
from jeweldesk.risk.bench import Bench
from jeweldesk.risk.history import Ticket
from jeweldesk.risk.intake import Intake
from jeweldesk.risk.order import AS_TAKEN_IN, BY_PROMISE, QUICKEST_FIRST
from jeweldesk.risk.work import work_of

FUTURES = 24  # possible futures counted per queue
HORIZON = 150  # open days after which a piece still waiting is taken as done then
RUSH_DAYS = 10  # open days ahead taken in at the recent pace; after, at the store's usual
WORK_STEPS = 100  # a quickest-first place in line is the piece's work in hundredths of an hour


@dataclass(frozen=True)
class QueueForecast:
    outcomes: dict[str, tuple[int, ...]]  # open-day ordinal each piece comes off the bench
    away_now: int  # usual workdays the jeweler has missed up to today, with work waiting


def forecast_queue(
    queue: Sequence[Ticket], jeweler: str | None, bench: Bench, intake: Intake,
    calendar: StoreCalendar, today: date,
    coming: Sequence[tuple[Ticket, Sequence[int]]] = (), order: str = BY_PROMISE,
    hours: Mapping[str, float] | None = None,
) -> QueueForecast:
    """``coming`` holds pieces not in the queue yet, each with the equally likely open days
    (ordinals) it joins it: a piece waiting for parts, on the day they come in. ``queue``
    is in the store's ``order``; ``hours``, each service's usual work here, say which
    piece is quicker where the bench takes the quickest first."""
    rng = random.Random(zlib.crc32(f"{today.isoformat()}|{jeweler}".encode()))
    start = calendar.ordinal(today)

    def place(t: Ticket) -> int:  # what decides a piece's place in line, least first
        if order == QUICKEST_FIRST:  # a piece already begun is finished first
            return 0 if t.status == "at_bench" else round(WORK_STEPS * work_of(t, hours or {}))
        day = t.received_at.date() if order == AS_TAKEN_IN else t.promised_for
        return calendar.ordinal(day)

    waiting = [(place(t), i, t.number) for i, t in enumerate(queue)]
    later = [
        (place(t), len(waiting) + i, t.number, tuple(days)) for i, (t, days) in enumerate(coming)
    ]
    away_now = bench.away_so_far.get(jeweler, 0) if queue or coming else 0
    found: dict[str, list[int]] = {t.number: [] for t in queue}
    found.update({t.number: [] for t, _ in coming})
    for _ in range(FUTURES):
        joins = sorted(
            (max(start, rng.choice(days)), (promise, kind, number))
            for promise, kind, number, days in later
        )
        for number, day in _one_future(
            waiting, joins, jeweler, bench, intake, calendar, start, away_now, rng, order,
        ).items():
            found[number].append(day)
    return QueueForecast({n: tuple(sorted(d)) for n, d in found.items()}, away_now)


def _one_future(
    waiting: list[tuple[int, int, str]], joins: list[tuple[int, tuple[int, int, str]]],
    jeweler: str | None, bench: Bench, intake: Intake,
    calendar: StoreCalendar, start: int, away_now: int, rng: random.Random, order: str,
) -> dict[str, int]:
    heap = list(waiting)
    heapq.heapify(heap)
    tracked = len(waiting) + len(joins)
    left = tracked
    joined = 0
    done: dict[str, int] = {}
    daily = bench.daily.get(jeweler, ())
    pace = bench.pace_of(jeweler)
    rate, usual = intake.rate_of(jeweler), intake.usual_of(jeweler)
    away = _still_away(bench.away_spells, away_now, rng) if away_now else 0
    carry = 0.0
    arrivals = 0
    for day in range(start, start + HORIZON):
        while joined < len(joins) and joins[joined][0] <= day:
            heapq.heappush(heap, joins[joined][1])
            joined += 1
        if bench.at_work(jeweler, calendar, calendar.day_at(day)):
            if away == 0 and rng.random() < bench.away_chance:
                away = rng.choice(bench.away_spells)
            if away > 0:
                away -= 1
            else:
                full_day = rng.choice(daily) if daily else pace
                # Of today, only what the jeweler has not done yet by the moment is left.
                carry += max(0, full_day - bench.moved_today.get(jeweler, 0)) if (
                    day == start) else full_day
                while carry >= 1 and heap:
                    carry -= 1
                    _, kind, number = heapq.heappop(heap)
                    if kind < tracked:
                        done[number] = day
                        left -= 1
                if not heap:
                    carry = 0.0
        if left == 0:
            return done
        for _ in range(_poisson(rate if day < start + RUSH_DAYS else usual, rng)):
            arrivals += 1
            if order == QUICKEST_FIRST and intake.works:
                place = round(WORK_STEPS * rng.choice(intake.works))
            elif order == AS_TAKEN_IN:
                place = day + 1
            else:
                place = day + rng.choice(intake.leads)
            heapq.heappush(heap, (place, tracked + arrivals, ""))
    for _, kind, number in [*heap, *(entry for _, entry in joins[joined:])]:
        if kind < tracked:
            done[number] = start + HORIZON
    return done


def _still_away(spells: Sequence[int], so_far: int, rng: random.Random) -> int:
    """Usual workdays more a jeweler away for ``so_far`` of them is likely to stay away."""
    longer = [s - so_far for s in spells if s >= so_far]
    if longer:
        return rng.choice(longer)
    return rng.randint(1, max(2, so_far))  # longer than any absence seen: as long again


def _poisson(rate: float, rng: random.Random) -> int:
    if rate <= 0:
        return 0
    limit, count, product = math.exp(-rate), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count
