"""Money is Decimal with two places, written as "45.00"; never a float."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENTS = Decimal("0.01")
ZERO = Decimal("0.00")
_MONEY_TEXT = re.compile(r"^-?[0-9]+\.[0-9]{2}$")


class MoneyError(ValueError):
    pass


def money(value: Decimal | int | str) -> Decimal:
    """A Decimal rounded to cents. Refuses floats: their cents are not exact."""
    if isinstance(value, float):
        raise MoneyError(f"money must not be a float: {value!r}")
    try:
        amount = Decimal(str(value).strip().replace(",", "").lstrip("$"))
    except InvalidOperation:
        raise MoneyError(f"not an amount of money: {value!r}") from None
    if not amount.is_finite():
        raise MoneyError(f"not an amount of money: {value!r}")
    return amount.quantize(CENTS, rounding=ROUND_HALF_UP)


def parse_money_text(text: str) -> Decimal:
    """Strict form used by the interchange format: digits, a point, exactly two decimals."""
    if not isinstance(text, str) or not _MONEY_TEXT.match(text):
        raise MoneyError(f"not money with two decimals: {text!r}")
    return Decimal(text)


def money_text(amount: Decimal) -> str:
    return f"{amount.quantize(CENTS, rounding=ROUND_HALF_UP):.2f}"
