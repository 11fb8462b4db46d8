"""What the store's own history says about how long things really take.

Everything here is learned from the history handed in (already cut as of the
moment), most recent first, with priors for a store or vendor with little
history yet. Durations at the bench are in open days; a vendor's turnaround and
parts on order are in calendar days, because carriers and suppliers keep
working while the store is closed.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from jeweldesk.domain.calendar import StoreCalendar
from jeweldesk.risk.bench import Bench, learn_bench
from jeweldesk.risk.history import History, Ticket
from jeweldesk.risk.intake import Intake, learn_intake
from jeweldesk.risk.order import BY_PROMISE, learn_order
from jeweldesk.risk.parts import PartsRecord, learn_parts
from jeweldesk.risk.route import bench_after_vendor, vendor_work_first
from jeweldesk.risk.vendors import (
    PARCEL_DAYS,
    VendorRecord,
    trips,
    vendor_records,
)
from jeweldesk.risk.work import learn_work_hours

RECENT_SPANS = 60  # store-wide samples per stage
LEARN_DAYS = 120  # pieces finished longer ago than this no longer speak for the store
MIN_QUICK = 8  # pieces of a service on record before it can be known as done between others
MIN_OVERTAKES = 3  # pieces of a service seen done ahead of earlier work, before it can be quick
MIN_QUICK_OWN = 5  # a jeweler's own pieces of a service before their own habit with it speaks
SAME_DAY_OUT_SHARE = 0.1  # pieces sent out the day they came in, for that to be the habit
QUICK_DAYS = 1  # open days from intake within which such a service's pieces nearly all are done

__all__ = ["LEARN_DAYS", "PARCEL_DAYS", "Knowledge", "VendorRecord", "learn"]


@dataclass(frozen=True)
class Knowledge:
    today: date
    calendar: StoreCalendar
    vendors: dict[str, VendorRecord]
    parcel_weekdays: frozenset[int]
    out_the_day_in: bool  # pieces here go out in a parcel the day they come in, now and then
    finishing: tuple[int, ...]  # open days from back-from-vendor to ready
    quality_check: tuple[int, ...]  # open days from quality check to ready
    parts: PartsRecord  # how long parts waits have lasted here, and how true noted dates were
    bench_only: tuple[int, ...]  # open days from intake to ready, no vendor work
    service_days: dict[str, tuple[int, ...]]  # open days at the bench, by service
    # Services the jewelers do between the others, whatever the queue: open days from
    # intake to ready of their recent pieces.
    quick: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # The same, one jeweler's own habit, where they have done enough of the service: an
    # empty record means this jeweler does not do it between the others, whatever the store.
    quick_own: dict[tuple[str | None, str], tuple[int, ...]] = field(default_factory=dict)
    bench: Bench = field(default_factory=lambda: Bench({}, {}))  # jewelers' pace and days
    intake: Intake = field(default_factory=Intake)  # bench work still to come
    order: str = BY_PROMISE  # how the jewelers take up their waiting pieces
    vendor_first: bool = False  # pieces with both kinds of work go out before the bench
    work_hours: dict[str, float] = field(default_factory=dict)  # each bench service's work
    # Open days from a box's return to the own return of a piece it came back without.
    missing_back: tuple[int, ...] = ()
    # Open days from back-from-vendor to ready of the pieces whose bench work waited for the
    # vendor: never sooner than these, whatever the queue.
    after_vendor: tuple[int, ...] = ()


def learn(history: History, today: date) -> Knowledge:
    calendar = history.calendar
    since = datetime.combine(today - timedelta(days=LEARN_DAYS), datetime.min.time())
    done = [t for t in history.tickets if t.ready_at is not None and t.ready_at >= since]
    done.sort(key=lambda t: t.ready_at or t.received_at, reverse=True)
    bench = learn_bench(history, calendar, today)
    waiting = [t for t in history.tickets if _waits_for_the_bench_alone(t)]
    quick, quick_own = _quick_services(done, waiting, calendar, bench, today)
    hours = learn_work_hours(done)
    return Knowledge(
        today=today,
        calendar=calendar,
        vendors=vendor_records(history, today),
        parcel_weekdays=_parcel_weekdays(history, today),
        out_the_day_in=_out_the_day_in(history, today),
        finishing=_recent(_finishing_spans(done, calendar, bench_after=False)),
        after_vendor=_recent(_finishing_spans(done, calendar, bench_after=True)),
        quality_check=_recent(_quality_check_spans(done, calendar)),
        parts=learn_parts(history.tickets, today, since),
        bench_only=_recent(
            calendar.open_days_between(t.received_at.date(), _day(t.ready_at))
            for t in done
            if not t.vendor_codes
        ),
        service_days=_service_days(done, calendar),
        quick=quick,
        quick_own=quick_own,
        bench=bench,
        intake=learn_intake(history, calendar, today, hours),
        order=learn_order(done, quick, hours),
        work_hours=hours,
        missing_back=_recent(_missing_spans(history, calendar, since)),
        vendor_first=vendor_work_first(t for t in history.tickets if t.received_at >= since),
    )


def _day(at: datetime | None) -> date:
    assert at is not None
    return at.date()


def _recent(spans: Iterable[int], limit: int = RECENT_SPANS) -> tuple[int, ...]:
    out: list[int] = []
    for span in spans:
        out.append(max(span, 0))
        if len(out) >= limit:
            break
    return tuple(sorted(out))


def _parcel_weekdays(history: History, today: date) -> frozenset[int]:
    """Weekdays parcels leave on, when the history shows the store keeps to some."""
    open_days = history.calendar.open_weekdays
    counts = Counter(
        p.sent_at.isoweekday() for p in trips(history)
        if (today - p.sent_at.date()).days <= PARCEL_DAYS
    )
    total = sum(counts.values())
    if total < 10:
        return open_days
    used = frozenset(d for d, n in counts.items() if n >= 0.05 * total) & open_days
    return used or open_days


def _out_the_day_in(history: History, today: date) -> bool:
    """Whether pieces here ever leave in a parcel the day they come in: at least
    ``SAME_DAY_OUT_SHARE`` of those sent lately. Without a record of parcels, no."""
    pieces = history.ticket_by_number
    sent_on = [
        (p.sent_at.date(), pieces[number].received_at.date()) for p in trips(history)
        if (today - p.sent_at.date()).days <= PARCEL_DAYS
        for number in p.tickets if number in pieces
    ]
    if len(sent_on) < 10:
        return False
    return sum(1 for sent, came in sent_on if sent == came) >= SAME_DAY_OUT_SHARE * len(sent_on)


def _finishing_spans(
    done: list[Ticket], calendar: StoreCalendar, bench_after: bool
) -> Iterable[int]:
    """Open days from the last return from a vendor to ready: of the pieces whose bench
    work waited for the vendor (``bench_after``), or of the others."""
    for ticket in done:
        back = _last_vendor_return(ticket)
        if back is not None and bench_after_vendor(ticket, False) == bench_after:
            yield calendar.open_days_between(back.date(), _day(ticket.ready_at))


def _missing_spans(history: History, calendar: StoreCalendar, since: datetime) -> Iterable[int]:
    """For each piece a box came back without, the open days until it came back itself."""
    for parcel in sorted(history.parcels, key=lambda p: p.sent_at, reverse=True):
        if parcel.sent_at < since or not parcel.returned:
            continue
        first = min(at for _, at in parcel.returned)
        for _, at in parcel.returned:
            if at.date() > first.date():
                yield calendar.open_days_between(first.date(), at.date())


def _last_vendor_return(ticket: Ticket) -> datetime | None:
    back = None
    for before, after in zip(ticket.events, ticket.events[1:], strict=False):
        if before.status == "at_vendor" and after.status != "at_vendor":
            back = after.at
    return back


def _quality_check_spans(done: list[Ticket], calendar: StoreCalendar) -> Iterable[int]:
    for ticket in done:
        checks = [e.at for e in ticket.events if e.status == "quality_check"]
        if checks:
            yield calendar.open_days_between(checks[-1].date(), _day(ticket.ready_at))


def _service_days(done: list[Ticket], calendar: StoreCalendar) -> dict[str, tuple[int, ...]]:
    spans: dict[str, list[int]] = {}
    for ticket in done:
        if ticket.vendor_codes or any(e.status == "waiting_parts" for e in ticket.events):
            continue
        started = next((e.at for e in ticket.events if e.status == "at_bench"), None)
        if started is None:
            continue
        days = calendar.open_days_between(started.date(), _day(ticket.ready_at))
        for code in ticket.bench_services:
            found = spans.setdefault(code, [])
            if len(found) < RECENT_SPANS:
                found.append(days)
    return {code: tuple(sorted(days)) for code, days in spans.items()}


def _waits_for_the_bench_alone(ticket: Ticket) -> bool:
    """An open piece waiting only for bench work: nothing out, no parts awaited."""
    return (ticket.status in ("received", "at_bench") and bool(ticket.bench_services)
            and not ticket.vendor_codes
            and not any(e.status == "waiting_parts" for e in ticket.events))


def _quick_services(
    done: list[Ticket], waiting: list[Ticket], calendar: StoreCalendar, bench: Bench,
    today: date,
) -> tuple[dict[str, tuple[int, ...]], dict[tuple[str | None, str], tuple[int, ...]]]:
    """Services whose pieces nearly always came back by the jeweler's first working day
    after intake while the store's other bench work took days: done between the others,
    whatever the queue. Counted in the jeweler's own working days, so a jeweler who works
    three days a week is not taken as slow at them. (When every service comes back within
    a day or so, the queue is short, not the service quick.) A service must also have been
    seen done ahead of the queue (``_overtakes``): fast only because its pieces happened to
    come in on quiet days is not quick, and such pieces would wait behind a long queue.

    Store-wide, and for each jeweler with enough of a service of their own: a jeweler
    who fits small jobs in for the store may not (a short day has no room for them), and
    one may where the store's record is still too thin to say.

    Pieces still waiting count too (``waiting``): a backlog not yet worked off has no
    finished pieces to show how slow it is, nor how the small jobs got past it."""
    waits: dict[str, list[int]] = {}
    own: dict[tuple[str | None, str], list[int]] = {}
    for ticket in done:
        codes = ticket.bench_services
        if len(codes) != 1 or ticket.vendor_codes:
            continue
        if any(e.status == "waiting_parts" for e in ticket.events):
            continue
        found = waits.setdefault(codes[0], [])
        if len(found) >= RECENT_SPANS:
            continue
        days = bench.workdays_between(
            calendar, ticket.assigned_to, ticket.received_at.date(), _day(ticket.ready_at)
        )
        found.append(days)
        own.setdefault((ticket.assigned_to, codes[0]), []).append(days)
    slow_fifth = {
        code: _slow_fifth(days) for code, days in waits.items() if len(days) >= MIN_QUICK
    }
    backlog = any(
        bench.workdays_between(calendar, t.assigned_to, t.received_at.date(), today)
        >= QUICK_DAYS + 2 for t in waiting
    )
    if not slow_fifth or (max(slow_fifth.values()) < QUICK_DAYS + 2 and not backlog):
        return {}, {}
    ahead = _overtakes(done, waiting)
    slow_fifth = {c: v for c, v in slow_fifth.items() if ahead.get(c, 0) >= MIN_OVERTAKES}
    own = {k: v for k, v in own.items() if ahead.get(k[1], 0) >= MIN_OVERTAKES}
    store = {
        code: tuple(sorted(waits[code])) for code, slow in slow_fifth.items() if slow <= QUICK_DAYS
    }
    mine: dict[tuple[str | None, str], tuple[int, ...]] = {}
    for key, spans in own.items():
        if len(spans) >= MIN_QUICK_OWN:
            mine[key] = tuple(sorted(spans)) if _slow_fifth(spans) <= QUICK_DAYS else ()
    return store, mine


def _overtakes(done: list[Ticket], waiting: list[Ticket]) -> dict[str, int]:
    """Pieces of each single service that were ready before a piece their jeweler had taken
    in earlier, promised no later, and that waited only for the bench (or waits still):
    done ahead of the queue, which working earliest promise first never does."""
    bench_only: dict[str | None, list[tuple[datetime, date, datetime]]] = {}
    for piece in waiting:
        bench_only.setdefault(piece.assigned_to, []).append(
            (piece.received_at, piece.promised_for, datetime.max))
    for ticket in done:
        if ticket.vendor_codes or not ticket.bench_services or ticket.ready_at is None:
            continue
        if any(e.status == "waiting_parts" for e in ticket.events):
            continue
        bench_only.setdefault(ticket.assigned_to, []).append(
            (ticket.received_at, ticket.promised_for, ticket.ready_at)
        )
    for pieces in bench_only.values():
        pieces.sort()
    found: dict[str, int] = {}
    for ticket in done:
        codes = ticket.bench_services
        if len(codes) != 1 or ticket.vendor_codes or ticket.ready_at is None:
            continue
        pieces = bench_only.get(ticket.assigned_to, [])
        before = bisect_left(pieces, (ticket.received_at,))
        ready = ticket.ready_at
        oldest = ready - timedelta(days=LEARN_DAYS)
        for i in range(before - 1, -1, -1):
            received, promised, done_at = pieces[i]
            if received < oldest:
                break
            if promised <= ticket.promised_for and done_at > ready:
                found[codes[0]] = found.get(codes[0], 0) + 1
                break
    return found


def _slow_fifth(days: list[int]) -> int:
    return sorted(days)[int(0.8 * (len(days) - 1))]
