"""The rules a value keeps whatever door it comes through — the window, the command line
or the importer — so that what one door accepts, the others could have written, and the
store's own export always imports again.

Each check returns the problem in a few words, or None; callers file it under the
field's name (a screen's field, or a JSON path).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from jeweldesk.domain.errors import Invalid
from jeweldesk.domain.money import MoneyError, money

# What the columns hold (and the interchange format allows).
CODE = 64
NAME = 200
TEXT = 4000
TERMS = 20_000

EARLIEST = date(1900, 1, 1)
LATEST = date(2099, 12, 31)
PROMISE_YEARS_AHEAD = 3

# Control characters a person cannot type or see (tabs and line breaks are fine in notes),
# the NUL no database keeps, and halves of a surrogate pair.
_UNSEEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_LINE_BREAK = re.compile("[\r\n\t]")


def text_problem(text: str | None, width: int, *, required: bool = False,
                 lines: bool = False) -> str | None:
    """A text's problem: empty where it is needed, too long, or holding what cannot be
    kept or printed. ``lines`` allows line breaks (notes, terms)."""
    if text is None or not text.strip():
        return "cannot be empty" if required else None
    if len(text) > width:
        return f"longer than {width:,} characters"
    if _UNSEEN.search(text) or (not lines and _LINE_BREAK.search(text)):
        return "holds a control character, which cannot be kept or printed"
    return None


def money_problem(value: object, *, negative: bool = False) -> tuple[Decimal | None, str | None]:
    """(the amount, None) or (None, the problem). Empty is (None, None)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    try:
        amount = money(value)  # type: ignore[arg-type]  # any value a door was handed
    except MoneyError as exc:
        return None, str(exc)
    if amount < 0 and not negative:
        return None, "cannot be negative"
    return amount, None


def date_problem(day: date | None) -> str | None:
    if day is not None and not EARLIEST <= day <= LATEST:
        return f"{day.isoformat()} is not a date the store's records hold"
    return None


def promise_problem(day: date, today: date) -> str | None:
    if day < today:
        return f"{day.isoformat()} is in the past"
    if day.year > today.year + PROMISE_YEARS_AHEAD:
        return f"{day.isoformat()} is more than {PROMISE_YEARS_AHEAD} years ahead"
    return None


def deposit_problem(deposit: Decimal, total: Decimal) -> str | None:
    """A deposit the ticket's lines can settle: never more than the work comes to."""
    if deposit > total:
        return f"the deposit {deposit} is more than the total {total}"
    return None


def check_text(problems: dict[str, str], where: str, text: str | None, width: int, *,
               required: bool = False, lines: bool = False) -> None:
    """File a text's problem under ``where``, unless that field already has one."""
    problem = text_problem(text, width, required=required, lines=lines)
    if problem and where not in problems:
        problems[where] = problem


def refuse_bad_texts(*fields: tuple[str, str | None, int]) -> None:
    """For the notes and reasons a write carries: (field, text, width) each, line breaks
    allowed; any problem refuses the whole write."""
    problems: dict[str, str] = {}
    for where, text, width in fields:
        check_text(problems, where, text, width, lines=True)
    if problems:
        raise Invalid(problems)


# Counter staff may take up to this share off a ticket's work; more is a manager's call.
COUNTER_DISCOUNT_PERCENT = Decimal("10")
DEFAULT_PAYMENT_METHODS = ("cash", "card", "check", "gift card", "store credit")
METHOD = 20  # the width of a payment method's name
HIGHEST_TAX_PERCENT = Decimal("30")


def percent_problem(value: object, highest: Decimal = Decimal(100)
                    ) -> tuple[Decimal | None, str | None]:
    """A percent as typed ("7.25", "10%"): more than zero, at most ``highest``, at most
    three decimal places."""
    text = str(value).strip().removesuffix("%").strip()
    try:
        percent = Decimal(text)
    except ArithmeticError:
        return None, f"{str(value)[:40]!r} is not a percent"
    if not percent.is_finite() or percent != percent.quantize(Decimal("0.001")):
        return None, f"{str(value)[:40]!r} is not a percent with at most three decimals"
    if not Decimal(0) < percent <= highest:
        return None, f"must be more than 0% and at most {highest}%"
    return percent.quantize(Decimal("0.001")), None


def method_list_problem(methods: tuple[str, ...]) -> str | None:
    """The store's payment methods: at least one, each a short name, none twice."""
    if not methods:
        return "the store needs at least one way to be paid"
    for method in methods:
        problem = text_problem(method, METHOD, required=True)
        if problem:
            return f"{method[:40]!r}: {problem}"
        if "," in method:
            return f"{method!r}: a method's name cannot hold a comma"
    if len({m.lower() for m in methods}) != len(methods):
        return "a method is listed twice"
    return None
