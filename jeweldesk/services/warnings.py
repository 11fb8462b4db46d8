"""The morning list of promises at risk: the store's history loaded for the risk engine.

Loading only; every rule lives in ``jeweldesk.risk``, which reads the plain
records built here and knows nothing of the database.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from jeweldesk.domain.models import (
    ClosedDate,
    Parcel,
    PromiseChange,
    Staff,
    Ticket,
    TicketEvent,
    TicketService,
    Vendor,
)
from jeweldesk.risk import history as risk
from jeweldesk.risk.calendar import StoreCalendar
from jeweldesk.risk.engine import Flag, assess, flags_to_json
from jeweldesk.services.common import get_store, store_now
from jeweldesk.storage.engine import Database


def load_history(session: Session) -> risk.History:
    """The whole store history as the risk engine reads it."""
    store = get_store(session)
    closed = session.scalars(select(ClosedDate.day)).all()
    tickets = session.scalars(
        select(Ticket).options(
            selectinload(Ticket.customer),
            selectinload(Ticket.assigned_to),
            selectinload(Ticket.services).selectinload(TicketService.vendor),
            selectinload(Ticket.events).selectinload(TicketEvent.by),
        )
    ).all()
    parcels = session.scalars(
        select(Parcel).options(selectinload(Parcel.vendor), selectinload(Parcel.items))
    ).all()
    numbers = {t.id: t.number for t in tickets}
    changes = session.scalars(select(PromiseChange)).all()
    return risk.History(
        calendar=StoreCalendar.of(store.weekdays, closed, store.timezone),
        vendors=tuple(
            risk.Vendor(v.code, v.name, v.quoted_turnaround_days)
            for v in session.scalars(select(Vendor)).all()
        ),
        staff=tuple(
            risk.Jeweler(s.code, s.name, s.role.value) for s in session.scalars(select(Staff)).all()
        ),
        tickets=tuple(_ticket(t) for t in tickets),
        parcels=tuple(_parcel(p, numbers) for p in parcels),
        promise_changes=tuple(
            risk.PromiseChange(numbers[c.ticket_id], c.at, c.old_date, c.new_date)
            for c in changes
            if c.ticket_id in numbers
        ),
        store_name=store.name,
    )


def _ticket(ticket: Ticket) -> risk.Ticket:
    occasion = None
    if ticket.occasion_date is not None:
        occasion = risk.Occasion(ticket.occasion_what or "", ticket.occasion_date)
    return risk.Ticket(
        number=ticket.number,
        customer=ticket.customer.name,
        received_at=ticket.received_at,
        promised_for=ticket.promised_for,
        services=tuple(
            risk.Service(s.code, s.vendor.code if s.vendor else None) for s in ticket.services
        ),
        events=tuple(
            risk.Event(e.at, e.status.value, e.by.code if e.by else "", e.note)
            for e in ticket.events
        ),
        occasion=occasion,
        assigned_to=ticket.assigned_to.code if ticket.assigned_to else None,
    )


def _parcel(parcel: Parcel, numbers: dict[int, str]) -> risk.Parcel:
    return risk.Parcel(
        ref=parcel.ref,
        vendor=parcel.vendor.code,
        tickets=tuple(numbers[i.ticket_id] for i in parcel.items if i.ticket_id in numbers),
        sent_at=parcel.sent_at,
        expected_back=parcel.expected_back,
        received_at=parcel.received_at,
        returned=tuple(
            (numbers[i.ticket_id], i.returned_at)
            for i in parcel.items
            if i.returned_at is not None and i.ticket_id in numbers
        ),
    )


def at_risk(db: Database, as_of: date | datetime | None = None) -> tuple[datetime, list[Flag]]:
    """Every open piece's flag as of the moment (now, by default), most urgent first."""
    with db.session(write=False) as session:
        moment = as_of if as_of is not None else store_now(session)
        history = load_history(session)
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, datetime.min.time())
    return moment, assess(history, moment)


def at_risk_json(db: Database, as_of: date | datetime | None = None) -> dict[str, Any]:
    """The ``jeweldesk at-risk --json`` document."""
    moment, flags = at_risk(db, as_of)
    return flags_to_json(moment, flags)
