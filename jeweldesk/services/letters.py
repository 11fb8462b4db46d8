"""The final notice of a piece left uncollected, as the letter the store posts."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from jeweldesk.domain import notices as told
from jeweldesk.domain import writing
from jeweldesk.domain.errors import Invalid, NotReady
from jeweldesk.domain.kinds import Channel
from jeweldesk.domain.notice_words import NoticeKind
from jeweldesk.domain.status import Status
from jeweldesk.printing.model import PaperLetter, StoreHeader
from jeweldesk.services.notices import load_pieces, telling_terms
from jeweldesk.services.paper import store_header
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import calendar, get_store, store_now, ticket_by_number
from jeweldesk.storage.tables import Notice, Ticket

# Where the store writes on A4 rather than Letter: everywhere but North America.
LETTER_SHEET_COUNTRIES = frozenset({"US", "CA", "MX"})


def letter_sheet(country: str) -> str:
    return "letter" if country in LETTER_SHEET_COUNTRIES else "a4"


def unclaimed_letter(db: Database, number: str) -> tuple[StoreHeader, PaperLetter, str]:
    """The letter due for the ticket now, or the one already given (to print again), with
    the sheet the store's country posts; refused with the reason when there is none."""
    with db.session(write=False) as session:
        ticket = ticket_by_number(session, number)
        moment = store_now(session)
        due = [n for n in told.notices_due(load_pieces(session, only=ticket.id),
                                           telling_terms(session), moment)
               if n.kind == NoticeKind.UNCLAIMED and n.channel == Channel.LETTER]
        given = session.scalars(
            select(Notice).where(Notice.ticket_id == ticket.id,
                                 Notice.kind == NoticeKind.UNCLAIMED.value,
                                 Notice.channel == Channel.LETTER)
            .order_by(Notice.queued_at.desc(), Notice.id.desc())).first()
        if due:
            subject, text, dated = due[0].subject, due[0].text, moment.date()
        elif given is not None:
            subject, text, dated = given.subject, given.text, given.queued_at.date()
        else:
            raise NotReady(_not_yet(ticket.number, ticket.status, _ready_on(ticket),
                                    telling_terms(session).unclaimed_days))
        customer = ticket.customer
        address = tuple((customer.postal_address or "").splitlines())
        if not address:
            raise Invalid({"postal_address": (
                f"{customer.name} has no postal address on record: add it to their record "
                "(Customers), then print the letter")})
        letter = PaperLetter(
            tickets=(ticket.number,), customer_name=customer.name, address=address,
            dated=dated, subject=subject, text=text,
            dispose_after=told.dispose_after(dated, calendar(session)))
        return store_header(session), letter, letter_sheet(get_store(session).country)


def _ready_on(ticket: Ticket) -> date | None:
    ready = [e.at.date() for e in ticket.events if e.status == Status.READY]
    return ready[-1] if ready else None


def _not_yet(number: str, status: Status, ready_on: date | None, policy_days: int) -> str:
    if status != Status.READY or ready_on is None:
        return (f"{number} is {status.said}: the final letter is for a piece ready "
                "and not collected")
    letter_on = ready_on + timedelta(days=policy_days)
    return (f"{number} has been ready since {writing.long_day(ready_on, year=True)}: its final "
            f"letter is due after {policy_days} days, on "
            f"{writing.long_day(letter_on, year=True)}")
