"""What a ticket comes to: its lines, less discounts and courtesies, plus tax, less what was
paid. Always worked out from the rows, never kept, so it cannot drift from them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from jeweldesk.domain import way as ways
from jeweldesk.domain.money import CENTS, ZERO

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Line:
    price: Decimal
    tax_name: str | None = None  # None: not taxed
    tax_percent: Decimal = ZERO


@dataclass(frozen=True)
class Reduction:
    """A discount or courtesy: a set amount, or a percent of the lines."""

    amount: Decimal | None = None
    percent: Decimal | None = None

    def worth(self, lines_total: Decimal) -> Decimal:
        if self.percent is not None:
            return cents(max(lines_total, ZERO) * self.percent / HUNDRED)
        return self.amount or ZERO


@dataclass(frozen=True)
class Tax:
    name: str
    percent: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Bill:
    lines: Decimal
    reductions: tuple[Decimal, ...]
    taxes: tuple[Tax, ...]
    paid: Decimal

    @property
    def reduced(self) -> Decimal:
        return sum(self.reductions, ZERO)

    @property
    def tax(self) -> Decimal:
        return sum((t.amount for t in self.taxes), ZERO)

    @property
    def due(self) -> Decimal:
        """What the work comes to, before anything is paid."""
        return self.lines - self.reduced + self.tax

    @property
    def balance(self) -> Decimal:
        return self.due - self.paid


def cents(amount: Decimal) -> Decimal:
    """A worked-out share (a percent off, a tax) in the currency's smallest unit: cents, or
    whole yen where the currency has no fraction."""
    return amount.quantize(ways.current().unit, rounding=ROUND_HALF_UP).quantize(CENTS)


def bill(lines: Iterable[Line], reductions: Iterable[Reduction],
         paid: Iterable[Decimal]) -> Bill:
    lines = tuple(lines)
    total = sum((line.price for line in lines), ZERO)
    worth = tuple(r.worth(total) for r in reductions)
    reduced = sum(worth, ZERO)
    # Tax is on what the customer is charged: a discount lowers each rate's share of the
    # work in proportion, and each rate is rounded once, as the receipt prints it.
    bases: dict[tuple[str, Decimal], Decimal] = {}
    for line in lines:
        if line.tax_name is not None and line.tax_percent:
            key = (line.tax_name, line.tax_percent)
            bases[key] = bases.get(key, ZERO) + line.price
    taxes = []
    for (name, percent), base in bases.items():
        charged = base - (reduced * base / total if total > 0 else ZERO)
        taxes.append(Tax(name, percent, cents(max(charged, ZERO) * percent / HUNDRED)))
    return Bill(total, worth, tuple(taxes), sum(paid, ZERO))
