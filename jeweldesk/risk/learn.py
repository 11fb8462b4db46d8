"""What the store's own history says about how long things really take.

Everything here is learned from the history handed in (already cut as of the
moment), most recent first, with priors for a store or vendor with little
history yet. Durations at the bench are in open days; a vendor's turnaround and
parts on order are in calendar days, because carriers and suppliers keep
working while the store is closed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from statistics import median

from jeweldesk.risk.bench import Bench, learn_bench
from jeweldesk.risk.calendar import StoreCalendar
from jeweldesk.risk.history import History, Parcel, Ticket

RECENT_PARCELS = 20  # a vendor's last parcels that speak for it now
RECENT_SPANS = 60  # store-wide samples per stage
MIN_OWN_PARCELS = 5  # below this, a vendor's record is padded with the store's prior
PRIOR_LATE_RATIOS = (1.0, 1.0, 1.0, 1.15, 1.3)  # turnaround / quote, before any history


@dataclass(frozen=True)
class VendorRecord:
    """A vendor's real turnaround in calendar days, from its own recent parcels."""

    code: str
    name: str
    quote: int
    turnaround: tuple[int, ...]  # recent parcels' days out, padded with the prior when few
    parcels_counted: int  # own parcels behind it
    late: int  # of those, back after the date the vendor quoted
    late_by: int  # median days past the quote of the late ones

    @property
    def learned(self) -> bool:
        return self.parcels_counted >= 3


@dataclass(frozen=True)
class Knowledge:
    today: date
    calendar: StoreCalendar
    vendors: dict[str, VendorRecord]
    parcel_weekdays: frozenset[int]
    finishing: tuple[int, ...]  # open days from back-from-vendor to ready
    quality_check: tuple[int, ...]  # open days from quality check to ready
    parts: tuple[int, ...]  # calendar days waiting for parts
    bench_only: tuple[int, ...]  # open days from intake to ready, no vendor work
    service_days: dict[str, tuple[int, ...]]  # open days at the bench, by service
    bench: Bench = field(default_factory=lambda: Bench({}, {}))  # jewelers' pace and days


def learn(history: History, today: date) -> Knowledge:
    calendar = history.calendar
    done = [t for t in history.tickets if t.ready_at is not None]
    done.sort(key=lambda t: t.ready_at or t.received_at, reverse=True)
    return Knowledge(
        today=today,
        calendar=calendar,
        vendors=_vendor_records(history, today),
        parcel_weekdays=_parcel_weekdays(history),
        finishing=_recent(_finishing_spans(done, calendar)),
        quality_check=_recent(_quality_check_spans(done, calendar)),
        parts=_recent(_parts_spans(history.tickets, today)),
        bench_only=_recent(
            calendar.open_days_between(t.received_at.date(), _day(t.ready_at))
            for t in done
            if not t.vendor_codes
        ),
        service_days=_service_days(done, calendar),
        bench=learn_bench(history, calendar, today),
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


def _vendor_records(history: History, today: date) -> dict[str, VendorRecord]:
    by_vendor: dict[str, list[Parcel]] = {}
    for parcel in history.parcels:
        by_vendor.setdefault(parcel.vendor, []).append(parcel)
    ratios: list[float] = []
    own: dict[str, tuple[list[int], int, int, int]] = {}
    for vendor in history.vendors:
        parcels = sorted(by_vendor.get(vendor.code, []), key=lambda p: p.sent_at, reverse=True)
        back = [p for p in parcels if p.received_at is not None][:RECENT_PARCELS]
        days = [_days_out(p) for p in back]
        quote = vendor.quoted_turnaround_days
        late = [d - quote for d in days if d > quote]
        typical = median(days) if days else vendor.quoted_turnaround_days
        # A parcel out longer than the vendor's usual is evidence too, though not back yet.
        days += [
            (today - p.sent_at.date()).days
            for p in parcels
            if p.received_at is None and (today - p.sent_at.date()).days > typical
        ]
        own[vendor.code] = (days, len(back), len(late), round(median(late)) if late else 0)
        if vendor.quoted_turnaround_days > 0:
            ratios += [d / vendor.quoted_turnaround_days for d in days]
    prior_ratios = sorted(ratios) if len(ratios) >= 10 else list(PRIOR_LATE_RATIOS)
    records = {}
    for vendor in history.vendors:
        days, counted, late_count, late_by = own[vendor.code]
        missing = max(0, MIN_OWN_PARCELS - len(days))
        prior = [round(vendor.quoted_turnaround_days * r) for r in _spread(prior_ratios, missing)]
        records[vendor.code] = VendorRecord(
            vendor.code,
            vendor.name,
            vendor.quoted_turnaround_days,
            tuple(sorted(days + prior)),
            counted,
            late_count,
            late_by,
        )
    return records


def _days_out(parcel: Parcel) -> int:
    assert parcel.received_at is not None
    return (parcel.received_at.date() - parcel.sent_at.date()).days


def _spread(values: Sequence[float], count: int) -> list[float]:
    """``count`` values evenly spread over the sorted ``values``."""
    if count <= 0 or not values:
        return []
    last = len(values) - 1
    return [values[min(last, int((i + 0.5) * len(values) / count))] for i in range(count)]


def _parcel_weekdays(history: History) -> frozenset[int]:
    """Weekdays parcels leave on, when the history shows the store keeps to some."""
    open_days = history.calendar.open_weekdays
    counts = Counter(p.sent_at.isoweekday() for p in history.parcels)
    total = sum(counts.values())
    if total < 10:
        return open_days
    used = frozenset(d for d, n in counts.items() if n >= 0.05 * total) & open_days
    return used or open_days


def _finishing_spans(done: list[Ticket], calendar: StoreCalendar) -> Iterable[int]:
    for ticket in done:
        back = _last_vendor_return(ticket)
        if back is not None:
            yield calendar.open_days_between(back.date(), _day(ticket.ready_at))


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


def _parts_spans(tickets: Sequence[Ticket], today: date) -> Iterable[int]:
    spans: list[tuple[datetime, int]] = []
    for ticket in tickets:
        events = ticket.events
        for i, event in enumerate(events):
            if event.status != "waiting_parts":
                continue
            if i + 1 < len(events):
                spans.append((event.at, (events[i + 1].at.date() - event.at.date()).days))
            elif (today - event.at.date()).days > 0:
                # Still waiting: at least this long, which is news about the supplier.
                spans.append((event.at, (today - event.at.date()).days))
    spans.sort(reverse=True)
    return (days for _, days in spans)


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
