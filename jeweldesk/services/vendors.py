"""Vendors as they really are: turnaround learned from their own parcels, and parcels still out.

A parcel's turnaround is the calendar days from the day it was sent to the day
its last piece came back: the customer waits for the whole piece, not for most
of a parcel.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, literal, or_, select
from sqlalchemy.orm import Session, selectinload

from jeweldesk.domain.contact_details import DEFAULT_COUNTRY, shown_phone
from jeweldesk.domain.errors import NotFound
from jeweldesk.domain.money import ZERO
from jeweldesk.domain.status import ALLOWED_MOVES, Status
from jeweldesk.services.parcels import days_overdue, is_overdue
from jeweldesk.services.vendor_book import ships_words
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import get_store, store_now, ticket_by_number, vendor_by_code
from jeweldesk.storage.tables import Parcel, ParcelItem, Ticket, Vendor

SLOW_SHARE = 0.8  # "slow" is the turnaround four parcels in five beat


@dataclass(frozen=True)
class TurnaroundPoint:
    sent: date
    days: int
    back: bool  # False: still out, ``days`` so far


@dataclass(frozen=True)
class VendorRecord:
    code: str
    name: str
    contact: str | None
    phone: str | None
    email: str | None
    quoted_days: int
    parcels_back: int
    median_days: float | None
    slow_days: int | None
    on_time_share: float | None  # of parcels whose quoted date has come
    open_parcels: int
    overdue_parcels: int
    series: tuple[TurnaroundPoint, ...]
    address: str | None = None
    work: str | None = None
    ships: str = ""  # "by UPS on Tue and Thu"
    active: bool = True


@dataclass(frozen=True)
class ParcelPiece:
    number: str
    customer_name: str
    item: str
    instructions: str | None
    declared_value: Decimal | None
    returned_at: datetime | None


@dataclass(frozen=True)
class ParcelLine:
    ref: str
    vendor_code: str
    vendor_name: str
    sent_at: datetime
    carrier: str | None
    tracking: str | None
    expected_back: date
    received_at: datetime | None
    pieces: tuple[ParcelPiece, ...]
    insured_value: Decimal
    overdue: bool
    days_overdue: int

    @property
    def missing(self) -> tuple[str, ...]:
        """Sent and not back yet: after a check-in, what was not in the box."""
        return tuple(p.number for p in self.pieces if p.returned_at is None)

    @property
    def is_open(self) -> bool:
        return self.received_at is None


@dataclass(frozen=True)
class OutgoingPiece:
    """An envelope scanned into a parcel being built."""

    number: str
    version: int
    customer_name: str
    item: str
    work: str
    declared_value: Decimal | None
    status: Status
    may_go_out: bool
    vendor_code: str | None  # the vendor its services name, if any
    vendor_codes: tuple[str, ...] = ()  # every vendor its services name


def slow_turnaround(days: Sequence[int]) -> int | None:
    """The smallest turnaround that at least four parcels in five met (nearest rank)."""
    if not days:
        return None
    ordered = sorted(days)
    return ordered[math.ceil(SLOW_SHARE * len(ordered)) - 1]


@dataclass(frozen=True)
class ParcelDates:
    """What a vendor's record needs of each parcel: its dates, not the parcel as an object."""

    id: int
    vendor_id: int
    sent_at: datetime
    expected_back: date
    received_at: datetime | None


def _dates_of(session: Session, vendor_id: int | None = None) -> list[ParcelDates]:
    query = select(Parcel.id, Parcel.vendor_id, Parcel.sent_at, Parcel.expected_back,
                   Parcel.received_at)
    if vendor_id is not None:
        query = query.where(Parcel.vendor_id == vendor_id)
    return [ParcelDates(*row) for row in session.execute(query)]


def _turnaround(parcel: ParcelDates) -> int | None:
    if parcel.received_at is None:
        return None
    return (parcel.received_at.date() - parcel.sent_at.date()).days


def record_of(vendor: Vendor, parcels: Sequence[ParcelDates], today: date,
              country: str = DEFAULT_COUNTRY) -> VendorRecord:
    back = [p for p in parcels if p.received_at is not None]
    days = [d for p in back if (d := _turnaround(p)) is not None]
    # A parcel still out past its date is already late; one not yet due cannot be judged.
    judged = [p for p in parcels if p.received_at is not None or is_overdue(p, today)]
    on_time = [p for p in judged
               if p.received_at is not None and p.received_at.date() <= p.expected_back]
    series = tuple(
        TurnaroundPoint(p.sent_at.date(), _turnaround(p) or 0, True) if p.received_at
        else TurnaroundPoint(p.sent_at.date(), (today - p.sent_at.date()).days, False)
        for p in sorted(parcels, key=lambda p: (p.sent_at, p.id))
    )
    return VendorRecord(
        code=vendor.code, name=vendor.name, contact=vendor.contact,
        phone=shown_phone(vendor.phone, country),
        email=vendor.email, quoted_days=vendor.quoted_turnaround_days,
        parcels_back=len(back),
        median_days=float(statistics.median(days)) if days else None,
        slow_days=slow_turnaround(days),
        on_time_share=len(on_time) / len(judged) if judged else None,
        open_parcels=sum(1 for p in parcels if p.received_at is None),
        overdue_parcels=sum(1 for p in parcels if is_overdue(p, today)),
        series=series,
        address=vendor.address, work=vendor.work,
        ships=ships_words(vendor.carrier_list, vendor.weekdays), active=vendor.active,
    )


def _parcels_of(session: Session, vendor_id: int | None = None, open_only: bool = False,
                limit: int | None = None, with_pieces: bool = True) -> Sequence[Parcel]:
    """Newest first; the pieces (and their tickets) only when the caller lists them."""
    query = select(Parcel).order_by(Parcel.sent_at.desc(), Parcel.id.desc())
    if with_pieces:
        query = query.options(
            selectinload(Parcel.vendor),
            selectinload(Parcel.items).selectinload(ParcelItem.ticket)
            .selectinload(Ticket.customer),
        )
    if vendor_id is not None:
        query = query.where(Parcel.vendor_id == vendor_id)
    if open_only:
        query = query.where(Parcel.received_at.is_(None))
    if limit is not None:
        query = query.limit(limit)
    return session.scalars(query).all()


def vendor_record(db: Database, code: str) -> VendorRecord:
    with db.session(write=False) as session:
        vendor = vendor_by_code(session, code)
        return record_of(vendor, _dates_of(session, vendor.id),
                         store_now(session).date(), get_store(session).country)


def vendor_records(db: Database, include_inactive: bool = False) -> list[VendorRecord]:
    with db.session(write=False) as session:
        query = select(Vendor).order_by(Vendor.name)
        if not include_inactive:
            query = query.where(Vendor.active.is_(True))
        today = store_now(session).date()
        by_vendor: dict[int, list[ParcelDates]] = {}
        for parcel in _dates_of(session):
            by_vendor.setdefault(parcel.vendor_id, []).append(parcel)
        country = get_store(session).country
        return [record_of(v, by_vendor.get(v.id, []), today, country)
                for v in session.scalars(query)]


def _line(parcel: Parcel, today: date) -> ParcelLine:
    pieces = tuple(
        ParcelPiece(i.ticket.number, i.ticket.customer.name, i.ticket.item_description,
                    i.instructions, i.ticket.declared_value, i.returned_at)
        for i in parcel.items
    )
    return ParcelLine(
        ref=parcel.ref, vendor_code=parcel.vendor.code, vendor_name=parcel.vendor.name,
        sent_at=parcel.sent_at, carrier=parcel.carrier, tracking=parcel.tracking,
        expected_back=parcel.expected_back, received_at=parcel.received_at, pieces=pieces,
        insured_value=sum((p.declared_value or ZERO for p in pieces), ZERO),
        overdue=is_overdue(parcel, today), days_overdue=days_overdue(parcel, today),
    )


def parcels(db: Database, vendor: str | None = None, open_only: bool = False,
            limit: int = 200) -> list[ParcelLine]:
    """Parcels, newest first, each marked overdue when it should be back and is not."""
    with db.session(write=False) as session:
        vendor_id = vendor_by_code(session, vendor).id if vendor else None
        today = store_now(session).date()
        return [_line(p, today) for p in _parcels_of(session, vendor_id, open_only, limit)]


def open_parcels(db: Database) -> list[ParcelLine]:
    """Parcels not fully back, the longest overdue first, each with its missing pieces."""
    found = parcels(db, open_only=True, limit=10_000)
    return sorted(found, key=lambda p: (p.expected_back, p.ref))


def parcel(db: Database, ref: str) -> ParcelLine:
    with db.session(write=False) as session:
        found = session.scalar(select(Parcel).where(Parcel.ref == ref.strip()))
        if found is None:
            raise NotFound(f"no parcel {ref.strip()!r}")
        return _line(found, store_now(session).date())


SCANNED_LABEL_MIN = 8  # a label's barcode holds the tracking number among other digits


def _plain(text: str) -> str:
    return re.sub(r"[\s-]", "", text).upper()


def find_parcels(db: Database, text: str, limit: int = 200) -> list[ParcelLine]:
    """Parcels, out or back, by tracking number (typed in part, or scanned from the label,
    whose barcode may carry more than the number), by parcel number, or by vendor."""
    wanted = _plain(text)
    if not wanted:
        return []
    with db.session(write=False) as session:
        tracking = func.upper(func.replace(func.replace(Parcel.tracking, " ", ""), "-", ""))
        query = (
            select(Parcel).join(Parcel.vendor)
            .where(or_(
                tracking.contains(wanted, autoescape=True),
                (func.length(tracking) >= SCANNED_LABEL_MIN)
                & literal(wanted).contains(tracking),
                func.upper(Parcel.ref) == text.strip().upper(),
                func.upper(Vendor.name).contains(text.strip().upper(), autoescape=True),
            ))
            .order_by(Parcel.sent_at.desc(), Parcel.id.desc())
            .limit(limit)
            .options(selectinload(Parcel.vendor),
                     selectinload(Parcel.items).selectinload(ParcelItem.ticket)
                     .selectinload(Ticket.customer))
        )
        today = store_now(session).date()
        return [_line(p, today) for p in session.scalars(query)]


def parcel_holding(db: Database, number: str) -> str | None:
    """The parcel a piece is out in now (sent, not yet checked back in), if any."""
    with db.session(write=False) as session:
        ticket = ticket_by_number(session, number)
        return session.scalar(
            select(Parcel.ref).join(ParcelItem)
            .where(ParcelItem.ticket_id == ticket.id, ParcelItem.returned_at.is_(None))
            .order_by(Parcel.sent_at.desc()).limit(1))


def outgoing_piece(db: Database, number: str) -> OutgoingPiece:
    with db.session(write=False) as session:
        t = ticket_by_number(session, number)
        vendors = [s.vendor.code for s in t.services if s.vendor is not None]
        return OutgoingPiece(
            t.number, t.version, t.customer.name, t.item_description,
            ", ".join(s.description or s.code for s in t.services), t.declared_value,
            t.status, Status.AT_VENDOR in ALLOWED_MOVES[t.status],
            vendors[0] if vendors else None, tuple(dict.fromkeys(vendors)),
        )


def insured_value(db: Database, numbers: Sequence[str]) -> Decimal:
    """What a parcel is insured for: the declared values of the pieces in it."""
    with db.session(write=False) as session:
        tickets = [ticket_by_number(session, n) for n in dict.fromkeys(numbers)]
        return sum((t.declared_value or ZERO for t in tickets), ZERO)


def proposed_back(db: Database, vendor: str, sent: date | None = None) -> date:
    """The vendor's quote counted from the day the parcel goes out."""
    with db.session(write=False) as session:
        supplier = vendor_by_code(session, vendor)
        start = sent or store_now(session).date()
        return start + timedelta(days=supplier.quoted_turnaround_days)
