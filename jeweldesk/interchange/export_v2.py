"""The whole store as a version 2 document, written record by record as it is read.

Which columns go where is carried.py's; this module only reads them in a stable order
(tickets by intake, every list inside a record oldest first) and writes each record on
a line of its own, so exporting the same store twice gives the same bytes.
"""

from __future__ import annotations

import base64
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jeweldesk.domain.money import money_text
from jeweldesk.interchange import carried
from jeweldesk.interchange.carried import Kind, Part
from jeweldesk.interchange.common import FORMAT_NAME, Progress, Steps, timestamp_text
from jeweldesk.interchange.writer import JsonWriter
from jeweldesk.storage.lookups import get_store
from jeweldesk.storage.tables import Customer, Payment, Photo, Ticket

CHUNK = 2000


@dataclass(frozen=True)
class Exported:
    customers: int
    tickets: int
    payments: int
    photos: int
    parcels: int


def customer_refs(ids: list[int]) -> dict[int, str]:
    """A customer's ref is its place in the file: the same store always writes the same refs."""
    return {customer_id: f"C-{n}" for n, customer_id in enumerate(ids, 1)}


def _id_to(refs: dict[int, str]) -> Callable[[Any], Any]:
    return refs.__getitem__


def _converter(kind: Kind, refs: dict[Kind, dict[int, str]]) -> Callable[[Any], Any] | None:
    """How a column's value is written; None when it is written as it is."""
    if kind is Kind.MONEY:
        return money_text
    if kind is Kind.PERCENT:
        return lambda p: f"{p:.3f}"
    if kind is Kind.DATE:
        return lambda d: d.isoformat()
    if kind is Kind.TIMESTAMP:
        return timestamp_text
    if kind is Kind.BYTES:
        return lambda b: base64.b64encode(b).decode("ascii")
    if kind is Kind.WORD:
        return lambda e: e.value
    if kind is Kind.FLAG:
        return bool
    if kind is Kind.WEEKDAYS:
        return lambda text: sorted({int(d) for d in text.split(",") if d})
    if kind in (Kind.STAFF, Kind.VENDOR, Kind.CUSTOMER, Kind.TICKET):
        return _id_to(refs[kind])
    return None


Row = Any
Maker = Callable[[Row], dict[str, Any]]


def record_maker(part: Part, backup: bool, refs: dict[Kind, dict[int, str]],
                 offset: int) -> Maker:
    """Turns a row (the part's carried columns from ``offset`` on) into its record."""
    plan = []
    for i, field in enumerate(part.carried(backup), offset):
        top, _, inner = field.key.partition(".")
        plan.append((i, top, inner, _converter(field.kind, refs)))
    flat = all(not inner for _, _, inner, _ in plan)

    if flat:
        def make_flat(row: Row) -> dict[str, Any]:
            record = {}
            for i, key, _, convert in plan:
                value = row[i]
                record[key] = value if value is None or convert is None else convert(value)
            return record
        return make_flat

    def make(row: Row) -> dict[str, Any]:
        record: dict[str, Any] = {}
        for i, key, inner, convert in plan:
            value = row[i]
            if value is not None and convert is not None:
                value = convert(value)
            if inner:
                record.setdefault(key, {})[inner] = value
            else:
                record[key] = value
        for key, value in record.items():
            # an object with nothing in it (a ticket without an occasion) is written null
            if isinstance(value, dict) and all(v is None for v in value.values()):
                record[key] = None
        return record
    return make


def _columns(part: Part, backup: bool) -> list[Any]:
    table = part.model.__table__
    return [table.c[f.column] for f in part.carried(backup)]  # type: ignore[attr-defined]


def _order(part: Part) -> list[Any]:
    table = part.model.__table__
    return [table.c[name] for name in (*part.order, "id") if name in table.c]  # type: ignore[attr-defined]


def _rows(session: Session, part: Part, backup: bool) -> Iterator[Row]:
    table = part.model.__table__
    key = [table.c.id] if "id" in table.c else []  # type: ignore[attr-defined]
    query = select(*key, *_columns(part, backup)).order_by(*_order(part))
    yield from session.execute(query.execution_options(yield_per=CHUNK))


def _children(session: Session, part: Part, backup: bool, refs: dict[Kind, dict[int, str]],
              parent_ids: list[int] | None = None) -> dict[int, list[dict[str, Any]]]:
    """The records of a list inside other records, by the id of the record they sit in."""
    assert part.parent is not None
    table = part.model.__table__
    parent = table.c[part.parent]  # type: ignore[attr-defined]
    query = select(parent, *_columns(part, backup)).order_by(parent, *_order(part))
    if parent_ids is not None:
        query = query.where(parent.in_(parent_ids))
    make = record_maker(part, backup, refs, 1)
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in session.execute(query):
        found[row[0]].append(make(row))
    return found


def export_v2(session: Session, out: TextIO, backup: bool = False) -> Steps[Exported]:
    """Write the store read in ``session`` (one snapshot) to ``out``."""
    total = session.scalar(select(func.count()).select_from(Ticket)) or 0
    yield Progress(0, total, "tickets")
    refs: dict[Kind, dict[int, str]] = {kind: {} for kind in
                                        (Kind.STAFF, Kind.VENDOR, Kind.CUSTOMER, Kind.TICKET)}
    writer = JsonWriter(out)
    writer.value("format", FORMAT_NAME)
    writer.value("version", carried.VERSION)
    writer.value("backup", backup)

    store = get_store(session)
    store_row = session.execute(select(*_columns(carried.STORE, backup))
                                .where(carried.STORE.model.id == store.id)).one()  # type: ignore[attr-defined]
    record = record_maker(carried.STORE, backup, refs, 0)(store_row)
    closed = record_maker(carried.CLOSED_DAYS, backup, refs, 0)
    record["closed_days"] = [closed(row) for row in _rows(session, carried.CLOSED_DAYS, backup)]
    rates = record_maker(carried.TAX_RATES, backup, refs, 0)
    record["tax_rates"] = [rates(row) for row in _rows(session, carried.TAX_RATES, backup)]
    wording = record_maker(carried.NOTICE_WORDING, backup, refs, 0)
    record["notice_wording"] = [wording(row) for row in
                                _rows(session, carried.NOTICE_WORDING, backup)]
    writer.value("store", record)

    for kind, part in ((Kind.STAFF, carried.STAFF), (Kind.VENDOR, carried.VENDORS)):
        refs[kind].update(
            (i, code) for i, code in session.execute(select(part.model.id, part.model.code)))  # type: ignore[attr-defined]
    days_off = _children(session, carried.DAYS_OFF, backup, refs)
    make_staff = record_maker(carried.STAFF, backup, refs, 1)
    writer.records("staff", (
        make_staff(row) | {"days_off": days_off.get(row[0], [])}
        for row in _rows(session, carried.STAFF, backup)))
    make_service = record_maker(carried.CATALOG, backup, refs, 0)
    writer.records("catalog", (make_service(row) for row in _rows(session, carried.CATALOG,
                                                                    backup)))
    make_vendor = record_maker(carried.VENDORS, backup, refs, 1)
    writer.records("vendors", (make_vendor(row) for row in _rows(session, carried.VENDORS,
                                                                   backup)))

    customer_ids = list(session.scalars(select(Customer.id).order_by(Customer.id)))
    refs[Kind.CUSTOMER] = customer_refs(customer_ids)
    del customer_ids
    make_customer = record_maker(carried.CUSTOMERS, backup, refs, 1)
    writer.records("customers", (
        {"ref": refs[Kind.CUSTOMER][row[0]]} | make_customer(row)
        for row in _rows(session, carried.CUSTOMERS, backup)))

    done = 0
    writer.open_list("tickets")
    make_ticket = record_maker(carried.TICKETS, backup, refs, 1)
    numbers = refs[Kind.TICKET]
    chunk: list[Row] = []
    for row in _rows(session, carried.TICKETS, backup):
        chunk.append(row)
        if len(chunk) == CHUNK:
            _write_tickets(session, writer, chunk, make_ticket, backup, refs)
            done += len(chunk)
            numbers.update((r[0], r[1]) for r in chunk)
            chunk = []
            yield Progress(done, total, "tickets")
    if chunk:
        _write_tickets(session, writer, chunk, make_ticket, backup, refs)
        numbers.update((r[0], r[1]) for r in chunk)
        done += len(chunk)
    writer.close_list()

    items = _children(session, carried.PARCEL_ITEMS, backup, refs)
    make_parcel = record_maker(carried.PARCELS, backup, refs, 1)
    parcels = 0
    writer.open_list("parcels")
    for row in _rows(session, carried.PARCELS, backup):
        writer.item(make_parcel(row) | {"items": items.get(row[0], [])})
        parcels += 1
    writer.close_list()
    writer.finish()
    yield Progress(total, total, "done")
    return Exported(customers=len(refs[Kind.CUSTOMER]), tickets=total,
                    payments=session.scalar(select(func.count()).select_from(Payment)) or 0,
                    photos=session.scalar(select(func.count()).select_from(Photo)) or 0,
                    parcels=parcels)


def _write_tickets(session: Session, writer: JsonWriter, chunk: list[Row], make: Maker,
                   backup: bool, refs: dict[Kind, dict[int, str]]) -> None:
    ids = [row[0] for row in chunk]
    lists = [(part.key, _children(session, part, backup, refs, ids))
             for part in carried.TICKET_LISTS]
    for row in chunk:
        record = make(row)
        for key, found in lists:
            record[key] = found.get(row[0], [])
        writer.item(record)
