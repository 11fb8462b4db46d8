"""A small store set up through the services, the way a manager would on day one.

Its people are the demo's (jeweldesk/services/demo_words.py), so a test store and a
store the store maker fills are the same store: the big board tests fill this one."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from jeweldesk.domain.kinds import Role
from jeweldesk.services.demo_words import STAFF, STORE, VENDORS
from jeweldesk.services.intake import Piece, ServiceLine, Visit, take_in
from jeweldesk.services.store import (
    StaffMember,
    StoreSettings,
    VendorInfo,
    add_staff,
    save_vendor,
    set_up_store,
)
from jeweldesk.storage.engine import Database

COUNTER, BENCH, MANAGER = "KP", "JR", "SC"
ZONE = str(STORE["timezone"])
NAMES = {code: name for code, name, _ in STAFF}


def store_today() -> date:
    """Today where the test store is; the machine's own date may already be tomorrow."""
    return datetime.now(ZoneInfo(ZONE)).date()


def set_up(db: Database, with_vendor: bool = True, *, country: str = "US",
           currency: str = "USD", locale: str = "en_US") -> None:
    """The store, its three people and (unless a test wants a store without one yet) its
    plater; in dollars the US way unless a test says otherwise."""
    set_up_store(
        db,
        StoreSettings(name=str(STORE["name"]), address=str(STORE["address"]),
                      phone=str(STORE["phone"]) if country == "US" else None, timezone=ZONE,
                      country=country, currency=currency, locale=locale),
        StaffMember(MANAGER, NAMES[MANAGER], Role.MANAGER, True, True),
        manager_pin="2468",
    )
    add_staff(db, StaffMember(COUNTER, NAMES[COUNTER], Role.COUNTER, True, True), MANAGER,
              pin="1357")
    add_staff(db, StaffMember(BENCH, NAMES[BENCH], Role.BENCH, True, True), MANAGER,
              pin="1470")
    if not with_vendor:
        return
    code, name, phone, email, quoted, _ = VENDORS[0]  # the plater, quoting 6 days
    save_vendor(db, VendorInfo(code, name, "Ana Ruiz", phone, email, quoted), MANAGER)


def ring(promised_in_days: int = 7, **changes: object) -> Piece:
    fields: dict[str, object] = dict(
        kind="ring",
        description="Lady's solitaire engagement ring",
        metal="14K white gold",
        stones="1 round diamond, approx. 0.50 ct",
        condition="Worn prongs at 2 and 8 o'clock",
        declared_value="2400.00",
        services=(ServiceLine("prong_retip", "Retip four prongs", "90.00"),
                  ServiceLine("cleaning", "Clean and polish", "15.00")),
        deposit="50.00",
        deposit_method="cash",
        promised_for=store_today() + timedelta(days=promised_in_days),
        assigned_to=BENCH,
    )
    fields.update(changes)
    return Piece(**fields)  # type: ignore[arg-type]


def take_in_ring(db: Database, **changes: object) -> str:
    from jeweldesk.services.customers import CustomerDetails

    visit = Visit(pieces=(ring(**changes),),
                  new_customer=CustomerDetails("Dana Whitfield", "601 555 0142",
                                               "dana@example.com"))
    return take_in(db, visit, by=COUNTER)[0]
