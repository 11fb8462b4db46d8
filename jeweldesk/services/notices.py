"""The notices due: the records loaded for ``domain.notices``, which picks and words them."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import CompoundSelect, Select, case, func, select
from sqlalchemy.orm import Session

from jeweldesk.domain import notices as told
from jeweldesk.domain import writing
from jeweldesk.domain.contact_details import shown_phone
from jeweldesk.domain.kinds import ItemKind
from jeweldesk.domain.notice_words import Wording
from jeweldesk.domain.status import NOT_CLOSED_STATUSES, Status
from jeweldesk.printing.resources import load_note_wording
from jeweldesk.risk.asof import moment_of
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import calendar, get_store, store_now
from jeweldesk.storage.tables import (
    Approval,
    Contact,
    Customer,
    Notice,
    NoticeWording,
    PromiseChange,
    Ticket,
    TicketEvent,
    TicketService,
)

SHORT_PIECE = 40  # a longer description is said by its kind: "your ring"
# Moves this recent are read whatever the ticket's status says: another workstation whose
# clock runs a little ahead may have moved a piece "after" this one's now.
RECENT_MOVES = timedelta(days=1)
Among = Select[Any] | CompoundSelect  # the ids of the tickets to read
MOST_NAMED = 5000  # more tickets than this are selected by a query, not named one by one


def notices_due(db: Database, as_of: date | datetime | None = None
                ) -> tuple[datetime, list[told.Notice]]:
    """The notices due now (or as of a past moment, from the whole history)."""
    with db.session(write=False) as session:
        terms = telling_terms(session)
        if as_of is not None:
            moment = moment_of(as_of)
            return moment, told.notices_due(load_pieces(session), terms, moment)
        moment = store_now(session)
        among = could_be_due(session, moment, terms)
        return moment, told.notices_due(load_pieces(session, among=among), terms, moment)


def telling_terms(session: Session) -> told.Telling:
    store = get_store(session)
    edited = {row.kind: Wording(row.subject, row.text)
              for row in session.scalars(select(NoticeWording))}
    return told.Telling(store=store.name, store_phone=shown_phone(store.phone, store.country) or "",
                        reminder_days=tuple(store.reminders),
                        unclaimed_days=store.unclaimed_days,
                        not_heard_from_days=store.not_heard_from_days, wording=edited,
                        country=store.country, calendar=calendar(session))


def could_be_due(session: Session, moment: datetime, terms: told.Telling) -> Among:
    """The ids of the tickets a notice could be due for now, through the indexes: the pieces
    still with the store, those picked up in the month their invitation back falls due, and
    those just moved. With the not-heard-from list on, every ticket of their customers and
    of the customers it could list (nobody's piece with the store, nothing newer than the
    days it waits), since it reads a customer's whole record. At a big store that is a few
    thousand tickets of a hundred thousand; ``domain.notices`` decides among them."""
    ids: Among = select(Ticket.id).where(Ticket.status.in_(NOT_CLOSED_STATUSES)).union(
        _invited_back(session, moment),
        select(TicketEvent.ticket_id).where(TicketEvent.at >= moment - RECENT_MOVES))
    if not terms.not_heard_from_days:
        return ids
    quiet_since = moment - timedelta(days=terms.not_heard_from_days)
    # The latest move of a customer's tickets is one of the times they were heard from: a
    # customer whose latest move is too recent is not listed, whatever else is on record.
    open_pieces = func.sum(case((Ticket.status.in_(NOT_CLOSED_STATUSES), 1), else_=0))
    quiet = (select(Ticket.customer_id).group_by(Ticket.customer_id)
             .having(func.max(Ticket.status_at) <= quiet_since, open_pieces == 0))
    customers = select(Ticket.customer_id).where(Ticket.id.in_(ids)).union(quiet)
    return select(Ticket.id).where(Ticket.customer_id.in_(customers))


def _invited_back(session: Session, moment: datetime) -> Select[Any]:
    """The tickets picked up in the month that puts their invitation back in its window now:
    the pick-ups of the months any piece's care could name, then each by its own work."""
    care = load_note_wording(get_store(session).note_wording)["care"]
    months = [12, *(int(c.get("check_after_months", 12)) for c in care.values()
                    if isinstance(c, dict))]
    this_month = moment.date().replace(day=1)
    since = _months_on(this_month, -(max(months) + told.CLEANING_WINDOW_MONTHS - 1))
    until = _months_on(this_month, -min(months) + 1)
    in_months = select(TicketEvent.ticket_id, TicketEvent.at).where(
        TicketEvent.at >= datetime.combine(since, datetime.min.time()),
        TicketEvent.at < datetime.combine(until, datetime.min.time()),
        TicketEvent.status == Status.PICKED_UP)
    picked: dict[int, datetime] = {row.ticket_id: row.at for row in session.execute(in_months)}
    codes: dict[int, list[str]] = defaultdict(list)
    for ticket_id, code in session.execute(
            select(TicketService.ticket_id, TicketService.code).where(
                TicketService.ticket_id.in_(in_months.with_only_columns(TicketEvent.ticket_id)))):
        codes[ticket_id].append(code)
    found = []
    for ticket_id, at in picked.items():
        due = _months_on(at.date().replace(day=1), _check_after(care, codes[ticket_id]))
        if due <= this_month < _months_on(due, told.CLEANING_WINDOW_MONTHS):
            found.append(ticket_id)
    if len(found) > MOST_NAMED:
        return in_months.with_only_columns(TicketEvent.ticket_id)
    return select(Ticket.id).where(Ticket.id.in_(found))


def _check_after(care: dict[str, Any], codes: list[str]) -> int:
    """The months after pick-up the thank-you note invited the customer back in: the soonest
    any of the piece's work asks for."""
    return min((care.get(code, care.get("_other", {})).get("check_after_months", 12)
                for code in codes), default=12)


def load_pieces(session: Session, only: int | None = None,
                among: Among | None = None) -> list[told.Piece]:
    """Every ticket (or the one ``only``, or those ``among`` selects) with what the notices
    read of it, in one query per table."""

    def of(query: Any, column: Any) -> Any:
        if only is not None:
            return query.where(column == only)
        return query if among is None else query.where(column.in_(among))

    moves: dict[int, list[Any]] = defaultdict(list)
    for row in session.execute(of(select(TicketEvent.ticket_id, TicketEvent.at,
                                         TicketEvent.status), TicketEvent.ticket_id)
                               .order_by(TicketEvent.at, TicketEvent.id)):
        moves[row.ticket_id].append((row.at, row.status))
    promises: dict[int, list[told.Promise]] = defaultdict(list)
    for change in session.execute(of(select(
            PromiseChange.ticket_id, PromiseChange.at, PromiseChange.old_date,
            PromiseChange.new_date, PromiseChange.reason, PromiseChange.tell_by),
            PromiseChange.ticket_id).order_by(PromiseChange.at, PromiseChange.id)):
        promises[change.ticket_id].append(told.Promise(change.at, change.old_date,
                                                       change.new_date, change.reason,
                                                       change.tell_by))
    contacts: dict[int, list[datetime]] = defaultdict(list)
    for ticket_id, at in session.execute(of(select(Contact.ticket_id, Contact.at),
                                            Contact.ticket_id)):
        contacts[ticket_id].append(at)
    given: dict[int, list[tuple[str, str, datetime]]] = defaultdict(list)
    for ticket_id, kind, step, at in session.execute(of(
            select(Notice.ticket_id, Notice.kind, Notice.step, Notice.queued_at),
            Notice.ticket_id)):
        given[ticket_id].append((kind, step, at))
    lines: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for ticket_id, code, description in session.execute(
            of(select(TicketService.ticket_id, TicketService.code, TicketService.description),
               TicketService.ticket_id)
            .order_by(TicketService.ticket_id, TicketService.position, TicketService.id)):
        lines[ticket_id].append((code, description))
    asked: dict[int, list[told.Asked]] = defaultdict(list)
    for approval in session.scalars(of(select(Approval), Approval.ticket_id)
                                    .order_by(Approval.asked_at, Approval.id)):
        asked[approval.ticket_id].append(told.Asked(
            approval.asked_at, approval.what, writing.money(approval.price),
            approval.answered_at))
    care = load_note_wording(get_store(session).note_wording)["care"]
    customers: dict[int, told.Customer] = {}
    theirs = select(Customer.id, Customer.name, Customer.email, Customer.phone,
                    Customer.preferred_channel)
    if only is not None or among is not None:
        theirs = theirs.where(Customer.id.in_(of(select(Ticket.customer_id), Ticket.id)))
    for c in session.execute(theirs):
        customers[c.id] = told.Customer(c.id, c.name, c.email, c.phone, c.preferred_channel)
    pieces = []
    for t in session.execute(of(select(Ticket.id, Ticket.number, Ticket.customer_id,
                                       Ticket.visit, Ticket.item_kind, Ticket.item_description,
                                       Ticket.received_at, Ticket.promised_for), Ticket.id)
                             .order_by(Ticket.id)):
        work = lines[t.id]
        pieces.append(told.Piece(
            number=t.number, customer=customers[t.customer_id],
            piece=_piece_said(t.item_kind, t.item_description),
            work=", ".join(d for _, d in work if d).lower(),
            received_at=t.received_at, promised_for=t.promised_for, visit=t.visit,
            moves=tuple(moves[t.id]), promises=tuple(promises[t.id]),
            contacts=tuple(sorted(contacts[t.id])), given=tuple(given[t.id]),
            check_after_months=_check_after(care, [code for code, _ in work]),
            asked=tuple(asked[t.id])))
    return pieces


def _months_on(first: date, months: int) -> date:
    index = first.month - 1 + months
    return date(first.year + index // 12, index % 12 + 1, 1)


def _piece_said(kind: ItemKind, description: str) -> str:
    text = " ".join(description.split())
    if text and len(text) <= SHORT_PIECE:
        return text[0].lower() + text[1:] if text[1:2].islower() else text
    return "piece" if kind == ItemKind.OTHER else kind.value


def sample_for_wording(db: Database) -> tuple[told.Piece, told.Telling, date] | None:
    """The store's latest ticket, read as a notice reads it, for the wording's preview."""
    with db.session(write=False) as session:
        latest = session.scalar(select(Ticket.id).order_by(Ticket.received_at.desc(),
                                                           Ticket.id.desc()).limit(1))
        if latest is None:
            return None
        pieces = load_pieces(session, only=latest)
        return pieces[0], telling_terms(session), store_now(session).date()
