"""A ticket's whole story on one page: plain data for the screen and the paper."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BindParameter, Connection, Integer, Row, bindparam, case, func, select
from sqlalchemy.orm import Session, aliased

from jeweldesk.domain import writing
from jeweldesk.domain.bill import Bill, Line, Reduction, bill
from jeweldesk.domain.contact_details import DEFAULT_COUNTRY, shown_phone
from jeweldesk.domain.errors import NotFound
from jeweldesk.domain.kinds import Channel, ItemKind
from jeweldesk.domain.status import ALLOWED_MOVES, Status
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import STORE_ID, ticket_by_number
from jeweldesk.storage.tables import (
    Approval,
    Contact,
    Customer,
    Parcel,
    ParcelItem,
    Payment,
    Photo,
    PromiseChange,
    Staff,
    Store,
    Ticket,
    TicketDiscount,
    TicketEdit,
    TicketEvent,
    TicketService,
    Vendor,
)


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
class ApprovalView:
    """Work put to the customer for their yes, and the answer once it came."""

    asked_at: datetime
    asked_by: str
    what: str
    price: Decimal | None
    whole_ticket: bool
    answered_at: datetime | None = None
    answered_by: str | None = None
    answer: str | None = None  # "yes", "no"
    how: Channel | None = None
    ends: str | None = None  # after a no: "line" or "ticket"


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
    approvals: tuple[ApprovalView, ...] = ()
    customer_address: str | None = None  # postal, its lines as on an envelope

    @property
    def waiting_for(self) -> ApprovalView | None:
        """The work waiting for the customer's yes, if any: the promise's clock is stopped."""
        return next((a for a in self.approvals if a.answered_at is None), None)

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
        return story_of(session, number)


def stories(db: Database, numbers: list[str]) -> list[TicketStory]:
    with db.session(write=False) as session:
        return [story_of(session, n) for n in numbers]


def visit_numbers(db: Database, number: str) -> list[str]:
    """Every ticket taken in at the same visit as this one, in order."""
    with db.session(write=False) as session:
        ticket = ticket_by_number(session, number)
        if ticket.visit is None:
            return [ticket.number]
        return list(session.scalars(
            select(Ticket.number).where(Ticket.visit == ticket.visit).order_by(Ticket.id)
        ))


_TAKER, _JEWELER = aliased(Staff), aliased(Staff)
_TID: BindParameter[int] = bindparam("tid", type_=Integer)
# Built once: a statement made afresh costs more to prepare than SQLite takes to run it.
_TICKET = (
    select(Ticket.id, Ticket.number, Ticket.version, Ticket.status, Ticket.status_at,
           Ticket.visit, Ticket.received_at, Ticket.item_kind, Ticket.item_description,
           Ticket.item_metal, Ticket.item_stones, Ticket.item_condition, Ticket.declared_value,
           Ticket.deposit, Ticket.promised_for, Ticket.occasion_what, Ticket.occasion_date,
           Ticket.collected_by, Customer.id, Customer.name, Customer.phone, Customer.email,
           Customer.notes, Customer.preferred_channel, _TAKER.name, _JEWELER.code,
           _JEWELER.name, Customer.postal_address, Ticket.deposit_method,
           select(Store.country).where(Store.id == STORE_ID).scalar_subquery())
    .join(Customer, Customer.id == Ticket.customer_id)
    .join(_TAKER, _TAKER.id == Ticket.taken_in_by_id)
    .outerjoin(_JEWELER, _JEWELER.id == Ticket.assigned_to_id)
    .where(Ticket.number.in_(bindparam("numbers", expanding=True))))
_STAFF = select(Staff.id, Staff.code, Staff.name)
_SERVICES = (select(TicketService.code, TicketService.description, TicketService.price,
                    Vendor.code, Vendor.name, TicketService.tax_name, TicketService.tax_percent)
             .outerjoin(Vendor, Vendor.id == TicketService.vendor_id)
             .where(TicketService.ticket_id == _TID)
             .order_by(TicketService.position, TicketService.id))
_PAYMENTS = (select(Payment.at, Payment.method, Payment.amount, Payment.by_id, Payment.reason,
                    Payment.cash_rounding)
             .where(Payment.ticket_id == _TID).order_by(Payment.at, Payment.id))
_DISCOUNTS = (select(TicketDiscount.at, TicketDiscount.by_id, TicketDiscount.amount,
                     TicketDiscount.percent, TicketDiscount.reason, TicketDiscount.courtesy)
              .where(TicketDiscount.ticket_id == _TID)
              .order_by(TicketDiscount.at, TicketDiscount.id))
_PROMISES = (select(PromiseChange.at, PromiseChange.old_date, PromiseChange.new_date,
                    PromiseChange.by_id, PromiseChange.reason)
             .where(PromiseChange.ticket_id == _TID)
             .order_by(PromiseChange.at, PromiseChange.id))
_EVENTS = (select(TicketEvent.at, TicketEvent.status, TicketEvent.by_id, TicketEvent.note)
           .where(TicketEvent.ticket_id == _TID).order_by(TicketEvent.at, TicketEvent.id))
_OTHER = aliased(ParcelItem)
# When the box was first checked in without this piece, if it was (the others came back).
_CHECKED_IN_WITHOUT = case(
    (ParcelItem.returned_at.is_(None),
     select(func.min(_OTHER.returned_at))
     .where(_OTHER.parcel_id == ParcelItem.parcel_id, _OTHER.id != ParcelItem.id)
     .scalar_subquery()),
    else_=None)
_PARCELS = (select(Parcel.ref, Vendor.name, Parcel.sent_at, Parcel.expected_back,
                   ParcelItem.returned_at, Parcel.carrier, Parcel.tracking,
                   _CHECKED_IN_WITHOUT)
            .join(Parcel, Parcel.id == ParcelItem.parcel_id)
            .join(Vendor, Vendor.id == Parcel.vendor_id)
            .where(ParcelItem.ticket_id == _TID).order_by(ParcelItem.id))
_APPROVALS = (select(Approval.asked_at, Approval.asked_by_id, Approval.what, Approval.price,
                     Approval.whole_ticket, Approval.answered_at, Approval.answered_by_id,
                     Approval.answer, Approval.how, Approval.ends)
              .where(Approval.ticket_id == _TID).order_by(Approval.asked_at, Approval.id))
_CONTACTS = (select(Contact.at, Contact.channel, Contact.by_id, Contact.note, Contact.outcome)
             .where(Contact.ticket_id == _TID).order_by(Contact.at, Contact.id))
_PHOTOS = (select(Photo.id, Photo.stage, Photo.width, Photo.height)
           .where(Photo.ticket_id == _TID).order_by(Photo.id))
_EDITS = (select(TicketEdit.at, TicketEdit.by_id, TicketEdit.field, TicketEdit.old_value,
                 TicketEdit.new_value)
          .where(TicketEdit.ticket_id == _TID).order_by(TicketEdit.at, TicketEdit.id))


def _ticket_row(conn: Connection, number: str) -> Row[Any]:
    """The ticket, its customer, who took it in, its jeweler and the store's country, as one
    row; the number as printed, or in capitals (a scanner or a hurried hand)."""
    wanted = number.strip()
    rows = conn.execute(_TICKET, {"numbers": sorted({wanted, wanted.upper()})}).all()
    if not rows:
        raise NotFound(f"no ticket {wanted!r}")
    return next((r for r in rows if r.number == wanted), rows[0])


def story_of(session: Session, number: str) -> TicketStory:
    """The ticket's whole story in a query for the ticket and one for each of its lists,
    rows read as they are (no records built): opening a ticket is a few milliseconds at any
    size of store."""
    conn = session.connection()
    t = _ticket_row(conn, number)
    tid = {"tid": t[0]}
    names = {row.id: (row.code, row.name) for row in conn.execute(_STAFF)}

    def by(staff_id: int) -> str:
        return names[staff_id][1]

    services = conn.execute(_SERVICES, tid).all()
    payments = [PaymentView(r.at, r.method, r.amount, by(r.by_id), r.reason, r.cash_rounding)
                for r in conn.execute(_PAYMENTS, tid)]
    discounts = conn.execute(_DISCOUNTS, tid).all()
    the_bill = bill((Line(r[2], r[5], r[6] or Decimal("0")) for r in services),
                    (Reduction(d.amount, d.percent) for d in discounts),
                    (t.deposit, *(p.amount for p in payments)))
    promises = tuple(PromiseView(r.at, r.old_date, r.new_date, by(r.by_id), r.reason)
                     for r in conn.execute(_PROMISES, tid))
    events = tuple(EventView(r.at, r.status, names[r.by_id][0], by(r.by_id), r.note)
                   for r in conn.execute(_EVENTS, tid))
    parcels = tuple(ParcelView(*r) for r in conn.execute(_PARCELS, tid))
    approvals = tuple(
        ApprovalView(r.asked_at, by(r.asked_by_id), r.what, r.price, r.whole_ticket,
                     r.answered_at, by(r.answered_by_id) if r.answered_by_id else None,
                     r.answer, r.how, r.ends)
        for r in conn.execute(_APPROVALS, tid))
    contacts = tuple(ContactView(r.at, r.channel, by(r.by_id), r.note, r.outcome)
                     for r in conn.execute(_CONTACTS, tid))
    photos = tuple(PhotoView(*r) for r in conn.execute(_PHOTOS, tid))
    edits = tuple(EditView(r.at, by(r.by_id), r.field, r.old_value, r.new_value)
                  for r in conn.execute(_EDITS, tid))
    return TicketStory(
        number=t.number,
        version=t.version,
        status=t.status,
        status_at=t.status_at,
        visit=t.visit,
        customer_id=t[18],
        customer_name=t[19],
        customer_phone=shown_phone(t[20], t[-1] or DEFAULT_COUNTRY),
        customer_email=t.email,
        customer_notes=t.notes,
        preferred_channel=t.preferred_channel,
        received_at=t.received_at,
        taken_in_by=t[24],
        item_kind=t.item_kind,
        item_description=t.item_description,
        item_metal=t.item_metal,
        item_stones=t.item_stones,
        item_condition=t.item_condition,
        declared_value=t.declared_value,
        services=tuple(ServiceView(*r[:5]) for r in services),
        deposit=t.deposit,
        deposit_method=t.deposit_method,
        payments=tuple(payments),
        total=the_bill.due,
        balance=the_bill.balance,
        bill=the_bill,
        discounts=tuple(
            DiscountView(d.at, by(d.by_id), worth, d.percent, d.reason, d.courtesy)
            for d, worth in zip(discounts, the_bill.reductions, strict=True)),
        promised_for=t.promised_for,
        original_promised_for=promises[0].old_date if promises else t.promised_for,
        promises=promises,
        occasion_what=t.occasion_what,
        occasion_date=t.occasion_date,
        assigned_to_code=t[25],
        assigned_to_name=t[26],
        collected_by=t.collected_by,
        events=events,
        parcels=parcels,
        contacts=contacts,
        photos=photos,
        edits=edits,
        customer_address=t.postal_address,
        approvals=approvals,
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

