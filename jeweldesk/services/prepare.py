"""Preparing the customer for a promise that is slipping: the briefing, the call, the record.

A flag counts as handled while the picture staff acted on still holds: the latest
FlagHandled for the ticket has the same level, expected-ready date and promise as
the flag has now. Any change there puts the flag back in front of the counter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from jeweldesk.domain.bill import Reduction
from jeweldesk.domain.contact_details import shown_phone
from jeweldesk.domain.errors import Invalid
from jeweldesk.domain.kinds import Channel
from jeweldesk.domain.levels import Level
from jeweldesk.domain.money import ZERO
from jeweldesk.domain.permissions import Act
from jeweldesk.domain.rules import NAME, TEXT, promise_problem, refuse_bad_texts
from jeweldesk.domain.status import NOT_CLOSED_STATUSES, Status
from jeweldesk.risk.engine import Flag, assess, date_to_offer, track_record
from jeweldesk.risk.history import History
from jeweldesk.services.at_risk import history_in, load_history, one_picture
from jeweldesk.services.payments import add_discount
from jeweldesk.services.prepare_words import (
    NEW_DATE,
    WayOut,
    courtesy_given,
    opening,
    ways_out,
    where_now,
    written_reason,
)
from jeweldesk.storage.door import Actor, Writing, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import (
    calendar,
    get_store,
    store_now,
    ticket_by_number,
)
from jeweldesk.storage.tables import Contact, FlagHandled, ParcelItem, PromiseChange, Staff, Ticket

AGREED_NEW_DATE = "Agreed new date"
OUTCOMES = (AGREED_NEW_DATE, "Will collect as is", "Wants a rush", "Left a message", "Other")

__all__ = [
    "AGREED_NEW_DATE",
    "NEW_DATE",
    "OUTCOMES",
    "Briefing",
    "FlagWithHandling",
    "Handling",
    "Logged",
    "WayOut",
    "briefing",
    "RiskInputs",
    "flags_from",
    "flags_with_handling",
    "risk_inputs",
    "risk_inputs_in",
    "log_preparation",
    "write_instead",
]


@dataclass(frozen=True)
class Handling:
    by_code: str
    by_name: str
    at: datetime


@dataclass(frozen=True)
class FlagWithHandling:
    flag: Flag
    handling: Handling | None  # the latest time staff acted on this ticket's flag
    handled: bool  # that handling still fits the flag as it stands now

    @property
    def ticket(self) -> str:
        return self.flag.ticket


@dataclass(frozen=True)
class Briefing:
    """Everything the counter needs on one screen before calling the customer."""

    number: str
    today: date
    customer_name: str
    phone: str | None
    email: str | None
    preferred_channel: Channel | None
    customer_notes: str | None
    piece: str
    work: tuple[str, ...]
    occasion_what: str | None
    occasion_date: date | None
    occasion_threatened: bool
    status: Status
    where_now: str
    written_reason: str  # why the new date, as a letter to the customer says it
    level: Level | None  # None when the engine has nothing to say (a closed ticket)
    promised_for: date
    original_promised_for: date
    expected_ready: date | None
    reasons: tuple[str, ...]
    opening: str
    ways_out: tuple[WayOut, ...]
    suggested_date: date  # the earliest date the store can honestly promise now
    handled: FlagWithHandling | None


@dataclass(frozen=True)
class Logged:
    number: str
    at: datetime
    promised_for: date
    original_promised_for: date
    flag: Flag | None  # the ticket's flag after the call; on track when the new date fixed it


@dataclass(frozen=True)
class HandledMark:
    """What a flag looked like when staff acted on it."""

    handling: Handling
    level: str
    expected_ready: date | None
    promised_for: date


@dataclass(frozen=True)
class RiskInputs:
    """Everything the at-risk list needs from the database; judging it needs none."""

    moment: datetime
    history: History
    marks: dict[str, HandledMark]


def risk_inputs(db: Database, as_of: date | datetime | None = None) -> RiskInputs:
    with one_picture(db) as session:
        return risk_inputs_in(session, as_of)


def risk_inputs_in(session: Session, as_of: date | datetime | None = None) -> RiskInputs:
    """The history and the handled marks, read in one picture of the store."""
    moment, history = history_in(session, as_of)
    return RiskInputs(moment, history, _latest_marks(session, moment))


def flags_from(inputs: RiskInputs, listed_only: bool = True) -> list[FlagWithHandling]:
    """The engine's flags, most urgent first, each saying whether staff already acted on it.
    Pure: the window runs this off its own thread."""
    flags = assess(inputs.history, inputs.moment)
    if listed_only:
        flags = [f for f in flags if f.listed]
    out = []
    for flag in flags:
        mark = inputs.marks.get(flag.ticket)
        if mark is None:
            out.append(FlagWithHandling(flag, None, False))
        else:
            out.append(FlagWithHandling(flag, mark.handling, _fits(mark, flag)))
    return out


def track_from(inputs: RiskInputs) -> str:
    """How the warnings have done at this store lately, as one sentence for Today and the
    morning list. Pure, like ``flags_from``; cheap after it (the same past mornings)."""
    return track_record(inputs.history, inputs.moment).said()


def flags_with_handling(db: Database, as_of: date | datetime | None = None,
                        listed_only: bool = True) -> list[FlagWithHandling]:
    return flags_from(risk_inputs(db, as_of), listed_only)


def _fits(mark: HandledMark, flag: Flag) -> bool:
    return (mark.level, mark.expected_ready, mark.promised_for) == (
        flag.level, flag.expected_ready, flag.promised_for)


def _latest_marks(session: Session, moment: datetime) -> dict[str, HandledMark]:
    """Each open ticket's latest handling at or before the moment."""
    rows = session.execute(
        select(Ticket.number, FlagHandled, Staff)
        .join(Ticket, Ticket.id == FlagHandled.ticket_id)
        .join(Staff, Staff.id == FlagHandled.by_id)
        .where(Ticket.status.in_(NOT_CLOSED_STATUSES), FlagHandled.at <= moment)
        .order_by(FlagHandled.at, FlagHandled.id)
    ).all()
    return {  # later rows win
        number: HandledMark(Handling(staff.code, staff.name, row.at), row.level,
                            row.expected_ready, row.promised_for)
        for number, row, staff in rows
    }


def briefing(db: Database, number: str) -> Briefing:
    """Why the customer came, how to reach them, what to tell them, and the ways out."""
    with db.session(write=False) as session:
        ticket = ticket_by_number(session, number)
        now = store_now(session)
        today = now.date()
        flag = _flag_now(session, ticket.number, now)
        suggested = _suggested_date(session, flag, today)
        items = _parcel_items(session, ticket)
        customer = ticket.customer
        return Briefing(
            number=ticket.number,
            today=today,
            customer_name=customer.name,
            phone=shown_phone(customer.phone, get_store(session).country),
            email=customer.email,
            preferred_channel=customer.preferred_channel,
            customer_notes=customer.notes,
            piece=_piece(ticket),
            work=tuple(s.description or s.code for s in ticket.services),
            occasion_what=ticket.occasion_what,
            occasion_date=ticket.occasion_date,
            occasion_threatened=bool(flag and flag.occasion_threatened),
            status=ticket.status,
            where_now=where_now(ticket, items),
            written_reason=written_reason(ticket, items),
            level=flag.level if flag else None,
            promised_for=ticket.promised_for,
            original_promised_for=_original_promise(ticket),
            expected_ready=flag.expected_ready if flag else None,
            reasons=flag.reasons if flag else (),
            opening=opening(ticket, get_store(session).name, flag, today),
            ways_out=ways_out_in(session, ticket, suggested, today),
            suggested_date=suggested,
            handled=_handling(session, flag, now) if flag is not None and flag.listed else None,
        )


def ways_out_in(session: Session, ticket: Ticket, new_date: date,
                today: date) -> tuple[WayOut, ...]:
    """The ways out the store can offer for the ticket (``ways_out``), read in the session."""
    visit: list[Ticket] = []
    if ticket.visit is not None:
        visit = list(session.scalars(
            select(Ticket).where(Ticket.visit == ticket.visit, Ticket.id != ticket.id)
            .order_by(Ticket.id)
        ))
    return ways_out(ticket, _parcel_items(session, ticket), visit, new_date, today)


def _parcel_items(session: Session, ticket: Ticket) -> list[ParcelItem]:
    return list(session.scalars(
        select(ParcelItem).where(ParcelItem.ticket_id == ticket.id).order_by(ParcelItem.id)
    ))


def _handling(session: Session, flag: Flag, moment: datetime) -> FlagWithHandling:
    mark = _latest_marks(session, moment).get(flag.ticket)
    if mark is None:
        return FlagWithHandling(flag, None, False)
    return FlagWithHandling(flag, mark.handling, _fits(mark, flag))


def _suggested_date(session: Session, flag: Flag | None, today: date) -> date:
    """A date the store can keep (``date_to_offer``)."""
    return today if flag is None else date_to_offer(flag, calendar(session), today)


def _original_promise(ticket: Ticket) -> date:
    changes = sorted(ticket.promise_changes, key=lambda c: (c.at, c.id))
    return changes[0].old_date if changes else ticket.promised_for


def _piece(ticket: Ticket) -> str:
    parts = [ticket.item_description]
    parts += [p for p in (ticket.item_metal, ticket.item_stones) if p]
    return ", ".join(parts)


def _flag_now(session: Session, number: str, moment: datetime) -> Flag | None:
    """The ticket's flag as the engine sees it within this session's transaction."""
    return next((f for f in assess(load_history(session, moment), moment) if f.ticket == number),
                None)


def log_preparation(db: Database, number: str, by: Actor, channel: Channel | str, outcome: str,
                    note: str | None = None, new_promise: date | None = None,
                    reason: str | None = None, offered: Sequence[str] = (),
                    courtesy: bool = False) -> Logged:
    """Record the call, any new promise and that the flag was handled: all or nothing.

    ``courtesy``: the customer took the new date with its courtesy, which lands on the
    ticket as a line of its own (the cleaning's price off, or the cleaning done free).

    The handled mark captures the flag as it stands after the new promise, so a
    promise that fixes the flag leaves nothing on the list, and anything that
    changes the picture later brings the flag back.
    """
    problems: dict[str, str] = {}
    chosen: Channel | None = None
    try:
        chosen = Channel(channel)
    except ValueError:
        options = ", ".join(c.value for c in Channel)
        problems["channel"] = f"{channel!r} is not one of {options}"
    refuse_bad_texts(("note", note, TEXT), ("outcome", outcome, NAME), ("reason", reason, TEXT))
    if not outcome.strip():
        problems["outcome"] = "say how the call ended"
    elif outcome.strip() == AGREED_NEW_DATE and new_promise is None:
        problems["new_promise"] = "which date did the customer agree to?"
    with write(db, by, Act.CONTACT, number) as w:
        session, now = w.session, w.now
        ticket = ticket_by_number(session, number, lock=True)
        original = _original_promise(ticket)
        if new_promise is not None:
            if ticket.status.is_closed:
                problems["new_promise"] = f"{ticket.number} is {ticket.status.value}"
            elif problem := promise_problem(new_promise, now.date()):
                problems["new_promise"] = problem
        if problems:
            raise Invalid(problems)
        assert chosen is not None
        session.add(Contact(ticket_id=ticket.id, at=now, by_id=w.person_id, channel=chosen,
                            note=_note(note, offered), outcome=outcome.strip()))
        if courtesy:
            if new_promise is None:
                problems["courtesy"] = "the courtesy comes with the new date the customer agreed"
                raise Invalid(problems)
            words, amount = courtesy_given(ticket)
            w.require(Act.COURTESY, number)
            add_discount(w, ticket, Reduction(amount=min(amount, max(ticket.balance, ZERO))),
                         words, courtesy=True, limited=False)
        if new_promise is not None and new_promise != ticket.promised_for:
            w.require(Act.PROMISE, number)
            session.add(PromiseChange(ticket_id=ticket.id, at=now, by_id=w.person_id,
                                      old_date=ticket.promised_for, new_date=new_promise,
                                      reason=(reason or "").strip() or None))
            ticket.promised_for = new_promise
        return _handled(w, ticket, original)


def _handled(w: Writing, ticket: Ticket, original: date) -> Logged:
    """The flag the piece had this moment, marked handled: it is not raised again until
    the piece's outlook changes."""
    w.session.flush()
    flag = _flag_now(w.session, ticket.number, w.now)
    if flag is not None:
        w.session.add(FlagHandled(ticket_id=ticket.id, at=w.now, by_id=w.person_id,
                                  level=flag.level, expected_ready=flag.expected_ready,
                                  promised_for=flag.promised_for))
    return Logged(ticket.number, w.now, ticket.promised_for, original, flag)


WRITTEN_WAYS = (Channel.EMAIL, Channel.SMS, Channel.LETTER)


def write_instead(db: Database, number: str, by: Actor, tell_by: Channel | str,
                  new_promise: date | None, reason: str) -> Logged:
    """The flag handled by writing rather than calling: the new date is on record, with
    the reason in the customer's words and the way to write, and the delayed notice that
    carries them is due (To tell) until it goes out. Nobody was spoken to, so no call is
    logged; the notice, once sent, is the contact."""
    problems: dict[str, str] = {}
    try:
        way = Channel(tell_by)
    except ValueError:
        way = None
    if way not in WRITTEN_WAYS:
        problems["tell_by"] = f"{tell_by!r} is not a way to write: email, sms or letter"
    refuse_bad_texts(("reason", reason, TEXT))
    if not reason.strip():
        problems["reason"] = "say why, in the words the customer will read"
    if new_promise is None:
        problems["new_promise"] = "which date does the letter give?"
    with write(db, by, Act.PROMISE, number) as w:
        session, now = w.session, w.now
        ticket = ticket_by_number(session, number, lock=True)
        customer = ticket.customer
        if ticket.status.is_closed:
            problems["new_promise"] = f"{ticket.number} is {ticket.status.value}"
        elif new_promise is not None and (problem := promise_problem(new_promise, now.date())):
            problems["new_promise"] = problem
        if way == Channel.EMAIL and not customer.email:
            problems["tell_by"] = f"{customer.name} has no email on record"
        if way == Channel.SMS and not customer.phone:
            problems["tell_by"] = f"{customer.name} has no phone on record for a text"
        if problems:
            raise Invalid(problems)
        assert new_promise is not None and way is not None
        w.require(Act.CONTACT, number)
        original = _original_promise(ticket)
        session.add(PromiseChange(ticket_id=ticket.id, at=now, by_id=w.person_id,
                                  old_date=ticket.promised_for, new_date=new_promise,
                                  reason=" ".join(reason.split()), tell_by=way))
        ticket.promised_for = new_promise
        return _handled(w, ticket, original)


def _note(note: str | None, offered: Sequence[str]) -> str | None:
    text = (note or "").strip()
    if offered:
        said = "Offered: " + ", ".join(offered) + "."
        text = f"{text}\n{said}" if text else said
    return text or None
