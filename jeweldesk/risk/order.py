"""In what order this store's jewelers take up the pieces waiting for them.

Some benches work earliest promise first; others take pieces as they came in,
or the quickest job first. The record says which: wherever a piece taken in
later but promised sooner arrived while an earlier one still waited, which of
the two was done first; and wherever the quicker of two such pieces is not the
one the first way would take first, whether it went ahead.
Small jobs done between the others, pieces that waited for parts or went to a
vendor say nothing of the order, and are left out. Until the record has enough
such pairs, the bench is taken to work by promise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime

from jeweldesk.risk.history import Ticket
from jeweldesk.risk.work import work_of

BY_PROMISE = "promise"
AS_TAKEN_IN = "taken_in"
QUICKEST_FIRST = "quickest"
# Hours two pieces' work must differ by for the quicker to be plainly the quicker.
PLAINLY_QUICKER = 0.25
MIN_PAIRS = 8  # pieces overtaken or not, on record, before the store's own order speaks
RECENT_PIECES = 200  # a jeweler's latest finished pieces that speak for the order


def learn_order(
    done: Iterable[Ticket], quick: Iterable[str], hours: Mapping[str, float] | None = None
) -> str:
    """``BY_PROMISE``, ``AS_TAKEN_IN`` or ``QUICKEST_FIRST``, as the finished pieces
    ``done`` show it; ``hours``, each service's usual work here, say which is quicker."""
    small = set(quick)
    hours = hours or {}
    by_jeweler: dict[str | None, list[tuple[datetime, datetime, datetime, float]]] = {}
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
            pieces.append((ticket.received_at, promised, ticket.ready_at,
                           work_of(ticket, hours)))
    pairs = [pair for pieces in by_jeweler.values() for pair in _choices(sorted(pieces))]
    by_promise = as_taken_in = 0
    for (_, promised, ready, _), (_, sooner, later_ready, _) in pairs:
        if sooner < promised:
            by_promise += later_ready < ready
            as_taken_in += later_ready > ready
    found = BY_PROMISE
    if by_promise + as_taken_in >= MIN_PAIRS and by_promise < as_taken_in:
        found = AS_TAKEN_IN
    quicker_first = quicker_after = 0
    for first, then in pairs:
        if abs(first[3] - then[3]) < PLAINLY_QUICKER:
            continue
        quicker, slower = (first, then) if first[3] < then[3] else (then, first)
        if _first_of(found, first, then) is quicker:
            continue  # the way found takes the quicker first too: says nothing between them
        done_first = first if first[2] < then[2] else then
        quicker_first += done_first is quicker and quicker[2] != slower[2]
        quicker_after += done_first is slower and quicker[2] != slower[2]
    if quicker_first + quicker_after >= MIN_PAIRS and quicker_first > 2 * quicker_after:
        return QUICKEST_FIRST
    return found


Piece = tuple[datetime, datetime, datetime, float]  # received, promised, ready, hours of work


def _choices(pieces: list[Piece]) -> Iterable[tuple[Piece, Piece]]:
    """Pairs of pieces, in the order they came in, the later in while the earlier waited."""
    for i, earlier in enumerate(pieces):
        for later in pieces[i + 1:]:
            if later[0].date() >= earlier[2].date():
                break  # came in once the earlier piece was done: no choice was made
            yield earlier, later


def _first_of(order: str, earlier: Piece, later: Piece) -> Piece:
    if order == BY_PROMISE and later[1] < earlier[1]:
        return later
    return earlier


def queue_key(
    order: str, hours: Mapping[str, float] | None = None
) -> Callable[[Ticket], tuple[object, ...]]:
    """How a jeweler's waiting pieces line up, first to be worked first."""
    if order == AS_TAKEN_IN:
        return lambda t: (t.received_at,)
    if order == QUICKEST_FIRST:
        known = hours or {}
        return lambda t: (t.status != "at_bench", work_of(t, known), t.received_at)
    return lambda t: (datetime.combine(t.promised_for, datetime.min.time()), t.received_at)
