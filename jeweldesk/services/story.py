"""A ticket's whole story on one page: plain data for the screen and the paper."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from jeweldesk.domain import writing
from jeweldesk.domain.bill import Bill
from jeweldesk.domain.contact_details import shown_phone
from jeweldesk.domain.kinds import Channel, ItemKind
from jeweldesk.domain.status import ALLOWED_MOVES, Status
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import get_store, ticket_by_number
from jeweldesk.storage.tables import ParcelItem, Ticket


@dataclass(frozen=True)
class ServiceView:
    code: str
    description: str
    price: Decimal
    vendor_code: str | None
    vendor_name: str | None


@dataclass(frozen=True)
class EventView:
    at: datetime
    status: Status
    by_code: str
    by_name: str
    note: str | None


@dataclass(frozen=True)
class PaymentView:
    at: datetime
    method: str
    amount: Decimal  # below zero: money given back
    by_name: str = ""
    reason: str | None = None
    cash_rounding: bool = False  # not money taken: the cash unit's difference


@dataclass(frozen=True)
class DiscountView:
    at: datetime
    by_name: str
    amount: Decimal  # what it takes off the work now
    percent: Decimal | None
    reason: str
    courtesy: bool


@dataclass(frozen=True)
class PromiseView:
    at: datetime
    old_date: date
    new_date: date
    by_name: str
    reason: str | None


@dataclass(frozen=True)
class ContactView:
    at: datetime
    channel: Channel
    by_name: str
    note: str | None
    outcome: str | None


@dataclass(frozen=True)
class ParcelView:
    ref: str
    vendor_name: str
    sent_at: datetime
    expected_back: date
    returned_at: datetime | None
    carrier: str | None
    tracking: str | None
    # The parcel was checked in without this piece (the others came back then).
    checked_in_without: datetime | None = None


@dataclass(frozen=True)
class PhotoView:
    id: int
    stage: str
    width: int
    height: int


# What each edited field is called on the screen.
EDIT_LABELS = {
    "description": "Description",
    "metal": "Metal",
    "stones": "Stones",
    "condition": "Condition",
    "declared_value": "Declared value",
    "services": "Services",
    "assigned_to": "Jeweler",
    "occasion_what": "Occasion",
    "occasion_date": "Occasion date",
}


@dataclass(frozen=True)
class EditView:
    at: datetime
    by_name: str
    field: str
    old_value: str | None
    new_value: str | None

    @property
    def label(self) -> str:
        return EDIT_LABELS.get(self.field, self.field.replace("_", " ").capitalize())


@dataclass(frozen=True)
class TicketStory:
    number: str
    version: int
    status: Status
    status_at: datetime
    visit: str | None
    customer_id: int
    customer_name: str
    customer_phone: str | None
    customer_email: str | None
    customer_notes: str | None
    preferred_channel: Channel | None
    received_at: datetime
    taken_in_by: str
    item_kind: ItemKind
    item_description: str
    item_metal: str | None
    item_stones: str | None
    item_condition: str | None
    declared_value: Decimal | None
    services: tuple[ServiceView, ...]
    deposit: Decimal
    deposit_method: str | None
    payments: tuple[PaymentView, ...]
    total: Decimal
    balance: Decimal
    bill: Bill
    discounts: tuple[DiscountView, ...]
    promised_for: date
    original_promised_for: date
    promises: tuple[PromiseView, ...]
    occasion_what: str | None
    occasion_date: date | None
    assigned_to_code: str | None
    assigned_to_name: str | None
    collected_by: str | None
    events: tuple[EventView, ...]
    parcels: tuple[ParcelView, ...]
    contacts: tuple[ContactView, ...]
    photos: tuple[PhotoView, ...]
    edits: tuple[EditView, ...]

    @property
    def out_in_parcel(self) -> ParcelView | None:
        """The parcel that still has the piece out at its vendor."""
        if self.status != Status.AT_VENDOR:
            return None
        return next((p for p in reversed(self.parcels) if p.returned_at is None), None)

    @property
    def allowed_moves(self) -> tuple[Status, ...]:
        return ALLOWED_MOVES[self.status]

    @property
    def moves_by_hand(self) -> tuple[Status, ...]:
        """The moves a person makes from the ticket: out in a parcel, it comes back only by
        the parcel's check-in, so custody stays true."""
        return () if self.out_in_parcel is not None else self.allowed_moves


def ticket_story(db: Database, number: str) -> TicketStory:
    with db.session(write=False) as session:
        ticket = ticket_by_number(session, number)
        return story_of(session, ticket)


def stories(db: Database, numbers: list[str]) -> list[TicketStory]:
    with db.session(write=False) as session:
        return [story_of(session, ticket_by_number(session, n)) for n in numbers]


def visit_numbers(db: Database, number: str) -> list[str]:
    """Every ticket taken in at the same visit as this one, in order."""
    with db.session(write=False) as session:
        ticket = ticket_by_number(session, number)
        if ticket.visit is None:
            return [ticket.number]
        return list(session.scalars(
            select(Ticket.number).where(Ticket.visit == ticket.visit).order_by(Ticket.id)
        ))


def story_of(session: Session, ticket: Ticket) -> TicketStory:
    items = session.scalars(
        select(ParcelItem).where(ParcelItem.ticket_id == ticket.id)
        .options(selectinload(ParcelItem.parcel)).order_by(ParcelItem.id)
    ).all()
    promises = tuple(
        PromiseView(p.at, p.old_date, p.new_date, p.by.name, p.reason)
        for p in ticket.promise_changes
    )
    customer = ticket.customer
    return TicketStory(
        number=ticket.number,
        version=ticket.version,
        status=ticket.status,
        status_at=ticket.status_at,
        visit=ticket.visit,
        customer_id=customer.id,
        customer_name=customer.name,
        customer_phone=shown_phone(customer.phone, get_store(session).country),
        customer_email=customer.email,
        customer_notes=customer.notes,
        preferred_channel=customer.preferred_channel,
        received_at=ticket.received_at,
        taken_in_by=ticket.taken_in_by.name,
        item_kind=ticket.item_kind,
        item_description=ticket.item_description,
        item_metal=ticket.item_metal,
        item_stones=ticket.item_stones,
        item_condition=ticket.item_condition,
        declared_value=ticket.declared_value,
        services=tuple(
            ServiceView(s.code, s.description, s.price,
                        s.vendor.code if s.vendor else None, s.vendor.name if s.vendor else None)
            for s in ticket.services
        ),
        deposit=ticket.deposit,
        deposit_method=ticket.deposit_method,
        payments=tuple(PaymentView(p.at, p.method, p.amount, p.by.name, p.reason,
                                   p.cash_rounding) for p in ticket.payments),
        total=ticket.total,
        balance=ticket.balance,
        bill=ticket.bill,
        discounts=tuple(
            DiscountView(d.at, d.by.name, worth, d.percent, d.reason, d.courtesy)
            for d, worth in zip(ticket.discounts, ticket.bill.reductions, strict=True)),
        promised_for=ticket.promised_for,
        original_promised_for=promises[0].old_date if promises else ticket.promised_for,
        promises=promises,
        occasion_what=ticket.occasion_what,
        occasion_date=ticket.occasion_date,
        assigned_to_code=ticket.assigned_to.code if ticket.assigned_to else None,
        assigned_to_name=ticket.assigned_to.name if ticket.assigned_to else None,
        collected_by=ticket.collected_by,
        events=tuple(
            EventView(e.at, e.status, e.by.code, e.by.name, e.note) for e in ticket.events
        ),
        parcels=tuple(
            ParcelView(i.parcel.ref, i.parcel.vendor.name, i.parcel.sent_at,
                       i.parcel.expected_back, i.returned_at, i.parcel.carrier,
                       i.parcel.tracking, _checked_in_without(i))
            for i in items
        ),
        contacts=tuple(
            ContactView(c.at, c.channel, c.by.name, c.note, c.outcome) for c in ticket.contacts
        ),
        photos=tuple(PhotoView(p.id, p.stage, p.width, p.height) for p in ticket.photos),
        edits=tuple(
            EditView(e.at, e.by.name, e.field, e.old_value, e.new_value) for e in ticket.edits
        ),
    )


def what_changed(before: TicketStory, after: TicketStory) -> list[str]:
    """What another workstation did to a ticket between two looks at it, in plain words."""
    said = [f"{e.by_name} changed {e.label.lower()}: {e.old_value or '—'} → {e.new_value or '—'}"
            for e in after.edits[len(before.edits):]]
    said += [f"{e.by_name} moved it to {e.status.label}" for e in after.events[len(before.events):]]
    if after.promised_for != before.promised_for:
        said.append(f"the promise is now {writing.day(after.promised_for)}")
    if len(after.payments) > len(before.payments):
        said.append("a payment was taken")
    if len(after.discounts) > len(before.discounts):
        said.append("a discount was given")
    if len(after.photos) > len(before.photos):
        said.append("photos were added")
    if len(after.contacts) > len(before.contacts):
        said.append("a call or message was logged")
    return said or ["its details were updated"]


def _checked_in_without(item: ParcelItem) -> datetime | None:
    """When the parcel's box was first checked in without this piece, if it was."""
    if item.returned_at is not None:
        return None
    back = [other.returned_at for other in item.parcel.items
            if other is not item and other.returned_at is not None]
    return min(back) if back else None
