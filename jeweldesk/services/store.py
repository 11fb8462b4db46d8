"""Setting the store up and keeping its settings: details, hours, staff, vendors, catalog."""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from zoneinfo import available_timezones

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from jeweldesk.domain.errors import Invalid, NotFound
from jeweldesk.domain.kinds import Role
from jeweldesk.domain.money import MoneyError, money
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import STORE_ID, get_store, mark_changed, staff_by_code, store_now
from jeweldesk.storage.tables import CatalogService, ClosedDate, Staff, Store, Vendor


@dataclass(frozen=True)
class StoreSettings:
    name: str
    address: str | None = None
    phone: str | None = None
    timezone: str = "America/Chicago"
    open_weekdays: tuple[int, ...] = (1, 2, 3, 4, 5, 6)
    closed_dates: tuple[date, ...] = ()
    receipt_terms: str | None = None
    unclaimed_days: int = 90
    logo: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class StaffMember:
    code: str
    name: str
    role: Role
    has_pin: bool
    active: bool


@dataclass(frozen=True)
class VendorInfo:
    code: str
    name: str
    contact: str | None
    phone: str | None
    email: str | None
    quoted_turnaround_days: int
    active: bool = True


@dataclass(frozen=True)
class CatalogEntry:
    code: str
    name: str
    default_price: Decimal
    bench_days: int
    usually_outside: bool
    active: bool = True


def _check_settings(settings: StoreSettings) -> None:
    problems: dict[str, str] = {}
    if not settings.name.strip():
        problems["name"] = "the store needs a name"
    if settings.timezone not in available_timezones():
        problems["timezone"] = f"{settings.timezone!r} is not a time zone name"
    if not settings.open_weekdays or any(d not in range(1, 8) for d in settings.open_weekdays):
        problems["open_weekdays"] = "choose the days the store opens (1 = Monday … 7 = Sunday)"
    if settings.unclaimed_days < 1:
        problems["unclaimed_days"] = "must be at least one day"
    if problems:
        raise Invalid(problems)


def _apply(session: Session, store: Store, settings: StoreSettings) -> None:
    store.name = settings.name.strip()
    store.address = settings.address
    store.phone = settings.phone
    store.timezone = settings.timezone
    store.open_weekdays = ",".join(str(d) for d in sorted(set(settings.open_weekdays)))
    store.receipt_terms = settings.receipt_terms
    store.unclaimed_days = settings.unclaimed_days
    store.logo = settings.logo
    session.execute(delete(ClosedDate))
    for day in sorted(set(settings.closed_dates)):
        session.add(ClosedDate(day=day))


def set_up_store(db: Database, settings: StoreSettings, manager: StaffMember | None = None,
                 manager_pin: str | None = None) -> None:
    """The first start: the store's details and, usually, its first manager."""
    _check_settings(settings)
    with db.session() as session:
        if session.get(Store, STORE_ID) is not None:
            raise Invalid({"store": "this database already has a store"})
        store = Store(id=STORE_ID, name=settings.name, change_count=0)
        session.add(store)
        _apply(session, store, settings)
        if manager is not None:
            _add_staff(session, manager, manager_pin)
        mark_changed(session)


def store_today(db: Database) -> date:
    """Today by the store's clock and time zone, never the workstation's."""
    with db.session(write=False) as session:
        return store_now(session).date()


def store_settings(db: Database) -> StoreSettings:
    with db.session(write=False) as session:
        return settings_of(session)


def settings_of(session: Session) -> StoreSettings:
    store = get_store(session)
    closed = tuple(session.scalars(select(ClosedDate.day).order_by(ClosedDate.day)))
    return StoreSettings(
        name=store.name,
        address=store.address,
        phone=store.phone,
        timezone=store.timezone,
        open_weekdays=tuple(store.weekdays),
        closed_dates=closed,
        receipt_terms=store.receipt_terms,
        unclaimed_days=store.unclaimed_days,
        logo=store.logo,
    )


def update_store(db: Database, settings: StoreSettings) -> None:
    _check_settings(settings)
    with db.session() as session:
        _apply(session, get_store(session), settings)
        mark_changed(session)


def has_store(db: Database) -> bool:
    with db.session(write=False) as session:
        return session.get(Store, STORE_ID) is not None


# --- staff ---------------------------------------------------------------

def _hash_pin(pin: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, 100_000)
    return f"{salt.hex()}${digest.hex()}"


def _pin_matches(pin: str, stored: str) -> bool:
    salt_hex, digest_hex = stored.split("$", 1)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt_hex), 100_000)
    return hmac.compare_digest(digest.hex(), digest_hex)


def _check_pin(pin: str | None) -> None:
    if pin is not None and (not pin.isdigit() or not 4 <= len(pin) <= 8):
        raise Invalid({"pin": "a PIN is 4 to 8 digits"})


def _add_staff(session: Session, member: StaffMember, pin: str | None) -> None:
    problems = {}
    if not member.code.strip():
        problems["code"] = "each person needs a short code, such as their initials"
    if not member.name.strip():
        problems["name"] = "each person needs a name"
    if session.scalar(select(Staff).where(Staff.code == member.code.strip())):
        problems["code"] = f"the code {member.code!r} is already taken"
    if problems:
        raise Invalid(problems)
    _check_pin(pin)
    session.add(
        Staff(
            code=member.code.strip(),
            name=member.name.strip(),
            role=member.role,
            pin_hash=_hash_pin(pin) if pin else None,
            active=member.active,
        )
    )


def add_staff(db: Database, member: StaffMember, pin: str | None = None) -> None:
    with db.session() as session:
        _add_staff(session, member, pin)
        mark_changed(session)


def update_staff(db: Database, member: StaffMember, pin: str | None = None) -> None:
    _check_pin(pin)
    with db.session() as session:
        staff = staff_by_code(session, member.code)
        if not member.name.strip():
            raise Invalid({"name": "each person needs a name"})
        staff.name = member.name.strip()
        staff.role = member.role
        staff.active = member.active
        if pin:
            staff.pin_hash = _hash_pin(pin)
        mark_changed(session)


def list_staff(db: Database, include_inactive: bool = False) -> list[StaffMember]:
    with db.session(write=False) as session:
        query = select(Staff).order_by(Staff.name)
        if not include_inactive:
            query = query.where(Staff.active.is_(True))
        return [
            StaffMember(s.code, s.name, s.role, s.pin_hash is not None, s.active)
            for s in session.scalars(query)
        ]


def check_pin(db: Database, code: str, pin: str) -> bool:
    """Who is at the keyboard: a person without a PIN needs none."""
    with db.session(write=False) as session:
        try:
            staff = staff_by_code(session, code)
        except NotFound:
            return False
        if staff.pin_hash is None:
            return True
        return _pin_matches(pin, staff.pin_hash)


# --- vendors -------------------------------------------------------------

def _check_vendor(info: VendorInfo) -> None:
    problems = {}
    if not info.code.strip():
        problems["code"] = "a vendor needs a short code"
    if not info.name.strip():
        problems["name"] = "a vendor needs a name"
    if not 0 <= info.quoted_turnaround_days <= 365:
        problems["quoted_turnaround_days"] = "between 0 and 365 days"
    if problems:
        raise Invalid(problems)


def save_vendor(db: Database, info: VendorInfo) -> None:
    """Add a vendor, or update the one with this code."""
    _check_vendor(info)
    with db.session() as session:
        vendor = session.scalar(select(Vendor).where(Vendor.code == info.code.strip()))
        if vendor is None:
            vendor = Vendor(code=info.code.strip())
            session.add(vendor)
        vendor.name = info.name.strip()
        vendor.contact = info.contact
        vendor.phone = info.phone
        vendor.email = info.email
        vendor.quoted_turnaround_days = info.quoted_turnaround_days
        vendor.active = info.active
        mark_changed(session)


def list_vendors(db: Database, include_inactive: bool = False) -> list[VendorInfo]:
    with db.session(write=False) as session:
        query = select(Vendor).order_by(Vendor.name)
        if not include_inactive:
            query = query.where(Vendor.active.is_(True))
        return [
            VendorInfo(v.code, v.name, v.contact, v.phone, v.email, v.quoted_turnaround_days,
                       v.active)
            for v in session.scalars(query)
        ]


# --- the service catalog -----------------------------------------------------

def catalog(db: Database, include_inactive: bool = False) -> list[CatalogEntry]:
    with db.session(write=False) as session:
        query = select(CatalogService).order_by(CatalogService.name)
        if not include_inactive:
            query = query.where(CatalogService.active.is_(True))
        return [
            CatalogEntry(c.code, c.name, c.default_price, c.bench_days, c.usually_outside,
                         c.active)
            for c in session.scalars(query)
        ]


def save_catalog(db: Database, entries: Iterable[CatalogEntry]) -> None:
    problems: dict[str, str] = {}
    checked = []
    for entry in entries:
        try:
            price = money(entry.default_price)
        except MoneyError as exc:
            problems[f"{entry.code}.default_price"] = str(exc)
            continue
        if price < 0:
            problems[f"{entry.code}.default_price"] = "a price cannot be negative"
        if entry.bench_days < 0:
            problems[f"{entry.code}.bench_days"] = "bench days cannot be negative"
        if not entry.code.strip() or not entry.name.strip():
            problems[entry.code or "code"] = "each service needs a code and a name"
        checked.append((entry, price))
    if problems:
        raise Invalid(problems)
    with db.session() as session:
        for entry, price in checked:
            row = session.get(CatalogService, entry.code.strip()) or CatalogService(
                code=entry.code.strip()
            )
            row.name = entry.name.strip()
            row.default_price = price
            row.bench_days = entry.bench_days
            row.usually_outside = entry.usually_outside
            row.active = entry.active
            session.add(row)
        mark_changed(session)
