"""A store's history as plain frozen records: what the risk engine reads.

This is the boundary: the database loader and the interchange reader both build
these, and the engine never sees anything else. Timestamps are store-local
wall-clock times without an offset, as everywhere in JewelDesk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any

from jeweldesk.domain.calendar import StoreCalendar
from jeweldesk.domain.status import WORK_DONE_STATUSES


@dataclass(frozen=True)
class Vendor:
    code: str
    name: str
    quoted_turnaround_days: int


@dataclass(frozen=True)
class Jeweler:
    """Anyone on staff; bench jewelers are the ones tickets are assigned to."""

    code: str
    name: str
    role: str = "bench"


@dataclass(frozen=True)
class Service:
    code: str
    vendor: str | None = None


@dataclass(frozen=True)
class Event:
    at: datetime
    status: str
    by: str = ""
    note: str | None = None


@dataclass(frozen=True)
class Occasion:
    what: str
    date: date


@dataclass(frozen=True)
class Ticket:
    number: str
    customer: str
    received_at: datetime
    promised_for: date
    services: tuple[Service, ...]
    events: tuple[Event, ...]
    occasion: Occasion | None = None
    assigned_to: str | None = None

    @property
    def status(self) -> str:
        return self.events[-1].status if self.events else "received"

    @property
    def status_since(self) -> datetime:
        return self.events[-1].at if self.events else self.received_at

    @property
    def is_open(self) -> bool:
        return self.status not in WORK_DONE_STATUSES

    @property
    def vendor_codes(self) -> tuple[str, ...]:
        """Vendors doing work on this piece, in the order the services list them."""
        codes: list[str] = []
        for service in self.services:
            if service.vendor and service.vendor not in codes:
                codes.append(service.vendor)
        return tuple(codes)

    @property
    def bench_services(self) -> tuple[str, ...]:
        return tuple(s.code for s in self.services if not s.vendor)

    @cached_property
    def ready_at(self) -> datetime | None:
        """When the piece was first ready for the customer, if it has been."""
        return next((e.at for e in self.events if e.status == "ready"), None)


@dataclass(frozen=True)
class Parcel:
    """Envelopes sent to one vendor together; ``returned`` holds per-envelope returns."""

    ref: str
    vendor: str
    tickets: tuple[str, ...]
    sent_at: datetime
    expected_back: date
    received_at: datetime | None = None
    returned: tuple[tuple[str, datetime], ...] = ()

    def returned_at(self, ticket: str) -> datetime | None:
        """When this envelope came back: its own return if known, else the parcel's."""
        for number, at in self.returned:
            if number == ticket:
                return at
        return self.received_at if not self.returned else None

    def came_back_without(self, ticket: str) -> datetime | None:
        """When the box came back without this envelope: the first of the others' returns,
        where this one has none of its own yet."""
        if ticket not in self.tickets or not self.returned:
            return None
        if any(number == ticket for number, _ in self.returned):
            return None
        return min(at for _, at in self.returned)


@dataclass(frozen=True)
class PromiseChange:
    """A new promised date agreed with the customer; the old one stays on record."""

    ticket: str
    at: datetime
    old_date: date
    new_date: date


@dataclass(frozen=True)
class Asked:
    """Work put to the customer for their yes: while it waits, the promise's clock stops."""

    ticket: str
    at: datetime
    answered_at: datetime | None = None

    def waiting_at(self, moment: datetime) -> bool:
        return self.at <= moment and (self.answered_at is None or self.answered_at > moment)


@dataclass(frozen=True)
class Contact:
    ticket: str
    at: datetime
    channel: str
    note: str | None = None


@dataclass(frozen=True)
class DayOff:
    """Days a jeweler is planned to be away, entered ahead (a holiday, a course)."""

    staff: str
    first: date
    last: date
    planned_at: datetime | None = None  # when it was entered; unknown before then


@dataclass(frozen=True)
class History:
    calendar: StoreCalendar
    vendors: tuple[Vendor, ...] = ()
    tickets: tuple[Ticket, ...] = ()
    parcels: tuple[Parcel, ...] = ()
    staff: tuple[Jeweler, ...] = ()
    contacts: tuple[Contact, ...] = ()
    promise_changes: tuple[PromiseChange, ...] = ()
    store_name: str = ""
    days_off: tuple[DayOff, ...] = ()
    approvals: tuple[Asked, ...] = ()

    @cached_property
    def vendor_by_code(self) -> dict[str, Vendor]:
        return {v.code: v for v in self.vendors}

    @cached_property
    def staff_by_code(self) -> dict[str, Jeweler]:
        return {s.code: s for s in self.staff}

    @cached_property
    def ticket_by_number(self) -> dict[str, Ticket]:
        return {t.number: t for t in self.tickets}

    @cached_property
    def parcels_by_ticket(self) -> dict[str, tuple[Parcel, ...]]:
        """Each ticket's parcels, oldest first."""
        found: dict[str, list[Parcel]] = {}
        for parcel in sorted(self.parcels, key=lambda p: p.sent_at):
            for number in parcel.tickets:
                found.setdefault(number, []).append(parcel)
        return {number: tuple(parcels) for number, parcels in found.items()}

    @cached_property
    def memo(self) -> dict[str, Any]:
        """Work remembered with this history (e.g. past mornings' scores): never its content."""
        return {}

    def vendor_name(self, code: str) -> str:
        vendor = self.vendor_by_code.get(code)
        return vendor.name if vendor else code

    def staff_name(self, code: str | None) -> str:
        if code is None:
            return "the bench"
        person = self.staff_by_code.get(code)
        return person.name if person else code
