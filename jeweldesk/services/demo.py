"""A realistic demo store: staff, vendors, customers and tickets living through their days.

The store is made by the one store maker (store_maker.py) as an interchange
document and written by the importer, so it obeys the status path and FORMAT.md's
rules by construction, and its export re-imports. Dates are relative to now, so the
demo is always "live"; the same seed gives the same store on the same day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select

from jeweldesk.domain.calendar import StoreCalendar
from jeweldesk.domain.errors import Invalid, ServiceError
from jeweldesk.domain.permissions import Act
from jeweldesk.interchange.against_db import database_problems
from jeweldesk.interchange.common import Progress, Steps
from jeweldesk.interchange.importer import table_of, write_document
from jeweldesk.interchange.semantic import semantic_problems
from jeweldesk.services.demo_defaults import DEFAULT_SEED, DEFAULT_TICKETS, DEMO_PIN
from jeweldesk.services.demo_words import STAFF, STORE
from jeweldesk.services.pins import hash_pin
from jeweldesk.services.store_maker import StoreMaker, intake_days
from jeweldesk.storage.door import THE_STORE, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import STORE_ID, store_now
from jeweldesk.storage.lookups import calendar as store_calendar
from jeweldesk.storage.search_index import made_once_after
from jeweldesk.storage.tables import Payment, PromiseChange, Staff, Store, Ticket

# Everyone at the demo store signs in with it, and its sign-in says so.


@dataclass(frozen=True)
class DemoFilled:
    tickets: int
    customers: int
    parcels: int


def _holidays(first: int, last: int) -> list[date]:
    days: list[date] = []
    for year in range(first, last + 1):
        november = date(year, 11, 1)
        thanksgiving = november + timedelta(days=(3 - november.weekday()) % 7 + 21)
        days += [date(year, 1, 1), date(year, 7, 4), thanksgiving, date(year, 12, 25)]
    return days


def fill_demo_store(db: Database, tickets: int = DEFAULT_TICKETS, seed: int = DEFAULT_SEED,
                    now: datetime | None = None) -> Steps[DemoFilled]:
    """Fill a database that has no tickets yet; sets the store up too when it has none."""
    yield Progress(0, tickets, "making up the demo store")
    with write(db, THE_STORE, Act.IMPORT, "the demo store") as w:
        session = w.session
        if session.scalar(select(func.count()).select_from(Ticket)):
            raise ServiceError("this database already has tickets; a demo store needs an empty "
                               "one (use --db with a new file)")
        store = session.get(Store, STORE_ID)
        now = now or store_now(session)
        span_years = intake_days(tickets) // 365 + 1
        if store is None:
            calendar = StoreCalendar.of(STORE["open_weekdays"],  # type: ignore[arg-type]
                                        _holidays(now.year - span_years, now.year + 4))
            first_number, prefix, parcel_prefix, first_parcel = 10001, "R-", "S-", 1
        else:
            calendar = store_calendar(session)
            first_number, prefix = store.next_ticket_number, store.ticket_prefix
            parcel_prefix, first_parcel = store.parcel_prefix, store.next_parcel_number
        maker = StoreMaker(seed, tickets, now, calendar, first_number, prefix)
        made = list(maker.tickets())
        document = maker.document(made, parcel_prefix, first_parcel)
        problems = semantic_problems(document) + database_problems(document, session)
        if problems:
            raise Invalid({p.path: p.message for p in problems[:20]})
        with made_once_after(session.connection()):
            yield from write_document(session, document)
            _extras(session, maker)
        _pins(session, made_store=store is None)
    return DemoFilled(len(made), len(maker.customers), len(document["shipments"]))


def _pins(session: Any, made_store: bool) -> None:
    """The interchange format carries no PIN hashes, so the demo's people get theirs here;
    a person the store already had keeps their own."""
    codes = [code for code, _name, _role in STAFF]
    for staff in session.scalars(select(Staff).where(Staff.code.in_(codes),
                                                     Staff.pin_hash.is_(None))):
        staff.pin_hash = hash_pin(DEMO_PIN)
    if made_store:
        session.get(Store, STORE_ID).is_demo = True


def _extras(session: Any, maker: StoreMaker) -> None:
    """What the interchange format does not carry: payments and earlier promises."""
    tickets = {n: id_ for n, id_ in session.execute(select(Ticket.number, Ticket.id))}
    staff = {code: id_ for code, id_ in session.execute(select(Staff.code, Staff.id))}
    payments = [{"ticket_id": tickets[n], "at": at, "by_id": staff[by], "method": method,
                 "amount": amount} for n, at, by, method, amount in maker.payments
                if at <= maker.now]
    changes = [{"ticket_id": tickets[n], "at": at, "by_id": staff[by], "old_date": old,
                "new_date": new, "reason": "Took longer at the bench than planned"}
               for n, at, by, old, new in maker.promise_changes]
    for model, rows in ((Payment, payments), (PromiseChange, changes)):
        for start in range(0, len(rows), 5000):
            session.execute(insert(table_of(model)), rows[start:start + 5000])
