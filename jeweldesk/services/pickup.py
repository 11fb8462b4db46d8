"""Taking payment and handing pieces back; several at once for one customer."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jeweldesk.domain.errors import Invalid, MoveRefused
from jeweldesk.domain.money import ZERO, MoneyError, money
from jeweldesk.domain.permissions import Act
from jeweldesk.domain.rules import NAME, refuse_bad_texts
from jeweldesk.domain.status import Status
from jeweldesk.services.moves import apply_move
from jeweldesk.storage.door import Actor, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import ticket_by_number
from jeweldesk.storage.tables import Customer, Payment

METHODS = ("cash", "card", "check", "other")


def same_person(one: Customer, other: Customer) -> bool:
    """One customer, even on two records not merged yet: the same name and phone (as the
    claim receipt reads them)."""
    return one.id == other.id or (
        " ".join(one.name.lower().split()) == " ".join(other.name.lower().split())
        and one.phone_digits == other.phone_digits)


@dataclass(frozen=True)
class HandBack:
    numbers: tuple[str, ...]
    paid: Decimal
    method: str | None


def _amount(value: Decimal | str) -> Decimal:
    try:
        amount = money(value)
    except MoneyError:
        raise Invalid({"amount": f"{value!r} is not an amount of money"}) from None
    if amount < 0:
        raise Invalid({"amount": "cannot be negative"})
    return amount


def take_payment(db: Database, number: str, method: str, amount: Decimal | str,
                 by: Actor) -> Decimal:
    """A payment towards a ticket's balance; returns the balance left."""
    value = _amount(amount)
    if method not in METHODS:
        raise Invalid({"method": f"choose one of {', '.join(METHODS)}"})
    with write(db, by, Act.PAYMENT, number) as w:
        ticket = ticket_by_number(w.session, number, lock=True)
        if value > ticket.balance:
            raise Invalid({"amount": f"{value} is more than the balance {ticket.balance}"})
        ticket.payments.append(Payment(at=w.now, by_id=w.person_id, method=method,
                                       amount=value))
        return ticket.balance


def hand_back(db: Database, numbers: list[str], collected_by: str, by: Actor,
              method: str | None = None, amount: Decimal | str = ZERO) -> HandBack:
    """Take the balance of every piece and mark them picked up, all in one transaction.

    ``amount`` must settle the pieces' balances exactly: the counter gives change
    from the till, the records keep what the store was owed.
    """
    if not numbers:
        raise Invalid({"tickets": "scan at least one ticket"})
    refuse_bad_texts(("collected_by", collected_by, NAME))
    if not collected_by.strip():
        raise Invalid({"collected_by": "who collected the pieces?"})
    paying = _amount(amount)
    with write(db, by, Act.HAND_BACK, ", ".join(numbers)) as w:
        tickets = [ticket_by_number(w.session, n, lock=True) for n in dict.fromkeys(numbers)]
        first = tickets[0]
        others = [t for t in tickets if not same_person(t.customer, first.customer)]
        if others:
            # One hand-back is one person's pieces: a second envelope on the counter is
            # the wrong customer's far more often than a favour for a friend.
            raise Invalid({"tickets": "; ".join(
                f"{t.number} is {t.customer.name}'s, not {first.customer.name}'s"
                for t in others) + ": hand back one customer's pieces at a time"})
        not_ready = [t for t in tickets if t.status != Status.READY]
        if not_ready:
            raise MoveRefused("; ".join(
                f"{t.number} is {t.status.value}, not ready" for t in not_ready
            ))
        owed = sum((t.balance for t in tickets), ZERO)
        if paying != owed:
            raise Invalid({"amount": f"the balance due is {owed}; {paying} was entered"})
        if owed > 0 and method not in METHODS:
            raise Invalid({"method": f"choose one of {', '.join(METHODS)}"})
        for ticket in tickets:
            if ticket.balance > 0:
                ticket.payments.append(Payment(at=w.now, by_id=w.person_id, method=method,
                                               amount=ticket.balance))
            ticket.collected_by = collected_by.strip()
            apply_move(w.session, ticket, Status.PICKED_UP, w.person_id, w.now,
                       f"Collected by {collected_by.strip()}")
        return HandBack(tuple(t.number for t in tickets), owed, method)
