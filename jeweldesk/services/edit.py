"""Correcting a ticket after intake: only the fields given change, and each change is kept.

Every changed field leaves a TicketEdit row with its old and new value as a person
reads them, so the story can say who changed the price, when, and from what.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Final

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from jeweldesk.domain import writing
from jeweldesk.domain.errors import Invalid
from jeweldesk.domain.permissions import Act
from jeweldesk.services.piece_checks import (
    ServiceLine,
    below_catalog,
    check_deposit,
    check_description,
    check_occasion,
    check_piece_words,
    check_services,
    jeweler_id,
    money_or_problem,
    service_rows,
    text_or_none,
)
from jeweldesk.storage.door import Actor, check_version, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import ticket_by_number
from jeweldesk.storage.tables import Staff, Ticket, TicketEdit, TicketService, Vendor

__all__ = ["UNCHANGED", "ServiceLine", "day_text", "edit_ticket", "services_text"]


class _Unchanged(enum.Enum):
    UNCHANGED = "unchanged"


# "Leave this field as it is", distinct from None, which clears a field.
UNCHANGED: Final = _Unchanged.UNCHANGED

Change = Callable[[str, str | None, str | None], None]


def day_text(day: date | None) -> str | None:
    return writing.day(day, year=True) if day else None


def services_text(lines: Sequence[tuple[str, Decimal, str | None]]) -> str:
    """(description, price, vendor name) as one line: "Retip four prongs $90.00; …"."""
    return "; ".join(
        f"{description} {writing.money(price)}" + (f" at {vendor}" if vendor else "")
        for description, price, vendor in lines
    )


def _service_lines(session: Session, rows: Sequence[TicketService]) -> str:
    return services_text([
        (row.description, row.price,
         vendor.name if row.vendor_id and (vendor := session.get(Vendor, row.vendor_id)) else None)
        for row in rows
    ])


def _staff_name(session: Session, staff_id: int | None) -> str | None:
    staff = session.get(Staff, staff_id) if staff_id is not None else None
    return staff.name if staff else None


def _closed(ticket: Ticket) -> Invalid:
    return Invalid({"ticket": f"{ticket.number} is {ticket.status.said}; a closed "
                              "ticket's record stays as it was"})


def _described(text: str | None) -> str:
    return (text or "").strip()


# The piece's words a counter may correct, by the name edit_ticket takes: the ticket's
# column, and how the typed text is kept (a description is never empty).
_WORDS: Final[dict[str, tuple[str, Callable[[str | None], str | None]]]] = {
    "description": ("item_description", _described),
    "metal": ("item_metal", text_or_none),
    "stones": ("item_stones", text_or_none),
    "condition": ("item_condition", text_or_none),
    "occasion_what": ("occasion_what", text_or_none),
}


def edit_ticket(
    db: Database,
    number: str,
    by: Actor,
    expected_version: int,
    *,
    description: str | _Unchanged = UNCHANGED,
    metal: str | None | _Unchanged = UNCHANGED,
    stones: str | None | _Unchanged = UNCHANGED,
    condition: str | None | _Unchanged = UNCHANGED,
    declared_value: Decimal | str | None | _Unchanged = UNCHANGED,
    services: Sequence[ServiceLine] | _Unchanged = UNCHANGED,
    assigned_to: str | None | _Unchanged = UNCHANGED,
    occasion_what: str | None | _Unchanged = UNCHANGED,
    occasion_date: date | None | _Unchanged = UNCHANGED,
) -> int:
    """Change the fields given, all or none, as ``by``; returns the ticket's new version.

    Refused with Invalid (a problem per field) or Conflict (someone changed the
    ticket since the screen read ``expected_version``); either way nothing is written.
    """
    words = {field: value for field, value in (
        ("description", description), ("metal", metal), ("stones", stones),
        ("condition", condition), ("occasion_what", occasion_what),
    ) if value is not UNCHANGED}
    problems: dict[str, str] = {}
    if description is not UNCHANGED:
        check_description(description, "description", problems)
    check_piece_words(words.get("metal"), words.get("stones"), words.get("condition"),
                      words.get("occasion_what"), "", problems)
    new_value = None
    if declared_value is not UNCHANGED:
        new_value = money_or_problem(declared_value, "declared_value", problems)
    new_total = None
    if services is not UNCHANGED:
        new_total = check_services(services, "", problems)
    with write(db, by, Act.EDIT, number) as w:
        session = w.session
        ticket = ticket_by_number(session, number, lock=True)
        check_version(ticket, expected_version)
        if ticket.status.is_closed:
            raise _closed(ticket)
        if new_total is not None and not any(k.startswith("services") for k in problems):
            _check_money_taken(ticket, new_total, problems)
        check_occasion(
            ticket.occasion_what if occasion_what is UNCHANGED else occasion_what,
            ticket.occasion_date if occasion_date is UNCHANGED else occasion_date,
            "", problems)
        if problems:
            raise Invalid(problems)
        if services is not UNCHANGED and (cut := below_catalog(session, services)):
            w.require(Act.PRICE_BELOW_CATALOG, ", ".join(cut))
        changes: list[tuple[str, str | None, str | None]] = []

        def change(field: str, old: str | None, new: str | None) -> None:
            if old != new:
                changes.append((field, old, new))

        # Look-ups along the way must not flush the half-changed ticket: each
        # flush would be an UPDATE of its own, and one edit is one new version.
        with session.no_autoflush:
            for field, typed in words.items():
                column, kept = _WORDS[field]
                new = kept(typed)
                change(field, getattr(ticket, column), new)
                setattr(ticket, column, new)
            if declared_value is not UNCHANGED:
                change("declared_value", writing.money(ticket.declared_value) or None,
                       writing.money(new_value) or None)
                ticket.declared_value = new_value
            if services is not UNCHANGED:
                _edit_services(session, ticket, services, change)
            if assigned_to is not UNCHANGED:
                new_id = jeweler_id(session, assigned_to, "assigned_to")
                change("assigned_to", _staff_name(session, ticket.assigned_to_id),
                       _staff_name(session, new_id))
                ticket.assigned_to_id = new_id
            if occasion_date is not UNCHANGED:
                change("occasion_date", day_text(ticket.occasion_date), day_text(occasion_date))
                ticket.occasion_date = occasion_date
            if not changes:
                return ticket.version
            # A change to the services alone would not touch the ticket's own row, and
            # then its version would not move: other screens must see that it changed.
            flag_modified(ticket, "item_description")
        session.add_all(TicketEdit(ticket_id=ticket.id, at=w.now, by_id=w.person_id,
                                   field=field, old_value=old, new_value=new)
                        for field, old, new in changes)
        session.flush()
        return ticket.version


def _check_money_taken(ticket: Ticket, total: Decimal, problems: dict[str, str]) -> None:
    """The work cannot come to less than the customer has already given the store."""
    check_deposit(ticket.deposit, total, "deposit", problems)
    paid = ticket.paid
    if "deposit" not in problems and paid > total and paid != ticket.deposit:
        problems["services"] = (f"{writing.money(paid)} is already paid, more than the new total "
                                f"{writing.money(total)}")


def _edit_services(session: Session, ticket: Ticket, lines: Sequence[ServiceLine],
                   change: Change) -> None:
    rows = service_rows(session, lines, "")
    same = [(s.code, s.description, s.price, s.vendor_id) for s in ticket.services] == [
        (r.code, r.description, r.price, r.vendor_id) for r in rows]
    if same:
        return
    old = _service_lines(session, ticket.services)
    ticket.services = rows
    change("services", old, _service_lines(session, rows))

