from datetime import date, datetime
from decimal import Decimal

from jeweldesk.domain import writing

TUESDAY = date(2026, 11, 3)


def test_a_day_is_written_month_first_with_the_year_when_asked_or_not_this_one():
    assert writing.short_day(TUESDAY) == "Nov 3"
    assert writing.day(TUESDAY) == "Tue, Nov 3"
    assert writing.long_day(TUESDAY) == "Tuesday, November 3"
    assert writing.day(TUESDAY, year=True) == "Tue, Nov 3, 2026"
    assert writing.short_day(TUESDAY, date(2026, 1, 2)) == "Nov 3"
    assert writing.short_day(TUESDAY, date(2025, 12, 30)) == "Nov 3, 2026"
    assert writing.month(TUESDAY) == "November 2026"


def test_a_time_reads_as_the_counter_says_it():
    assert writing.moment(datetime(2026, 11, 3, 20, 15)) == "Tue, Nov 3, 8:15 PM"
    assert writing.time_of_day(datetime(2026, 11, 3, 0, 5)) == "12:05 AM"


def test_money_has_a_currency_sign_thousands_and_cents():
    assert writing.money(Decimal("1234.5")) == "$1,234.50"
    assert writing.money(Decimal("-12")) == "−$12.00"
    assert writing.money(None) == ""


def test_an_occasion_is_said_as_in_a_sentence():
    assert writing.occasion("Retirement party") == "the retirement party"
    assert writing.occasion("tenth wedding anniversary") == "the tenth wedding anniversary"
    assert writing.occasion("Mother's Day") == "Mother's Day"
    assert writing.occasion("Anna's wedding") == "Anna's wedding"
    assert writing.occasion("Christmas gift") == "the Christmas gift"
    assert writing.occasion("Christmas Eve") == "Christmas Eve"
    assert writing.occasion("Her 50th birthday") == "her 50th birthday"
    assert writing.occasion("  ") == "the occasion"
