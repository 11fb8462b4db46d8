"""Cash rounding: where the currency's coins stop short of its unit (francs to 0.05,
Canadian dollars to 0.05, Swedish kronor to 1, per CLDR), cash settling a balance is the
balance rounded to the cash unit, and the difference is its own recorded amount, so the
balance stays exact. Cards, cheques and the rest are never rounded."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from jeweldesk.domain import way as ways
from jeweldesk.domain.money import CENTS, ZERO

CASH = "cash"


def is_cash(method: str) -> bool:
    return method.strip().lower() == CASH


def in_cash(owed: Decimal) -> Decimal:
    """What cash settles ``owed`` with in the store's currency: 12.37 francs is 12.35,
    12.38 is 12.40; unchanged where cash is paid to the unit."""
    unit = ways.current().cash_unit
    if unit is None or owed <= 0:
        return owed
    return ((owed / unit).quantize(Decimal(1), rounding=ROUND_HALF_UP) * unit).quantize(CENTS)


def rounding(payments: Iterable[tuple[str, Decimal]], owed: Decimal) -> Decimal:
    """The cash rounding when the cash among ``payments`` settles what the others leave of
    ``owed`` (above zero: the store let the customer off it; below: the customer paid it),
    or zero: no cash, cash short of settling, or nothing to round."""
    taken = list(payments)
    cash = sum((value for how, value in taken if is_cash(how)), ZERO)
    rest = owed - sum((value for how, value in taken if not is_cash(how)), ZERO)
    if cash > 0 and rest > 0 and cash == in_cash(rest) and cash != rest:
        return rest - cash
    return ZERO
