"""The store's vendors: who they are, how to reach them, what they do and how parcels go to
them. A manager adds, edits and retires them; a vendor with history is never deleted, only
retired: it stays on its parcels and is no longer offered for new ones."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from jeweldesk.domain.contact_details import (
    DetailError,
    normalise_email,
    normalise_phone,
    shown_phone,
)
from jeweldesk.domain.errors import Invalid
from jeweldesk.domain.permissions import Act
from jeweldesk.domain.rules import NAME, TEXT, check_text
from jeweldesk.storage.door import Actor, changed_meanwhile, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import get_store, vendor_by_code
from jeweldesk.storage.tables import Parcel, TicketService, Vendor

MAX_QUOTE_DAYS = 365
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # ISO 1 … 7


@dataclass(frozen=True)
class VendorInfo:
    """A vendor as a form shows it and a service is given it."""

    code: str
    name: str
    contact: str | None = None
    phone: str | None = None
    email: str | None = None
    quoted_turnaround_days: int = 7
    active: bool = True
    address: str | None = None  # printed on the parcel manifest
    work: str | None = None  # what they do for the store
    carriers: tuple[str, ...] = ()  # the usual one first
    ship_weekdays: tuple[int, ...] = ()  # ISO weekdays parcels go out; none: any day
    retired_at: datetime | None = None
    version: int | None = None  # as read; an edit gives it back to catch a clash
    has_history: bool = False  # parcels or ticket lines name it

    @property
    def ships(self) -> str:
        return ships_words(self.carriers, self.ship_weekdays)


def ships_words(carriers: Sequence[str], weekdays: Sequence[int]) -> str:
    """'by UPS on Tue and Thu', for a screen: how parcels usually go to a vendor."""
    names = [WEEKDAY_NAMES[d - 1] for d in weekdays if 1 <= d <= 7]
    days = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)
    by = f"by {' or '.join(carriers)}" if carriers else ""
    return " on ".join(x for x in (by, days) if x) if by else (f"on {days}" if days else "")


def _info(session: Session, vendor: Vendor) -> VendorInfo:
    history = session.scalar(select(
        exists().where(Parcel.vendor_id == vendor.id)
        | exists().where(TicketService.vendor_id == vendor.id)))
    return VendorInfo(
        code=vendor.code, name=vendor.name, contact=vendor.contact,
        phone=shown_phone(vendor.phone, get_store(session).country),
        email=vendor.email, quoted_turnaround_days=vendor.quoted_turnaround_days,
        active=vendor.active, address=vendor.address, work=vendor.work,
        carriers=tuple(vendor.carrier_list), ship_weekdays=tuple(vendor.weekdays),
        retired_at=vendor.retired_at, version=vendor.version, has_history=bool(history))


def _blank(text: str | None) -> str | None:
    return (text or "").strip() or None


def suggested_code(name: str, taken: set[str]) -> str:
    """A short code from the name ("Riverbend Plating" → "RIVE"), free in this store."""
    letters = re.sub(r"[^A-Z0-9]", "", name.upper())[:4] or "VEND"
    code, n = letters, 2
    while code in taken:
        code, n = f"{letters}{n}", n + 1
    return code


def _checked(session: Session, info: VendorInfo, new: bool) -> VendorInfo:
    """The details tidied, or Invalid with each problem in plain words."""
    problems: dict[str, str] = {}
    name = info.name.strip()
    code = info.code.strip().upper()
    if not name:
        problems["name"] = "a vendor needs a name"
    check_text(problems, "name", info.name, NAME)
    check_text(problems, "contact", info.contact, NAME)
    check_text(problems, "address", info.address, TEXT, lines=True)
    check_text(problems, "work", info.work, TEXT, lines=True)
    if new:
        taken = {c.upper() for c in session.scalars(select(Vendor.code))}
        if not code:
            code = suggested_code(name, taken)
        elif not re.fullmatch(r"[A-Z0-9_-]{1,16}", code):
            problems["code"] = "a short code of letters and digits, such as PLAT"
        else:
            holder = session.scalar(select(Vendor).where(Vendor.code.in_((code, info.code))))
            if holder is not None:
                problems["code"] = f"the code {code} is already {holder.name}'s"
        if name and (same := session.scalar(
                select(Vendor).where(Vendor.name == name, Vendor.active.is_(True)))):
            problems["name"] = f"{name} is already on record (code {same.code})"
    email = phone = None
    try:
        phone = normalise_phone(info.phone, get_store(session).country)
    except DetailError as exc:
        problems["phone"] = str(exc)
    try:
        email = normalise_email(info.email)
    except DetailError as exc:
        problems["email"] = str(exc)
    if not 0 <= info.quoted_turnaround_days <= MAX_QUOTE_DAYS:
        problems["quoted_turnaround_days"] = (
            f"their usual quote is a number of days, 0 to {MAX_QUOTE_DAYS}")
    carriers = tuple(dict.fromkeys(c.strip() for c in info.carriers if c.strip()))
    if any("," in c for c in carriers):
        problems["carriers"] = "one carrier at a time; a comma cannot be part of a name"
    if any(d not in range(1, 8) for d in info.ship_weekdays):
        problems["ship_weekdays"] = "weekdays are 1 (Monday) to 7 (Sunday)"
    if problems:
        raise Invalid(problems)
    return replace(info, code=code, name=name, contact=_blank(info.contact), phone=phone,
                   email=email, address=_blank(info.address), work=_blank(info.work),
                   carriers=carriers, ship_weekdays=tuple(sorted(set(info.ship_weekdays))))


def _apply(vendor: Vendor, info: VendorInfo) -> None:
    vendor.name = info.name
    vendor.contact = info.contact
    vendor.phone = info.phone
    vendor.email = info.email
    vendor.address = info.address
    vendor.work = info.work
    vendor.quoted_turnaround_days = info.quoted_turnaround_days
    vendor.carriers = ",".join(info.carriers) or None
    vendor.ship_weekdays = ",".join(str(d) for d in info.ship_weekdays) or None


def add_vendor(db: Database, info: VendorInfo, by: Actor) -> str:
    """A new vendor; its code is suggested from the name when none is given. Returns it."""
    with write(db, by, Act.VENDORS, info.name.strip() or "a vendor") as w:
        checked = _checked(w.session, info, new=True)
        vendor = Vendor(code=checked.code, active=True)
        _apply(vendor, checked)
        w.session.add(vendor)
        return checked.code


def edit_vendor(db: Database, info: VendorInfo, by: Actor,
                expected_version: int | None = None) -> VendorInfo:
    """New details for the vendor with this code; its code and its history stay as they are."""
    with write(db, by, Act.VENDORS, info.name.strip() or info.code) as w:
        vendor = vendor_by_code(w.session, info.code)
        if expected_version is not None and vendor.version != expected_version:
            raise changed_meanwhile(vendor.name)
        _apply(vendor, _checked(w.session, info, new=False))
        w.session.flush()
        return _info(w.session, vendor)


def retire_vendor(db: Database, code: str, by: Actor) -> VendorInfo:
    """No longer offered for new parcels or work; its parcels and history stay as they are,
    and a parcel still out with it can be checked in as usual."""
    with write(db, by, Act.VENDORS, code) as w:
        vendor = vendor_by_code(w.session, code)
        if vendor.active:
            vendor.active = False
            vendor.retired_at = w.now
        w.session.flush()
        return _info(w.session, vendor)


def bring_back_vendor(db: Database, code: str, by: Actor) -> VendorInfo:
    """A retired vendor offered for new parcels again."""
    with write(db, by, Act.VENDORS, code) as w:
        vendor = vendor_by_code(w.session, code)
        vendor.active = True
        vendor.retired_at = None
        w.session.flush()
        return _info(w.session, vendor)


def save_vendor(db: Database, info: VendorInfo, by: Actor) -> None:
    """Add a vendor, or update the one with this code (the setup tools' way in)."""
    with write(db, by, Act.VENDORS, info.name.strip() or info.code) as w:
        vendor = w.session.scalar(select(Vendor).where(Vendor.code == info.code.strip()))
        checked = _checked(w.session, info, new=vendor is None)
        if vendor is None:
            vendor = Vendor(code=checked.code)
            w.session.add(vendor)
        _apply(vendor, checked)
        vendor.active = info.active


def vendor_details(db: Database, code: str) -> VendorInfo:
    with db.session(write=False) as session:
        return _info(session, vendor_by_code(session, code))


def list_vendors(db: Database, include_inactive: bool = False) -> list[VendorInfo]:
    """The vendors offered for new parcels and work, by name; retired ones too if asked."""
    with db.session(write=False) as session:
        query = select(Vendor).order_by(Vendor.name)
        if not include_inactive:
            query = query.where(Vendor.active.is_(True))
        return [_info(session, v) for v in session.scalars(query)]
