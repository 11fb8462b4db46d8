"""Parcels to vendors and back: what went out, what came back, what is missing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from jeweldesk.domain.errors import Invalid, NotFound
from jeweldesk.domain.permissions import Act
from jeweldesk.domain.status import Status
from jeweldesk.domain.tracking import TrackingError, checked_tracking
from jeweldesk.services.moves import apply_move
from jeweldesk.storage.door import Actor, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import (
    next_parcel_ref,
    ticket_by_number,
    vendor_by_code,
)
from jeweldesk.storage.tables import Parcel, ParcelItem, Ticket


class HasDates(Protocol):
    @property
    def expected_back(self) -> date: ...
    @property
    def received_at(self) -> datetime | None: ...


def is_overdue(parcel: HasDates, today: date) -> bool:
    """Past the date the vendor was to have it back, and not everything has come home."""
    return parcel.received_at is None and today > parcel.expected_back


def days_overdue(parcel: HasDates, today: date) -> int:
    return (today - parcel.expected_back).days if is_overdue(parcel, today) else 0


@dataclass(frozen=True)
class Received:
    ref: str
    returned: tuple[str, ...]
    missing: tuple[str, ...]
    closed: bool


def _not_in(session: Session, number: str, ref: str) -> str:
    """Why a scanned piece is not this parcel's, naming the parcel it really went out in."""
    holding = session.scalar(
        select(Parcel.ref).join(ParcelItem).join(Ticket, ParcelItem.ticket_id == Ticket.id)
        .where(Ticket.number == number, ParcelItem.returned_at.is_(None))
        .order_by(Parcel.sent_at.desc()).limit(1))
    if holding is not None:
        return f"{number} went out in {holding}, not {ref}"
    return f"{number} was not sent in {ref}"


def send_parcel(db: Database, vendor: str, numbers: list[str], by: Actor,
                carrier: str | None = None, tracking: str | None = None,
                expected_back: date | None = None,
                instructions: dict[str, str] | None = None,
                at: datetime | None = None) -> str:
    """Send envelopes to a vendor: the parcel and every ticket's move, in one transaction."""
    if not numbers:
        raise Invalid({"tickets": "scan at least one envelope into the parcel"})
    try:
        tracking = checked_tracking(carrier, tracking)
    except TrackingError as exc:
        raise Invalid({"tracking": str(exc)}) from None
    with write(db, by, Act.PARCEL, f"a parcel to {vendor}") as w:
        session = w.session
        supplier = vendor_by_code(session, vendor)
        if not supplier.active:
            raise Invalid({"vendor": f"{supplier.name} is retired; bring it back under "
                                     "Vendors to send it a parcel"})
        now = at or w.now
        ref = next_parcel_ref(session)
        back = expected_back or (now.date() + timedelta(days=supplier.quoted_turnaround_days))
        parcel = Parcel(ref=ref, vendor_id=supplier.id, sent_at=now, sent_by_id=w.person_id,
                        carrier=(carrier or "").strip() or None,
                        tracking=tracking, expected_back=back)
        session.add(parcel)
        for number in dict.fromkeys(numbers):
            ticket = ticket_by_number(session, number, lock=True)
            apply_move(session, ticket, Status.AT_VENDOR, w.person_id, now,
                       f"{ref} to {supplier.name}")
            parcel.items.append(ParcelItem(ticket_id=ticket.id,
                                           instructions=(instructions or {}).get(number)))
        return ref


def receive_parcel(db: Database, ref: str, numbers: list[str], by: Actor,
                   at: datetime | None = None) -> Received:
    """Check in what came back; anything sent but not in the box is reported missing."""
    with write(db, by, Act.PARCEL, ref.strip()) as w:
        session = w.session
        parcel = session.scalar(select(Parcel).where(Parcel.ref == ref.strip()))
        if parcel is None:
            raise NotFound(f"no parcel {ref.strip()!r}")
        now = at or w.now
        in_parcel = {item.ticket.number: item for item in parcel.items}
        scanned = [ticket_by_number(session, n).number for n in dict.fromkeys(numbers)]
        strangers = [n for n in scanned if n not in in_parcel]
        if strangers:
            raise Invalid({"tickets": "; ".join(_not_in(session, n, parcel.ref)
                                                for n in strangers)})
        for number in scanned:
            item = in_parcel[number]
            if item.returned_at is not None:
                continue
            item.returned_at = now
            apply_move(session, item.ticket, Status.AT_BENCH, w.person_id, now,
                       f"Back from {parcel.vendor.name} in {parcel.ref}")
        missing = tuple(n for n, item in in_parcel.items() if item.returned_at is None)
        if not missing:
            parcel.received_at = now
        return Received(parcel.ref, tuple(scanned), missing, not missing)
