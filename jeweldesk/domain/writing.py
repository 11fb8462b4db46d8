"""How a date, a time and an amount of money are written for people: on the screens, on
the paper, in the reasons a warning gives and in what the command line prints.

Month before day, its name spelled, so no reader swaps the two. The year is written when
asked for (``year=True``: paper kept for months), or, given ``today``, only when the date
is not in this year. Machine forms stay where they are read back: ISO dates in the
interchange and the ``at-risk --json`` document, "45.00" in ``domain.money``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from jeweldesk.domain.money import CENTS


def short_day(day: date, today: date | None = None, *, year: bool = False) -> str:
    """ "Nov 3": a date as said on the phone and in the reasons; "Nov 3, 2026" with the year."""
    return _with_year(f"{day:%b} {day.day}", day, today, year)


def day(day: date, today: date | None = None, *, year: bool = False) -> str:
    """ "Tue, Nov 3", in a list or on a form; "Tue, Nov 3, 2026" with the year."""
    return _with_year(f"{day:%a}, {day:%b} {day.day}", day, today, year)


def long_day(day: date, today: date | None = None, *, year: bool = False) -> str:
    """ "Tuesday, November 3": a date to say in full to a customer, or to head a page."""
    return _with_year(f"{day:%A}, {day:%B} {day.day}", day, today, year)


def month(day: date) -> str:
    """ "November 2026"."""
    return f"{day:%B} {day.year}"


def time_of_day(at: datetime) -> str:
    """ "8:15 PM", the way a US counter reads a time."""
    return f"{at.hour % 12 or 12}:{at:%M} {at:%p}"


def moment(at: datetime, today: date | None = None, *, year: bool = False) -> str:
    """ "Mon, Nov 23, 8:15 PM": a day and the time on it."""
    return f"{day(at.date(), today, year=year)}, {time_of_day(at)}"


# Where 11/12 is November 12; everywhere else a day typed in figures is day first (12 Nov).
MONTH_FIRST_COUNTRIES = frozenset({"US", "CA", "PH", "FM", "MH", "PW"})


def day_first(country: str) -> bool:
    """Whether the store's people type 5/12 meaning the 5th of December."""
    return country.upper() not in MONTH_FIRST_COUNTRIES


def money(amount: Decimal | None, currency: str = "$") -> str:
    """ "$1,234.50", "−$12.00" below zero; nothing where there is no amount."""
    if amount is None:
        return ""
    cents = amount.quantize(CENTS, rounding=ROUND_HALF_UP)
    sign = "−" if cents < 0 else ""
    return f"{sign}{currency}{abs(cents):,.2f}"


# Days and feasts that are names in their own right: "misses Christmas Eve", "the Easter
# brunch", never "the christmas eve".
_NAMED_DAYS = {
    "christmas", "christmas eve", "new year", "new year's", "new year's eve", "new year's day",
    "easter", "thanksgiving", "hanukkah", "chanukah", "passover", "ramadan", "eid", "diwali",
    "halloween", "kwanzaa", "lunar new year", "valentine's day", "mother's day",
    "father's day",
}
_NAMED_FIRST_WORDS = {w.split()[0] for w in _NAMED_DAYS}
_ALREADY_SAID = ("the ", "a ", "an ", "her ", "his ", "their ", "our ", "your ", "my ")


def occasion(what: str) -> str:
    """A customer's occasion as said in a sentence: "Retirement party" is "the retirement
    party", "Mother's Day" and "Anna's wedding" stay as they are, nothing is "the occasion"."""
    said = " ".join(what.split())
    if not said:
        return "the occasion"
    lowered = said.lower()
    if lowered in _NAMED_DAYS:
        return said
    if lowered.startswith(_ALREADY_SAID):
        return said[:1].lower() + said[1:]
    first = said.split()[0]
    if first.endswith(("'s", "\u2019s")):  # "Anna's wedding": her name says whose
        return said
    if first.lower() in _NAMED_FIRST_WORDS:  # "the Christmas gift"
        return f"the {said}"
    if first[:1].isupper() and first[1:].islower():
        return f"the {said[:1].lower()}{said[1:]}"
    return f"the {said}"


# How the store may address a customer on paper, besides by first name ("Dear Barbara"):
# a title and the surname ("Dear Mrs Harris").
TITLES = ("Mrs", "Mr", "Ms", "Miss", "Mx", "Dr")
TITLE_CHARS = 20


def addressed(name: str, title: str | None = None) -> str:
    """The customer as a letter opens to them: the first name, or the title and surname.
    A name of one word (as many Chinese and Korean names are written) is said whole."""
    words = name.split()
    if not words:
        return ""
    title = " ".join((title or "").split())
    if title:
        return f"{title} {words[-1]}" if len(words) > 1 else f"{title} {words[0]}"
    return words[0]


def _with_year(text: str, day: date, today: date | None, year: bool) -> str:
    if year or (today is not None and day.year != today.year):
        return f"{text}, {day.year}"
    return text
