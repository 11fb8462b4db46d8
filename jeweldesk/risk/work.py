"""How long each service's own work takes at this store's bench, in hours.

A piece's scans say when a jeweler took it up and when it left the bench; for a
piece with one bench service, done within the day it was taken up, that span is
the service's work. Only the order of the pieces waiting rests on it (a bench
that takes the quickest job first), so a typical figure per service is enough.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from statistics import median

from jeweldesk.risk.history import Ticket

MIN_TIMED = 5  # pieces of a service timed at the bench before its hours speak
RECENT_TIMED = 60  # a service's latest timed pieces that speak for it


def learn_work_hours(done: Iterable[Ticket]) -> dict[str, float]:
    """Each bench service's usual hours of work, from the finished pieces ``done``."""
    spans: dict[str, list[float]] = {}
    for ticket in done:
        codes = ticket.bench_services
        if len(codes) != 1 or ticket.vendor_codes:
            continue
        if any(e.status == "waiting_parts" for e in ticket.events):
            continue
        hours = _hours_at_bench(ticket)
        found = spans.setdefault(codes[0], [])
        if hours is not None and len(found) < RECENT_TIMED:
            found.append(hours)
    return {code: median(found) for code, found in spans.items() if len(found) >= MIN_TIMED}


def work_of(ticket: Ticket, hours: Mapping[str, float]) -> float:
    """The piece's own bench work in hours: its services' usual hours, and for a service
    never timed here, the store's usual service."""
    usual = median(hours.values()) if hours else 1.0
    return sum(hours.get(code, usual) for code in ticket.bench_services)


def _hours_at_bench(ticket: Ticket) -> float | None:
    events = ticket.events
    for taken, left in zip(events, events[1:], strict=False):
        if taken.status == "at_bench":
            if left.at.date() != taken.at.date():
                return None  # over a night: the span is not the work
            return (left.at - taken.at).total_seconds() / 3600
    return None
