from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jeweldesk.domain.calendar import StoreCalendar, days_after
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


def _counted_day_by_day(calendar: StoreCalendar, start: date, end: date) -> int:
    if end < start:
        return -_counted_day_by_day(calendar, end, start)
    days = (start + timedelta(days=i) for i in range(1, (end - start).days + 1))
    return sum(calendar.is_open(day) for day in days)


@given(
    weekdays=st.sets(st.integers(1, 7), max_size=7),
    closed=st.sets(st.dates(date(2025, 1, 1), date(2027, 12, 31)), max_size=12),
    start=st.dates(date(2025, 6, 1), date(2027, 6, 1)),
    span=st.integers(-60, 60),
    count=st.integers(0, 40),
)
def test_counting_in_open_days_agrees_with_counting_them_one_by_one(
    weekdays, closed, start, span, count
):
    calendar = StoreCalendar.of(weekdays, closed)
    end = start + timedelta(days=span)
    assert calendar.open_days_between(start, end) == _counted_day_by_day(calendar, start, end)
    later = calendar.add_open_days(start, count)
    assert later == _stepped_day_by_day(calendar, start, count)
    assert calendar.day_at(calendar.ordinal(later)) == later


def _stepped_day_by_day(calendar: StoreCalendar, start: date, count: int) -> date:
    day = start
    while not calendar.is_open(day):
        day += timedelta(days=1)
    for _ in range(count):
        day += timedelta(days=1)
        while not calendar.is_open(day):
            day += timedelta(days=1)
    return day


def test_a_store_with_no_open_weekdays_set_is_open_every_day():
    calendar = StoreCalendar.of([], [])
    assert calendar.add_open_days(date(2026, 11, 21), 2) == date(2026, 11, 23)


def test_any_date_at_all_can_be_counted_from():
    calendar = StoreCalendar.of([1, 2, 3, 4, 5, 6], [date(1999, 11, 25)])
    assert calendar.add_open_days(date(1999, 11, 24), 1) == date(1999, 11, 26)
    assert calendar.open_days_between(date(1999, 11, 20), date(1999, 11, 27)) == 5
    assert calendar.next_open(date(9999, 12, 26)) == date(9999, 12, 27)
    assert calendar.add_open_days(date(9999, 12, 30), 5) == date.max
    assert calendar.open_days_between(date(2026, 11, 24), date.max) > 2_000_000


def test_counting_days_on_stops_at_the_last_day_there_is():
    assert days_after(date(2026, 11, 24), 7) == date(2026, 12, 1)
    assert days_after(date(9999, 12, 30), 6) == date.max
    assert days_after(date(1, 1, 3), -7) == date.min
