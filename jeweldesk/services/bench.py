"""The bench: a jeweler's queue, and moving a scanned envelope on in a keystroke or two."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from jeweldesk.domain import writing
from jeweldesk.domain.errors import Invalid, NotFound
from jeweldesk.domain.kinds import Role
from jeweldesk.domain.parts_note import parts_note, read_parts_note
from jeweldesk.domain.status import ALLOWED_MOVES, Status
from jeweldesk.services.moves import act_of, back_by_check_in, moved, out_in_parcel
from jeweldesk.services.photos import add_photo
from jeweldesk.storage.door import Actor, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import get_store, staff_by_code, store_now, ticket_by_number
from jeweldesk.storage.tables import Approval, Staff, Ticket, TicketEvent

# On the jeweler's list until it is ready for the customer.
ON_THE_BENCH = (Status.RECEIVED, Status.AT_BENCH, Status.WAITING_PARTS, Status.AT_VENDOR,
                Status.QUALITY_CHECK)



@dataclass(frozen=True)
class BenchMove:
    """A move the bench makes with one key."""

    key: str
    to: Status
    label: str


BENCH_MOVES: tuple[BenchMove, ...] = (
    BenchMove("S", Status.AT_BENCH, "Start"),
    BenchMove("P", Status.WAITING_PARTS, "Waiting for parts"),
    BenchMove("Q", Status.QUALITY_CHECK, "Quality check"),
    BenchMove("R", Status.READY, "Ready"),
)


def next_moves(status: Status) -> tuple[BenchMove, ...]:
    """The bench moves the status path allows from here, in the bench's order."""
    return tuple(m for m in BENCH_MOVES if m.to in ALLOWED_MOVES[status])


def bench_move_for(key: str) -> BenchMove | None:
    return next((m for m in BENCH_MOVES if m.key == key.upper()), None)


@dataclass(frozen=True)
class Jeweler:
    code: str
    name: str
    role: Role


@dataclass(frozen=True)
class QueueLine:
    number: str
    version: int
    customer_name: str
    item: str
    work: str
    status: Status
    status_at: datetime
    promised_for: date
    occasion_what: str | None
    occasion_date: date | None
    asked: str | None = None  # the work waiting for the customer's yes, as asked


@dataclass(frozen=True)
class WaitingLine:
    number: str
    version: int
    customer_name: str
    item: str
    since: datetime
    parts_expected: date | None
    note: str | None
    promised_for: date


@dataclass(frozen=True)
class BenchQueue:
    jeweler: Jeweler
    queue: tuple[QueueLine, ...]
    waiting: tuple[WaitingLine, ...]
    today: date  # the store's, which may not be the PC's


@dataclass(frozen=True)
class Scanned:
    """An envelope just scanned at the bench: enough to decide its next move."""

    number: str
    version: int
    status: Status
    customer_name: str
    item: str
    work: str
    promised_for: date
    occasion_what: str | None
    occasion_date: date | None
    assigned_to_name: str | None
    moves: tuple[BenchMove, ...]
    today: date
    may_go_out: bool = False  # to a vendor, in a parcel: "Send in a parcel…"
    out: str | None = None  # out in a parcel: how it comes back, in a sentence
    asked: str | None = None  # the work waiting for the customer's yes, as asked


def jewelers(db: Database) -> list[Jeweler]:
    """Everyone who may hold work: bench people first, then the others who also do some."""
    with db.session(write=False) as session:
        staff = session.scalars(select(Staff).where(Staff.active.is_(True))).all()
        ordered = sorted(staff, key=lambda s: (s.role != Role.BENCH, s.name))
        return [Jeweler(s.code, s.name, s.role) for s in ordered]


def _work(ticket: Ticket) -> str:
    return ", ".join(s.description or s.code for s in ticket.services)


def _waiting_since(session: Session, ticket: Ticket) -> tuple[datetime, str | None]:
    event = session.scalar(
        select(TicketEvent)
        .where(TicketEvent.ticket_id == ticket.id, TicketEvent.status == Status.WAITING_PARTS)
        .order_by(TicketEvent.at.desc(), TicketEvent.id.desc())
        .limit(1)
    )
    return (event.at, event.note) if event else (ticket.status_at, None)


def bench_queue(db: Database, jeweler: str) -> BenchQueue:
    """The jeweler's open pieces, earliest promise first, and what waits for parts."""
    with db.session(write=False) as session:
        staff = staff_by_code(session, jeweler)
        tickets = session.scalars(
            select(Ticket)
            .where(Ticket.assigned_to_id == staff.id, Ticket.status.in_(ON_THE_BENCH))
            .options(selectinload(Ticket.services), selectinload(Ticket.customer))
            .order_by(Ticket.promised_for, Ticket.number)
        ).all()
        asked = _asked(session, [t.id for t in tickets])
        queue = tuple(
            QueueLine(t.number, t.version, t.customer.name, t.item_description, _work(t),
                      t.status, t.status_at, t.promised_for, t.occasion_what, t.occasion_date,
                      asked.get(t.id))
            for t in tickets
        )
        waiting = []
        for t in tickets:
            if t.status != Status.WAITING_PARTS:
                continue
            since, note = _waiting_since(session, t)
            expected, words = read_parts_note(note, since.date())
            waiting.append(WaitingLine(t.number, t.version, t.customer.name, t.item_description,
                                       since, expected, words, t.promised_for))
        waiting.sort(key=lambda w: (w.since, w.number))
        return BenchQueue(Jeweler(staff.code, staff.name, staff.role), queue, tuple(waiting),
                          store_now(session).date())


def scan(db: Database, number: str) -> Scanned:
    """A scanned envelope and the bench moves open to it."""
    with db.session(write=False) as session:
        return _scanned(session, ticket_by_number(session, number), store_now(session).date())


def _scanned(session: Session, t: Ticket, today: date) -> Scanned:
    out_in = out_in_parcel(session, t)
    asked = _asked(session, [t.id]).get(t.id)
    moves = () if out_in else next_moves(t.status)
    if asked is not None:  # it goes back to the customer only once they have answered
        moves = tuple(m for m in moves if m.to != Status.READY)
    return Scanned(t.number, t.version, t.status, t.customer.name, t.item_description,
                   _work(t), t.promised_for, t.occasion_what, t.occasion_date,
                   t.assigned_to.name if t.assigned_to else None, moves,
                   today, Status.AT_VENDOR in ALLOWED_MOVES[t.status],
                   back_by_check_in(t.number, out_in) if out_in else None, asked)


def _asked(session: Session, ticket_ids: list[int]) -> dict[int, str]:
    """What waits for each ticket's yes, as said at the bench: "Re-shank, $180.00"."""
    if not ticket_ids:
        return {}
    rows = session.scalars(select(Approval).where(Approval.ticket_id.in_(ticket_ids),
                                                  Approval.answered_at.is_(None)))
    return {a.ticket_id: a.what + (f", {writing.money(a.price)}" if a.price is not None else "")
            for a in rows}


def scanned_number_in(db: Database, text: str) -> tuple[str, str] | None:
    """A ticket number a scanner typed at the end of a note, and the words before it.

    A scan lands wherever the keyboard focus is; in a note it must open the envelope,
    never be saved as the jeweler's words. Only a number of this store's own shape, on
    record, at the very end counts: one mentioned mid-note ("as R-10002, redo") stays.
    A note ending on one is taken for a scan: the jeweler sees the envelope open and can
    type the note again, where a scan saved as words would go unseen.
    """
    with db.session(write=False) as session:
        prefix = get_store(session).ticket_prefix
        found = re.search(rf"{re.escape(prefix)}\d+\s*$", text, re.IGNORECASE)
        if found is None:
            return None
        typed = found.group(0).strip()
        before = text[:found.start()]
        try:
            number = ticket_by_number(session, typed).number
        except NotFound:
            return None
        return before.rstrip(), number


def move_on(db: Database, number: str, to: Status | str, by: str, note: str | None = None,
            expected_version: int | None = None) -> Scanned:
    """A bench move, and the envelope as it now stands, read in the move's own session;
    waiting for parts goes through ``wait_for_parts`` for its date."""
    target = Status(to)
    with write(db, by, act_of(target), number) as w:
        ticket = moved(w, number, target, note, expected_version)
        w.session.flush()  # its version is the new one
        return _scanned(w.session, ticket, w.now.date())


def wait_for_parts(db: Database, number: str, by: str, parts_expected: date | None = None,
                   note: str | None = None, expected_version: int | None = None) -> Scanned:
    """Put a piece aside for parts, with what was ordered and when it should arrive."""
    if not (note or "").strip() and parts_expected is None:
        raise Invalid({"note": "say which parts were ordered, or when they are expected"})
    return move_on(db, number, Status.WAITING_PARTS, by, parts_note(parts_expected, note),
                   expected_version)


def add_finished_photo(db: Database, number: str, data: bytes, by: Actor) -> int:
    return add_photo(db, number, data, by, stage="finished")
