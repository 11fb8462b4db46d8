"""A ticket's bill is its rows, worked out: whatever the lines, money off, tax and payments,
the balance is the lines less money off plus tax less what was paid, to the cent."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from jeweldesk.domain.bill import Line, Reduction, bill

D = Decimal
cents = st.integers(min_value=-5_000, max_value=500_000).map(lambda c: D(c) / 100)
rates = st.sampled_from([None, ("State tax", D("7.250")), ("City tax", D("1.500"))])
lines = st.lists(st.tuples(cents, rates).map(
    lambda pair: Line(pair[0], *(pair[1] or (None, D(0))))), max_size=8)
reductions = st.lists(st.one_of(
    st.integers(min_value=1, max_value=50_000).map(lambda c: Reduction(amount=D(c) / 100)),
    st.integers(min_value=1, max_value=100_000).map(
        lambda p: Reduction(percent=D(p) / 1000))), max_size=4)
payments = st.lists(cents, max_size=8)


@given(lines, reductions, payments)
def test_the_balance_is_always_the_sum_of_its_rows(lines, reductions, payments):
    b = bill(lines, reductions, payments)
    assert b.lines == sum((line.price for line in lines), D("0.00"))
    assert b.paid == sum(payments, D("0.00"))
    assert b.balance == b.lines - sum(b.reductions, D(0)) + sum(t.amount for t in b.taxes) \
        - b.paid
    for amount in (b.balance, b.tax, b.reduced):
        assert amount == amount.quantize(D("0.01"))
    assert all(t.amount >= 0 for t in b.taxes)


@given(lines, payments)
def test_without_money_off_or_tax_the_balance_is_lines_less_payments(lines, payments):
    untaxed = [Line(line.price) for line in lines]
    assert bill(untaxed, (), payments).balance == sum(
        (line.price for line in lines), D(0)) - sum(payments, D(0))


def test_a_percent_off_and_two_rates_worked_out_by_hand():
    b = bill([Line(D("90.00"), "State tax", D("7")), Line(D("15.00"), "City tax", D("1.5")),
              Line(D("20.00"))],
             [Reduction(percent=D("10"))], [D("50.00")])
    # 12.50 off 125.00 is 10% off each share: 81.00 at 7% is 5.67, 13.50 at 1.5% is 0.2025.
    assert b.reductions == (D("12.50"),)
    assert [(t.name, t.amount) for t in b.taxes] == [("State tax", D("5.67")),
                                                     ("City tax", D("0.20"))]
    assert b.due == D("118.37") and b.balance == D("68.37")
