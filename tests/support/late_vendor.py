"""A store whose plating vendor keeps missing its quote, and a piece out there for an occasion.

Everything goes through the services with backdated timestamps, so the risk engine
learns the vendor's real turnaround from its own parcels, as it would in a real store.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from jeweldesk.domain.kinds import Channel
from jeweldesk.domain.status import Status
from jeweldesk.services.customers import CustomerDetails
from jeweldesk.services.intake import ServiceLine, Visit, take_in
from jeweldesk.services.moves import move
from jeweldesk.services.parcels import receive_parcel, send_parcel
from jeweldesk.storage.engine import Database
from tests.support.store import BENCH, COUNTER, ring, store_today

VENDOR = "PLAT"  # Riverbend Plating, quotes 6 days
SLOW_DAYS = 16  # what it really takes
OCCASION = "their 25th anniversary dinner"

PAST_NAMES = ("Lena Ortiz", "Marcus Hale", "Priya Nair", "Tom Becker", "Gwen Sato", "Ray Dunn")


def morning(days_ago: int, hour: int = 10) -> datetime:
    return datetime.combine(store_today() - timedelta(days=days_ago), time(hour))


def plating(promised_for: date, occasion: date | None = None, **changes: object) -> object:
    return ring(
        services=(ServiceLine("rhodium", "Rhodium plating", "65.00", vendor=VENDOR),
                  ServiceLine("cleaning", "Clean and polish", "15.00")),
        promised_for=promised_for,
        occasion_what=OCCASION if occasion else None,
        occasion_date=occasion,
        **changes,
    )


def slow_history(db: Database, parcels: int = 5, days_out: Sequence[int] = ()) -> None:
    """Past parcels to the vendor, each back ``SLOW_DAYS`` after it left, or after the
    given ``days_out`` in turn."""
    for i, name in enumerate(PAST_NAMES[:parcels]):
        start = 120 - i * 18
        taken = morning(start)
        piece = plating(taken.date() + timedelta(days=10))
        [number] = take_in(db, Visit(pieces=(piece,), new_customer=CustomerDetails(name)),
                           by=COUNTER, at=taken)
        ref = send_parcel(db, VENDOR, [number], by=COUNTER, at=morning(start - 1))
        back = morning(start - 1 - (days_out[i % len(days_out)] if days_out else SLOW_DAYS),
                       hour=11)
        receive_parcel(db, ref, [number], by=COUNTER, at=back)
        move(db, number, Status.READY, by=BENCH, at=back + timedelta(hours=3))
        move(db, number, Status.PICKED_UP, by=COUNTER, at=back + timedelta(days=1))


def late_at_vendor(db: Database, with_occasion: bool = True,
                   days_out: Sequence[int] = ()) -> str:
    """A ring out at the slow vendor, promised in three days; returns its number."""
    slow_history(db, parcels=len(PAST_NAMES) if days_out else 5, days_out=days_out)
    today = store_today()
    occasion = today + timedelta(days=4) if with_occasion else None
    customer = CustomerDetails("Dana Whitfield", "601 555 0142", "dana@example.com",
                               notes="Prefers a call after 5 pm; the ring was her mother's.",
                               preferred_channel=Channel.PHONE)
    [number] = take_in(db, Visit(pieces=(plating(today + timedelta(days=3), occasion),),
                                 new_customer=customer), by=COUNTER, at=morning(10))
    send_parcel(db, VENDOR, [number], by=COUNTER, at=morning(9))
    return number
