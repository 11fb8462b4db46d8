"""Where an open piece still has to go: the jeweler's queue, a vendor, or both.

A piece waits in its jeweler's queue while it still needs bench work; a piece
whose bench work is done and that is bound for a vendor waits for the parcel.
A piece with both kinds of work goes to the bench first, or out first where
that is this store's way (``vendor_work_first``): its bench work then waits
until it is back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from jeweldesk.domain.status import BENCH_QUEUE_STATUSES
from jeweldesk.risk.history import History, Ticket
from jeweldesk.risk.order import BY_PROMISE, queue_key

MIN_BOTH = 5  # pieces with both kinds of work on record before the store's way with them speaks


def bench_queues(
    history: History, today: date, order: str = BY_PROMISE, vendor_first: bool = False,
    hours: Mapping[str, float] | None = None,
) -> dict[str | None, list[str]]:
    """Each jeweler's pieces waiting for bench work, first to be worked first."""
    queues: dict[str | None, list[Ticket]] = {}
    for ticket in history.tickets:
        if ticket.status in BENCH_QUEUE_STATUSES and needs_bench(ticket, history):
            if bench_work_done(ticket, history, today):
                continue
            if pending_vendors(ticket, history) and bench_after_vendor(ticket, vendor_first):
                continue  # goes out first: it joins the queue once back
            queues.setdefault(ticket.assigned_to, []).append(ticket)
    return {
        code: [t.number for t in sorted(found, key=queue_key(order, hours))]
        for code, found in queues.items()
    }


def bench_work_done(ticket: Ticket, history: History, today: date) -> bool:
    """On the bench since an earlier day and bound for a vendor: waiting for the parcel.

    A piece stays ``at_bench`` from its bench work until the parcel leaves; once a day
    has passed, the work before the vendor is taken as done, so it is no longer ahead
    of anything in the queue.
    """
    if ticket.status != "at_bench" or not pending_vendors(ticket, history):
        return False
    return history.calendar.open_days_between(ticket.status_since.date(), today) >= 1


def bench_after_vendor(ticket: Ticket, vendor_first: bool) -> bool:
    """Whether the piece's bench work waits until it is back from the vendor: it went out
    before any was begun, or, not out yet, that is how this store does it."""
    if not ticket.bench_services or not ticket.vendor_codes:
        return False
    for event in ticket.events:
        if event.status == "at_bench":
            return False
        if event.status == "at_vendor":
            return True
    return vendor_first


def vendor_work_first(tickets: Iterable[Ticket]) -> bool:
    """Whether this store sends pieces with both kinds of work out before their bench work,
    as its pieces that have been out show."""
    first = after = 0
    for ticket in tickets:
        if ticket.bench_services and ticket.vendor_codes:
            went = next((e.status for e in ticket.events
                         if e.status in ("at_bench", "at_vendor")), None)
            first += went == "at_vendor"
            after += went == "at_bench"
    return first >= MIN_BOTH and first > after


def needs_bench(ticket: Ticket, history: History) -> bool:
    return bool(ticket.bench_services) or not pending_vendors(ticket, history)


def pending_vendors(ticket: Ticket, history: History) -> list[str]:
    """Vendors this piece still has to go out to."""
    sent = [p.vendor for p in history.parcels_by_ticket.get(ticket.number, ())]
    trips = sum(1 for e in ticket.events if e.status == "at_vendor")
    if trips > len(sent):
        # Sent without a parcel on record: take the vendors in the order the services list them.
        sent += [c for c in ticket.vendor_codes if c not in sent][: trips - len(sent)]
    return [code for code in ticket.vendor_codes if code not in sent]
