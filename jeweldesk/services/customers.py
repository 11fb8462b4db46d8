"""Finding, adding and editing customers."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jeweldesk.domain.contact_details import (
    DEFAULT_COUNTRY,
    DetailError,
    normalise_email,
    normalise_phone,
    phone_digits,
    shown_phone,
)
from jeweldesk.domain.errors import Invalid
from jeweldesk.domain.kinds import Channel
from jeweldesk.domain.permissions import Act
from jeweldesk.domain.rules import NAME, TEXT, check_text
from jeweldesk.domain.status import Status
from jeweldesk.domain.writing import TITLE_CHARS
from jeweldesk.services.lookup import customers_holding
from jeweldesk.storage.door import Actor, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import customer_by_id, get_store
from jeweldesk.storage.search_index import has_word_index
from jeweldesk.storage.tables import Customer, Ticket, TicketEdit

CLOSED = (Status.PICKED_UP, Status.CANCELLED)


@dataclass(frozen=True)
class CustomerDetails:
    name: str
    phone: str | None = None
    email: str | None = None
    notes: str | None = None
    preferred_channel: Channel | None = None
    # None: the paper says their first name ("Dear Barbara"); else the title it says with
    # their surname ("Mrs": "Dear Mrs Harris").
    addressed_as: str | None = None
    # Where a letter reaches them, its lines as on an envelope.
    postal_address: str | None = None


@dataclass(frozen=True)
class CustomerInfo:
    id: int
    name: str
    phone: str | None
    email: str | None
    notes: str | None
    preferred_channel: Channel | None
    open_tickets: int = 0
    all_tickets: int = 0
    addressed_as: str | None = None
    postal_address: str | None = None


def checked(details: CustomerDetails, prefix: str = "",
            country: str = DEFAULT_COUNTRY) -> CustomerDetails:
    """The details tidied (the phone as kept, E.164), or Invalid naming each field that is
    wrong; ``country`` is the store's, where a phone without "+country" belongs."""
    problems: dict[str, str] = {}
    name = details.name.strip()
    if not name:
        problems[f"{prefix}name"] = "the customer's name cannot be empty"
    check_text(problems, f"{prefix}name", details.name, NAME)
    check_text(problems, f"{prefix}notes", details.notes, TEXT, lines=True)
    title = " ".join((details.addressed_as or "").split()) or None
    check_text(problems, f"{prefix}addressed_as", title, TITLE_CHARS)
    check_text(problems, f"{prefix}postal_address", details.postal_address, TEXT, lines=True)
    phone = email = None
    try:
        phone = normalise_phone(details.phone, country)
    except DetailError as exc:
        problems[f"{prefix}phone"] = str(exc)
    try:
        email = normalise_email(details.email)
    except DetailError as exc:
        problems[f"{prefix}email"] = str(exc)
    if problems:
        raise Invalid(problems)
    notes = details.notes.strip() if details.notes and details.notes.strip() else None
    return CustomerDetails(name, phone, email, notes, details.preferred_channel, title,
                           address_lines(details.postal_address))


def address_lines(text: str | None) -> str | None:
    """An address as an envelope has it: each line's spaces tidied, empty lines dropped."""
    lines = [" ".join(line.split()) for line in (text or "").splitlines()]
    return "\n".join(line for line in lines if line) or None


def info_of(customer: Customer, open_tickets: int = 0, all_tickets: int = 0,
            country: str = DEFAULT_COUNTRY) -> CustomerInfo:
    return CustomerInfo(
        customer.id,
        customer.name,
        shown_phone(customer.phone, country),
        customer.email,
        customer.notes,
        customer.preferred_channel,
        open_tickets,
        all_tickets,
        customer.addressed_as,
        customer.postal_address,
    )


def new_customer(session: Session, details: CustomerDetails) -> Customer:
    customer = Customer(
        name=details.name,
        phone=details.phone,
        email=details.email,
        notes=details.notes,
        preferred_channel=details.preferred_channel,
        phone_digits=phone_digits(details.phone),
        addressed_as=details.addressed_as,
        postal_address=details.postal_address,
    )
    session.add(customer)
    session.flush()
    return customer


def add_customer(db: Database, details: CustomerDetails, by: Actor) -> CustomerInfo:
    with write(db, by, Act.CUSTOMER) as w:
        country = get_store(w.session).country
        return info_of(new_customer(w.session, checked(details, country=country)),
                       country=country)


def update_customer(db: Database, customer_id: int, details: CustomerDetails,
                    by: Actor) -> CustomerInfo:
    with write(db, by, Act.CUSTOMER, details.name.strip()) as w:
        country = get_store(w.session).country
        tidy = checked(details, country=country)
        customer = customer_by_id(w.session, customer_id)
        customer.name = tidy.name
        customer.phone = tidy.phone
        customer.phone_digits = phone_digits(tidy.phone)
        customer.email = tidy.email
        customer.notes = tidy.notes
        customer.preferred_channel = tidy.preferred_channel
        customer.addressed_as = tidy.addressed_as
        customer.postal_address = tidy.postal_address
        return info_of(customer, country=country)


def _said(customer: Customer, country: str) -> str:
    """A record as the ticket's history names it: the name, and the phone that tells two
    records of the same name apart, written as the store writes phones."""
    phone = shown_phone(customer.phone, country)
    return f"{customer.name} ({phone})" if phone else customer.name


def merge_customers(db: Database, keep_id: int, duplicate_id: int, by: Actor) -> CustomerInfo:
    """Two records of one person become the kept one: the duplicate's tickets move over
    (each keeps a line in its history saying from whom), the kept record's details stay and
    the duplicate's fill only what the kept one lacks, and the duplicate record goes."""
    if keep_id == duplicate_id:
        raise Invalid({"customers": "choose two different customer records to merge"})
    with write(db, by, Act.MERGE_CUSTOMERS) as w:
        session = w.session
        kept = customer_by_id(session, keep_id)
        duplicate = customer_by_id(session, duplicate_id)
        country = get_store(session).country
        was, now = _said(duplicate, country), _said(kept, country)
        moved = session.scalars(
            select(Ticket).where(Ticket.customer_id == duplicate.id).order_by(Ticket.id)
        ).all()
        for ticket in moved:
            ticket.customer_id = kept.id
            session.add(TicketEdit(ticket_id=ticket.id, at=w.now, by_id=w.person_id,
                                   field="customer", old_value=was, new_value=now))
        if not kept.phone and duplicate.phone:
            kept.phone, kept.phone_digits = duplicate.phone, duplicate.phone_digits
        if not kept.email and duplicate.email:
            kept.email = duplicate.email
        if not kept.notes and duplicate.notes:
            kept.notes = duplicate.notes
        if not kept.postal_address and duplicate.postal_address:
            kept.postal_address = duplicate.postal_address
        if kept.preferred_channel is None and duplicate.preferred_channel is not None:
            kept.preferred_channel = duplicate.preferred_channel
        session.flush()
        session.expire(duplicate, ["tickets"])
        session.delete(duplicate)
        session.flush()
        statuses = session.scalars(select(Ticket.status).where(Ticket.customer_id == kept.id))
        counted = list(statuses)
        return info_of(kept, sum(1 for s in counted if s not in CLOSED), len(counted))


def get_customer(db: Database, customer_id: int) -> CustomerInfo:
    with db.session(write=False) as session:
        return info_of(customer_by_id(session, customer_id),
                       country=get_store(session).country)


def find_customers(db: Database, text: str, limit: int = 30) -> list[CustomerInfo]:
    """Customers whose name holds what was typed, or whose phone holds its digits."""
    text = text.strip()
    if not text:
        return []
    with db.session(write=False) as session:
        country = get_store(session).country
        holding = customers_holding(text, has_word_index(session.connection()), country)
        open_count = (
            select(func.count(Ticket.id))
            .where(Ticket.customer_id == Customer.id, Ticket.status.notin_(CLOSED))
            .scalar_subquery()
        )
        all_count = (
            select(func.count(Ticket.id)).where(Ticket.customer_id == Customer.id)
        ).scalar_subquery()
        rows = session.execute(
            select(Customer, open_count, all_count)
            .where(Customer.id.in_(holding))
            .order_by(Customer.name)
            .limit(limit)
        )
        return [info_of(c, o, a, country) for c, o, a in rows]
