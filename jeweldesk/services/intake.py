"""Taking pieces in: one customer visit, one or more tickets, saved together."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from uuid import uuid4

from sqlalchemy.orm import Session

from jeweldesk.domain.errors import Invalid
from jeweldesk.domain.kinds import ItemKind
from jeweldesk.domain.money import ZERO, money
from jeweldesk.domain.permissions import Act
from jeweldesk.domain.rules import promise_problem
from jeweldesk.domain.status import Status
from jeweldesk.services.customers import CustomerDetails, checked, new_customer
from jeweldesk.services.photos import store_photo
from jeweldesk.services.piece_checks import (
    WRITE_IN,
    ServiceLine,
    add_written_in_to_catalog,
    below_catalog,
    check_deposit,
    check_description,
    check_occasion,
    check_piece_words,
    check_services,
    jeweler_id,
    money_or_problem,
    optional_money,
    service_rows,
    text_or_none,
)
from jeweldesk.storage.door import Actor, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import (
    customer_by_id,
    get_store,
    next_ticket_number,
)
from jeweldesk.storage.tables import Ticket, TicketEvent

__all__ = ["WRITE_IN", "Piece", "ServiceLine", "Visit", "take_in"]


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
    deposit_method: str | None = None  # one of the store's ways to be paid, with a deposit
    occasion_what: str | None = None
    occasion_date: date | None = None
    assigned_to: str | None = None  # bench staff code
    photos: tuple[bytes, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class Visit:
    pieces: tuple[Piece, ...]
    customer_id: int | None = None
    new_customer: CustomerDetails | None = None


def _check_piece(piece: Piece, n: int, today: date, methods: tuple[str, ...],
                 problems: dict[str, str]) -> None:
    at = f"pieces[{n}]."
    if str(piece.kind) not in {k.value for k in ItemKind}:
        problems[f"{at}kind"] = f"{piece.kind!r} is not a kind of piece"
    check_description(piece.description, f"{at}description", problems)
    total = check_services(piece.services, at, problems)
    money_or_problem(piece.declared_value, f"{at}declared_value", problems)
    deposit = money_or_problem(piece.deposit, f"{at}deposit", problems) or ZERO
    check_deposit(deposit, total, f"{at}deposit", problems)
    if deposit > 0 and piece.deposit_method not in methods:
        problems[f"{at}deposit_method"] = (
            f"say how the deposit was paid ({', '.join(methods)})" if not piece.deposit_method
            else f"{piece.deposit_method!r} is not one of the store's ways to be paid "
                 f"({', '.join(methods)})")
    promise = promise_problem(piece.promised_for, today)
    if promise:
        problems[f"{at}promised_for"] = promise
    check_occasion(piece.occasion_what, piece.occasion_date, at, problems)
    check_piece_words(piece.metal, piece.stones, piece.condition, piece.occasion_what, at,
                      problems)


def take_in(db: Database, visit: Visit, by: Actor, at: datetime | None = None) -> list[str]:
    """Save every piece of one visit as its own ticket, all or none. Returns the numbers."""
    problems: dict[str, str] = {}
    details = None
    if visit.customer_id is None and visit.new_customer is None:
        problems["customer"] = "find the customer or add a new one"
    if not visit.pieces:
        problems["pieces"] = "a visit needs at least one piece"
    with write(db, by, Act.TAKE_IN) as w:
        session = w.session
        if visit.customer_id is None and visit.new_customer is not None:
            try:
                details = checked(visit.new_customer, prefix="customer.",
                                  country=get_store(session).country)
            except Invalid as exc:
                problems.update(exc.problems)
        now = at or w.now
        methods = get_store(session).methods
        for n, piece in enumerate(visit.pieces):
            _check_piece(piece, n, now.date(), methods, problems)
        if problems:
            raise Invalid(problems)
        cut = [name for piece in visit.pieces for name in below_catalog(session, piece.services)]
        if cut:
            w.require(Act.PRICE_BELOW_CATALOG, ", ".join(cut))
        new_entries = [line.description.strip() for piece in visit.pieces
                       for line in piece.services if line.written_in and line.add_to_catalog]
        if new_entries:
            w.require(Act.CATALOG, ", ".join(new_entries))
        if details is not None:
            customer = new_customer(session, details)
        else:
            assert visit.customer_id is not None
            customer = customer_by_id(session, visit.customer_id)
        visit_ref = uuid4().hex[:12]
        numbers = []
        for n, piece in enumerate(visit.pieces):
            piece = replace(piece, services=add_written_in_to_catalog(session, piece.services))
            ticket = _new_ticket(session, piece, n, customer.id, w.person_id, now, visit_ref)
            numbers.append(ticket.number)
            for data in piece.photos:
                store_photo(session, ticket, data, "intake", now)
        return numbers


def _new_ticket(session: Session, piece: Piece, n: int, customer_id: int, clerk_id: int,
                now: datetime, visit_ref: str) -> Ticket:
    at = f"pieces[{n}]."
    ticket = Ticket(
        number=next_ticket_number(session),
        customer_id=customer_id,
        visit=visit_ref,
        received_at=now,
        taken_in_by_id=clerk_id,
        item_kind=ItemKind(str(piece.kind)),
        item_description=piece.description.strip(),
        item_metal=text_or_none(piece.metal),
        item_stones=text_or_none(piece.stones),
        item_condition=text_or_none(piece.condition),
        declared_value=optional_money(piece.declared_value),
        deposit=money(piece.deposit or ZERO),
        deposit_method=piece.deposit_method if money(piece.deposit or ZERO) > 0 else None,
        promised_for=piece.promised_for,
        occasion_what=text_or_none(piece.occasion_what),
        occasion_date=piece.occasion_date,
        assigned_to_id=jeweler_id(session, piece.assigned_to, f"{at}assigned_to"),
        status=Status.RECEIVED,
        status_at=now,
    )
    ticket.services.extend(service_rows(session, piece.services, at))
    session.add(ticket)
    session.flush()
    session.add(TicketEvent(ticket_id=ticket.id, at=now, status=Status.RECEIVED, by_id=clerk_id))
    return ticket
