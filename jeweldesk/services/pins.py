"""PINs: what a PIN may be, how it is kept, and signing in with one.

A PIN is 4 to 8 ASCII digits (a store may require more than 4). Wrong PINs in a row make
the next try wait longer (none after the first, then 1, 2 and 4 seconds) and the fifth
locks the PIN until a manager unlocks it. PINs are kept as Argon2 hashes; the PBKDF2
hashes of earlier versions are still read, and replaced by an Argon2 hash at the next
right PIN.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.orm import Session

from jeweldesk.domain.errors import Invalid, NotAllowed, NotFound, ServiceError
from jeweldesk.domain.permissions import Act
from jeweldesk.storage.door import THE_STORE, Actor, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import get_store, staff_by_code
from jeweldesk.storage.tables import Staff

LOCK_AFTER = 5
LONGEST_PIN = 8
# Small enough that signing in stays instant; a short PIN's strength is the lockout.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)


class NoPinYet(ServiceError):
    """The person was added before every person needed a PIN: they choose one now."""


def pin_problem(pin: str | None, digits: int = 4) -> str | None:
    """What is wrong with a new PIN, in a sentence, or None."""
    if pin is None or not pin:
        return "every person needs a PIN"
    if not (pin.isascii() and pin.isdigit()):
        return "a PIN is digits only, 0 to 9"
    if not digits <= len(pin) <= LONGEST_PIN:
        return f"a PIN is {digits} to {LONGEST_PIN} digits"
    return None


def check_new_pin(session: Session, pin: str | None) -> str:
    problem = pin_problem(pin, get_store(session).pin_digits if pin else 4)
    if problem:
        raise Invalid({"pin": problem})
    assert pin is not None
    return pin


def hash_pin(pin: str) -> str:
    return _HASHER.hash(pin)


def _legacy_matches(pin: str, stored: str) -> bool:
    salt_hex, digest_hex = stored.split("$", 1)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt_hex), 100_000)
    return hmac.compare_digest(digest.hex(), digest_hex)


def _matches(pin: str, stored: str) -> tuple[bool, bool]:
    """(right, the hash should be replaced by today's scheme)."""
    if not stored.startswith("$argon2"):
        return _legacy_matches(pin, stored), True
    try:
        _HASHER.verify(stored, pin)
    except (VerificationError, InvalidHashError):
        return False, False
    return True, _HASHER.check_needs_rehash(stored)


def _first_name(staff: Staff) -> str:
    return staff.name.split()[0] if staff.name.split() else staff.code


def wait_after(failures: int) -> timedelta:
    """A first slip of the finger costs nothing; then 1, 2, 4 seconds."""
    return timedelta(seconds=2 ** (failures - 2)) if failures >= 2 else timedelta(0)


def sign_in(db: Database, code: str, pin: str, at: datetime | None = None) -> None:
    """Let the person in, or refuse in a sentence; a wrong PIN is counted either way."""
    refusal: ServiceError | None = None
    with write(db, THE_STORE, Act.STAFF, code) as w:
        now = at or w.now
        try:
            staff = staff_by_code(w.session, code)
        except NotFound:
            raise NotAllowed("Pick your name from the list.") from None
        if not staff.active:
            raise NotAllowed(f"{staff.name} no longer works here.")
        if staff.pin_hash is None:
            raise NoPinYet(f"{_first_name(staff)} has no PIN yet: choose one now.")
        if staff.pin_locked:
            raise NotAllowed(f"{_first_name(staff)}'s PIN is locked after {LOCK_AFTER} wrong "
                             "tries; a manager can unlock it in Settings › Staff.")
        if staff.failed_pins and staff.last_failed_pin_at is not None:
            ready = staff.last_failed_pin_at + wait_after(staff.failed_pins)
            if now < ready:
                seconds = max(1, int((ready - now).total_seconds()))
                raise NotAllowed(f"Wait {seconds} second{'s' if seconds > 1 else ''}, "
                                 "then try again.")
        right, rehash = _matches(pin, staff.pin_hash)
        if right:
            staff.failed_pins = 0
            staff.last_failed_pin_at = None
            if rehash:
                staff.pin_hash = hash_pin(pin)
        else:
            staff.failed_pins += 1
            staff.last_failed_pin_at = now
            left = LOCK_AFTER - staff.failed_pins
            if left <= 0:
                staff.pin_locked = True
                refusal = NotAllowed(f"That is not {_first_name(staff)}'s PIN. It is locked "
                                     "now; a manager can unlock it in Settings › Staff.")
            else:
                refusal = NotAllowed(f"That is not {_first_name(staff)}'s PIN. Try again "
                                     f"({left} {'try' if left == 1 else 'tries'} left).")
    # Raised once the wrong try is on record, so a restart does not reset the count.
    if refusal is not None:
        raise refusal


def choose_first_pin(db: Database, code: str, pin: str) -> None:
    """A person added before PINs were required sets theirs, once."""
    with write(db, THE_STORE, Act.STAFF, code) as w:
        staff = staff_by_code(w.session, code)
        if staff.pin_hash is not None:
            raise NotAllowed(f"{staff.name} has a PIN already; a manager can reset it.")
        staff.pin_hash = hash_pin(check_new_pin(w.session, pin))


def unlock_pin(db: Database, code: str, by: Actor) -> None:
    with write(db, by, Act.STAFF, code) as w:
        staff = staff_by_code(w.session, code)
        staff.pin_locked = False
        staff.failed_pins = 0
        staff.last_failed_pin_at = None

