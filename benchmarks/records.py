"""A simulated piece's record, and the interchange document a simulated store writes: in the
shape the one store maker (jeweldesk/services/store_maker.py) gives every made-up store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from benchmarks.stores import SERVICES, StoreSpec
from jeweldesk.services.store_maker import interchange_document

COUNTER = "CT"


@dataclass
class Piece:
    number: str
    customer: str
    received_at: datetime
    promised_for: date
    services: list[tuple[str, str | None]]
    jeweler: str
    bench_hours: float
    parts_days: int | None
    occasion: tuple[str, date] | None
    events: list[dict[str, Any]] = field(default_factory=list)
    left_hours: float = 0.0
    stage: str = "queue"  # queue, parts, to_ship, out, finish, done
    vendor: str | None = None
    due: date | None = None
    parts_quote: date | None = None  # the supplier's date, where the store notes one
    sent: bool = False  # has been out to its vendor

    def move(self, at: datetime, status: str, by: str, note: str | None = None) -> None:
        last = self.events[-1]["at"] if self.events else at
        at = max(at, last + timedelta(minutes=1)) if self.events else at
        event: dict[str, Any] = {"at": at, "status": status, "by": by}
        if note:
            event["note"] = note
        self.events.append(event)

    @property
    def status(self) -> str:
        return self.events[-1]["status"]

    @property
    def last_at(self) -> datetime:
        return self.events[-1]["at"]


def store_document(
    spec: StoreSpec, customers: list[dict[str, Any]], pieces: list[Piece],
    parcels: list[dict[str, Any]],
) -> dict[str, Any]:
    """The whole simulated history, as ``jeweldesk import`` reads any store's."""
    return interchange_document(
        store={
            "name": spec.name, "phone": None, "address": None, "timezone": "America/Chicago",
            "open_weekdays": sorted(spec.open_weekdays),
            "closed_dates": sorted(d.isoformat() for d in spec.closed_dates),
        },
        staff=[{"code": COUNTER, "name": "Counter", "role": "counter"}]
        + [{"code": j.code, "name": j.name, "role": "bench"} for j in spec.jewelers],
        vendors=[
            {"code": v.code, "name": v.name, "phone": None, "email": None,
             "quoted_turnaround_days": v.quote}
            for v in spec.vendors
        ],
        customers=customers,
        tickets=[_ticket(p) for p in pieces],
        shipments=[
            {k: _text(v) for k, v in p.items() if not k.startswith("_")} for p in parcels
        ],
        contacts=[],
    )


def _text(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _ticket(piece: Piece) -> dict[str, Any]:
    return {
        "number": piece.number,
        "customer": piece.customer,
        "received_at": _text(piece.received_at),
        "taken_in_by": COUNTER,
        "item": {"kind": "ring", "description": "Customer's piece", "metal": None, "stones": None,
                 "condition": None, "declared_value": None},
        "services": [
            {"code": code, "description": SERVICES[code].label, "price": SERVICES[code].price,
             "vendor": vendor}
            for code, vendor in piece.services
        ],
        "deposit": "0.00",
        "promised_for": piece.promised_for.isoformat(),
        "occasion": (
            {"what": piece.occasion[0], "date": piece.occasion[1].isoformat()}
            if piece.occasion else None
        ),
        "assigned_to": piece.jeweler,
        "events": [{k: _text(v) for k, v in e.items()} for e in piece.events],
    }
