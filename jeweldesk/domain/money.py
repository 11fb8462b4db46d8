"""Money is Decimal with two places, written as "45.00"; never a float."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENTS = Decimal("0.01")
ZERO = Decimal("0.00")
_MONEY_TEXT = re.compile(r"^-?[0-9]+\.[0-9]{2}$")


class MoneyError(ValueError):
    pass


# NUMERIC(12, 2): the most the store's records can hold, on every database.
LIMIT = Decimal("10000000000")
_TYPED = re.compile(r"^-?\$?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\.[0-9]+)?$")


def money(value: Decimal | int | str) -> Decimal:
    """Exact money in cents, as a person types it ("1,250", "$45.5", "45.00").

    Refused, never rounded: floats (their cents are not exact), more than two decimal
    places ("15.12345"), exponents ("1e20") and amounts past what the records hold.
    """
    if isinstance(value, float | bool):
        raise MoneyError(f"money must not be a float: {value!r}")
    text = str(value).strip()
    if isinstance(value, str) and (not _TYPED.match(text) or text in {"", "-", "$", "-$"}):
        raise MoneyError(f"{shown(value)} is not an amount of money")
    try:
        amount = Decimal(text.replace(",", "").replace("$", ""))
    except InvalidOperation:
        raise MoneyError(f"{shown(value)} is not an amount of money") from None
    if not amount.is_finite():
        raise MoneyError(f"{shown(value)} is not an amount of money")
    if amount != amount.quantize(CENTS, rounding=ROUND_HALF_UP):
        raise MoneyError(f"{shown(value)} has more than two decimal places")
    if abs(amount) >= LIMIT:
        raise MoneyError(f"{shown(value)} is more than the store's records can hold")
    return amount.quantize(CENTS)


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
