"""Moving a ticket along its status path, changing its promise, cancelling it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from jeweldesk.domain.errors import Conflict, Invalid, MoveRefused
from jeweldesk.domain.status import Status, can_move, refusal
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import mark_changed, staff_by_code, store_now, ticket_by_number
from jeweldesk.storage.tables import PromiseChange, Ticket, TicketEvent


@dataclass(frozen=True)
class TicketState:
    number: str
    status: Status
    version: int
    promised_for: date


def state_of(ticket: Ticket) -> TicketState:
    return TicketState(ticket.number, ticket.status, ticket.version, ticket.promised_for)


def check_version(ticket: Ticket, expected_version: int | None) -> None:
    """The screen saw ``expected_version``; if someone changed it since, say so."""
    if expected_version is not None and ticket.version != expected_version:
        raise Conflict(
            f"{ticket.number} was changed at another workstation while you had it open "
            f"(it is now {ticket.status.value}); nothing was saved. Look at it again and retry."
        )


def apply_move(session: Session, ticket: Ticket, to: Status, by_id: int, at: datetime,
               note: str | None = None) -> None:
    """The move itself, inside a caller's transaction; refused moves raise before writing."""
    if not can_move(ticket.status, to):
        raise MoveRefused(refusal(ticket.number, ticket.status, to))
    if at < ticket.status_at:
        raise MoveRefused(
            f"{ticket.number}: a move at {at:%Y-%m-%d %H:%M} would be before its last move "
            f"at {ticket.status_at:%Y-%m-%d %H:%M}"
        )
    ticket.status = to
    ticket.status_at = at
    session.add(TicketEvent(ticket_id=ticket.id, at=at, status=to, by_id=by_id,
                            note=(note or "").strip() or None))


def move(db: Database, number: str, to: Status | str, by: str, note: str | None = None,
         expected_version: int | None = None, at: datetime | None = None) -> TicketState:
    """Move one ticket; a move the path does not allow is refused and writes nothing."""
    target = Status(to)
    try:
        with db.session() as session:
            ticket = ticket_by_number(session, number, lock=True)
            check_version(ticket, expected_version)
            staff = staff_by_code(session, by)
            apply_move(session, ticket, target, staff.id, at or store_now(session), note)
            mark_changed(session)
            session.flush()
            return state_of(ticket)
    except StaleDataError:
        raise Conflict(
            f"{number} was moved at another workstation at the same moment; nothing was saved."
        ) from None


def cancel(db: Database, number: str, by: str, reason: str,
           expected_version: int | None = None) -> TicketState:
    if not reason.strip():
        raise Invalid({"reason": "say why the ticket is cancelled"})
    return move(db, number, Status.CANCELLED, by, reason, expected_version)


def change_promise(db: Database, number: str, new_date: date, by: str, reason: str | None = None,
                   expected_version: int | None = None) -> TicketState:
    """A new promised date; the earlier promise stays on record."""
    try:
        with db.session() as session:
            ticket = ticket_by_number(session, number, lock=True)
            check_version(ticket, expected_version)
            now = store_now(session)
            if ticket.status.is_closed:
                raise Invalid({"promised_for": f"{ticket.number} is {ticket.status.value}"})
            if new_date < now.date():
                raise Invalid({"promised_for": f"{new_date.isoformat()} is in the past"})
            if new_date == ticket.promised_for:
                return state_of(ticket)
            staff = staff_by_code(session, by)
            session.add(PromiseChange(ticket_id=ticket.id, at=now, by_id=staff.id,
                                      old_date=ticket.promised_for, new_date=new_date,
                                      reason=(reason or "").strip() or None))
            ticket.promised_for = new_date
            mark_changed(session)
            session.flush()
            return state_of(ticket)
    except StaleDataError:
        raise Conflict(f"{number} was changed at another workstation; nothing was saved.") from None
