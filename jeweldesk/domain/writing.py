"""How a date, a time and an amount of money are written for people: on the screens, on
the paper, in the reasons a warning gives and in what the command line prints.

All in the store's own way (``domain.way``: its currency and locale, set when the store is
opened), from CLDR's patterns through Babel: "Tue, Nov 3" and "$1,234.50" in en_US,
"Tue 3 Nov" and "£1,234.50" in en_GB, "mar. 3 nov." and "1 234,50 $" in fr_CA. The month
is always a name, so no reader swaps day and month. The year is written when asked for
(``year=True``: paper kept for months), or, given ``today``, only when the date is not in
this year. Machine forms stay where they are read back: ISO dates in the interchange and
the ``at-risk --json`` document, "45.00" in ``domain.money``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache

from babel import Locale
from babel.dates import format_date, format_time, match_skeleton

from jeweldesk.domain import way as ways
from jeweldesk.domain.way import Way

MINUS = "\u2212"  # "−$12.00": a real minus, as wide as the plus it answers
_NARROW_SPACE = "\u202f"


def short_day(day: date, today: date | None = None, *, year: bool = False) -> str:
    """ "Nov 3" (en_US), "3 Nov" (en_GB): a date as said on the phone and in the reasons."""
    return _written(day, "MMMd", _year(day, today, year), ways.current())


def day(day: date, today: date | None = None, *, year: bool = False) -> str:
    """ "Tue, Nov 3" (en_US), "Tue 3 Nov" (en_GB), "mar. 3 nov." (fr_CA): in a list or on
    a form."""
    return _written(day, "MMMEd", _year(day, today, year), ways.current())


def long_day(day: date, today: date | None = None, *, year: bool = False) -> str:
    """ "Tuesday, November 3": a date to say in full to a customer, or to head a page."""
    return _written(day, "MMMMEEEEd", _year(day, today, year), ways.current())


def weekday(day: date) -> str:
    """ "Tuesday", "mardi": the day of the week alone."""
    return _plain(str(format_date(day, "EEEE", locale=ways.current().locale)))


def month(day: date) -> str:
    """ "November 2026"."""
    return _written(day.replace(day=1), "MMMM", True, ways.current())


def time_of_day(at: datetime) -> str:
    """ "8:15 PM" in en_US, "20:15" in en_GB, "20 h 15" in fr_CA."""
    return _time(at.hour, at.minute, ways.current())


def moment(at: datetime, today: date | None = None, *, year: bool = False) -> str:
    """ "Mon, Nov 23, 8:15 PM": a day and the time on it."""
    current = ways.current()
    joined = _locale(current.locale).datetime_formats["medium"]
    return str(joined).format(time_of_day(at), day(at.date(), today, year=year))


# Where 11/12 is November 12; everywhere else a day typed in figures is day first (12 Nov).
MONTH_FIRST_COUNTRIES = frozenset({"US", "CA", "PH", "FM", "MH", "PW"})


def day_first(country: str) -> bool:
    """Whether the store's people type 5/12 meaning the 5th of December."""
    return country.upper() not in MONTH_FIRST_COUNTRIES


def money(amount: Decimal | None, currency: str | None = None) -> str:
    """ "$1,234.50", "−$12.00" below zero, "£1,234.50", "1 234,50 $", "￥1,235" (no
    fraction where the currency has none); nothing where there is no amount."""
    if amount is None:
        return ""
    current = ways.current()
    if currency is not None:
        current = Way(current.locale, currency)
    return _money(amount.quantize(current.unit, rounding=ROUND_HALF_UP), current)


def amount(value: Decimal | None) -> str:
    """An amount as the counter types it in the store's way, without the currency or
    thousands: "45.00", "45,00" in fr_CA, "1235" for yen. What a money field starts with."""
    if value is None:
        return ""
    current = ways.current()
    text = f"{value.quantize(current.unit, rounding=ROUND_HALF_UP):f}"
    return text.replace("-", MINUS).replace(".", current.decimal_sign)


@lru_cache(maxsize=8192)
def _money(amount: Decimal, current: Way) -> str:
    locale = _locale(current.locale)
    text = locale.currency_formats["standard"].apply(
        amount, locale, currency=current.currency, currency_digits=True)
    return str(text).replace("-", MINUS).replace(_NARROW_SPACE, "\xa0")


@cache
def _locale(name: str) -> Locale:
    return Locale.parse(name)


@lru_cache(maxsize=8192)
def _written(day: date, skeleton: str, with_year: bool, current: Way) -> str:
    pattern = _pattern(("y" if with_year else "") + skeleton, current.locale)
    return _plain(str(format_date(day, pattern, locale=current.locale)))


@lru_cache(maxsize=4096)
def _time(hour: int, minute: int, current: Way) -> str:
    return _plain(str(format_time(time(hour, minute), "short", locale=current.locale)))


def day_pattern() -> str:
    """The CLDR pattern ``day(..., year=True)`` writes with ("E, MMM d, y" in en_US), for a
    field that shows a day the same way."""
    return _pattern("yMMMEd", ways.current().locale)


@cache
def _pattern(skeleton: str, locale: str) -> str:
    """The locale's own pattern for a skeleton; a weekday or month asked for in full is
    widened in the matched pattern, as CLDR says a matcher should (Babel does not)."""
    found = _locale(locale).datetime_skeletons
    key = skeleton if skeleton in found else match_skeleton(skeleton, found)
    pattern = str(found[key].pattern)
    if "EEEE" in skeleton:
        pattern = _outside_quotes(pattern, r"(?<!E)E{1,3}(?!E)", "EEEE")
    if "MMMM" in skeleton:
        pattern = _outside_quotes(pattern, r"(?<!M)M{3}(?!M)", "MMMM")
    return pattern


def _outside_quotes(pattern: str, field: str, wide: str) -> str:
    pieces = pattern.split("'")
    return "'".join(re.sub(field, wide, piece) if n % 2 == 0 else piece
                    for n, piece in enumerate(pieces))


def _plain(text: str) -> str:
    # CLDR puts a narrow no-break space in "8:15 PM"; an ordinary one reads the same on
    # screen and paper and in what people search for.
    return text.replace(_NARROW_SPACE, " ")


def _year(day: date, today: date | None, year: bool) -> bool:
    return year or (today is not None and day.year != today.year)


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
