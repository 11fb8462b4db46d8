"""In what order this store's jewelers take up the pieces waiting for them.

Some benches work earliest promise first; others take pieces as they came in.
The record says which: wherever a piece taken in later but promised sooner
arrived while an earlier one still waited, which of the two was done first.
Small jobs done between the others, pieces that waited for parts or went to a
vendor say nothing of the order, and are left out. Until the record has enough
such pairs, the bench is taken to work by promise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from jeweldesk.risk.history import Ticket

BY_PROMISE = "promise"
AS_TAKEN_IN = "taken_in"
MIN_PAIRS = 8  # pieces overtaken or not, on record, before the store's own order speaks
RECENT_PIECES = 200  # a jeweler's latest finished pieces that speak for the order


def learn_order(done: Iterable[Ticket], quick: Iterable[str]) -> str:
    """``BY_PROMISE`` or ``AS_TAKEN_IN``, as the finished pieces ``done`` show it."""
    small = set(quick)
    by_jeweler: dict[str | None, list[tuple[datetime, datetime, datetime]]] = {}
    for ticket in done:
        if ticket.ready_at is None or ticket.vendor_codes or not ticket.bench_services:
            continue
        if set(ticket.bench_services) <= small:
            continue
        if any(e.status == "waiting_parts" for e in ticket.events):
            continue
        promised = datetime.combine(ticket.promised_for, datetime.min.time())
        pieces = by_jeweler.setdefault(ticket.assigned_to, [])
        if len(pieces) < RECENT_PIECES:
            pieces.append((ticket.received_at, promised, ticket.ready_at))
    by_promise = as_taken_in = 0
    for pieces in by_jeweler.values():
        pieces.sort()
        for i, (_, promised, ready) in enumerate(pieces):
            for later, sooner, later_ready in pieces[i + 1:]:
                if later.date() >= ready.date():
                    break  # came in once the earlier piece was done: no choice was made
                if sooner < promised:
                    by_promise += later_ready < ready
                    as_taken_in += later_ready > ready
    if by_promise + as_taken_in < MIN_PAIRS or by_promise >= as_taken_in:
        return BY_PROMISE
    return AS_TAKEN_IN


def queue_key(order: str) -> Callable[[Ticket], tuple[datetime, ...]]:
    """How a jeweler's waiting pieces line up, first to be worked first."""
    if order == AS_TAKEN_IN:
        return lambda t: (t.received_at,)
    return lambda t: (datetime.combine(t.promised_for, datetime.min.time()), t.received_at)
