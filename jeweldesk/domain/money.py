"""Money is Decimal with two places, written as "45.00"; never a float."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache

from jeweldesk.domain import way as ways
from jeweldesk.domain.way import Way

CENTS = Decimal("0.01")
ZERO = Decimal("0.00")
_MONEY_TEXT = re.compile(r"^-?[0-9]+\.[0-9]{2}$")


class MoneyError(ValueError):
    pass


# NUMERIC(12, 2): the most the store's records can hold, on every database.
LIMIT = Decimal("10000000000")
_SPACES = " \u00a0\u202f"
_MINUSES = "-\u2212"


def money(value: Decimal | int | str) -> Decimal:
    """Exact money in cents, as a person types it in the store's way: "1,250", "$45.5",
    "45.00" in en_US; "1 250,50" or "12,50 $" in fr_CA; "CHF 1'250.50" in de_CH.

    Refused, never rounded: floats (their cents are not exact), more decimal places than
    the currency has ("15.12345", "12.50" for yen), exponents ("1e20") and amounts past
    what the records hold. A refusal of a typed amount shows how to write one here.
    """
    if isinstance(value, float | bool):
        raise MoneyError(f"money must not be a float: {value!r}")
    current = ways.current()
    text = _as_typed(value, current) if isinstance(value, str) else str(value).strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise MoneyError(_not_money(value, current)) from None
    if not amount.is_finite():
        raise MoneyError(_not_money(value, current))
    if amount != amount.quantize(CENTS, rounding=ROUND_HALF_UP):
        raise MoneyError(f"{shown(value)} has more than two decimal places")
    if amount != amount.quantize(current.unit, rounding=ROUND_HALF_UP):
        raise MoneyError(f"{shown(value)} has a fraction, and the store's {current.currency} "
                         "has none")
    if abs(amount) >= LIMIT:
        raise MoneyError(f"{shown(value)} is more than the store's records can hold")
    return amount.quantize(CENTS)


def _as_typed(value: str, current: Way) -> str:
    """A typed amount as Decimal reads it, or MoneyError: the store's currency sign or code
    and a minus may stand either side; thousands only in groups of three."""
    text = value.strip()
    for sign in sorted({current.symbol, current.currency}, key=len, reverse=True):
        text = text.removeprefix(sign).removesuffix(sign).strip(_SPACES)
    negative = text[:1] in _MINUSES
    if negative:
        text = text[1:].strip(_SPACES)
        for sign in (current.symbol, current.currency):
            text = text.removeprefix(sign).strip(_SPACES)
    match = _typed_pattern(current.locale).match(text)
    if not text or not match or not (match["whole"] or match["part"]):
        raise MoneyError(_not_money(value, current))
    whole = re.sub(r"\D", "", match["whole"] or "") or "0"
    return f"{'-' if negative else ''}{whole}.{match['part'] or '0'}"


@cache
def _typed_pattern(locale: str) -> re.Pattern[str]:
    way = Way(locale)
    group = way.group_sign
    groups = {group}
    if group in _SPACES:
        groups |= set(_SPACES)  # one space is as good as another between thousands
    if group in "'\u2019":
        groups |= {"'", "\u2019"}
    points = {way.decimal_sign}
    if way.decimal_sign == "," and "." not in groups:
        points.add(".")  # the keypad's point, where it can mean nothing else
    g = "[" + re.escape("".join(sorted(groups))) + "]"
    d = "[" + re.escape("".join(sorted(points))) + "]"
    return re.compile(rf"^(?P<whole>[0-9]{{1,3}}(?:{g}[0-9]{{3}})+|[0-9]+)?"
                      rf"(?:{d}(?P<part>[0-9]+))?$")


def _not_money(value: object, current: Way) -> str:
    example = f"1{current.group_sign}250{current.decimal_sign}50" if current.digits \
        else f"1{current.group_sign}250"
    return f"{shown(value)} is not an amount of money (write it as {example})"


def shown(value: object, width: int = 40) -> str:
    """A bad value as a refusal quotes it: never more than a few dozen characters."""
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def parse_money_text(text: str) -> Decimal:
    """Strict form used by the interchange format: digits, a point, exactly two decimals."""
    if not isinstance(text, str) or not _MONEY_TEXT.match(text):
        raise MoneyError(f"not money with two decimals: {text!r}")
    return Decimal(text)


def money_text(amount: Decimal) -> str:
    return f"{amount.quantize(CENTS, rounding=ROUND_HALF_UP):.2f}"
