"""Work waiting for the customer's yes, and the yes or no when it comes.

While a ticket waits, the clock on its promise stops: a yes moves the promise on by the
days it waited (on record as a new promise, the first one kept), so the bench is never
blamed for the customer's thinking time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from jeweldesk.domain.errors import Invalid
from jeweldesk.domain.kinds import Channel
from jeweldesk.domain.money import MoneyError, money
from jeweldesk.domain.permissions import Act
from jeweldesk.domain.rules import TEXT, refuse_bad_texts
from jeweldesk.domain.status import Status, can_move
from jeweldesk.services.moves import apply_move, open_question
from jeweldesk.services.piece_checks import WRITE_IN
from jeweldesk.storage.door import Actor, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import ticket_by_number
from jeweldesk.storage.tables import Approval, Customer, PromiseChange, Ticket, TicketService

ENDS = ("line", "ticket")


@dataclass(frozen=True)
class Waiting:
    ticket: str
    customer: str
    what: str
    price: Decimal | None
    asked_at: datetime
    whole_ticket: bool


def ask_approval(db: Database, number: str, what: str, by: Actor,
                 price: Decimal | str | None = None, whole_ticket: bool = False) -> None:
    refuse_bad_texts(("what", what, TEXT))
    if not what.strip():
        raise Invalid({"what": "say what the customer is asked to agree to"})
    try:
        amount = money(price) if price not in (None, "") else None
    except MoneyError:
        raise Invalid({"price": f"{price!r} is not an amount of money"}) from None
    if amount is not None and amount < 0:
        raise Invalid({"price": "a price to agree to is not below zero"})
    with write(db, by, Act.ASK_APPROVAL, number) as w:
        ticket = ticket_by_number(w.session, number, lock=True)
        if ticket.status.is_closed or ticket.status == Status.READY:
            raise Invalid({"ticket": f"{ticket.number} is {ticket.status.said}: "
                           "there is no work left to ask about"})
        if open_question(ticket) is not None:
            raise Invalid({"ticket": f"{ticket.number} already waits for the customer's "
                           "yes; log that answer first"})
        w.session.add(Approval(ticket_id=ticket.id, asked_at=w.now, asked_by_id=w.person_id,
                               what=" ".join(what.split()), price=amount,
                               whole_ticket=whole_ticket))


def answer_approval(db: Database, number: str, yes: bool, how: Channel | str, by: Actor,
                    ends: str = "line") -> None:
    """The customer's answer, who took it and how; a no ends the line or the ticket."""
    try:
        channel = Channel(how)
    except ValueError:
        raise Invalid({"how": f"{how!r} is not one of "
                       + ", ".join(c.value for c in Channel)}) from None
    if ends not in ENDS:
        raise Invalid({"ends": f"{ends!r} is not one of {', '.join(ENDS)}"})
    with write(db, by, Act.CONTACT, number) as w:
        ticket = ticket_by_number(w.session, number, lock=True)
        approval = open_question(ticket)
        if approval is None:
            raise Invalid({"ticket": f"{ticket.number} is not waiting for the customer's yes"})
        approval.answered_at, approval.answered_by_id = w.now, w.person_id
        approval.answer, approval.how = ("yes" if yes else "no"), channel
        if yes:
            approval.ends = None
            if not approval.whole_ticket:
                ticket.services.append(TicketService(
                    position=len(ticket.services), code=WRITE_IN, description=approval.what,
                    price=approval.price or Decimal("0.00")))
            waited = (w.now.date() - approval.asked_at.date()).days
            if waited > 0 and not ticket.status.is_closed:
                new_date = ticket.promised_for + timedelta(days=waited)
                w.session.add(PromiseChange(
                    ticket_id=ticket.id, at=w.now, by_id=w.person_id,
                    old_date=ticket.promised_for, new_date=new_date,
                    reason=f"waited {waited} day{'s' if waited != 1 else ''} for the "
                    "customer's yes"))
                ticket.promised_for = new_date
            return
        approval.ends = "ticket" if approval.whole_ticket else ends
        if approval.ends == "ticket":
            if not can_move(ticket.status, Status.READY):
                raise Invalid({"ends": f"{ticket.number} is {ticket.status.said}: "
                               "bring it to the bench or quality check before it goes back"})
            apply_move(w.session, ticket, Status.READY, w.person_id, w.now,
                       "The customer said no to the estimate: to hand back as it is")


def waiting_for_approval(db: Database, as_of: date | datetime | None = None) -> list[Waiting]:
    """Every ticket waiting for a yes, the longest waiting first."""
    with db.session(write=False) as session:
        query = (select(Approval, Ticket.number, Customer.name)
                 .join(Ticket, Ticket.id == Approval.ticket_id)
                 .join(Customer, Customer.id == Ticket.customer_id)
                 .order_by(Approval.asked_at, Approval.id))
        found = []
        for approval, number, name in session.execute(query):
            moment = as_of if isinstance(as_of, datetime) else (
                datetime.combine(as_of, datetime.min.time()) if as_of else None)
            if moment is not None and approval.asked_at > moment:
                continue
            answered = approval.answered_at is not None and (
                moment is None or approval.answered_at <= moment)
            if not answered:
                found.append(Waiting(number, name, approval.what, approval.price,
                                     approval.asked_at, approval.whole_ticket))
        return found

