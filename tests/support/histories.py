"""Small store histories for the risk tests, built in the store's words."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from jeweldesk.domain.calendar import StoreCalendar
from jeweldesk.risk.engine import Flag
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

NOV = date(2026, 11, 1)
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


def nov(day: int) -> date:
    return NOV.replace(day=day)


def flag_for(flags: list[Flag], number: str) -> Flag:
    return next(f for f in flags if f.ticket == number)


def jeweler_record(
    per_day: int, days: int = 20, lead_days: int = 12, last: date = date(2026, 11, 9)
) -> list[Ticket]:
    """Finished pieces: ``per_day`` done each open day through ``last``, each taken in
    ``lead_days`` before it was done and promised three days after."""
    done = []
    day = last - timedelta(days=days * 7 // 6)
    while day <= last:
        if day.isoweekday() != 7:
            for i in range(per_day):
                number = f"D-{day:%m%d}-{i}"
                done.append(
                    ticket(
                        number,
                        day - timedelta(days=lead_days),
                        day + timedelta(days=3),
                        [(day, "at_bench"), (day, "quality_check"), (day, "ready")],
                    )
                )
        day += timedelta(days=1)
    return done
