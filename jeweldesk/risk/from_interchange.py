"""Build a risk history from a parsed interchange document (FORMAT.md, version 1)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from jeweldesk.domain.calendar import StoreCalendar
from jeweldesk.risk.history import (
    Contact,
    Event,
    History,
    Jeweler,
    Occasion,
    Parcel,
    Service,
    Ticket,
    Vendor,
)

Document = Mapping[str, Any]


def history_from_interchange(document: Document) -> History:
    """The store's history as the risk engine reads it. The document is assumed valid."""
    store = document["store"]
    customers = {c["ref"]: c["name"] for c in document.get("customers", [])}
    tickets = tuple(_ticket(t, customers) for t in document.get("tickets", []))
    return History(
        calendar=StoreCalendar.of(
            store.get("open_weekdays", []),
            (date.fromisoformat(d) for d in store.get("closed_dates", [])),
            store.get("timezone", "UTC"),
        ),
        vendors=tuple(
            Vendor(v["code"], v["name"], int(v["quoted_turnaround_days"]))
            for v in document.get("vendors", [])
        ),
        staff=tuple(
            Jeweler(s["code"], s["name"], s.get("role", "bench")) for s in document.get("staff", [])
        ),
        tickets=tickets,
        parcels=tuple(_parcel(p) for p in document.get("shipments", [])),
        contacts=tuple(
            Contact(c["ticket"], _at(c["at"]), c["channel"], c.get("note"))
            for c in document.get("contacts", [])
        ),
        store_name=store.get("name", ""),
    )


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _ticket(record: Document, customers: Mapping[str, str]) -> Ticket:
    occasion = record.get("occasion")
    return Ticket(
        number=record["number"],
        customer=customers.get(record["customer"], record["customer"]),
        received_at=_at(record["received_at"]),
        promised_for=date.fromisoformat(record["promised_for"]),
        services=tuple(Service(s["code"], s.get("vendor")) for s in record["services"]),
        events=tuple(
            Event(_at(e["at"]), e["status"], e.get("by", ""), e.get("note"))
            for e in sorted(record["events"], key=lambda e: e["at"])
        ),
        occasion=(
            Occasion(occasion["what"], date.fromisoformat(occasion["date"])) if occasion else None
        ),
        assigned_to=record.get("assigned_to"),
    )


def _parcel(record: Document) -> Parcel:
    received = record.get("received_at")
    return Parcel(
        ref=record["ref"],
        vendor=record["vendor"],
        tickets=tuple(record["tickets"]),
        sent_at=_at(record["sent_at"]),
        expected_back=date.fromisoformat(record["expected_back"]),
        received_at=_at(received) if received else None,
    )
