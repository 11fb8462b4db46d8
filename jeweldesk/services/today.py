"""The Today view: what the counter must see first thing in the morning."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import aliased

from jeweldesk.domain.contact_details import shown_phone
from jeweldesk.domain.status import IN_WORK_STATUSES, Status
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import calendar, get_store, store_now
from jeweldesk.storage.tables import Customer, Parcel, ParcelItem, Staff, Ticket, Vendor

LIST_LIMIT = 200  # a list longer than this is a different problem than reading it


@dataclass(frozen=True)
class DueTicket:
    number: str
    customer_name: str
    customer_phone: str | None
    item: str
    status: Status
    jeweler: str | None
    promised_for: date
    occasion_what: str | None
    occasion_date: date | None


@dataclass(frozen=True)
class WaitingPiece:
    number: str
    customer_name: str
    customer_phone: str | None
    item: str
    ready_since: date
    days_waiting: int


@dataclass(frozen=True)
class ParcelDue:
    ref: str
    vendor_name: str
    expected_back: date
    pieces_out: int
    days_late: int  # 0 when due today or later


@dataclass(frozen=True)
class TodayLists:
    today: date
    next_open_day: date
    due_today: list[DueTicket]
    due_next: list[DueTicket]
    past_promise: list[DueTicket]
    ready_waiting: list[WaitingPiece]
    parcels_due: list[ParcelDue]


def today_lists(db: Database, parcels_ahead_days: int = 3) -> TodayLists:
    with db.session(write=False) as session:
        today = store_now(session).date()
        next_open = calendar(session).next_open(today + timedelta(days=1))
        country = get_store(session).country
        jeweler = aliased(Staff)
        due = (
            select(Ticket.number, Customer.name, Customer.phone, Ticket.item_description,
                   Ticket.status, jeweler.name, Ticket.promised_for, Ticket.occasion_what,
                   Ticket.occasion_date)
            .join(Customer, Customer.id == Ticket.customer_id)
            .outerjoin(jeweler, jeweler.id == Ticket.assigned_to_id)
            .where(Ticket.status.in_(IN_WORK_STATUSES))
            .order_by(Ticket.promised_for, Ticket.id)
            .limit(LIST_LIMIT)
        )

        def due_on(*condition: ColumnElement[bool]) -> list[DueTicket]:
            return [DueTicket(n, name, shown_phone(phone, country), *rest)
                    for n, name, phone, *rest in session.execute(due.where(*condition))]

        due_today = due_on(Ticket.promised_for == today)
        due_next = due_on(Ticket.promised_for > today, Ticket.promised_for <= next_open)
        past = due_on(Ticket.promised_for < today)

        ready = session.execute(
            select(Ticket.number, Customer.name, Customer.phone, Ticket.item_description,
                   Ticket.status_at)
            .join(Customer, Customer.id == Ticket.customer_id)
            .where(Ticket.status == Status.READY)
            .order_by(Ticket.status_at, Ticket.id)
            .limit(LIST_LIMIT)
        )
        waiting = [
            WaitingPiece(n, name, shown_phone(phone, country), item, at.date(),
                         (today - at.date()).days)
            for n, name, phone, item, at in ready
        ]

        out = (
            select(func.count(ParcelItem.id)).where(ParcelItem.parcel_id == Parcel.id,
                                                    ParcelItem.returned_at.is_(None))
            .scalar_subquery()
        )
        parcels = session.execute(
            select(Parcel.ref, Vendor.name, Parcel.expected_back, out)
            .join(Vendor, Vendor.id == Parcel.vendor_id)
            .where(Parcel.received_at.is_(None),
                   Parcel.expected_back <= today + timedelta(days=parcels_ahead_days))
            .order_by(Parcel.expected_back, Parcel.id)
            .limit(LIST_LIMIT)
        )
        parcels_due = [
            ParcelDue(ref, vendor, back, pieces, max((today - back).days, 0))
            for ref, vendor, back, pieces in parcels
        ]
        return TodayLists(today, next_open, due_today, due_next, past, waiting, parcels_due)
