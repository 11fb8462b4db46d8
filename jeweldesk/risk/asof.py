"""Cut a history at a moment: what the store could know then.

As FORMAT.md says: a ticket received later does not exist yet, later events
have not happened, a parcel sent later does not exist, one received later is
still out, and a date means the start of that day, before the store opens.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

from jeweldesk.risk.history import History, Parcel, PromiseChange, Ticket

WORKED = frozenset({"at_bench", "waiting_parts", "quality_check", "ready"})  # moves at the bench


def moment_of(when: date | datetime) -> datetime:
    """A date means the start of that day; a timestamp is taken as it is."""
    if isinstance(when, datetime):
        return when
    return datetime.combine(when, time.min)


def as_of(history: History, when: date | datetime) -> History:
    """The history exactly as it stood at ``when``: nothing after it is known."""
    moment = moment_of(when)
    changes = tuple(c for c in history.promise_changes if c.at <= moment)
    later_changes = [c for c in history.promise_changes if c.at > moment]
    bench = frozenset(s.code for s in history.staff if s.role == "bench")
    tickets = tuple(
        _ticket_as_of(t, moment, later_changes, bench)
        for t in history.tickets if t.received_at <= moment
    )
    known = {t.number for t in tickets}
    parcels = tuple(_parcel_as_of(p, moment, known) for p in history.parcels if p.sent_at <= moment)
    return replace(
        history,
        tickets=tickets,
        parcels=tuple(p for p in parcels if p.tickets),
        contacts=tuple(c for c in history.contacts if c.at <= moment),
        promise_changes=changes,
        days_off=tuple(d for d in history.days_off
                       if d.planned_at is None or d.planned_at <= moment),
        # What was asked by then, with an answer not yet given then forgotten.
        approvals=tuple(replace(a, answered_at=a.answered_at if a.answered_at is not None
                                and a.answered_at <= moment else None)
                        for a in history.approvals if a.at <= moment),
    )


def _ticket_as_of(
    ticket: Ticket, moment: datetime, later: list[PromiseChange], bench: frozenset[str]
) -> Ticket:
    events = tuple(e for e in ticket.events if e.at <= moment)
    promised_for = ticket.promised_for
    # The stored promise is the newest one; an earlier change's old date was in force then.
    mine = sorted((c for c in later if c.ticket == ticket.number), key=lambda c: c.at)
    if mine:
        promised_for = mine[0].old_date
    assigned_to = ticket.assigned_to
    if assigned_to is None:  # not assigned on record: whoever at the bench has worked on it
        assigned_to = next((e.by for e in reversed(events) if e.by in bench
                            and e.status in WORKED), None)
    if (len(events), promised_for, assigned_to) == (
            len(ticket.events), ticket.promised_for, ticket.assigned_to):
        return ticket
    return replace(ticket, events=events, promised_for=promised_for, assigned_to=assigned_to)


def _parcel_as_of(parcel: Parcel, moment: datetime, known: set[str]) -> Parcel:
    received_at = parcel.received_at
    if received_at is not None and received_at > moment:
        received_at = None
    returned = tuple((n, at) for n, at in parcel.returned if at <= moment)
    tickets = tuple(n for n in parcel.tickets if n in known)
    if (received_at, returned, tickets) == (parcel.received_at, parcel.returned, parcel.tickets):
        return parcel
    return replace(parcel, tickets=tickets, received_at=received_at, returned=returned)
