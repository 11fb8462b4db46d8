"""Taking a whole interchange document into the store, in one transaction: all of it or none.

Rows go in with bulk inserts, a few thousand at a time: 100,000 tickets through
one ORM object each would spend minutes on bookkeeping the import does not need.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, insert, select, text
from sqlalchemy.orm import Session

from jeweldesk.domain.contact_details import phone_digits
from jeweldesk.domain.kinds import ItemKind, Role
from jeweldesk.domain.permissions import Act
from jeweldesk.domain.status import Status
from jeweldesk.interchange import carried
from jeweldesk.interchange.against_db import database_problems
from jeweldesk.interchange.checked_beside import Beside, worth_it
from jeweldesk.interchange.common import Document, InvalidDocument, Problem, Progress, Steps
from jeweldesk.interchange.import_v2 import document_pairs, import_v2
from jeweldesk.interchange.reader import StreamReader, first_pairs
from jeweldesk.interchange.validate import read_document, validate
from jeweldesk.storage.door import THE_STORE, Actor, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import STORE_ID
from jeweldesk.storage.tables import (
    Base,
    ClosedDate,
    Contact,
    Customer,
    Parcel,
    ParcelItem,
    Staff,
    Store,
    Ticket,
    TicketEvent,
    TicketService,
    Vendor,
)

CHUNK = 2000
_LARGEST_SEQUENCE = 2**31 - 2  # the sequence columns are 32-bit integers


@dataclass(frozen=True)
class Imported:
    staff: int
    vendors: int
    customers: int
    matched_customers: int
    tickets: int
    parcels: int
    contacts: int
    store_created: bool


    payments: int = 0
    photos: int = 0


def _imported(counts: dict[str, Any]) -> Imported:
    return Imported(staff=counts["staff"], vendors=counts["vendors"],
                    customers=counts["customers"], matched_customers=counts["matched"],
                    tickets=counts["tickets"], parcels=counts["parcels"],
                    contacts=counts["contacts"], store_created=counts["store_created"],
                    payments=counts["payments"], photos=counts["photos"])


def import_file(db: Database, path: Path, by: Actor = THE_STORE,
                beside: bool | None = None) -> Steps[Imported]:
    """Import the document in a file. A version 2 file is read a record at a time; any
    other (version 1, or one whose version is not among its first keys) is read whole.
    ``beside``: check a version 2 file in a second process while this one writes (by
    default when the file is big and the machine has the cores)."""
    first = first_pairs(path, carried.LISTS)
    if first.get("version") != carried.VERSION:
        return (yield from import_document(db, read_document(path), by))
    size = max(path.stat().st_size, 1)
    checker = Beside(path) if (worth_it(path) if beside is None else beside) else None
    try:
        with path.open(encoding="utf-8-sig") as handle:
            reader = StreamReader(handle, carried.LISTS, checked_elsewhere=checker is not None)
            counts = yield from import_v2(
                db, reader.pairs(), lambda: (min(reader.consumed * 1000 // size, 1000), 1000),
                by, lambda: reader.escaped, checker)
    except OSError as exc:
        raise InvalidDocument([Problem("$", f"cannot read {path}: {exc.strerror}")]) from None
    finally:
        if checker is not None:
            checker.close()
    return _imported(counts)


def import_document(db: Database, document: Any, by: Actor = THE_STORE) -> Steps[Imported]:
    """Check the document, then write it whole. Raises InvalidDocument, writing nothing."""
    if isinstance(document, dict) and document.get("version") == carried.VERSION:
        tickets = document.get("tickets")
        count = len(tickets) if isinstance(tickets, list) else 0
        done = [0]

        def pairs() -> Iterator[tuple[str, Any]]:
            for key, value in document_pairs(document):
                if key == "tickets" and isinstance(value, Iterator):
                    value = _counted(value, done)
                yield key, value

        counts = yield from import_v2(db, pairs(), lambda: (done[0], count), by)
        return _imported(counts)
    tickets = document.get("tickets") if isinstance(document, dict) else None
    total = len(tickets) if isinstance(tickets, list) else 0
    yield Progress(0, total, "checking")
    problems = validate(document)
    if problems:
        raise InvalidDocument(problems)
    with write(db, by, Act.IMPORT, "this store") as w:
        session = w.session
        # Numbers and codes are checked again inside the writing transaction, so a
        # workstation taking in a ticket meanwhile cannot slip a duplicate past us.
        problems = database_problems(document, session)
        if problems:
            raise InvalidDocument(problems)
        return (yield from write_document(session, document))


def _counted(records: Iterator[Any], done: list[int]) -> Iterator[Any]:
    for record in records:
        done[0] += 1
        yield record


def _chunks(rows: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start:start + CHUNK]


def table_of(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


def _is_postgresql(session: Session) -> bool:
    return session.connection().dialect.name == "postgresql"


def _insert_returning_ids(session: Session, model: type[Base], rows: list[dict[str, Any]]
                          ) -> list[int]:
    """New ids in the order of ``rows``.

    On PostgreSQL the ids come from the table's own sequence first, then the rows go in
    by COPY. Elsewhere Core inserts on the model's table (the ORM's bulk path with
    RETURNING splices results together quadratically). SQLite cannot batch an *ordered*
    RETURNING for these tables, so each row is its own statement there: fine for
    customers, too slow for tickets (see _insert_keyed).
    """
    table = table_of(model)
    if _is_postgresql(session):
        ids = _reserve_ids(session, table, len(rows))
        _copy(session.connection(), table, [dict(r, id=i) for r, i in zip(rows, ids, strict=True)])
        return ids
    ids = []
    for chunk in _chunks(rows):
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        ids.extend(session.scalars(statement, chunk))
    return ids


def _reserve_ids(session: Session, table: Table, count: int) -> list[int]:
    """Ids taken from the table's sequence: no other workstation will ever be given them."""
    if not count:
        return []
    sequence = session.scalar(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name})
    return sorted(session.scalars(text("SELECT nextval(:s) FROM generate_series(1, :n)"),
                                  {"s": sequence, "n": count}))


def _insert_keyed(session: Session, model: type[Base], rows: list[dict[str, Any]], key: str
                  ) -> dict[str, int]:
    """New ids by a unique key of the rows, in batched multi-row inserts."""
    if _is_postgresql(session):
        ids = _insert_returning_ids(session, model, rows)
        return {row[key]: i for row, i in zip(rows, ids, strict=True)}
    table = table_of(model)
    found: dict[str, int] = {}
    for chunk in _chunks(rows):
        statement = insert(table).returning(table.c[key], table.c.id)
        found.update((key_, id_) for key_, id_ in session.execute(statement, chunk))
    return found


def _insert(session: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """Rows no one needs the ids of: COPY on PostgreSQL, executemany elsewhere."""
    if not rows:
        return
    if _is_postgresql(session):
        _copy(session.connection(), table_of(model), rows)
        return
    for chunk in _chunks(rows):
        session.execute(insert(table_of(model)), chunk)


def _copy(connection: Any, table: Table, rows: list[dict[str, Any]]) -> None:
    # psycopg re-parses every big multi-row INSERT that SQLAlchemy batches for it (a
    # minute over 100,000 tickets); COPY streams the same rows in a few seconds. Values
    # are already what the columns hold: enum values as text, Decimal, datetime.
    if not rows:
        return
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = connection.connection.driver_connection.cursor()
    with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _money(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def write_document(session: Session, document: Document) -> Steps[Imported]:
    """Write an already checked document inside the caller's transaction."""
    tickets = document["tickets"]
    store_created = _store(session, document["store"])
    staff = _matched_by_code(session, Staff, document["staff"],
                             lambda r: {"code": r["code"], "name": r["name"],
                                        "role": Role(r["role"]), "active": True})
    vendors = _matched_by_code(session, Vendor, document["vendors"], _vendor_row)
    customers, matched = _customers(session, document["customers"])
    ticket_ids: dict[str, int] = {}
    sent_by: dict[tuple[str, datetime], int] = {}
    for done, chunk in enumerate(_chunks(tickets)):
        rows = [_ticket_row(t, customers, staff) for t in chunk]
        ids = _insert_keyed(session, Ticket, rows, "number")
        ticket_ids.update(ids)
        services, events = [], []
        for ticket in chunk:
            ticket_id = ids[ticket["number"]]
            for position, line in enumerate(ticket["services"]):
                services.append({
                    "ticket_id": ticket_id, "position": position, "code": line["code"],
                    "description": line["description"], "price": Decimal(line["price"]),
                    "vendor_id": vendors[line["vendor"]] if line["vendor"] else None})
            for event in ticket["events"]:
                at = _at(event["at"])
                events.append({"ticket_id": ticket_id, "at": at, "status": event["status"],
                               "by_id": staff[event["by"]], "note": event.get("note")})
                if event["status"] == Status.AT_VENDOR:
                    sent_by[(ticket["number"], at)] = staff[event["by"]]
        _insert(session, TicketService, services)
        _insert(session, TicketEvent, events)
        yield Progress(min((done + 1) * CHUNK, len(tickets)), len(tickets), "tickets")
    parcels = _parcels(session, document["shipments"], vendors, ticket_ids, sent_by)
    _insert(session, Contact, [
        {"ticket_id": ticket_ids[c["ticket"]], "at": _at(c["at"]), "by_id": staff[c["by"]],
         "channel": c["channel"], "note": c.get("note")}
        for c in document["contacts"]])
    _keep_sequences_ahead(session, [t["number"] for t in tickets],
                          [s["ref"] for s in document["shipments"]])
    yield Progress(len(tickets), len(tickets), "done")
    return Imported(staff=len(document["staff"]), vendors=len(document["vendors"]),
                    customers=len(document["customers"]), matched_customers=matched,
                    tickets=len(tickets), parcels=parcels, contacts=len(document["contacts"]),
                    store_created=store_created)


def _store(session: Session, record: dict[str, Any]) -> bool:
    """The file's store settings, only when the database has no store of its own yet."""
    if session.get(Store, STORE_ID) is not None:
        return False
    session.add(Store(
        id=STORE_ID, name=record["name"], phone=record.get("phone"),
        address=record.get("address"), timezone=record["timezone"],
        open_weekdays=",".join(str(d) for d in sorted({int(d) for d in record["open_weekdays"]})),
        change_count=0))
    for day in sorted(set(record["closed_dates"])):
        session.add(ClosedDate(day=date.fromisoformat(day)))
    session.flush()
    return True


def _vendor_row(record: dict[str, Any]) -> dict[str, Any]:
    return {"code": record["code"], "name": record["name"], "phone": record.get("phone"),
            "email": record.get("email"), "active": True,
            "quoted_turnaround_days": int(record["quoted_turnaround_days"])}


def _matched_by_code(session: Session, model: type[Staff] | type[Vendor],
                     records: list[dict[str, Any]], row: Any) -> dict[str, int]:
    """Codes already in the store keep their row (their details were checked to agree)."""
    ids: dict[str, int] = {code: id_ for code, id_ in session.execute(select(model.code, model.id))}
    new = [row(r) for r in records if r["code"] not in ids]
    ids.update(_insert_keyed(session, model, new, "code"))
    return ids


def _customer_key(name: str, phone: str | None) -> tuple[str, str] | None:
    digits = phone_digits(phone)
    return (name.strip().casefold(), digits) if digits else None


def _customers(session: Session, records: list[dict[str, Any]]) -> tuple[dict[str, int], int]:
    """A customer already here is the same person only with the same name and phone."""
    existing: dict[tuple[str, str], int] = {}
    for customer_id, name, phone in session.execute(
            select(Customer.id, Customer.name, Customer.phone).order_by(Customer.id)):
        key = _customer_key(name, phone)
        if key is not None:
            existing.setdefault(key, customer_id)
    ids: dict[str, int] = {}
    new = []
    for record in records:
        key = _customer_key(record["name"], record.get("phone"))
        if key is not None and key in existing:
            ids[record["ref"]] = existing[key]
        else:
            new.append(record)
    rows = [{"name": r["name"], "phone": r.get("phone"), "email": r.get("email"),
             "notes": r.get("notes"), "phone_digits": phone_digits(r.get("phone"))} for r in new]
    ids.update(zip([r["ref"] for r in new], _insert_returning_ids(session, Customer, rows),
                   strict=True))
    return ids, len(records) - len(new)


def _ticket_row(t: dict[str, Any], customers: dict[str, int], staff: dict[str, int]
                ) -> dict[str, Any]:
    item = t["item"]
    occasion = t["occasion"]
    last = t["events"][-1]
    return {
        "number": t["number"], "customer_id": customers[t["customer"]],
        "received_at": _at(t["received_at"]), "taken_in_by_id": staff[t["taken_in_by"]],
        "item_kind": ItemKind(item["kind"]), "item_description": item["description"],
        "item_metal": item.get("metal"), "item_stones": item.get("stones"),
        "item_condition": item.get("condition"),
        "declared_value": _money(item.get("declared_value")),
        "deposit": Decimal(t["deposit"]), "promised_for": date.fromisoformat(t["promised_for"]),
        "occasion_what": occasion["what"] if occasion else None,
        "occasion_date": date.fromisoformat(occasion["date"]) if occasion else None,
        "assigned_to_id": staff[t["assigned_to"]] if t["assigned_to"] else None,
        "status": Status(last["status"]), "status_at": _at(last["at"]), "version": 1,
    }


def _parcels(session: Session, shipments: list[dict[str, Any]], vendors: dict[str, int],
             ticket_ids: dict[str, int], sent_by: dict[tuple[str, datetime], int]) -> int:
    rows = []
    for s in shipments:
        sent_at = _at(s["sent_at"])
        rows.append({
            "ref": s["ref"], "vendor_id": vendors[s["vendor"]], "sent_at": sent_at,
            "sent_by_id": sent_by.get((s["tickets"][0], sent_at)),
            "carrier": s.get("carrier"), "tracking": s.get("tracking"),
            "expected_back": date.fromisoformat(s["expected_back"]),
            "received_at": _at(s["received_at"]) if s["received_at"] else None})
    ids = _insert_keyed(session, Parcel, rows, "ref")
    items = []
    for s, row in zip(shipments, rows, strict=True):
        for number in s["tickets"]:
            items.append({"parcel_id": ids[s["ref"]], "ticket_id": ticket_ids[number],
                          "returned_at": row["received_at"]})
    _insert(session, ParcelItem, items)
    return len(rows)


def _highest(values: list[str], prefix: str) -> int | None:
    shape = re.compile(re.escape(prefix) + r"([0-9]{1,12})", re.IGNORECASE)
    found = [int(m.group(1)) for v in values if (m := shape.fullmatch(v))]
    found = [n for n in found if n <= _LARGEST_SEQUENCE]
    return max(found) if found else None


def _keep_sequences_ahead(session: Session, numbers: list[str], refs: list[str]) -> None:
    """The store's own sequences move past what came in, so no number is ever issued twice."""
    store = session.get(Store, STORE_ID)
    assert store is not None
    session.refresh(store, with_for_update=True)
    highest = _highest(numbers, store.ticket_prefix)
    if highest is not None and highest >= store.next_ticket_number:
        store.next_ticket_number = highest + 1
    highest = _highest(refs, store.parcel_prefix)
    if highest is not None and highest >= store.next_parcel_number:
        store.next_parcel_number = highest + 1
    session.flush()
