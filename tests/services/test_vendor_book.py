"""Vendors kept the way a manager keeps them: added, edited, retired, never deleted."""

import pytest

from jeweldesk.domain.errors import Conflict, Invalid, NotAllowed
from jeweldesk.services.parcels import send_parcel
from jeweldesk.services.vendor_book import (
    VendorInfo,
    add_vendor,
    bring_back_vendor,
    edit_vendor,
    list_vendors,
    retire_vendor,
    vendor_details,
)
from jeweldesk.services.vendors import parcels, vendor_records
from tests.support.store import BENCH, COUNTER, MANAGER, take_in_ring

CASTER = VendorInfo(
    code="", name="Magnolia Casting & Engraving", contact="Lou Tran", phone="601 555 0133",
    email="shop@magnoliacasting.example", quoted_turnaround_days=7,
    address="40 Magnolia St\nHattiesburg, MS 39401", work="Casting, hand engraving",
    carriers=("FedEx", "UPS"), ship_weekdays=(4, 2))


def test_a_manager_adds_a_vendor_with_everything_the_parcels_need(store_db):
    code = add_vendor(store_db, CASTER, MANAGER)

    assert code == "MAGN"  # suggested from the name when none is typed
    kept = vendor_details(store_db, code)
    assert (kept.name, kept.contact, kept.phone, kept.email) == (
        "Magnolia Casting & Engraving", "Lou Tran", "(601) 555-0133",
        "shop@magnoliacasting.example")
    assert (kept.address, kept.work, kept.quoted_turnaround_days) == (
        "40 Magnolia St\nHattiesburg, MS 39401", "Casting, hand engraving", 7)
    assert (kept.carriers, kept.ship_weekdays, kept.ships) == (
        ("FedEx", "UPS"), (2, 4), "by FedEx or UPS on Tue and Thu")
    assert [v.code for v in list_vendors(store_db)] == ["MAGN", "PLAT"]
    number = take_in_ring(store_db)
    ref = send_parcel(store_db, code, [number], by=COUNTER)
    assert parcels(store_db)[0].ref == ref


@pytest.mark.parametrize("who", [COUNTER, BENCH])
def test_only_a_manager_changes_vendors(store_db, who):
    with pytest.raises(NotAllowed, match="cannot change vendors .*; a manager can"):
        add_vendor(store_db, CASTER, who)
    with pytest.raises(NotAllowed):
        retire_vendor(store_db, "PLAT", who)
    assert [v.code for v in list_vendors(store_db)] == ["PLAT"]


def test_a_vendor_with_problems_is_refused_with_each_said_plainly(store_db):
    with pytest.raises(Invalid) as refused:
        add_vendor(store_db, VendorInfo(code="PLAT", name="  ", phone="12",
                                        email="orders at riverbend", quoted_turnaround_days=400,
                                        ship_weekdays=(8,)), MANAGER)
    assert refused.value.problems == {
        "name": "a vendor needs a name",
        "code": "the code PLAT is already Riverbend Plating's",
        "phone": ("“12” is not a phone number in the United States: check the area code and "
                  "the number of digits (a number abroad starts with + and its country code)"),
        "email": "'orders at riverbend' is not an email address",
        "quoted_turnaround_days": "their usual quote is a number of days, 0 to 365",
        "ship_weekdays": "weekdays are 1 (Monday) to 7 (Sunday)",
    }
    with pytest.raises(Invalid, match="Riverbend Plating is already on record \\(code PLAT\\)"):
        add_vendor(store_db, VendorInfo(code="", name="Riverbend Plating"), MANAGER)
    assert [v.code for v in list_vendors(store_db)] == ["PLAT"]


def test_a_retired_vendor_stays_on_its_parcels_and_is_not_offered_for_new_ones(store_db):
    number = take_in_ring(store_db)
    ref = send_parcel(store_db, "PLAT", [number], by=COUNTER)

    retired = retire_vendor(store_db, "PLAT", MANAGER)

    assert not retired.active and retired.retired_at is not None and retired.has_history
    assert list_vendors(store_db) == [] and vendor_records(store_db) == []
    assert [v.code for v in list_vendors(store_db, include_inactive=True)] == ["PLAT"]
    [line] = parcels(store_db)
    assert (line.ref, line.vendor_name) == (ref, "Riverbend Plating")
    with pytest.raises(Invalid, match="Riverbend Plating is retired; bring it back"):
        send_parcel(store_db, "PLAT", [take_in_ring(store_db)], by=COUNTER)

    bring_back_vendor(store_db, "PLAT", MANAGER)
    assert [v.code for v in list_vendors(store_db)] == ["PLAT"]


def test_an_edit_made_meanwhile_at_another_workstation_is_never_overwritten(store_db):
    seen = vendor_details(store_db, "PLAT")
    edit_vendor(store_db, VendorInfo("PLAT", "Riverbend Plating", quoted_turnaround_days=8),
                MANAGER, expected_version=seen.version)
    with pytest.raises(Conflict, match="Riverbend Plating was changed at another workstation"):
        edit_vendor(store_db, VendorInfo("PLAT", "Riverbend Plating", quoted_turnaround_days=5),
                    MANAGER, expected_version=seen.version)
    assert vendor_details(store_db, "PLAT").quoted_turnaround_days == 8
