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
