from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jeweldesk.domain.calendar import StoreCalendar
from jeweldesk.domain.money import MoneyError, money, money_text, parse_money_text


def test_money_is_decimal_cents_and_refuses_floats():
    assert money("45") == Decimal("45.00")
    assert money("$1,200.5") == Decimal("1200.50")
    with pytest.raises(MoneyError):
        money(12.5)  # type: ignore[arg-type]
    with pytest.raises(MoneyError):
        money("twelve")


@given(st.text(max_size=12))
def test_strict_money_text_accepts_only_two_decimals(text):
    try:
        value = parse_money_text(text)
    except MoneyError:
        return
    assert money_text(value) == text.lstrip("+")


def test_open_days_skip_closed_weekdays_and_dates():
    calendar = StoreCalendar.of([1, 2, 3, 4, 5, 6], [date(2026, 11, 26)])  # Thanksgiving
    wednesday = date(2026, 11, 25)
    assert calendar.add_open_days(wednesday, 1) == date(2026, 11, 27)
    saturday = date(2026, 11, 28)
    assert calendar.add_open_days(saturday, 1) == date(2026, 11, 30)  # Sunday closed
    assert calendar.open_days_between(wednesday, date(2026, 11, 30)) == 3
