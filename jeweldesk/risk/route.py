"""Where an open piece still has to go: the jeweler's queue, a vendor, or both.

A piece waits in its jeweler's queue while it still needs bench work; a piece
whose bench work is done and that is bound for a vendor waits for the parcel.
"""

from __future__ import annotations

from datetime import date

from jeweldesk.risk.history import BENCH_STATUSES, History, Ticket
from jeweldesk.risk.order import BY_PROMISE, queue_key


def bench_queues(
    history: History, today: date, order: str = BY_PROMISE
) -> dict[str | None, list[str]]:
    """Each jeweler's pieces waiting for bench work, first to be worked first."""
    queues: dict[str | None, list[Ticket]] = {}
    for ticket in history.tickets:
        if ticket.status in BENCH_STATUSES and needs_bench(ticket, history):
            if bench_work_done(ticket, history, today):
                continue
            queues.setdefault(ticket.assigned_to, []).append(ticket)
    return {
        code: [t.number for t in sorted(found, key=queue_key(order))]
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
