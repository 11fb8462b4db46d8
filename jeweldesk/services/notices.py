"""The notices due: the records loaded for ``domain.notices``, which picks and words them."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jeweldesk.domain import notices as told
from jeweldesk.domain import writing
from jeweldesk.domain.contact_details import shown_phone
from jeweldesk.domain.kinds import ItemKind
from jeweldesk.domain.notice_words import Wording
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


def notices_due(db: Database, as_of: date | datetime | None = None
                ) -> tuple[datetime, list[told.Notice]]:
    with db.session(write=False) as session:
        moment = moment_of(as_of) if as_of is not None else store_now(session)
        return moment, told.notices_due(load_pieces(session), telling_terms(session), moment)


def telling_terms(session: Session) -> told.Telling:
    store = get_store(session)
    edited = {row.kind: Wording(row.subject, row.text)
              for row in session.scalars(select(NoticeWording))}
    return told.Telling(store=store.name, store_phone=shown_phone(store.phone, store.country) or "",
                        reminder_days=tuple(store.reminders),
                        unclaimed_days=store.unclaimed_days,
                        not_heard_from_days=store.not_heard_from_days, wording=edited,
                        country=store.country, calendar=calendar(session))


def load_pieces(session: Session, only: int | None = None) -> list[told.Piece]:
    """Every ticket (or the one ``only``) with what the notices read of it, in one query
    per table."""

    def of(query: Any, column: Any) -> Any:
        return query if only is None else query.where(column == only)

    moves: dict[int, list[Any]] = defaultdict(list)
    for row in session.execute(of(select(TicketEvent.ticket_id, TicketEvent.at,
                                         TicketEvent.status), TicketEvent.ticket_id)
                               .order_by(TicketEvent.at, TicketEvent.id)):
        moves[row.ticket_id].append((row.at, row.status))
    promises: dict[int, list[told.Promise]] = defaultdict(list)
    for change in session.scalars(of(select(PromiseChange), PromiseChange.ticket_id)
                                  .order_by(PromiseChange.at, PromiseChange.id)):
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
    for c in session.scalars(select(Customer)):
        customers[c.id] = told.Customer(c.id, c.name, c.email, c.phone, c.preferred_channel)
    pieces = []
    for t in session.execute(of(select(Ticket.id, Ticket.number, Ticket.customer_id,
                                       Ticket.visit, Ticket.item_kind, Ticket.item_description,
                                       Ticket.received_at, Ticket.promised_for), Ticket.id)
                             .order_by(Ticket.id)):
        work = lines[t.id]
        months = [care.get(code, care.get("_other", {})).get("check_after_months", 12)
                  for code, _ in work]
        pieces.append(told.Piece(
            number=t.number, customer=customers[t.customer_id],
            piece=_piece_said(t.item_kind, t.item_description),
            work=", ".join(d for _, d in work if d).lower(),
            received_at=t.received_at, promised_for=t.promised_for, visit=t.visit,
            moves=tuple(moves[t.id]), promises=tuple(promises[t.id]),
            contacts=tuple(sorted(contacts[t.id])), given=tuple(given[t.id]),
            check_after_months=min(months, default=12), asked=tuple(asked[t.id])))
    return pieces


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
