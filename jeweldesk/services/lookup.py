"""The search-and-scan box: a ticket number, a scanned envelope, a name or a phone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select

from jeweldesk.domain.contact_details import phone_digits, shown_phone
from jeweldesk.domain.status import Status
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import get_store
from jeweldesk.storage.tables import Customer, Ticket


@dataclass(frozen=True)
class Found:
    number: str
    customer_name: str
    customer_phone: str | None
    item: str
    status: Status
    promised_for: date


def _matching(query: Select[Any], text: str, digits: str | None) -> Select[Any]:
    """Tickets whose customer's name or phone, or whose number, holds what was typed: the
    customers are found first (a few thousand rows), then their tickets by the index, so a
    store's twenty years of tickets are never scanned for a name."""
    by_customer: list[ColumnElement[bool]] = [
        func.lower(Customer.name).contains(text.lower(), autoescape=True)]
    if digits and len(digits) >= 4:
        by_customer.append(Customer.phone_digits.contains(digits, autoescape=True))
    conditions: list[ColumnElement[bool]] = [
        Ticket.customer_id.in_(select(Customer.id).where(or_(*by_customer)))]
    if any(ch.isdigit() for ch in text):
        conditions.append(func.upper(Ticket.number).contains(text.upper(), autoescape=True))
    # Open tickets first: the customer at the counter is rarely asking about last year.
    closed_last = Ticket.status.in_([Status.PICKED_UP, Status.CANCELLED])
    return query.where(or_(*conditions)).order_by(closed_last, Ticket.promised_for.desc())


def search(db: Database, text: str, limit: int = 50) -> list[Found]:
    """Exact ticket number first (what a scanner types), then matches by customer or number."""
    text = text.strip()
    if not text:
        return []
    digits = phone_digits(text)
    with db.session(write=False) as session:
        query = (
            select(Ticket.number, Customer.name, Customer.phone, Ticket.item_description,
                   Ticket.status, Ticket.promised_for)
            .join(Customer, Customer.id == Ticket.customer_id)
        )
        exact = session.execute(
            query.where(Ticket.number.in_({text, text.upper()}))
        ).all()
        # What a scanner types: the one ticket, straight away, with nothing else looked for.
        rest = [] if exact else list(session.execute(_matching(query, text, digits)
                                                     .limit(limit)).all())
        seen: set[str] = set()
        country = get_store(session).country
        found = []
        for row in [*exact, *rest]:
            if row[0] in seen:
                continue
            seen.add(row[0])
            found.append(Found(row[0], row[1], shown_phone(row[2], country), row[3], row[4],
                               row[5]))
        return found[:limit]
