"""The document against the store it goes into: new numbers only, the same staff and vendors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jeweldesk.domain.contact_details import phone_digits
from jeweldesk.interchange.common import Problem, path_of
from jeweldesk.interchange.semantic import records
from jeweldesk.storage.tables import Parcel, Staff, Ticket, Vendor

CHUNK = 500  # well under every database's limit on bound parameters


def _chunks(values: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


def _present(session: Session, column: Any, values: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(values):
        found.update(session.scalars(select(column).where(column.in_(chunk))))
    return found


def database_problems(document: Any, session: Session) -> list[Problem]:
    problems: list[Problem] = []
    problems += _taken(document, session, "tickets", "number", Ticket.number, "ticket number")
    problems += _taken(document, session, "shipments", "ref", Parcel.ref, "parcel ref")
    problems += _staff(document, session)
    problems += _vendors(document, session)
    return problems


def _taken(document: Any, session: Session, name: str, key: str, column: Any,
           what: str) -> list[Problem]:
    wanted = [(i, r[key]) for i, r in records(document, name) if isinstance(r.get(key), str)]
    present = _present(session, column, [value for _, value in wanted])
    return [Problem(path_of(name, i, key), f"the {what} {value} is already in this store")
            for i, value in wanted if value in present]


def _differences(record: dict[str, Any], existing: dict[str, Any]) -> list[str]:
    return [key for key, value in existing.items() if not _same(key, record.get(key), value)]


def _same(key: str, brought: Any, kept: Any) -> bool:
    # The store keeps a phone one way (+16015550190); "+1 601 555 0190" is the same number.
    if key == "phone" and isinstance(brought, str) and isinstance(kept, str):
        return phone_digits(brought) == phone_digits(kept)
    return bool(brought == kept)


def _staff(document: Any, session: Session) -> list[Problem]:
    problems = []
    existing = {s.code: s for s in session.scalars(select(Staff))}
    for i, record in records(document, "staff"):
        code = record.get("code")
        staff = existing.get(code) if isinstance(code, str) else None
        if staff is None:
            continue
        details = {"name": staff.name, "role": staff.role.value}
        for key in _differences(record, details):
            problems.append(Problem(
                path_of("staff", i, key),
                f"{staff.code} is already in this store with {key} {details[key]!r}; "
                "a code stays with one person"))
    return problems


def _vendors(document: Any, session: Session) -> list[Problem]:
    problems = []
    existing = {v.code: v for v in session.scalars(select(Vendor))}
    for i, record in records(document, "vendors"):
        code = record.get("code")
        vendor = existing.get(code) if isinstance(code, str) else None
        if vendor is None:
            continue
        details = {"name": vendor.name, "phone": vendor.phone, "email": vendor.email,
                   "quoted_turnaround_days": vendor.quoted_turnaround_days}
        for key in _differences(record, details):
            problems.append(Problem(
                path_of("vendors", i, key),
                f"{vendor.code} is already in this store with {key} {details[key]!r}"))
    return problems
