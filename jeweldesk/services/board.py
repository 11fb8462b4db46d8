"""The Tickets board: one page of tickets at a time, sorted and filtered in the database.

A store with 100,000 tickets must scroll and filter without a pause, so nothing here
ever loads more than the page asked for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import (
    BindParameter,
    CompoundSelect,
    Select,
    String,
    bindparam,
    func,
    literal,
    literal_column,
    null,
    select,
    tuple_,
    union,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from jeweldesk.domain.bill import Bill, Line, Reduction, bill
from jeweldesk.domain.contact_details import DEFAULT_COUNTRY, shown_phone
from jeweldesk.domain.money import ZERO
from jeweldesk.domain.status import NOT_CLOSED_STATUSES, Status
from jeweldesk.services.lookup import customers_holding, tickets_numbered
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import STORE_ID, store_now
from jeweldesk.storage.search_index import has_word_index
from jeweldesk.storage.tables import (
    Customer,
    Parcel,
    ParcelItem,
    Payment,
    Staff,
    Store,
    Ticket,
    TicketDiscount,
    TicketService,
    Vendor,
)

UNASSIGNED = "-"  # the jeweler filter's "nobody yet"

OVERDUE = "overdue"
DUE_TODAY = "due_today"

SORT_KEYS = ("number", "customer", "item", "status", "jeweler", "promised_for", "received_at")


@dataclass(frozen=True)
class BoardFilter:
    statuses: frozenset[Status] = frozenset()  # empty: every status
    jeweler: str | None = None  # a staff code, or UNASSIGNED
    vendor: str | None = None  # a vendor code: some of the work goes to them
    promised_from: date | None = None
    promised_to: date | None = None
    text: str = ""  # part of the customer's name or phone, or of the ticket number
    customer_id: int | None = None

    @classmethod
    def open_tickets(cls) -> BoardFilter:
        return cls(statuses=frozenset(NOT_CLOSED_STATUSES))


@dataclass(frozen=True)
class BoardSort:
    key: str = "promised_for"
    descending: bool = False


@dataclass(frozen=True)
class BoardRow:
    number: str
    customer_name: str
    customer_phone: str | None
    item: str
    status: Status
    jeweler: str | None
    vendor: str | None
    promised_for: date
    received_at: datetime
    balance: Decimal
    lateness: str | None  # OVERDUE, DUE_TODAY, or None


@dataclass(frozen=True)
class BoardPage:
    rows: list[BoardRow] = field(default_factory=list)
    today: date | None = None
    # Where the next page starts: the last row's sort value and id, for ``after=``.
    last: tuple[Any, int] | None = None


@dataclass(frozen=True)
class BoardChoices:
    """What the filters offer: the store's jewelers and vendors, as (code, name)."""

    jewelers: list[tuple[str, str]]
    vendors: list[tuple[str, str]]


def _filtered(query: Select[Any], wanted: BoardFilter, indexed: bool,
              country: str = DEFAULT_COUNTRY) -> Select[Any]:
    """``indexed``: the database has the search index (see storage.search_index)."""
    if wanted.statuses:
        query = query.where(Ticket.status.in_(sorted(wanted.statuses)))
    if wanted.jeweler == UNASSIGNED:
        query = query.where(Ticket.assigned_to_id.is_(None))
    elif wanted.jeweler:
        query = query.where(
            Ticket.assigned_to_id == select(Staff.id).where(Staff.code == wanted.jeweler)
            .scalar_subquery()
        )
    if wanted.vendor:
        query = query.where(Ticket.id.in_(
            select(TicketService.ticket_id).join(Vendor, Vendor.id == TicketService.vendor_id)
            .where(Vendor.code == wanted.vendor)
        ))
    if wanted.customer_id is not None:
        query = query.where(Ticket.customer_id == wanted.customer_id)
    if wanted.promised_from:
        query = query.where(Ticket.promised_for >= wanted.promised_from)
    if wanted.promised_to:
        query = query.where(Ticket.promised_for <= wanted.promised_to)
    text = wanted.text.strip()
    if text:
        # One set of ids, the index's answers together: the board's order then walks it.
        holding = customers_holding(text, indexed, country)
        query = query.where(Ticket.id.in_(union(
            select(Ticket.id).where(Ticket.customer_id.in_(holding)),
            tickets_numbered(text, indexed))))
    return query


def count_tickets(db: Database, wanted: BoardFilter) -> int:
    with db.session(write=False) as session:
        indexed = has_word_index(session.connection())
        country = session.connection().execute(_COUNTRY).scalar() or DEFAULT_COUNTRY
        return session.scalar(_filtered(
            select(func.count(Ticket.id)).select_from(Ticket), wanted, indexed, country)) or 0


def _lateness(status: Status, promised_for: date, today: date) -> str | None:
    if status.is_closed or status == Status.READY:
        return None
    if promised_for < today:
        return OVERDUE
    if promised_for == today:
        return DUE_TODAY
    return None


_JEWELER = aliased(Staff)
_COUNTRY = select(Store.country).where(Store.id == STORE_ID)


def board_page(db: Database, wanted: BoardFilter, sort: BoardSort, offset: int,
               limit: int = 200, after: tuple[Any, int] | None = None) -> BoardPage:
    """Rows ``offset`` … ``offset + limit`` of the filtered, sorted board; given ``after``
    (the ``last`` of the page before), the rows after it by the index instead, so a page
    deep in a big store costs what the first one does."""
    jeweler = _JEWELER
    order_by = {
        "number": Ticket.id,  # numbers come from one sequence, so id order is number order
        "customer": Customer.name,
        "item": Ticket.item_description,
        "status": Ticket.status,
        "jeweler": jeweler.name,
        "promised_for": Ticket.promised_for,
        "received_at": Ticket.received_at,
    }[sort.key if sort.key in SORT_KEYS else "promised_for"]
    query = cast(Select[Any], (
        select(Ticket.id, Ticket.number, Customer.name, Customer.phone, Ticket.item_description,
               Ticket.status, jeweler.name, Ticket.promised_for, Ticket.received_at,
               Ticket.deposit)
        .select_from(Ticket)
        .join(Customer, Customer.id == Ticket.customer_id)
        .outerjoin(jeweler, jeweler.id == Ticket.assigned_to_id)
    )).add_columns(order_by)
    tiebreak = Ticket.id.desc() if sort.descending else Ticket.id
    query = query.order_by(order_by.desc() if sort.descending else order_by, tiebreak)
    # The jeweler may be nobody, and NULL has no place in a comparison: by the offset then.
    if after is not None and order_by is not jeweler.name:
        value, last_id = after
        # A row value, not an OR of two comparisons: an OR keeps the index from being used.
        here: Any = Ticket.id if order_by is Ticket.id else tuple_(order_by, Ticket.id)
        there: Any = (last_id if order_by is Ticket.id
                      else tuple_(literal(value), literal(last_id)))
        query = query.where(here < there if sort.descending else here > there)
        offset = 0
    with db.session(write=False) as session:
        today = store_now(session).date()
        # The country alone (for the phones): the store's whole row holds its logo.
        country = session.connection().execute(_COUNTRY).scalar() or DEFAULT_COUNTRY
        query = _filtered(query, wanted, has_word_index(session.connection()), country)
        rows = session.connection().execute(query.offset(offset).limit(limit)).all()
        totals, paid, vendors = _money_and_vendors(
            session, [r[0] for r in rows], [r[0] for r in rows if r[5] == Status.AT_VENDOR])
        return BoardPage(
            [
                BoardRow(
                    number=r[1], customer_name=r[2],
                    customer_phone=shown_phone(r[3], country), item=r[4],
                    status=r[5], jeweler=r[6], vendor=vendors.get(r[0]), promised_for=r[7],
                    received_at=r[8],
                    balance=totals[r[0]].due - r[9] - paid.get(r[0], 0)
                    if r[0] in totals else -r[9] - paid.get(r[0], 0),
                    lateness=_lateness(r[5], r[7], today),
                )
                for r in rows
            ],
            today,
            (rows[-1][10], rows[-1][0]) if rows else None,
        )


# Built once, each for any page's ids: a statement made afresh per page costs more to
# prepare than the database takes to answer it.
_IDS: BindParameter[int] = bindparam("ids", expanding=True)
LINE, OFF, PAID = "line", "off", "paid"
# The page's lines (with their vendor), discounts and payments in one statement, the lines
# of each ticket in their order.
_WHAT = {word: literal_column(f"'{word}'", String) for word in (LINE, OFF, PAID)}
_MONEY: CompoundSelect[Any] = union_all(
    select(TicketService.ticket_id, TicketService.position.label("place"),
           _WHAT[LINE].label("what"), TicketService.price.label("amount"),
           TicketService.tax_name, TicketService.tax_percent.label("percent"),
           Vendor.name.label("vendor"))
    .outerjoin(Vendor, Vendor.id == TicketService.vendor_id)
    .where(TicketService.ticket_id.in_(_IDS)),
    select(TicketDiscount.ticket_id, TicketDiscount.id, _WHAT[OFF], TicketDiscount.amount,
           null(), TicketDiscount.percent, null())
    .where(TicketDiscount.ticket_id.in_(_IDS)),
    select(Payment.ticket_id, literal_column("0"), _WHAT[PAID], func.sum(Payment.amount),
           null(), null(), null())
    .where(Payment.ticket_id.in_(_IDS)).group_by(Payment.ticket_id),
).order_by(literal_column("ticket_id"), literal_column("place"))
# A piece out in a parcel is at that vendor, whatever its lines say.
_IN_PARCELS = (select(ParcelItem.ticket_id, Vendor.name)
               .join(Parcel, Parcel.id == ParcelItem.parcel_id)
               .join(Vendor, Vendor.id == Parcel.vendor_id)
               .where(ParcelItem.ticket_id.in_(_IDS), ParcelItem.returned_at.is_(None))
               .order_by(Parcel.sent_at))


def _money_and_vendors(
    session: Session, ids: list[int], at_vendor: list[int]
) -> tuple[dict[int, Bill], dict[int, Decimal], dict[int, str]]:
    """What the work comes to, the payments and the vendor of just this page's tickets;
    ``at_vendor``: those of them out at a vendor now."""
    if not ids:
        return {}, {}, {}
    conn = session.connection()
    lines: dict[int, list[Line]] = {}
    vendors: dict[int, str] = {}
    off: dict[int, list[Reduction]] = {}
    paid: dict[int, Decimal] = {}
    for ticket_id, _place, what, amount, tax_name, percent, vendor in conn.execute(
            _MONEY, {"ids": ids}).all():
        if what == LINE:
            lines.setdefault(ticket_id, []).append(Line(amount, tax_name, percent or ZERO))
            if vendor is not None:
                vendors.setdefault(ticket_id, vendor)
        elif what == OFF:
            off.setdefault(ticket_id, []).append(Reduction(amount, percent))
        else:
            paid[ticket_id] = amount
    totals = {i: bill(lines[i], off.get(i, ()), ()) for i in lines}
    if at_vendor:
        vendors.update(conn.execute(_IN_PARCELS, {"ids": at_vendor}).all())  # type: ignore[arg-type]
    return totals, paid, vendors


def board_choices(db: Database) -> BoardChoices:
    with db.session(write=False) as session:
        jewelers = session.execute(
            select(Staff.code, Staff.name).where(Staff.active.is_(True)).order_by(Staff.name)
        ).all()
        vendors = session.execute(
            select(Vendor.code, Vendor.name).where(Vendor.active.is_(True)).order_by(Vendor.name)
        ).all()
        return BoardChoices([(c, n) for c, n in jewelers], [(c, n) for c, n in vendors])
