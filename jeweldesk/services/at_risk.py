"""The morning list of promises at risk: the store's history loaded for the risk engine.

Loading only; every rule lives in ``jeweldesk.risk``, which reads the plain
records built here and knows nothing of the database. Asked about a moment,
the loader reads only what the engine can use then (``jeweldesk.risk.reach``):
every ticket still open, tickets closed lately, parcels sent lately and the
parcels of the tickets read, in one query per table, so a store with a
hundred thousand tickets on record answers as fast as a young one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from jeweldesk.domain.status import IN_WORK_STATUSES
from jeweldesk.risk import history as risk
from jeweldesk.risk.asof import moment_of
from jeweldesk.risk.engine import Flag, assess, flags_to_json
from jeweldesk.risk.reach import PARCEL_REACH_DAYS, TICKET_REACH_DAYS
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import calendar, get_store, store_now
from jeweldesk.storage.tables import (
    Approval,
    Customer,
    Parcel,
    ParcelItem,
    PromiseChange,
    Staff,
    StaffDayOff,
    Ticket,
    TicketEvent,
    TicketService,
    Vendor,
)


def load_history(session: Session, as_of: date | datetime | None = None) -> risk.History:
    """The store history as the risk engine reads it: all of it, or, given the moment the
    engine will be asked about, only what can matter then (the answers are the same)."""
    store = get_store(session)
    staff = session.execute(select(Staff.id, Staff.code, Staff.name, Staff.role)).all()
    vendors = session.execute(
        select(Vendor.id, Vendor.code, Vendor.name, Vendor.quoted_turnaround_days)
    ).all()
    staff_code = {row.id: row.code for row in staff}
    vendor_code = {row.id: row.code for row in vendors}
    moment = moment_of(as_of) if as_of is not None else None
    ids = _ticket_ids(moment)
    tickets = _tickets(session, ids, staff_code, vendor_code)
    numbers = {ticket_id: t.number for ticket_id, t in tickets.items()}
    changes = session.execute(
        select(PromiseChange.ticket_id, PromiseChange.at, PromiseChange.old_date,
               PromiseChange.new_date).where(PromiseChange.ticket_id.in_(ids))
    ).all()
    return risk.History(
        calendar=calendar(session),
        vendors=tuple(risk.Vendor(v.code, v.name, v.quoted_turnaround_days) for v in vendors),
        staff=tuple(risk.Jeweler(s.code, s.name, s.role.value) for s in staff),
        tickets=tuple(tickets.values()),
        parcels=_parcels(session, moment, ids, vendor_code),
        promise_changes=tuple(
            risk.PromiseChange(numbers[c.ticket_id], c.at, c.old_date, c.new_date)
            for c in changes
            if c.ticket_id in numbers
        ),
        store_name=store.name,
        days_off=tuple(
            risk.DayOff(staff_code[d.staff_id], d.first_day, d.last_day, d.planned_at)
            for d in session.scalars(select(StaffDayOff))
        ),
        approvals=tuple(
            risk.Asked(numbers[a.ticket_id], a.asked_at, a.answered_at)
            for a in session.execute(
                select(Approval.ticket_id, Approval.asked_at, Approval.answered_at)
                .where(Approval.ticket_id.in_(ids)))
            if a.ticket_id in numbers
        ),
    )


def _ticket_ids(moment: datetime | None) -> Select[Any]:
    """The tickets that can matter as of ``moment``: open ones and those closed lately."""
    query = select(Ticket.id)
    if moment is None:
        return query
    since = moment - timedelta(days=TICKET_REACH_DAYS)
    return query.where(
        Ticket.received_at <= moment,
        or_(Ticket.status.in_(IN_WORK_STATUSES), Ticket.status_at >= since),
    )


def _tickets(
    session: Session, ids: Select[Any], staff: dict[int, str], vendors: dict[int, str]
) -> dict[int, risk.Ticket]:
    services: dict[int, list[risk.Service]] = defaultdict(list)
    for line in session.execute(
        select(TicketService.ticket_id, TicketService.code, TicketService.vendor_id)
        .where(TicketService.ticket_id.in_(ids))
        .order_by(TicketService.ticket_id, TicketService.position, TicketService.id)
    ):
        vendor = vendors.get(line.vendor_id) if line.vendor_id is not None else None
        services[line.ticket_id].append(risk.Service(line.code, vendor))
    events: dict[int, list[risk.Event]] = defaultdict(list)
    for move in session.execute(
        select(TicketEvent.ticket_id, TicketEvent.at, TicketEvent.status, TicketEvent.by_id,
               TicketEvent.note)
        .where(TicketEvent.ticket_id.in_(ids))
        .order_by(TicketEvent.ticket_id, TicketEvent.at, TicketEvent.id)
    ):
        events[move.ticket_id].append(
            risk.Event(move.at, move.status.value, staff.get(move.by_id, ""), move.note)
        )
    found: dict[int, risk.Ticket] = {}
    for row in session.execute(
        select(Ticket.id, Ticket.number, Customer.name, Ticket.received_at, Ticket.promised_for,
               Ticket.occasion_what, Ticket.occasion_date, Ticket.assigned_to_id)
        .join(Customer, Customer.id == Ticket.customer_id)
        .where(Ticket.id.in_(ids))
        .order_by(Ticket.id)
    ):
        occasion = None
        if row.occasion_date is not None:
            occasion = risk.Occasion(row.occasion_what or "", row.occasion_date)
        found[row.id] = risk.Ticket(
            number=row.number,
            customer=row.name,
            received_at=row.received_at,
            promised_for=row.promised_for,
            services=tuple(services.get(row.id, ())),
            events=tuple(events.get(row.id, ())),
            occasion=occasion,
            assigned_to=staff.get(row.assigned_to_id) if row.assigned_to_id else None,
        )
    return found


def _parcels(
    session: Session, moment: datetime | None, ids: Select[Any], vendors: dict[int, str]
) -> tuple[risk.Parcel, ...]:
    """Parcels sent lately, and every parcel that carried a ticket that was read."""
    query = select(Parcel.id, Parcel.ref, Parcel.vendor_id, Parcel.sent_at, Parcel.expected_back,
                   Parcel.received_at)
    if moment is not None:
        carried = select(ParcelItem.parcel_id).where(ParcelItem.ticket_id.in_(ids))
        since = moment - timedelta(days=PARCEL_REACH_DAYS)
        query = query.where(
            Parcel.sent_at <= moment, or_(Parcel.sent_at >= since, Parcel.id.in_(carried))
        )
    parcels = session.execute(query.order_by(Parcel.id)).all()
    items: dict[int, list[tuple[str, datetime | None]]] = defaultdict(list)
    chosen = query.with_only_columns(Parcel.id).order_by(None)
    for row in session.execute(
        select(ParcelItem.parcel_id, Ticket.number, ParcelItem.returned_at)
        .join(Ticket, Ticket.id == ParcelItem.ticket_id)
        .where(ParcelItem.parcel_id.in_(chosen))
        .order_by(ParcelItem.parcel_id, ParcelItem.id)
    ):
        items[row.parcel_id].append((row.number, row.returned_at))
    return tuple(
        risk.Parcel(
            ref=p.ref,
            vendor=vendors[p.vendor_id],
            tickets=tuple(number for number, _ in items.get(p.id, ())),
            sent_at=p.sent_at,
            expected_back=p.expected_back,
            received_at=p.received_at,
            returned=tuple((n, at) for n, at in items.get(p.id, ()) if at is not None),
        )
        for p in parcels
    )


@contextmanager
def one_picture(db: Database) -> Iterator[Session]:
    """A read-only session that sees the whole store as it stood at its first read, so that
    a list made of several reads never mixes two moments. SQLite's read transaction holds
    one snapshot already; PostgreSQL would otherwise read each statement afresh."""
    with db.session(write=False) as session:
        if not db.is_sqlite:
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        yield session


def history_in(session: Session,
               as_of: date | datetime | None = None) -> tuple[datetime, risk.History]:
    """The moment (now, by default) and what the engine needs to judge it, read in ``session``."""
    moment = moment_of(as_of) if as_of is not None else store_now(session)
    return moment, load_history(session, moment)


def read_history(db: Database,
                 as_of: date | datetime | None = None) -> tuple[datetime, risk.History]:
    """The moment (now, by default) and what the engine needs to judge it: the database part.

    The window reads this on its own thread and hands only the pure engine to a worker.
    """
    with one_picture(db) as session:
        return history_in(session, as_of)


def at_risk(db: Database, as_of: date | datetime | None = None) -> tuple[datetime, list[Flag]]:
    """Every open piece's flag as of the moment (now, by default), most urgent first."""
    moment, history = read_history(db, as_of)
    return moment, assess(history, moment)


def at_risk_json(db: Database, as_of: date | datetime | None = None) -> dict[str, Any]:
    """The ``jeweldesk at-risk --json`` document."""
    moment, flags = at_risk(db, as_of)
    return flags_to_json(moment, flags)
