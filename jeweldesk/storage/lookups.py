"""Small shared pieces of the services: the store's clock, look-ups by the store's codes."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from jeweldesk.domain.calendar import StoreCalendar
from jeweldesk.domain.errors import NotFound
from jeweldesk.domain.way import US, Way, use
from jeweldesk.storage.engine import Database
from jeweldesk.storage.quick_read import wall_clock
from jeweldesk.storage.tables import ClosedDate, Customer, Staff, Store, Ticket, Vendor

STORE_ID = 1


def get_store(session: Session) -> Store:
    store = session.get(Store, STORE_ID)
    if store is None:
        raise NotFound("this database has no store yet; set the store up first")
    return store


def store_way(session: Session) -> Way:
    """How the store writes money and dates; the US way before there is a store."""
    store = session.get(Store, STORE_ID)
    return Way(store.locale, store.currency) if store is not None else US


def write_as_the_store(db: Database) -> Way:
    """Money and dates written, and amounts read, the store's way from now on in this
    process: called wherever a store is opened or its way is set."""
    with db.session(write=False) as session:
        found = store_way(session)
    use(found)
    return found


def has_store(session: Session) -> bool:
    return session.get(Store, STORE_ID) is not None


def store_zone(store: Store) -> ZoneInfo:
    try:
        return ZoneInfo(store.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


_TIMEZONE = select(Store.timezone).where(Store.id == STORE_ID)


def store_now(session: Session) -> datetime:
    """The store's local wall-clock time, to the second, as history records it."""
    # Only the zone is read, straight from the table: every write asks, and the whole
    # store's row (its logo, its wording) is not needed for the time.
    return wall_clock(session.connection().execute(_TIMEZONE).scalar())


def calendar(session: Session) -> StoreCalendar:
    """The store's open days and closed dates, in its time zone: the one way to build it."""
    store = get_store(session)
    closed = session.scalars(select(ClosedDate.day)).all()
    return StoreCalendar.of(store.weekdays, closed, store.timezone)


def staff_by_code(session: Session, code: str) -> Staff:
    staff = session.scalar(select(Staff).where(Staff.code == code))
    if staff is None:
        raise NotFound(f"no staff member with code {code!r}")
    return staff


def vendor_by_code(session: Session, code: str) -> Vendor:
    vendor = session.scalar(select(Vendor).where(Vendor.code == code))
    if vendor is None:
        raise NotFound(f"no vendor with code {code!r}")
    return vendor


def ticket_by_number(session: Session, number: str, lock: bool = False) -> Ticket:
    """A ticket by its number as printed; a scanner or a hurried hand may change the case."""
    wanted = number.strip()
    ticket = None
    for candidate in dict.fromkeys((wanted, wanted.upper())):
        query = select(Ticket).where(Ticket.number == candidate)
        if lock:
            query = query.with_for_update()
        ticket = session.scalar(query)
        if ticket is not None:
            break
    if ticket is None:
        raise NotFound(f"no ticket {number.strip()!r}")
    return ticket


def customer_by_id(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(f"no customer #{customer_id}")
    return customer


def next_ticket_number(session: Session) -> str:
    """The store's own sequence: numbers are never reused, even for cancelled tickets."""
    store = session.scalar(select(Store).where(Store.id == STORE_ID).with_for_update())
    if store is None:
        raise NotFound("this database has no store yet; set the store up first")
    number = store.next_ticket_number
    store.next_ticket_number = number + 1
    return f"{store.ticket_prefix}{number}"


def next_parcel_ref(session: Session) -> str:
    store = session.scalar(select(Store).where(Store.id == STORE_ID).with_for_update())
    if store is None:
        raise NotFound("this database has no store yet; set the store up first")
    number = store.next_parcel_number
    store.next_parcel_number = number + 1
    return f"{store.parcel_prefix}{number}"
