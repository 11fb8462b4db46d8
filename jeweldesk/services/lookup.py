"""The search-and-scan box: a ticket number, a scanned envelope, a name or a phone, or
anything written on the piece (its description, its stones, the bench's notes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    bindparam,
    func,
    literal_column,
    or_,
    select,
)

from jeweldesk.domain.contact_details import (
    DEFAULT_COUNTRY,
    searched_digits,
    shown_phone,
)
from jeweldesk.domain.status import Status
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import STORE_ID
from jeweldesk.storage.search_index import (
    SHORTEST,
    customer_words,
    has_word_index,
    phrase,
    ticket_words,
)
from jeweldesk.storage.tables import Customer, Store, Ticket, TicketEvent


@dataclass(frozen=True)
class Found:
    number: str
    customer_name: str
    customer_phone: str | None
    item: str
    status: Status
    promised_for: date


def _like(text: str) -> str:
    escaped = text.replace("/", "//").replace("%", "/%").replace("_", "/_")
    return f"%{escaped}%"


# Built once: a statement made afresh costs more to prepare than the index takes to answer.
_CLOSED_LAST = Ticket.status.in_([Status.PICKED_UP, Status.CANCELLED])
# Open tickets first: the customer at the counter is rarely asking about last year.
_ORDER = (_CLOSED_LAST, Ticket.promised_for.desc())
_ROWS = (select(Ticket.number, Customer.name, Customer.phone, Ticket.item_description,
                Ticket.status, Ticket.promised_for)
         .join(Customer, Customer.id == Ticket.customer_id))
_EXACT = _ROWS.where(Ticket.number.in_(bindparam("numbers", expanding=True)))
_COUNTRY = select(Store.country).where(Store.id == STORE_ID)


def _first(matching: ColumnElement[bool]) -> Select[Any]:
    """The first few chosen on the tickets alone, then joined: a word on a thousand pieces
    ("sapphire") sorts a thousand ids, not a thousand whole rows."""
    first = select(Ticket.id).where(matching).order_by(*_ORDER).limit(
        bindparam("limit", type_=Integer))
    return _ROWS.where(Ticket.id.in_(first)).order_by(*_ORDER)


# Three letters or more on SQLite: the customer's name, phone or notes, or the ticket's
# number, description, stones or the bench's notes hold what was typed (FTS5 trigrams).
_BY_WORDS = _first(or_(
    Ticket.customer_id.in_(select(customer_words.c.rowid).where(
        literal_column("customer_words").op("MATCH")(bindparam("customers", type_=String)))),
    Ticket.id.in_(select(ticket_words.c.rowid).where(
        literal_column("ticket_words").op("MATCH")(bindparam("tickets", type_=String))))))


def _words_said(text: str, phones: tuple[str, ...]) -> dict[str, str]:
    said = phrase(text)
    if phones:
        said += " OR phone_digits : (" + " OR ".join(phrase(d) for d in phones) + ")"
    return {"customers": said, "tickets": phrase(text)}


def _like_matching(text: str, phones: tuple[str, ...]) -> ColumnElement[bool]:
    """The same as ``_BY_WORDS`` under ILIKE: on PostgreSQL, pg_trgm's indexes answer it;
    on an SQLite without FTS5, the tables are read."""
    pattern = _like(text)
    by_customer = [Customer.name.ilike(pattern, escape="/"),
                   Customer.notes.ilike(pattern, escape="/"),
                   *(Customer.phone_digits.like(_like(d), escape="/") for d in (text, *phones))]
    return or_(
        Ticket.customer_id.in_(select(Customer.id).where(or_(*by_customer))),
        Ticket.number.ilike(pattern, escape="/"),
        Ticket.item_description.ilike(pattern, escape="/"),
        Ticket.item_stones.ilike(pattern, escape="/"),
        Ticket.id.in_(select(TicketEvent.ticket_id).where(
            TicketEvent.note.ilike(pattern, escape="/"))))


def _short_matching(text: str) -> ColumnElement[bool]:
    """One or two letters, too few for the index: a name or a number holding them."""
    conditions: list[ColumnElement[bool]] = [Ticket.customer_id.in_(
        select(Customer.id).where(
            func.lower(Customer.name).contains(text.lower(), autoescape=True)))]
    if any(ch.isdigit() for ch in text):
        conditions.append(func.upper(Ticket.number).contains(text.upper(), autoescape=True))
    return or_(*conditions)


def customers_holding(text: str, indexed: bool, country: str = DEFAULT_COUNTRY) -> Select[Any]:
    """The ids of customers whose name holds ``text`` or whose phone holds its digits (three
    or more), a whole number typed the way the store's ``country`` writes it included:
    what the intake's customer lookup and the board's filter ask. Through the FTS5 index
    (``indexed``) or pg_trgm's from three letters; shorter, by reading the names."""
    text = text.strip()
    phones = [d for d in searched_digits(text, country) if len(d) >= SHORTEST]
    if len(text) < SHORTEST:
        return select(Customer.id).where(
            func.lower(Customer.name).contains(text.lower(), autoescape=True))
    if indexed:
        said = " OR ".join(["name : " + phrase(text),
                            *("phone_digits : " + phrase(d) for d in phones)])
        return select(customer_words.c.rowid).where(
            literal_column("customer_words").op("MATCH")(said))
    holding = [Customer.name.ilike(_like(text), escape="/"),
               *(Customer.phone_digits.like(_like(d), escape="/") for d in phones)]
    return select(Customer.id).where(or_(*holding))


def tickets_numbered(text: str, indexed: bool) -> Select[Any]:
    """The ids of tickets whose number holds ``text``, by the index from three letters."""
    text = text.strip()
    if len(text) < SHORTEST:
        return select(Ticket.id).where(
            func.upper(Ticket.number).contains(text.upper(), autoescape=True))
    if indexed:
        return select(ticket_words.c.rowid).where(
            literal_column("ticket_words").op("MATCH")("number : " + phrase(text)))
    return select(Ticket.id).where(Ticket.number.ilike(_like(text), escape="/"))


def search(db: Database, text: str, limit: int = 50) -> list[Found]:
    """Exact ticket number first (what a scanner types), then tickets whose customer or
    piece holds what was typed, open ones first."""
    text = text.strip()
    if not text:
        return []
    with db.engine.connect() as conn:  # a read: no ORM session needed around it
        exact = conn.execute(_EXACT, {"numbers": sorted({text, text.upper()})}).all()
        country = conn.execute(_COUNTRY).scalar() or "US"
        rest: list[Any] = []
        if not exact:  # what a scanner types: the one ticket, with nothing else looked for
            page = {"limit": limit}
            if len(text) < SHORTEST:
                rest = list(conn.execute(_first(_short_matching(text)), page))
            else:
                phones = tuple(d for d in searched_digits(text, country)
                               if len(d) >= 4 and d != text)
                if has_word_index(conn):
                    rest = list(conn.execute(_BY_WORDS, {**page, **_words_said(text, phones)}))
                else:
                    rest = list(conn.execute(_first(_like_matching(text, phones)), page))
        return _found([*exact, *rest], country)[:limit]


def _found(rows: list[Any], country: str) -> list[Found]:
    seen: set[str] = set()
    found = []
    for row in rows:
        if row[0] in seen:
            continue
        seen.add(row[0])
        found.append(Found(row[0], row[1], shown_phone(row[2], country), row[3], row[4], row[5]))
    return found
