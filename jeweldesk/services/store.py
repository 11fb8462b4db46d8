"""Setting the store up and keeping its settings: details, hours, staff, catalog (vendors
are kept in vendor_book)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from zoneinfo import available_timezones

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from jeweldesk.domain.contact_details import (
    DEFAULT_COUNTRY,
    DetailError,
    country_problem,
    normalise_phone,
    shown_phone,
)
from jeweldesk.domain.errors import Invalid, NotAllowed
from jeweldesk.domain.kinds import Role
from jeweldesk.domain.money import MoneyError, money
from jeweldesk.domain.permissions import Act
from jeweldesk.domain.rules import CODE, NAME, TERMS, TEXT, check_text, date_problem
from jeweldesk.domain.way import (
    DEFAULT_CURRENCY,
    DEFAULT_LOCALE,
    currency_problem,
    locale_problem,
)
from jeweldesk.services.pins import check_new_pin, hash_pin
from jeweldesk.services.vendor_book import VendorInfo as VendorInfo  # kept there; named
from jeweldesk.services.vendor_book import list_vendors as list_vendors  # here for the
from jeweldesk.services.vendor_book import save_vendor as save_vendor  # set-up screens
from jeweldesk.storage.door import THE_STORE, Actor, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import (
    STORE_ID,
    get_store,
    staff_by_code,
    store_now,
    write_as_the_store,
)
from jeweldesk.storage.tables import CatalogService, ClosedDate, Staff, Store


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
    country: str = DEFAULT_COUNTRY  # where a phone typed without "+country" belongs
    currency: str = DEFAULT_CURRENCY  # ISO 4217: what the store's money is
    locale: str = DEFAULT_LOCALE  # how money and dates are written: "en_GB", "fr_CA"
    pin_digits: int = 4  # the shortest PIN a new one may be
    idle_lock_minutes: int = 10  # the window locks after this long untouched; 0 = never
    is_demo: bool = False  # made up by `jeweldesk demo`; its sign-in says every PIN


PIN_LENGTHS = (4, 6)
LONGEST_IDLE_LOCK = 24 * 60


@dataclass(frozen=True)
class StaffMember:
    code: str
    name: str
    role: Role
    has_pin: bool
    active: bool
    pin_locked: bool = False


@dataclass(frozen=True)
class CatalogEntry:
    code: str
    name: str
    default_price: Decimal
    bench_days: int
    usually_outside: bool
    active: bool = True


def _check_settings(settings: StoreSettings) -> StoreSettings:
    """The settings with the phone as kept, or Invalid naming each wrong field."""
    problems: dict[str, str] = {}
    phone = None
    if not settings.name.strip():
        problems["name"] = "the store needs a name"
    check_text(problems, "name", settings.name, NAME)
    check_text(problems, "address", settings.address, TEXT, lines=True)
    check_text(problems, "receipt_terms", settings.receipt_terms, TERMS, lines=True)
    if not 1 <= settings.unclaimed_days <= 3650:
        problems["unclaimed_days"] = "between 1 and 3,650 days"
    for day in settings.closed_dates:
        if problem := date_problem(day):
            problems["closed_dates"] = problem
    if settings.timezone not in available_timezones():
        problems["timezone"] = f"{settings.timezone!r} is not a time zone name"
    if not settings.open_weekdays or any(d not in range(1, 8) for d in settings.open_weekdays):
        problems["open_weekdays"] = "choose the days the store opens (1 = Monday … 7 = Sunday)"
    if settings.unclaimed_days < 1:
        problems["unclaimed_days"] = "must be at least one day"
    country = settings.country.strip().upper()
    if problem := country_problem(country):
        problems["country"] = problem
    else:
        try:
            phone = normalise_phone(settings.phone, country)
        except DetailError as exc:
            problems["phone"] = str(exc)
    currency = settings.currency.strip().upper()
    if problem := currency_problem(currency):
        problems["currency"] = problem
    locale = settings.locale.strip().replace("-", "_")
    if problem := locale_problem(locale):
        problems["locale"] = problem
    if settings.pin_digits not in PIN_LENGTHS:
        problems["pin_digits"] = "a PIN is required to be 4 or 6 digits long"
    if not 0 <= settings.idle_lock_minutes <= LONGEST_IDLE_LOCK:
        problems["idle_lock_minutes"] = "lock after 1 to 1440 minutes idle, or 0 for never"
    if problems:
        raise Invalid(problems)
    return replace(settings, phone=phone, country=country, currency=currency, locale=locale)


def _apply(session: Session, store: Store, settings: StoreSettings) -> None:
    store.name = settings.name.strip()
    store.address = settings.address
    store.phone = settings.phone
    store.timezone = settings.timezone
    store.open_weekdays = ",".join(str(d) for d in sorted(set(settings.open_weekdays)))
    store.receipt_terms = settings.receipt_terms
    store.unclaimed_days = settings.unclaimed_days
    store.logo = settings.logo
    store.country = settings.country
    store.currency = settings.currency
    store.locale = settings.locale
    store.pin_digits = settings.pin_digits
    store.idle_lock_minutes = settings.idle_lock_minutes
    session.execute(delete(ClosedDate))
    for day in sorted(set(settings.closed_dates)):
        session.add(ClosedDate(day=day))


def set_up_store(db: Database, settings: StoreSettings, manager: StaffMember,
                 manager_pin: str) -> None:
    """The first start: the store's details and its first manager, with their PIN."""
    settings = _check_settings(settings)
    with write(db, THE_STORE, Act.SETTINGS) as w:
        if w.session.get(Store, STORE_ID) is not None:
            raise Invalid({"store": "this database already has a store"})
        store = Store(id=STORE_ID, name=settings.name, change_count=0)
        w.session.add(store)
        _apply(w.session, store, settings)
        if manager.role != Role.MANAGER:
            raise Invalid({"manager": "the first person at a new store is its manager"})
        _add_staff(w.session, manager, manager_pin)
    write_as_the_store(db)


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
        phone=shown_phone(store.phone, store.country),
        timezone=store.timezone,
        open_weekdays=tuple(store.weekdays),
        closed_dates=closed,
        receipt_terms=store.receipt_terms,
        unclaimed_days=store.unclaimed_days,
        logo=store.logo,
        country=store.country,
        currency=store.currency,
        locale=store.locale,
        pin_digits=store.pin_digits,
        idle_lock_minutes=store.idle_lock_minutes,
        is_demo=store.is_demo,
    )


def update_store(db: Database, settings: StoreSettings, by: Actor) -> None:
    settings = _check_settings(settings)
    with write(db, by, Act.SETTINGS) as w:
        _apply(w.session, get_store(w.session), settings)
    write_as_the_store(db)


def has_store(db: Database) -> bool:
    with db.session(write=False) as session:
        return session.get(Store, STORE_ID) is not None


# --- staff ---------------------------------------------------------------

def _add_staff(session: Session, member: StaffMember, pin: str | None) -> None:
    problems = {}
    if not member.code.strip():
        problems["code"] = "each person needs a short code, such as their initials"
    if not member.name.strip():
        problems["name"] = "each person needs a name"
    check_text(problems, "code", member.code, CODE)
    check_text(problems, "name", member.name, NAME)
    if session.scalar(select(Staff).where(Staff.code == member.code.strip())):
        problems["code"] = f"the code {member.code!r} is already taken"
    try:
        pin = check_new_pin(session, pin)
    except Invalid as exc:
        problems.update(exc.problems)
    if problems:
        raise Invalid(problems)
    assert pin is not None
    session.add(
        Staff(
            code=member.code.strip(),
            name=member.name.strip(),
            role=member.role,
            pin_hash=hash_pin(pin),
            active=member.active,
        )
    )


def add_staff(db: Database, member: StaffMember, by: Actor, pin: str | None = None) -> None:
    """A new person, with the PIN they will sign in with."""
    with write(db, by, Act.STAFF, member.name) as w:
        _add_staff(w.session, member, pin)


def _keep_a_manager(session: Session, staff: Staff, role: Role, active: bool) -> None:
    """A store with no manager at work could never change a setting, a PIN or the staff
    again: the last one stays a manager until someone else is made one."""
    role = Role(role)
    if staff.role != Role.MANAGER or not staff.active or (role == Role.MANAGER and active):
        return
    others = session.scalar(
        select(func.count()).select_from(Staff).where(
            Staff.role == Role.MANAGER, Staff.active.is_(True), Staff.id != staff.id))
    if not others:
        change = (f"retiring {staff.name}" if not active
                  else f"making {staff.name} {role.value} staff")
        raise NotAllowed(f"{staff.name} is the last manager still working here: make someone "
                         f"else a manager before {change}.")


def update_staff(db: Database, member: StaffMember, by: Actor, pin: str | None = None) -> None:
    """Name, role and whether they still work here; a new PIN also unlocks a locked one."""
    with write(db, by, Act.STAFF, member.name) as w:
        staff = staff_by_code(w.session, member.code)
        problems: dict[str, str] = {}
        check_text(problems, "name", member.name, NAME, required=True)
        if problems:
            raise Invalid(problems)
        _keep_a_manager(w.session, staff, member.role, member.active)
        staff.name = member.name.strip()
        staff.role = member.role
        staff.active = member.active
        if pin:
            staff.pin_hash = hash_pin(check_new_pin(w.session, pin))
            staff.pin_locked = False
            staff.failed_pins = 0
            staff.last_failed_pin_at = None


def retire_staff(db: Database, code: str, by: Actor) -> None:
    """Someone who has left: they cannot sign in and leave the lists, and every ticket, move
    and payment they made still names them. Nobody is ever deleted."""
    with write(db, by, Act.STAFF, code) as w:
        staff = staff_by_code(w.session, code)
        _keep_a_manager(w.session, staff, staff.role, False)
        staff.active = False


def list_staff(db: Database, include_inactive: bool = False) -> list[StaffMember]:
    with db.session(write=False) as session:
        query = select(Staff).order_by(Staff.name)
        if not include_inactive:
            query = query.where(Staff.active.is_(True))
        return [
            StaffMember(s.code, s.name, s.role, s.pin_hash is not None, s.active, s.pin_locked)
            for s in session.scalars(query)
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


def save_catalog(db: Database, entries: Iterable[CatalogEntry], by: Actor) -> None:
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
    with write(db, by, Act.CATALOG) as w:
        for entry, price in checked:
            row = w.session.get(CatalogService, entry.code.strip()) or CatalogService(
                code=entry.code.strip()
            )
            row.name = entry.name.strip()
            row.default_price = price
            row.bench_days = entry.bench_days
            row.usually_outside = entry.usually_outside
            row.active = entry.active
            w.session.add(row)
