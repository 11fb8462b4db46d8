"""The whole store as one interchange document, written record by record.

Version 2 (export_v2.py) carries everything the database holds and is what an export
writes; version 1 is still written when asked, for tools that read only that.

Records come out in a stable order (tickets by intake, history oldest first), one
record a line, so two exports of the same store are the same bytes and a diff of
two exports reads like a list of what changed.
"""

from __future__ import annotations

import io
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any, TextIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jeweldesk.domain.money import money_text
from jeweldesk.interchange import carried
from jeweldesk.interchange.common import (
    FORMAT_NAME,
    FORMAT_VERSION,
    Document,
    Progress,
    Steps,
    timestamp_text,
)
from jeweldesk.interchange.export_v2 import Exported, export_v2
from jeweldesk.interchange.writer import JsonWriter
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import get_store
from jeweldesk.storage.tables import (
    ClosedDate,
    Contact,
    Customer,
    Parcel,
    ParcelItem,
    Staff,
    Ticket,
    TicketEvent,
    TicketService,
    Vendor,
)

CHUNK = 2000


def customer_ref(customer_id: int) -> str:
    return f"C-{customer_id}"


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else money_text(amount)


def export_store(db: Database, out: TextIO, version: int = carried.VERSION,
                 backup: bool = False) -> Steps[Exported]:
    """Write the store to ``out`` (version 2 unless asked for 1); yields progress by tickets.

    ``backup`` also writes what only a full backup carries (the PINs' hashes)."""
    if version not in (1, carried.VERSION):
        raise ValueError(f"there is no interchange version {version}")
    if backup and version == 1:
        raise ValueError("version 1 has no full backup; write version 2")
    with db.session(write=False) as session:
        if not db.is_sqlite:
            # One snapshot for every query, as SQLite's read transaction already is.
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        if version == 1:
            return (yield from _export_v1(session, out))
        return (yield from export_v2(session, out, backup))


def _export_v1(session: Session, out: TextIO) -> Steps[Exported]:
    total = session.scalar(select(func.count()).select_from(Ticket)) or 0
    yield Progress(0, total, "tickets")
    writer = JsonWriter(out)
    writer.value("format", FORMAT_NAME)
    writer.value("version", FORMAT_VERSION)
    writer.value("store", _store(session))
    staff = {id_: code for id_, code in session.execute(select(Staff.id, Staff.code))}
    vendors = {id_: code for id_, code in session.execute(select(Vendor.id, Vendor.code))}
    writer.records("staff", (
        {"code": s.code, "name": s.name, "role": s.role.value}
        for s in session.scalars(select(Staff).order_by(Staff.id))))
    writer.records("vendors", (
        {"code": v.code, "name": v.name, "phone": v.phone, "email": v.email,
         "quoted_turnaround_days": v.quoted_turnaround_days}
        for v in session.scalars(select(Vendor).order_by(Vendor.id))))
    writer.records("customers", (
        {"ref": customer_ref(c.id), "name": c.name, "phone": c.phone, "email": c.email,
         "notes": c.notes}
        for c in session.execute(select(Customer.id, Customer.name, Customer.phone,
                                        Customer.email, Customer.notes)
                                 .order_by(Customer.id))))
    done = 0
    writer.open_list("tickets")
    for chunk in _ticket_chunks(session):
        for record in _tickets(session, chunk, staff, vendors):
            writer.item(record)
        done += len(chunk)
        yield Progress(done, total, "tickets")
    writer.close_list()
    writer.records("shipments", _shipments(session, vendors))
    writer.records("contacts", (
        {"ticket": number, "at": timestamp_text(at), "by": staff[by_id],
         "channel": channel.value, "note": note}
        for number, at, by_id, channel, note in session.execute(
            select(Ticket.number, Contact.at, Contact.by_id, Contact.channel, Contact.note)
            .join(Ticket, Ticket.id == Contact.ticket_id)
            .order_by(Contact.at, Contact.id))))
    writer.finish()
    yield Progress(total, total, "done")
    return Exported(customers=session.scalar(select(func.count()).select_from(Customer)) or 0,
                    tickets=total, payments=0, photos=0,
                    parcels=session.scalar(select(func.count()).select_from(Parcel)) or 0)


def export_document(db: Database, version: int = carried.VERSION, backup: bool = False
                    ) -> Document:
    """The store as a parsed document, for tests and for reading a store in code."""
    buffer = io.StringIO()
    for _ in export_store(db, buffer, version, backup):
        pass
    loaded: Document = json.loads(buffer.getvalue())
    return loaded


def _store(session: Session) -> dict[str, Any]:
    store = get_store(session)
    closed = session.scalars(select(ClosedDate.day).order_by(ClosedDate.day))
    return {"name": store.name, "phone": store.phone, "address": store.address,
            "timezone": store.timezone, "open_weekdays": sorted(store.weekdays),
            "closed_dates": [day.isoformat() for day in closed]}


def _ticket_chunks(session: Session) -> Iterator[list[Any]]:
    query = select(Ticket.__table__).order_by(Ticket.received_at, Ticket.id)
    result = session.execute(query.execution_options(yield_per=CHUNK))
    for partition in result.partitions():
        yield list(partition)


def _grouped(session: Session, query: Any) -> dict[int, list[Any]]:
    groups: dict[int, list[Any]] = defaultdict(list)
    for row in session.execute(query):
        groups[row[0]].append(row)
    return groups


def _tickets(session: Session, chunk: list[Any], staff: dict[int, str],
             vendors: dict[int, str]) -> Iterable[dict[str, Any]]:
    ids = [row.id for row in chunk]
    services = _grouped(session, select(
        TicketService.ticket_id, TicketService.code, TicketService.description,
        TicketService.price, TicketService.vendor_id,
    ).where(TicketService.ticket_id.in_(ids)).order_by(TicketService.position, TicketService.id))
    events = _grouped(session, select(
        TicketEvent.ticket_id, TicketEvent.at, TicketEvent.status, TicketEvent.by_id,
        TicketEvent.note,
    ).where(TicketEvent.ticket_id.in_(ids)).order_by(TicketEvent.at, TicketEvent.id))
    for t in chunk:
        yield {
            "number": t.number,
            "customer": customer_ref(t.customer_id),
            "received_at": timestamp_text(t.received_at),
            "taken_in_by": staff[t.taken_in_by_id],
            "item": {"kind": t.item_kind.value, "description": t.item_description,
                     "metal": t.item_metal, "stones": t.item_stones,
                     "condition": t.item_condition, "declared_value": _money(t.declared_value)},
            "services": [
                {"code": code, "description": description, "price": money_text(price),
                 "vendor": vendors[vendor_id] if vendor_id is not None else None}
                for _, code, description, price, vendor_id in services[t.id]],
            "deposit": money_text(t.deposit),
            "promised_for": t.promised_for.isoformat(),
            "occasion": (None if t.occasion_date is None else
                         {"what": t.occasion_what or "", "date": t.occasion_date.isoformat()}),
            "assigned_to": staff[t.assigned_to_id] if t.assigned_to_id is not None else None,
            "events": [_event(at, status, staff[by_id], note)
                       for _, at, status, by_id, note in events[t.id]],
        }


def _event(at: Any, status: Any, by: str, note: str | None) -> dict[str, Any]:
    event = {"at": timestamp_text(at), "status": status.value, "by": by}
    if note is not None:
        event["note"] = note
    return event


def _shipments(session: Session, vendors: dict[int, str]) -> Iterator[dict[str, Any]]:
    numbers = _grouped(session, select(ParcelItem.parcel_id, Ticket.number)
                       .join(Ticket, Ticket.id == ParcelItem.ticket_id)
                       .order_by(ParcelItem.id))
    for p in session.scalars(select(Parcel).order_by(Parcel.sent_at, Parcel.id)):
        yield {"ref": p.ref, "vendor": vendors[p.vendor_id],
               "tickets": [number for _, number in numbers[p.id]],
               "sent_at": timestamp_text(p.sent_at), "carrier": p.carrier,
               "tracking": p.tracking, "expected_back": p.expected_back.isoformat(),
               "received_at": timestamp_text(p.received_at) if p.received_at else None}
