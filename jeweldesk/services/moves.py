"""Moving a ticket along its status path, changing its promise, cancelling it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from jeweldesk.domain.errors import Invalid, MoveRefused
from jeweldesk.domain.kinds import Role
from jeweldesk.domain.permissions import Act
from jeweldesk.domain.rules import TEXT, promise_problem, refuse_bad_texts
from jeweldesk.domain.status import Status, can_move, refusal
from jeweldesk.storage.door import Actor, Writing, check_version, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import ticket_by_number
from jeweldesk.storage.tables import ParcelItem, PromiseChange, Ticket, TicketEvent
from jeweldesk.storage.telling_tables import Approval


@dataclass(frozen=True)
class TicketState:
    number: str
    status: Status
    version: int
    promised_for: date


def state_of(ticket: Ticket) -> TicketState:
    """The ticket as a screen should hold it next: flushed first, so its version is the new one."""
    session = object_session(ticket)
    if session is not None:
        session.flush()
    return TicketState(ticket.number, ticket.status, ticket.version, ticket.promised_for)


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


def out_in_parcel(session: Session, ticket: Ticket) -> str | None:
    """Where a piece out at a vendor is, in words ("Riverbend Plating in parcel S-1"), while
    its parcel has not brought it back; None when it is not out in one."""
    if ticket.status != Status.AT_VENDOR:
        return None
    item = session.scalar(select(ParcelItem).where(ParcelItem.ticket_id == ticket.id,
                                                   ParcelItem.returned_at.is_(None))
                          .order_by(ParcelItem.id.desc()).limit(1))
    if item is None:
        return None
    return f"{item.parcel.vendor.name} in parcel {item.parcel.ref}"


def back_by_check_in(number: str, where: str) -> str:
    return (f"{number} is out at {where}: it comes back when the parcel is checked in "
            "(Parcels › Receive a parcel)")


# Who starts a piece becomes its jeweler: a bench person, or a manager who works the bench.
# Counter staff sending a piece through to the bench are not claiming the work.
CLAIMS_THE_WORK = frozenset({Role.BENCH, Role.MANAGER})


def move(db: Database, number: str, to: Status | str, by: Actor, note: str | None = None,
         expected_version: int | None = None, at: datetime | None = None) -> TicketState:
    """Move one ticket; a move the path does not allow is refused and writes nothing.

    A piece goes to a vendor only in a parcel (``parcels.send_parcel``), so its custody
    always names the vendor and the parcel; this plain move refuses it.
    """
    target = Status(to)
    with write(db, by, act_of(target), number) as w:
        return state_of(moved(w, number, target, note, expected_version, at))


def open_question(ticket: Ticket) -> Approval | None:
    """What the customer is still to answer about the piece, if anything."""
    return next((a for a in ticket.approvals if a.answered_at is None), None)


def act_of(target: Status) -> Act:
    return Act.CANCEL if target == Status.CANCELLED else Act.MOVE


def moved(w: Writing, number: str, target: Status, note: str | None = None,
          expected_version: int | None = None, at: datetime | None = None) -> Ticket:
    """``move``'s work inside a write the caller holds (``act_of(target)``): the ticket
    moved, for the caller to read on in the same session."""
    refuse_bad_texts(("note", note, TEXT))
    ticket = ticket_by_number(w.session, number, lock=True)
    check_version(ticket, expected_version)
    if target == Status.AT_VENDOR and can_move(ticket.status, target):
        raise MoveRefused(f"{ticket.number} goes to a vendor in a parcel: "
                          "Parcels › New parcel")
    if (where := out_in_parcel(w.session, ticket)) is not None:
        # Custody stays true: the parcel it went in says it is still out.
        raise MoveRefused(back_by_check_in(ticket.number, where))
    if target == Status.READY and (asked := open_question(ticket)) is not None:
        raise MoveRefused(f"{ticket.number} waits for the customer's yes to “{asked.what}”: it is "
                          "ready once they have answered (the ticket's Waiting for a yes)")
    apply_move(w.session, ticket, target, w.person_id, at or w.now, note)
    if (target == Status.AT_BENCH and ticket.assigned_to_id is None
            and w.person is not None and w.person.role in CLAIMS_THE_WORK):
        ticket.assigned_to_id = w.person.id
    return ticket


def cancel(db: Database, number: str, by: Actor, reason: str,
           expected_version: int | None = None) -> TicketState:
    if not reason.strip():
        raise Invalid({"reason": "say why the ticket is cancelled"})
    return move(db, number, Status.CANCELLED, by, reason, expected_version)


def change_promise(db: Database, number: str, new_date: date, by: Actor,
                   reason: str | None = None, expected_version: int | None = None) -> TicketState:
    """A new promised date; the earlier promise stays on record."""
    refuse_bad_texts(("reason", reason, TEXT))
    with write(db, by, Act.PROMISE, number) as w:
        ticket = ticket_by_number(w.session, number, lock=True)
        check_version(ticket, expected_version)
        if ticket.status.is_closed:
            raise Invalid({"promised_for": f"{ticket.number} is {ticket.status.value}"})
        if problem := promise_problem(new_date, w.now.date()):
            raise Invalid({"promised_for": problem})
        if new_date == ticket.promised_for:
            return state_of(ticket)
        w.session.add(PromiseChange(ticket_id=ticket.id, at=w.now, by_id=w.person_id,
                                    old_date=ticket.promised_for, new_date=new_date,
                                    reason=(reason or "").strip() or None))
        ticket.promised_for = new_date
        return state_of(ticket)
