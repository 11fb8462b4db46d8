"""Taking pieces in: one customer visit, one or more tickets, saved together."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from uuid import uuid4

from sqlalchemy.orm import Session

from jeweldesk.domain.models import ItemKind, Ticket, TicketEvent, TicketService
from jeweldesk.domain.money import ZERO, MoneyError, money
from jeweldesk.domain.status import Status
from jeweldesk.services.common import (
    customer_by_id,
    mark_changed,
    next_ticket_number,
    staff_by_code,
    store_now,
    vendor_by_code,
)
from jeweldesk.services.customers import CustomerDetails, checked, new_customer
from jeweldesk.services.errors import Invalid, NotFound
from jeweldesk.services.photos import store_photo
from jeweldesk.storage.engine import Database


@dataclass(frozen=True)
class ServiceLine:
    code: str
    description: str
    price: Decimal | str
    vendor: str | None = None  # vendor code when the work goes out


@dataclass(frozen=True)
class Piece:
    kind: ItemKind | str
    description: str
    services: tuple[ServiceLine, ...]
    promised_for: date
    metal: str | None = None
    stones: str | None = None
    condition: str | None = None
    declared_value: Decimal | str | None = None
    deposit: Decimal | str = ZERO
    occasion_what: str | None = None
    occasion_date: date | None = None
    assigned_to: str | None = None  # bench staff code
    photos: tuple[bytes, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class Visit:
    pieces: tuple[Piece, ...]
    customer_id: int | None = None
    new_customer: CustomerDetails | None = None


def _optional_money(value: Decimal | str | None) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return money(value)


def _money_or_problem(value: object, where: str, problems: dict[str, str]) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        amount = money(value)  # type: ignore[arg-type]  # checked: any text a person typed
    except MoneyError:
        problems[where] = f"{value!r} is not an amount of money"
        return None
    if amount < 0:
        problems[where] = "cannot be negative"
    return amount


def _check_piece(piece: Piece, n: int, today: date, problems: dict[str, str]) -> None:
    at = f"pieces[{n}]"
    if str(piece.kind) not in {k.value for k in ItemKind}:
        problems[f"{at}.kind"] = f"{piece.kind!r} is not a kind of piece"
    if not piece.description.strip():
        problems[f"{at}.description"] = "describe the piece"
    if not piece.services:
        problems[f"{at}.services"] = "choose at least one service"
    total = ZERO
    for i, line in enumerate(piece.services):
        price = _money_or_problem(line.price, f"{at}.services[{i}].price", problems)
        if price is None and f"{at}.services[{i}].price" not in problems:
            problems[f"{at}.services[{i}].price"] = "every service needs a price"
        total += price or ZERO
        if not line.code.strip():
            problems[f"{at}.services[{i}].code"] = "choose a service"
    _money_or_problem(piece.declared_value, f"{at}.declared_value", problems)
    deposit = _money_or_problem(piece.deposit, f"{at}.deposit", problems) or ZERO
    if deposit > total and f"{at}.deposit" not in problems:
        problems[f"{at}.deposit"] = f"the deposit {deposit} is more than the total {total}"
    if piece.promised_for < today:
        problems[f"{at}.promised_for"] = f"{piece.promised_for.isoformat()} is in the past"
    if (piece.occasion_what or "").strip() and piece.occasion_date is None:
        problems[f"{at}.occasion_date"] = "when is the occasion?"


def take_in(db: Database, visit: Visit, by: str, at: datetime | None = None) -> list[str]:
    """Save every piece of one visit as its own ticket, all or none. Returns the numbers."""
    problems: dict[str, str] = {}
    details = None
    if visit.customer_id is None:
        if visit.new_customer is None:
            problems["customer"] = "find the customer or add a new one"
        else:
            try:
                details = checked(visit.new_customer, prefix="customer.")
            except Invalid as exc:
                problems.update(exc.problems)
    if not visit.pieces:
        problems["pieces"] = "a visit needs at least one piece"
    with db.session() as session:
        now = at or store_now(session)
        for n, piece in enumerate(visit.pieces):
            _check_piece(piece, n, now.date(), problems)
        if problems:
            raise Invalid(problems)
        clerk = staff_by_code(session, by)
        if details is not None:
            customer = new_customer(session, details)
        else:
            assert visit.customer_id is not None
            customer = customer_by_id(session, visit.customer_id)
        visit_ref = uuid4().hex[:12]
        numbers = []
        for n, piece in enumerate(visit.pieces):
            ticket = _new_ticket(session, piece, n, customer.id, clerk.id, now, visit_ref)
            numbers.append(ticket.number)
            for data in piece.photos:
                store_photo(session, ticket, data, "intake", now)
        mark_changed(session)
        return numbers


def _new_ticket(session: Session, piece: Piece, n: int, customer_id: int, clerk_id: int,
                now: datetime, visit_ref: str) -> Ticket:
    jeweler_id = None
    if piece.assigned_to:
        try:
            jeweler_id = staff_by_code(session, piece.assigned_to).id
        except NotFound as exc:
            raise Invalid({f"pieces[{n}].assigned_to": str(exc)}) from None
    ticket = Ticket(
        number=next_ticket_number(session),
        customer_id=customer_id,
        visit=visit_ref,
        received_at=now,
        taken_in_by_id=clerk_id,
        item_kind=ItemKind(str(piece.kind)),
        item_description=piece.description.strip(),
        item_metal=(piece.metal or "").strip() or None,
        item_stones=(piece.stones or "").strip() or None,
        item_condition=(piece.condition or "").strip() or None,
        declared_value=_optional_money(piece.declared_value),
        deposit=money(piece.deposit or ZERO),
        promised_for=piece.promised_for,
        occasion_what=(piece.occasion_what or "").strip() or None,
        occasion_date=piece.occasion_date,
        assigned_to_id=jeweler_id,
        status=Status.RECEIVED,
        status_at=now,
    )
    for position, line in enumerate(piece.services):
        vendor_id = None
        if line.vendor:
            try:
                vendor_id = vendor_by_code(session, line.vendor).id
            except NotFound as exc:
                raise Invalid({f"pieces[{n}].services[{position}].vendor": str(exc)}) from None
        ticket.services.append(
            TicketService(
                position=position,
                code=line.code.strip(),
                description=line.description.strip(),
                price=money(line.price),
                vendor_id=vendor_id,
            )
        )
    session.add(ticket)
    session.flush()
    session.add(TicketEvent(ticket_id=ticket.id, at=now, status=Status.RECEIVED, by_id=clerk_id))
    return ticket
