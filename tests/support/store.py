"""A small store set up through the services, the way a manager would on day one."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from jeweldesk.domain.kinds import Role
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
ZONE = "America/Chicago"


def store_today() -> date:
    """Today where the test store is; the machine's own date may already be tomorrow."""
    return datetime.now(ZoneInfo(ZONE)).date()


def set_up(db: Database) -> None:
    set_up_store(
        db,
        StoreSettings(name="Harbor Lane Jewelers", address="12 Harbor Lane, Ridgeland MS 39157",
                      phone="+1 601 555 0100", timezone=ZONE),
        StaffMember(MANAGER, "Sandra Cole", Role.MANAGER, True, True),
        manager_pin="2468",
    )
    add_staff(db, StaffMember(COUNTER, "Kate Pruitt", Role.COUNTER, True, True), MANAGER,
              pin="1357")
    add_staff(db, StaffMember(BENCH, "Jonah Reyes", Role.BENCH, True, True), MANAGER,
              pin="1470")
    save_vendor(db, VendorInfo("PLAT", "Riverbend Plating", "Ana Ruiz", "+1 601 555 0190",
                               "orders@riverbend.example", 6), MANAGER)


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
