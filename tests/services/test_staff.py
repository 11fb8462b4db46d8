"""The staff and the store's settings: added, edited, retired (never deleted), a manager
always at work, and every phone the store keeps kept one way."""

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from jeweldesk.domain.errors import Invalid, NotAllowed
from jeweldesk.domain.kinds import Role
from jeweldesk.services.customers import CustomerDetails, add_customer, update_customer
from jeweldesk.services.pins import LOCK_AFTER, sign_in, unlock_pin
from jeweldesk.services.store import (
    StaffMember,
    VendorInfo,
    add_staff,
    list_staff,
    list_vendors,
    retire_staff,
    save_vendor,
    store_settings,
    update_staff,
    update_store,
)
from jeweldesk.services.story import ticket_story
from jeweldesk.services.vendors import vendor_record
from jeweldesk.storage.tables import Customer, Store, Vendor
from tests.support.store import BENCH, COUNTER, MANAGER, take_in_ring


def _member(db, code):
    return next(s for s in list_staff(db, include_inactive=True) if s.code == code)


def test_a_person_is_added_edited_and_retired_and_stays_on_the_history(store_db):
    add_staff(store_db, StaffMember("AB", "Abe Barr", Role.COUNTER, True, True), MANAGER,
              pin="2580")
    update_staff(store_db, StaffMember("AB", "Abraham Barr", Role.BENCH, True, True), MANAGER)
    assert (_member(store_db, "AB").name, _member(store_db, "AB").role) == (
        "Abraham Barr", Role.BENCH)
    sign_in(store_db, "AB", "2580")  # an edit without a PIN keeps the PIN

    number = take_in_ring(store_db)
    retire_staff(store_db, COUNTER, by=MANAGER)
    assert COUNTER not in {s.code for s in list_staff(store_db)}
    assert not _member(store_db, COUNTER).active  # still there, only retired
    with pytest.raises(NotAllowed, match="Kate Pruitt no longer works here"):
        sign_in(store_db, COUNTER, "1357")
    story = ticket_story(store_db, number)
    assert story.taken_in_by == "Kate Pruitt"
    assert story.events[0].by_name == "Kate Pruitt"


def test_only_a_manager_changes_the_staff(store_db):
    with pytest.raises(NotAllowed, match="a manager can"):
        retire_staff(store_db, BENCH, by=COUNTER)
    with pytest.raises(NotAllowed, match="a manager can"):
        add_staff(store_db, StaffMember("AB", "Abe Barr", Role.MANAGER, True, True), COUNTER,
                  pin="2580")
    assert _member(store_db, BENCH).active


def test_the_last_manager_at_work_cannot_be_retired_or_made_counter_staff(store_db):
    sandra = _member(store_db, MANAGER)
    with pytest.raises(NotAllowed, match="Sandra Cole is the last manager still working here: "
                                         "make someone else a manager before retiring"):
        retire_staff(store_db, MANAGER, by=MANAGER)
    with pytest.raises(NotAllowed, match="before making Sandra Cole counter staff"):
        update_staff(store_db, replace(sandra, role=Role.COUNTER), MANAGER)
    with pytest.raises(NotAllowed, match="last manager"):
        update_staff(store_db, replace(sandra, active=False), MANAGER)
    assert _member(store_db, MANAGER).role == Role.MANAGER and _member(store_db, MANAGER).active

    # With a second manager, either may go.
    kate = _member(store_db, COUNTER)
    update_staff(store_db, replace(kate, role=Role.MANAGER), MANAGER)
    retire_staff(store_db, MANAGER, by=COUNTER)
    assert not _member(store_db, MANAGER).active
    with pytest.raises(NotAllowed, match="Kate Pruitt is the last manager"):
        update_staff(store_db, replace(_member(store_db, COUNTER), role=Role.BENCH), COUNTER)


def test_a_manager_resets_a_pin_and_unlocks_a_locked_one(store_db):
    start = datetime(2026, 12, 3, 9, 0)
    for n in range(LOCK_AFTER):
        with pytest.raises(NotAllowed):
            sign_in(store_db, BENCH, f"000{n}", at=start + timedelta(minutes=n))
    assert _member(store_db, BENCH).pin_locked
    unlock_pin(store_db, BENCH, by=MANAGER)
    assert not _member(store_db, BENCH).pin_locked
    sign_in(store_db, BENCH, "1470")
    update_staff(store_db, _member(store_db, BENCH), MANAGER, pin="8642")
    sign_in(store_db, BENCH, "8642")
    with pytest.raises(Invalid, match="digits only"):
        update_staff(store_db, _member(store_db, BENCH), MANAGER, pin="86a2")


def test_the_pin_length_the_idle_lock_and_the_country_are_store_settings(store_db):
    settings = store_settings(store_db)
    assert (settings.pin_digits, settings.idle_lock_minutes, settings.country) == (4, 10, "US")
    update_store(store_db, replace(settings, pin_digits=6, idle_lock_minutes=3, country="ca"),
                 by=MANAGER)
    settings = store_settings(store_db)
    assert (settings.pin_digits, settings.idle_lock_minutes, settings.country) == (6, 3, "CA")
    with pytest.raises(Invalid, match="6 to 8 digits"):
        add_staff(store_db, StaffMember("AB", "Abe Barr", Role.COUNTER, True, True), MANAGER,
                  pin="1234")
    for wrong, said in ((dict(pin_digits=5), "4 or 6 digits"),
                        (dict(idle_lock_minutes=-1), "0 for never"),
                        (dict(country="Canada"), "not a country code")):
        with pytest.raises(Invalid, match=said):
            update_store(store_db, replace(settings, **wrong), by=MANAGER)
    with pytest.raises(NotAllowed, match="a manager can"):
        update_store(store_db, replace(settings, idle_lock_minutes=0), by=COUNTER)


def _kept(db, table, **where):
    with db.session(write=False) as session:
        return session.query(table).filter_by(**where).one().phone


def test_every_door_keeps_a_phone_one_way_and_shows_it_the_stores_way(store_db):
    dana = add_customer(store_db, CustomerDetails("Dana Whitfield", "601.555.0142"), COUNTER)
    assert dana.phone == "(601) 555-0142"
    assert _kept(store_db, Customer, id=dana.id) == "+16015550142"

    settings = store_settings(store_db)
    assert settings.phone == "(601) 555-0100"  # set up as "+1 601 555 0100"
    assert _kept(store_db, Store, id=1) == "+16015550100"

    save_vendor(store_db, VendorInfo("GLD", "Gold Coast Refining", None, "228 555 0161", None,
                                     5), MANAGER)
    assert _kept(store_db, Vendor, code="GLD") == "+12285550161"
    assert {v.phone for v in list_vendors(store_db)} >= {"(228) 555-0161"}
    assert vendor_record(store_db, "GLD").phone == "(228) 555-0161"


@pytest.mark.parametrize("typed, said", [
    ("555-CALL-PAT", "has letters in it"),
    ("5550123", "is not a phone number in the United States"),
])
def test_every_door_refuses_letters_and_numbers_that_are_not_numbers(store_db, typed, said):
    with pytest.raises(Invalid, match=said):
        add_customer(store_db, CustomerDetails("Pat Lyle", typed), COUNTER)
    dana = add_customer(store_db, CustomerDetails("Dana Whitfield", "601 555 0142"), COUNTER)
    with pytest.raises(Invalid, match=said):
        update_customer(store_db, dana.id, CustomerDetails("Dana Whitfield", typed), COUNTER)
    with pytest.raises(Invalid, match=said):
        update_store(store_db, replace(store_settings(store_db), phone=typed), by=MANAGER)
    with pytest.raises(Invalid, match=said):
        save_vendor(store_db, VendorInfo("GLD", "Gold Coast", None, typed, None, 5), MANAGER)
    with pytest.raises(Invalid, match=said):
        take_in_ring_for(store_db, typed)
    assert _kept(store_db, Customer, id=dana.id) == "+16015550142"


def take_in_ring_for(db, phone):
    from jeweldesk.services.intake import Visit, take_in
    from tests.support.store import ring

    return take_in(db, Visit((ring(),), new_customer=CustomerDetails("Pat Lyle", phone)),
                   by=COUNTER)


def test_a_store_abroad_reads_its_own_numbers(store_db):
    update_store(store_db, replace(store_settings(store_db), country="GB",
                                   phone="020 7946 0958"), by=MANAGER)
    assert store_settings(store_db).phone == "020 7946 0958"
    ann = add_customer(store_db, CustomerDetails("Ann Hale", "07911 123456"), COUNTER)
    assert ann.phone == "07911 123456"
    assert _kept(store_db, Customer, id=ann.id) == "+447911123456"
