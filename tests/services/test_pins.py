"""Signing in: a PIN for everyone, digits only, a growing wait and a lock after five."""

import hashlib
import os
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import DBAPIError

from jeweldesk.domain.errors import Invalid, NotAllowed
from jeweldesk.domain.kinds import Role
from jeweldesk.services.pickup import take_payment
from jeweldesk.services.pins import LOCK_AFTER, NoPinYet, choose_first_pin, sign_in, unlock_pin
from jeweldesk.services.store import (
    StaffMember,
    StoreSettings,
    add_staff,
    list_staff,
    set_up_store,
)
from jeweldesk.storage.tables import Staff, Store
from tests.support.store import COUNTER, MANAGER, take_in_ring

PIN = "1357"  # Kate Pruitt's, at the test store


def _member(db, code):
    return next(s for s in list_staff(db) if s.code == code)


def test_two_hundred_wrong_pins_lock_the_pin_until_a_manager_unlocks_it(store_db):
    start = datetime(2026, 12, 3, 9, 0)
    refusals = []
    for n in range(200):
        try:
            sign_in(store_db, COUNTER, f"{n:04d}" if f"{n:04d}" != PIN else "9999",
                    at=start + timedelta(minutes=n))
        except NotAllowed as exc:
            refusals.append(str(exc))
    assert all("not Kate's PIN" in r for r in refusals[:LOCK_AFTER])
    assert "4 tries left" in refusals[0] and "locked now" in refusals[LOCK_AFTER - 1]
    assert all("locked" in r for r in refusals[LOCK_AFTER:])
    with pytest.raises(NotAllowed, match="locked after 5 wrong tries; a manager can unlock"):
        sign_in(store_db, COUNTER, PIN, at=start + timedelta(hours=5))
    assert _member(store_db, COUNTER).pin_locked
    with pytest.raises(NotAllowed, match="a manager can"):
        unlock_pin(store_db, COUNTER, by=COUNTER)
    unlock_pin(store_db, COUNTER, by=MANAGER)
    sign_in(store_db, COUNTER, PIN, at=start + timedelta(hours=5))


def test_each_wrong_pin_after_the_first_makes_the_next_try_wait_longer(store_db):
    start = datetime(2026, 12, 3, 9, 0)
    with pytest.raises(NotAllowed, match="not Kate's PIN"):
        sign_in(store_db, COUNTER, "0000", at=start)
    with pytest.raises(NotAllowed, match="not Kate's PIN"):  # a slip costs nothing
        sign_in(store_db, COUNTER, "0001", at=start)
    with pytest.raises(NotAllowed, match="Wait 1 second, then try again"):
        sign_in(store_db, COUNTER, PIN, at=start)  # even the right PIN waits its turn
    with pytest.raises(NotAllowed, match="not Kate's PIN"):
        sign_in(store_db, COUNTER, "0002", at=start + timedelta(seconds=1))
    with pytest.raises(NotAllowed, match="Wait 2 seconds"):
        sign_in(store_db, COUNTER, PIN, at=start + timedelta(seconds=1))
    sign_in(store_db, COUNTER, PIN, at=start + timedelta(seconds=3))
    sign_in(store_db, COUNTER, PIN, at=start + timedelta(seconds=3))  # the count starts again


def test_a_pin_is_ascii_digits_and_everyone_has_one(store_db):
    for bad, said in (("١٢٣٤", "digits only"), ("12a4", "digits only"), ("123", "4 to 8"),
                      ("123456789", "4 to 8"), (None, "needs a PIN"), ("", "needs a PIN")):
        with pytest.raises(Invalid, match=said):
            add_staff(store_db, StaffMember("AB", "Abe Barr", Role.COUNTER, True, True),
                      MANAGER, pin=bad)
    assert "AB" not in {s.code for s in list_staff(store_db)}


def test_a_store_may_require_six_digits(store_db):
    with store_db.session() as session:
        session.execute(update(Store).values(pin_digits=6))
    with pytest.raises(Invalid, match="6 to 8 digits"):
        add_staff(store_db, StaffMember("AB", "Abe Barr", Role.COUNTER, True, True),
                  MANAGER, pin="1234")
    add_staff(store_db, StaffMember("AB", "Abe Barr", Role.COUNTER, True, True),
              MANAGER, pin="123456")
    sign_in(store_db, "AB", "123456")


def test_setting_up_a_store_needs_its_manager_and_their_pin(db):
    settings = StoreSettings(name="Linden Street Jewelers")
    with pytest.raises(Invalid, match="needs a PIN"):
        set_up_store(db, settings, StaffMember("LS", "Lena Sato", Role.MANAGER, True, True), "")
    with pytest.raises(Invalid, match="its manager"):
        set_up_store(db, settings, StaffMember("LS", "Lena Sato", Role.COUNTER, True, True),
                     "2468")
    set_up_store(db, settings, StaffMember("LS", "Lena Sato", Role.MANAGER, True, True), "2468")
    sign_in(db, "LS", "2468")


def test_a_person_from_before_pins_chooses_one_and_no_pin_lets_nobody_in(store_db):
    with store_db.session() as session:
        session.execute(update(Staff).where(Staff.code == COUNTER).values(pin_hash=None))
    for guess in ("", "0000", "1357"):
        with pytest.raises(NoPinYet, match="choose one"):
            sign_in(store_db, COUNTER, guess)
    with pytest.raises(Invalid, match="digits only"):
        choose_first_pin(store_db, COUNTER, "٠٠٠٠")
    choose_first_pin(store_db, COUNTER, "8080")
    with pytest.raises(NotAllowed, match="has a PIN already"):
        choose_first_pin(store_db, COUNTER, "1111")
    with pytest.raises(NotAllowed, match="not Kate's PIN"):
        sign_in(store_db, COUNTER, "1357")
    sign_in(store_db, COUNTER, "8080")


def test_a_pin_kept_the_old_way_still_works_and_is_kept_the_new_way_after(store_db):
    salt = os.urandom(16)
    old = f"{salt.hex()}${hashlib.pbkdf2_hmac('sha256', b'4321', salt, 100_000).hex()}"
    with store_db.session() as session:
        session.execute(update(Staff).where(Staff.code == COUNTER).values(pin_hash=old))
    sign_in(store_db, COUNTER, "4321")
    with store_db.session(write=False) as session:
        kept = session.scalar(select(Staff.pin_hash).where(Staff.code == COUNTER))
    assert kept.startswith("$argon2id$")
    sign_in(store_db, COUNTER, "4321")


@pytest.mark.parametrize("statement", [
    "UPDATE payment SET amount = 0",
    "DELETE FROM payment",
    "UPDATE promise_change SET new_date = old_date",
    "DELETE FROM promise_change",
    "UPDATE contact SET outcome = 'never happened'",
    "DELETE FROM contact",
    "UPDATE ticket SET deposit = 0",
])
def test_the_database_itself_refuses_to_rewrite_history(store_db, statement):
    from jeweldesk.services.contacts import record_contact
    from jeweldesk.services.moves import change_promise
    from tests.support.store import store_today

    number = take_in_ring(store_db)  # with its deposit
    take_payment(store_db, number, "cash", "10.00", by=COUNTER)
    change_promise(store_db, number, store_today() + timedelta(days=20), by=COUNTER)
    record_contact(store_db, number, "phone", COUNTER, "Told her the new date", "reached")
    with pytest.raises(DBAPIError, match="append-only|stays on record"), \
            store_db.session() as session:
        session.execute(text(statement))
