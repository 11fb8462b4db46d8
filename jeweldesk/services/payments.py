"""Money at the counter between intake and pickup: payments in any method at any time,
for one ticket or a whole visit, money given back, discounts and courtesies.

Each is a row of its own; a ticket's balance is worked out from them every time
(``domain.bill``), never kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from jeweldesk.domain import cash, writing
from jeweldesk.domain.bill import HUNDRED, Reduction
from jeweldesk.domain.errors import Invalid
from jeweldesk.domain.money import ZERO
from jeweldesk.domain.permissions import Act
from jeweldesk.domain.rules import (
    COUNTER_DISCOUNT_PERCENT,
    NAME,
    TEXT,
    money_problem,
    percent_problem,
    text_problem,
)
from jeweldesk.domain.status import Status
from jeweldesk.storage.door import Actor, Writing, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import get_store, ticket_by_number
from jeweldesk.storage.tables import Payment, Ticket, TicketDiscount


@dataclass(frozen=True)
class Paid:
    """What one payment did: each ticket's share, and what is left on them."""

    method: str
    amount: Decimal
    shares: tuple[tuple[str, Decimal], ...]
    balance: Decimal
    cash_rounding: Decimal = ZERO  # settled by rounding cash to the coins, not taken


def payment_methods(db: Database) -> tuple[str, ...]:
    with db.session(write=False) as session:
        return get_store(session).methods


def positive_amount(value: Decimal | str, field: str = "amount") -> Decimal:
    amount, problem = money_problem(value)
    if problem is None and amount is None:
        problem = "how much?"
    if problem is None and amount == ZERO:
        problem = "must be more than zero"
    if problem:
        raise Invalid({field: problem})
    assert amount is not None
    return amount


def check_method(session: Session, method: str | None, field: str = "method") -> str:
    methods = get_store(session).methods
    if method not in methods:
        raise Invalid({field: f"{method!r} is not one of the store's ways to be paid "
                              f"({', '.join(methods)})"})
    return method


def add_payment(w: Writing, ticket: Ticket, method: str, amount: Decimal,
                reason: str | None = None, cash_rounding: bool = False) -> None:
    ticket.payments.append(Payment(at=w.now, by_id=w.person_id, method=method, amount=amount,
                                   reason=reason, cash_rounding=cash_rounding))
    w.session.flush()


# A payment waiting to settle tickets: its way, what is left of it, and whether it is the
# cash rounding rather than money taken.
Queued = tuple[str, Decimal, bool]


def queue_with_rounding(taken: Sequence[tuple[str, Decimal]], rounded: Decimal
                        ) -> list[Queued]:
    """The payments in turn, with the cash rounding as its own item beside the last cash:
    after it when the store lets the customer off the odd centimes (it settles the last of
    the balance), before it when the customer pays them (it makes room for the cash)."""
    queue = [(how, value, False) for how, value in taken]
    if rounded:
        n = max(i for i, (how, _v, _r) in enumerate(queue) if cash.is_cash(how))
        queue.insert(n + 1 if rounded > 0 else n, (queue[n][0], rounded, True))
    return queue


def settle(w: Writing, ticket: Ticket, queue: list[Queued]) -> list[tuple[str, Decimal]]:
    """Each payment in turn towards this ticket's balance, split where one runs over; a
    rounding below zero always lands whole. Returns the money taken on it, by way."""
    shares = []
    while queue and (ticket.balance > 0 or queue[0][1] < 0):
        how, value, rounding = queue[0]
        share = value if value < 0 else min(value, ticket.balance)
        add_payment(w, ticket, how, share, cash_rounding=rounding)
        if not rounding:
            shares.append((how, share))
        if share == value:
            queue.pop(0)
        else:
            queue[0] = (how, value - share, rounding)
    return shares


def take_payment(db: Database, number: str, method: str, amount: Decimal | str,
                 by: Actor) -> Decimal:
    """A deposit or part payment towards one ticket; returns the balance left."""
    return pay_visit(db, [number], method, amount, by).balance


def pay_visit(db: Database, numbers: Sequence[str], method: str, amount: Decimal | str,
              by: Actor) -> Paid:
    """One payment towards several tickets (a visit's), settling them in the order given:
    a row on each ticket for its share, so every ticket's balance stays its own."""
    value = positive_amount(amount)
    if not numbers:
        raise Invalid({"tickets": "which tickets is it for?"})
    with write(db, by, Act.PAYMENT, ", ".join(numbers)) as w:
        check_method(w.session, method)
        tickets = [ticket_by_number(w.session, n, lock=True) for n in dict.fromkeys(numbers)]
        cancelled = [t.number for t in tickets if t.status is Status.CANCELLED]
        if cancelled:
            raise Invalid({"tickets": f"{', '.join(cancelled)} is cancelled; nothing is owed"})
        owed = sum((max(t.balance, ZERO) for t in tickets), ZERO)
        rounded = cash.rounding([(method, value)], owed)
        if value + rounded > owed:
            raise Invalid({"amount": f"{writing.money(value)} is more than the balance "
                                     f"{writing.money(owed)}"})
        queue = queue_with_rounding([(method, value)], rounded)
        shares = []
        for ticket in tickets:
            taken = sum((share for _how, share in settle(w, ticket, queue)), ZERO)
            if taken:
                shares.append((ticket.number, taken))
        return Paid(method, value, tuple(shares), sum((t.balance for t in tickets), ZERO),
                    rounded)


def give_back(db: Database, number: str, method: str, amount: Decimal | str, reason: str,
              by: Actor) -> Decimal:
    """Money given back to the customer (a refund, store credit): a row below zero with its
    reason. Never more than the customer has paid on the ticket. Returns the balance."""
    value = positive_amount(amount)
    problem = text_problem(reason, TEXT, required=True, lines=True)
    if problem:
        raise Invalid({"reason": "say why the money is given back" if not (reason or "").strip()
                       else problem})
    with write(db, by, Act.REFUND, number) as w:
        check_method(w.session, method)
        ticket = ticket_by_number(w.session, number, lock=True)
        if value > ticket.paid:
            raise Invalid({"amount": f"{writing.money(value)} is more than the "
                                     f"{writing.money(ticket.paid)} paid on {ticket.number}"})
        add_payment(w, ticket, method, -value, reason.strip())
        return ticket.balance


def give_discount(db: Database, number: str, reason: str, by: Actor, *,
                  amount: Decimal | str | None = None, percent: Decimal | str | None = None,
                  courtesy: bool = False) -> Decimal:
    """Money off the work, a set amount or a percent of its lines, with who and why.

    Counter staff may take up to the counter's limit off a ticket in all; beyond it is a
    manager's. Never more than is still owed: after that it is money given back.
    Returns the balance.
    """
    problems: dict[str, str] = {}
    if (amount is None or str(amount).strip() == "") == (percent is None
                                                         or str(percent).strip() == ""):
        problems["amount"] = "give an amount or a percent, not both"
    worth: Reduction | None = None
    if "amount" not in problems:
        if amount is not None and str(amount).strip():
            try:
                worth = Reduction(amount=positive_amount(amount))
            except Invalid as exc:
                problems.update(exc.problems)
        else:
            found, problem = percent_problem(percent)
            if problem:
                problems["percent"] = problem
            worth = Reduction(percent=found)
    problem = text_problem(reason, NAME, required=True)
    if problem:
        problems["reason"] = ("say why (a courtesy for the wait, a regular's discount)"
                              if not (reason or "").strip() else problem)
    if problems:
        raise Invalid(problems)
    assert worth is not None
    with write(db, by, Act.COURTESY if courtesy else Act.DISCOUNT, number) as w:
        ticket = ticket_by_number(w.session, number, lock=True)
        add_discount(w, ticket, worth, reason.strip(), courtesy)
        return ticket.balance


def add_discount(w: Writing, ticket: Ticket, worth: Reduction, reason: str,
                 courtesy: bool, limited: bool = True) -> None:
    """``limited``: held to the counter's limit; the courtesy the store itself offers in
    *Prepare the customer* is not."""
    if ticket.status.is_closed:
        raise Invalid({"ticket": f"{ticket.number} is {ticket.status.said}; "
                                 "give money back instead"})
    lines = ticket.bill.lines
    value = worth.worth(lines)
    if value > ticket.balance:
        raise Invalid({"amount": f"{writing.money(value)} is more than the "
                                 f"{writing.money(max(ticket.balance, ZERO))} still owed; "
                                 "give money back instead"})
    given = ticket.bill.reduced + value
    if limited and lines > 0 and given * HUNDRED > lines * COUNTER_DISCOUNT_PERCENT:
        w.require(Act.LARGE_DISCOUNT, f"{ticket.number} ({writing.money(given)} off "
                                      f"{writing.money(lines)})")
    ticket.discounts.append(TicketDiscount(
        at=w.now, by_id=w.person_id, amount=worth.amount, percent=worth.percent,
        reason=reason, courtesy=courtesy))
    w.session.flush()

