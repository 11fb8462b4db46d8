"""How fast each jeweler really works through the bench, on which days, and when they are away.

A jeweler's pace is the pieces they moved off the bench per day they actually
worked (a day with at least one of their moves on record), so a week off or a
weekday they never work does not make them look slow; those days are instead
skipped when their queue is counted forward. A queue is counted forward at what
a full day gets done, with its real ups and downs: a day that ended with work
still waiting shows it, while a day the bench ran dry shows only that the
jeweler could do at least that much (``_capacity``), so one who is rarely pressed
is not taken to clear a backlog at the pace of their quiet days. What a full day
takes changes slowly, so it is read over a longer stretch than the pace: a
jeweler back from weeks away has only quiet days in the pace's window.

A jeweler who has made no move on their usual workdays lately, while pieces
wait for them, is away: how long absences here have lasted (a sick day, a week
off), together with the usual run of absences anywhere, says how much longer it
is likely to last.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import median

from jeweldesk.domain.calendar import StoreCalendar
from jeweldesk.domain.status import BENCH_QUEUE_STATUSES
from jeweldesk.risk.history import Event, History
from jeweldesk.risk.outcomes import weighted_spread
from jeweldesk.risk.route import bench_after_vendor

PACE_WINDOW = 20  # open days over which a jeweler's pace is measured
CAPACITY_WINDOW = 60  # open days over which a full day's work is measured
HABIT_WEEKS = 8  # weeks over which the weekdays a jeweler works are learned
AWAY_WEEKS = 17  # weeks over which absences are counted
DEFAULT_PACE = 2.0  # pieces a day, for a jeweler with no record yet
MIN_MOVED = 5  # pieces moved in the window before a jeweler's own pace is trusted
MIN_WORKED_DAYS = 10  # worked days on record before a jeweler's habits are trusted
# Usual workdays missed in a row, before the store has seen absences of its own.
PRIOR_AWAY_SPELLS = (1, 1, 1, 2, 3, 5, 5, 10)
PRIOR_AWAY_CHANCE = 0.02  # chance a usual workday starts an absence, before any record


@dataclass(frozen=True)
class Bench:
    pace: dict[str | None, float]  # pieces a worked day, by jeweler
    workdays: dict[str | None, frozenset[int]]  # ISO weekdays each jeweler usually works
    daily: dict[str | None, tuple[int, ...]] = field(default_factory=dict)  # a full day's moves
    away_so_far: dict[str | None, int] = field(default_factory=dict)  # usual workdays missed
    away_spells: tuple[int, ...] = PRIOR_AWAY_SPELLS  # lengths of absences, in usual workdays
    away_chance: float = PRIOR_AWAY_CHANCE  # chance a usual workday starts an absence
    worked: dict[str | None, frozenset[date]] = field(default_factory=dict)  # days with moves
    off: dict[str | None, frozenset[date]] = field(default_factory=dict)  # planned days off
    # Pieces already off the bench today, before the moment: today's work partly done.
    moved_today: dict[str | None, int] = field(default_factory=dict)

    def pace_of(self, jeweler: str | None) -> float:
        return self.pace.get(jeweler, DEFAULT_PACE)

    def days_of(self, jeweler: str | None, calendar: StoreCalendar) -> frozenset[int]:
        return self.workdays.get(jeweler) or calendar.open_weekdays

    def done_on(
        self, calendar: StoreCalendar, today: date, jeweler: str | None, pieces: float,
        pace: float | None = None,
    ) -> int:
        """The open day (ordinal) by which ``pieces`` pieces are off this jeweler's bench."""
        needed = max(1, math.ceil(pieces / (pace or self.pace_of(jeweler))))
        ordinal = calendar.ordinal(today)
        for _ in range(400):
            if self.at_work(jeweler, calendar, calendar.day_at(ordinal)):
                needed -= 1
                if needed <= 0:
                    return ordinal
            ordinal += 1
        return ordinal

    def at_work(self, jeweler: str | None, calendar: StoreCalendar, day: date) -> bool:
        """Whether the jeweler works on this open day: one of their usual weekdays, and not
        a day off the store has planned for them."""
        return day.isoweekday() in self.days_of(jeweler, calendar) and day not in self.off.get(
            jeweler, ())

    def planned_off(
        self, jeweler: str | None, start: date, end: date
    ) -> tuple[date, date] | None:
        """The first run of planned days off that touches ``start``..``end``, whole."""
        off = self.off.get(jeweler, frozenset())
        within = [d for d in off if start <= d <= end]
        if not within:
            return None
        first = last = min(within)
        while first - timedelta(days=1) in off:
            first -= timedelta(days=1)
        while last + timedelta(days=1) in off:
            last += timedelta(days=1)
        return first, last

    def workdays_between(
        self, calendar: StoreCalendar, jeweler: str | None, start: date, end: date
    ) -> int:
        """The jeweler's working days after ``start`` up to and including ``end``: the days
        they are on record as working, or, without a record, their usual workdays."""
        worked = self.worked.get(jeweler)
        if worked is not None and len(worked) >= MIN_WORKED_DAYS:
            return sum(1 for d in worked if start < d <= end)
        usual = self.days_of(jeweler, calendar)
        count, day = 0, start + timedelta(days=1)
        while day <= end:
            count += calendar.is_open(day) and day.isoweekday() in usual
            day += timedelta(days=1)
        return count

    def still_away(self, jeweler: str | None) -> list[int]:
        """Equally likely usual workdays more a jeweler is away, as absences here have lasted
        (none for a jeweler at work); longer than any absence seen: up to as long again."""
        so_far = self.away_so_far.get(jeweler, 0)
        if not so_far:
            return [0]
        longer = [s - so_far for s in self.away_spells if s >= so_far]
        return longer or list(range(1, max(2, so_far) + 1))

    def workday_after(
        self, calendar: StoreCalendar, jeweler: str | None, today: date, count: int
    ) -> int:
        """The open day (ordinal) that is the jeweler's ``count``-th usual workday after their
        first one on or after ``today``."""
        return self.done_on(calendar, today, jeweler, count + 1, pace=1.0)


def learn_bench(history: History, calendar: StoreCalendar, today: date) -> Bench:
    window_start = calendar.day_at(calendar.ordinal(today) - PACE_WINDOW)
    start = datetime.combine(window_start, datetime.min.time())
    full_start = calendar.day_at(calendar.ordinal(today) - CAPACITY_WINDOW)
    habit_start = today - timedelta(weeks=HABIT_WEEKS)
    away_start = today - timedelta(weeks=AWAY_WEEKS)
    moved: Counter[str | None] = Counter()
    moved_on: Counter[tuple[str | None, date]] = Counter()
    busy: dict[str | None, set[date]] = {}
    worked: dict[str | None, set[date]] = {}
    at_work: dict[str | None, set[date]] = {}  # the days with moves only the jeweler makes
    left_over: Counter[tuple[str | None, date]] = Counter()
    for ticket in history.tickets:
        events = ticket.events
        for i, event in enumerate(events):
            if away_start <= event.at.date() < today and event.by:
                worked.setdefault(event.by, set()).add(event.at.date())
                if not _clerical(events, i):
                    at_work.setdefault(event.by, set()).add(event.at.date())
            if event.status not in BENCH_QUEUE_STATUSES:
                continue
            left = events[i + 1] if i + 1 < len(events) else None
            end = left.at.date() if left else today
            if end < full_start:
                continue
            # Sent straight out without bench work it needed is no bench work done; and
            # finishing a piece back from the vendor is quick, not the queue's work (unless
            # its bench work came after the vendor).
            straight_out = left is not None and left.status == "at_vendor" and (
                not ticket.bench_services or event.status == "received")
            finishing = any(e.status == "at_vendor" for e in events[:i]) and not (
                bench_after_vendor(ticket, False))
            if (
                left is not None and left.at.date() >= full_start
                and left.status not in BENCH_QUEUE_STATUSES and not straight_out and not finishing
            ):
                moved[ticket.assigned_to] += left.at >= start
                moved_on[ticket.assigned_to, left.at.date()] += 1
            days = busy.setdefault(ticket.assigned_to, set())
            day = max(full_start, event.at.date() + timedelta(days=1))
            while day <= min(end, today - timedelta(days=1)):
                days.add(day)
                day += timedelta(days=1)
            # Waiting for the parcel, its bench work done or still to come after, is not
            # work waiting at the bench.
            if ticket.bench_services and not (left is not None and left.status == "at_vendor"):
                day = max(full_start, event.at.date() + timedelta(days=1))
                while day < min(end, today):
                    left_over[ticket.assigned_to, day] += 1
                    day += timedelta(days=1)
    paces: dict[str | None, float] = {}
    daily: dict[str | None, tuple[int, ...]] = {}
    for code, count in moved.items():
        if count < MIN_MOVED:
            continue
        # Days the jeweler is on record as working (a piece put back on their bench when its
        # parts came in is no sign they were in); else the days work was waiting.
        own = {d for d in at_work.get(code, ()) if d >= full_start}
        days = own if len(own) >= 3 else {d for d in busy.get(code, ()) if calendar.is_open(d)}
        paces[code] = count / max(sum(1 for d in days if d >= window_start), 1)
        daily[code] = _capacity([(moved_on[code, d], left_over[code, d] > 0) for d in days])
    moved_today: dict[str | None, int] = {
        code: n for (code, day), n in moved_on.items() if day == today}
    if None not in paces and paces:
        # Pieces no one has been given yet wait for whoever at the bench is free first.
        paces[None], daily[None] = _whole_bench(moved_on, left_over, full_start, calendar)
        moved_today[None] = sum(moved_today.values())
    fallback = median(paces.values()) if paces else DEFAULT_PACE
    for ticket in history.tickets:
        paces.setdefault(ticket.assigned_to, fallback)
    recent = {code: {d for d in days if d >= habit_start} for code, days in at_work.items()}
    habits = _workdays(recent, calendar, habit_start, today)
    bench = {
        t.assigned_to for t in history.tickets
        if t.assigned_to and (t.is_open or t.status_since.date() >= away_start)
    }
    at_bench: dict[str | None, frozenset[int]] = {
        code: days for code, days in habits.items() if code in bench
    }
    off: dict[str | None, set[date]] = {}
    for planned in history.days_off:
        days_off = off.setdefault(planned.staff, set())
        day = planned.first
        while day <= planned.last:
            days_off.add(day)
            day += timedelta(days=1)
    spells, usual_days, so_far = _absences(at_work, at_bench, calendar, away_start, today, off)
    return Bench(
        paces, habits, daily, so_far,
        tuple(sorted(spells + list(PRIOR_AWAY_SPELLS))),
        len(spells) / usual_days if len(spells) >= 3 and usual_days else PRIOR_AWAY_CHANCE,
        {code: frozenset(days) for code, days in worked.items()},
        {code: frozenset(days) for code, days in off.items()},
        moved_today,
    )


def _whole_bench(
    moved_on: Counter[tuple[str | None, date]], left_over: Counter[tuple[str | None, date]],
    start: date, calendar: StoreCalendar,
) -> tuple[float, tuple[int, ...]]:
    """The pace and a full day's moves of all the jewelers together."""
    days = sorted({d for (_, d) in moved_on if d >= start and calendar.is_open(d)})
    full = {d for (_, d), n in left_over.items() if n}
    total: Counter[date] = Counter()
    for (_, d), n in moved_on.items():
        total[d] += n
    pace = sum(total[d] for d in days) / max(len(days), 1)
    return pace, _capacity([(total[d], d in full) for d in days])


def _clerical(events: tuple[Event, ...], i: int) -> bool:
    """A move anyone at the store makes for the jeweler, that says nothing of whether the
    jeweler was at work: a piece back on the bench because its parts or its parcel came in."""
    return events[i].status == "at_bench" and i > 0 and events[i - 1].status in (
        "waiting_parts", "at_vendor")


def _capacity(days: list[tuple[int, bool]]) -> tuple[int, ...]:
    """Pieces a jeweler can move on a day of full work, as equally likely values.

    A day that ended with work still waiting shows what a full day gets done; a day
    the queue ran dry shows only that they could do at least that much. The two are
    combined as survival data are (Kaplan-Meier), and what is left above the last full
    day goes to the best day seen (Efron's rule): a jeweler who is rarely pressed is
    taken to be able to do their best day again when a backlog waits, not only what
    their quiet days happened to bring.
    """
    if not days:
        return ()
    ordered = sorted(days, key=lambda d: (d[0], not d[1]))
    at_risk, survive = len(ordered), 1.0
    mass: dict[int, float] = {}
    for moved, full in ordered:
        if full:
            mass[moved] = mass.get(moved, 0.0) + survive / at_risk
            survive -= survive / at_risk
        at_risk -= 1
    mass[ordered[-1][0]] = mass.get(ordered[-1][0], 0.0) + survive
    return tuple(weighted_spread(sorted(mass.items()), len(days)))


def _absences(
    worked: dict[str | None, set[date]], habits: dict[str | None, frozenset[int]],
    calendar: StoreCalendar, start: date, today: date, off: dict[str | None, set[date]],
) -> tuple[list[int], int, dict[str | None, int]]:
    """Absences seen (usual workdays missed in a row, ended by a return), how many usual
    workdays they were counted over, and each jeweler's usual workdays missed up to today.
    Planned days off are not absences: they are skipped, as days the jeweler never works."""
    spells: list[int] = []
    counted = 0
    so_far: dict[str | None, int] = {}
    for code, usual in habits.items():
        days = worked.get(code, set())
        planned = off.get(code, set())
        run = 0
        day = max(start, min(days))
        while day < today:
            if calendar.is_open(day) and day.isoweekday() in usual and day not in planned:
                counted += 1
                if day in days:
                    if run:
                        spells.append(run)
                    run = 0
                else:
                    run += 1
            day += timedelta(days=1)
        so_far[code] = run
    return spells, counted, so_far


def _workdays(
    worked: dict[str | None, set[date]], calendar: StoreCalendar, start: date, today: date
) -> dict[str | None, frozenset[int]]:
    """The weekdays each jeweler was at work on at least half the time the store was open,
    counted from their first day on record in the window."""
    habits: dict[str | None, frozenset[int]] = {}
    for code, days in worked.items():
        if len(days) < MIN_WORKED_DAYS:
            continue
        open_count: Counter[int] = Counter()
        day = max(start, min(days))
        while day < today:
            if calendar.is_open(day):
                open_count[day.isoweekday()] += 1
            day += timedelta(days=1)
        seen = Counter(d.isoweekday() for d in days if calendar.is_open(d))
        usual = frozenset(w for w, n in seen.items() if n >= 0.5 * open_count[w])
        if usual:
            habits[code] = usual
    return habits
