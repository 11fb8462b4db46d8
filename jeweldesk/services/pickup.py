"""Taking payment and handing pieces back; several at once for one customer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from jeweldesk.domain import cash, writing
from jeweldesk.domain.errors import Invalid, MoveRefused, NotAllowed
from jeweldesk.domain.money import ZERO
from jeweldesk.domain.permissions import Act, may, refusal
from jeweldesk.domain.rules import NAME, money_problem, refuse_bad_texts
from jeweldesk.domain.status import Status
from jeweldesk.services.moves import apply_move
from jeweldesk.services.payments import (
    check_method,
    positive_amount,
    queue_with_rounding,
    settle,
    take_payment,
)
from jeweldesk.services.pins import sign_in
from jeweldesk.storage.door import Actor, Writing, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import staff_by_code, ticket_by_number
from jeweldesk.storage.tables import Customer

__all__ = ["HandBack", "hand_back", "same_person", "take_payment"]


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
    method: str | None  # the first way it was paid, when anything was
    owing: Decimal = ZERO  # left owing, when a manager agreed to it
    cash_rounding: Decimal = ZERO  # settled by rounding cash to the coins, not taken


def _payments(method: str | None, amount: Decimal | str,
              payments: Sequence[tuple[str, Decimal | str]]) -> list[tuple[str, Decimal]]:
    """What the customer paid at the counter: one method, or a split (cash and a card)."""
    taken = list(payments)
    if not taken and str(amount).strip() not in ("", "0", "0.00"):
        taken = [(method or "", amount)]
    out = []
    for n, (how, value) in enumerate(taken):
        field = "amount" if len(taken) == 1 else f"payments[{n}].amount"
        try:
            out.append((how, positive_amount(value, field)))
        except Invalid:
            amount_now, problem = money_problem(value)
            if problem is None and amount_now == ZERO:
                continue
            raise
    return out


def hand_back(db: Database, numbers: list[str], collected_by: str, by: Actor,
              method: str | None = None, amount: Decimal | str = ZERO, *,
              payments: Sequence[tuple[str, Decimal | str]] = (),
              owing_approved_by: str | None = None, approver_pin: str | None = None
              ) -> HandBack:
    """Take what the customer pays and mark every piece picked up, all in one transaction.

    What is paid settles the pieces in the order scanned. It may not be more than is
    owed (the counter gives change from the till), and anything left owing needs a
    manager's yes: the manager at the keyboard, or one who enters their PIN here. The
    yes is kept in the chain of custody.
    """
    if not numbers:
        raise Invalid({"tickets": "scan at least one ticket"})
    refuse_bad_texts(("collected_by", collected_by, NAME))
    if not collected_by.strip():
        raise Invalid({"collected_by": "who collected the pieces?"})
    taken = _payments(method, amount, payments)
    paying = sum((value for _how, value in taken), ZERO)
    if owing_approved_by is not None and approver_pin is not None:
        sign_in(db, owing_approved_by, approver_pin)  # a wrong PIN counts, as at sign-in
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
        for how, _value in taken:
            check_method(w.session, how)
        owed = sum((max(t.balance, ZERO) for t in tickets), ZERO)
        rounded = cash.rounding(taken, owed)
        settling = paying + rounded
        if settling > owed:
            raise Invalid({"amount": f"the balance due is {writing.money(owed)}; "
                                     f"{writing.money(paying)} was entered (give the change "
                                     "from the till)"})
        owing = owed - settling
        approver = _approver(w, owed, owing, owing_approved_by) if owing else None
        queue = queue_with_rounding(taken, rounded)
        for ticket in tickets:
            settle(w, ticket, queue)
            ticket.collected_by = collected_by.strip()
            note = f"Collected by {collected_by.strip()}"
            if approver is not None and ticket.balance > 0:
                note += (f"; {writing.money(ticket.balance)} left owing, agreed by "
                         f"{approver}")
            apply_move(w.session, ticket, Status.PICKED_UP, w.person_id, w.now, note)
        return HandBack(tuple(t.number for t in tickets), paying,
                        taken[0][0] if taken else None, owing, rounded)


def _approver(w: Writing, owed: Decimal, owing: Decimal, code: str | None) -> str:
    if w.person is not None and may(w.person.role, Act.HAND_BACK_OWING):
        return w.person.name
    if code is None:
        raise Invalid({"amount": f"the balance due is {writing.money(owed)}: "
                                 f"{writing.money(owing)} would be left owing; take it all, "
                                 "or a manager can agree to hand back with it owing"})
    manager = staff_by_code(w.session, code)
    if not manager.active or not may(manager.role, Act.HAND_BACK_OWING):
        raise NotAllowed(refusal(manager.name, manager.role, Act.HAND_BACK_OWING))
    if w.person is not None and code == w.person.code:
        raise NotAllowed("a manager other than the person at the counter agrees to this")
    return manager.name
