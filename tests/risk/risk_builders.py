"""Small store histories for the risk tests, built in the store's words."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from jeweldesk.domain.calendar import StoreCalendar
from jeweldesk.risk.history import (
    Event,
    History,
    Jeweler,
    Occasion,
    Parcel,
    Service,
    Ticket,
    Vendor,
)

MON_SAT = StoreCalendar.of([1, 2, 3, 4, 5, 6], [date(2026, 11, 26)])
PLATING = Vendor("PLAT", "Riverbend Plating", 6)
JONAH = Jeweler("JR", "Jonah Reyes")


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour))


def ticket(
    number: str,
    received: date,
    promised: date,
    moves: list[tuple[date, str]] = (),  # type: ignore[assignment]
    *,
    services: tuple[Service, ...] = (Service("ring_sizing"),),
    occasion: Occasion | None = None,
    jeweler: str | None = "JR",
) -> Ticket:
    events = [Event(at(received, 9), "received", "KP")]
    events += [Event(at(day, 11 + i % 5), status, "JR") for i, (day, status) in enumerate(moves)]
    return Ticket(
        number,
        f"Customer {number}",
        at(received, 9),
        promised,
        services,
        tuple(events),
        occasion,
        jeweler,
    )


def vendor_past(
    vendor: Vendor, first_sent: date, days_out: list[int]
) -> tuple[list[Ticket], list[Parcel]]:
    """Finished pieces sent to ``vendor`` weekly, each back after the given days."""
    tickets, parcels = [], []
    for i, days in enumerate(days_out):
        sent = first_sent + timedelta(days=7 * i)
        back = sent + timedelta(days=days)
        number = f"P-{vendor.code}-{i}"
        tickets.append(
            ticket(
                number,
                sent,
                back + timedelta(days=5),
                [(sent, "at_vendor"), (back, "at_bench"), (back, "quality_check"), (back, "ready")],
                services=(Service("rhodium_plating", vendor.code),),
            )
        )
        parcels.append(
            Parcel(
                f"S-{vendor.code}{i}",
                vendor.code,
                (number,),
                at(sent, 9),
                sent + timedelta(days=vendor.quoted_turnaround_days),
                at(back, 10),
            )
        )
    return tickets, parcels


def history(
    tickets: list[Ticket],
    parcels: list[Parcel] = (),  # type: ignore[assignment]
    vendors: tuple[Vendor, ...] = (PLATING,),
    calendar: StoreCalendar = MON_SAT,
) -> History:
    return History(calendar, vendors, tuple(tickets), tuple(parcels), (JONAH,))
