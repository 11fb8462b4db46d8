from datetime import date, datetime
from decimal import Decimal

import pytest

from jeweldesk.domain import way as ways
from jeweldesk.domain import writing
from jeweldesk.domain.money import MoneyError, money

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


# --- the store's own way ------------------------------------------------------------------

NBSP = "\u00a0"


@pytest.fixture
def written_as():
    def use(locale: str, currency: str) -> None:
        ways.use(ways.Way(locale, currency))
    return use


@pytest.mark.parametrize(("locale", "currency", "said"), [
    ("en_US", "USD", ("Nov 3", "Tue, Nov 3", "Tuesday, November 3", "Tue, Nov 3, 2026",
                      "November 2026", "8:15 PM", "$1,234.50", "−$12.00")),
    ("en_GB", "GBP", ("3 Nov", "Tue 3 Nov", "Tuesday 3 November", "Tue, 3 Nov 2026",
                      "November 2026", "20:15", "£1,234.50", "−£12.00")),
    ("fr_CA", "CAD", ("3 nov.", "mar. 3 nov.", "mardi 3 novembre", "mar. 3 nov. 2026",
                      "novembre 2026", "20 h 15", f"1{NBSP}234,50{NBSP}$", f"−12,00{NBSP}$")),
    ("de_CH", "CHF", ("3. Nov.", "Di., 3. Nov.", "Dienstag, 3. November", "Di., 3. Nov. 2026",
                      "November 2026", "20:15", f"CHF{NBSP}1'234.50", "CHF−12.00")),
    ("ja_JP", "JPY", ("11月3日", "11月3日(火)", "11月3日火曜日", "2026年11月3日(火)", "2026年11月",
                      "20:15", "￥1,235", "−￥12")),
])
def test_each_store_writes_dates_and_money_its_own_way(written_as, locale, currency, said):
    written_as(locale, currency)
    at = datetime(2026, 11, 3, 20, 15)
    assert (writing.short_day(TUESDAY), writing.day(TUESDAY), writing.long_day(TUESDAY),
            writing.day(TUESDAY, year=True), writing.month(TUESDAY), writing.time_of_day(at),
            writing.money(Decimal("1234.5")), writing.money(Decimal("-12"))) == said


def test_a_year_not_this_one_is_written_in_the_stores_order(written_as):
    written_as("en_GB", "GBP")
    assert writing.short_day(TUESDAY, date(2025, 12, 30)) == "3 Nov 2026"
    assert writing.moment(datetime(2026, 11, 23, 20, 15)) == "Mon 23 Nov, 20:15"


def test_an_amount_the_counter_types_starts_in_the_stores_way(written_as):
    assert writing.amount(Decimal("45.00")) == "45.00"
    written_as("fr_CA", "CAD")
    assert writing.amount(Decimal("45.00")) == "45,00"
    written_as("ja_JP", "JPY")
    assert writing.amount(Decimal("1235.00")) == "1235"


@pytest.mark.parametrize(("locale", "currency", "typed", "read"), [
    ("en_US", "USD", "$1,250.50", "1250.50"),
    ("en_US", "USD", "-$12", "-12.00"),
    ("fr_CA", "CAD", "12,50", "12.50"),
    ("fr_CA", "CAD", f"1{NBSP}250,50 $", "1250.50"),
    ("fr_CA", "CAD", "1 250,50", "1250.50"),
    ("fr_CA", "CAD", "12.50", "12.50"),  # the keypad's point can mean nothing else here
    ("de_DE", "EUR", "1.250,50 €", "1250.50"),
    ("de_CH", "CHF", "CHF 1'250.50", "1250.50"),
    ("de_CH", "CHF", "1’250.50", "1250.50"),
    ("ja_JP", "JPY", "￥1,235", "1235.00"),
])
def test_a_typed_amount_is_read_the_stores_way(written_as, locale, currency, typed, read):
    written_as(locale, currency)
    assert money(typed) == Decimal(read)


@pytest.mark.parametrize(("locale", "currency", "typed", "said"), [
    ("en_US", "USD", "12,50", "'12,50' is not an amount of money (write it as 1,250.50)"),
    ("en_GB", "GBP", "$12", "'$12' is not an amount of money (write it as 1,250.50)"),
    ("de_DE", "EUR", "12.50", "'12.50' is not an amount of money (write it as 1.250,50)"),
    ("ja_JP", "JPY", "12.50", "'12.50' has a fraction, and the store's JPY has none"),
])
def test_an_amount_not_in_the_stores_way_is_refused_saying_how(written_as, locale, currency,
                                                                 typed, said):
    written_as(locale, currency)
    with pytest.raises(MoneyError) as refused:
        money(typed)
    assert str(refused.value) == said


def test_a_store_gets_its_countrys_way_to_start_with():
    assert ways.way_for("GB") == ways.Way("en_GB", "GBP")
    assert ways.way_for("CA") == ways.Way("en_CA", "CAD")
    assert ways.way_for("CH") == ways.Way("de_CH", "CHF")
    assert ways.way_for("JP") == ways.Way("ja_JP", "JPY")
    assert ways.way_for("US") == ways.US
    assert "fr_CA" in ways.locales_for("CA")


def test_cash_is_rounded_only_where_the_coins_stop_short():
    assert ways.Way("de_CH", "CHF").cash_unit == Decimal("0.05")
    assert ways.Way("en_CA", "CAD").cash_unit == Decimal("0.05")
    assert ways.Way("sv_SE", "SEK").cash_unit == Decimal("1")
    assert ways.Way("en_GB", "GBP").cash_unit is None
    assert ways.US.cash_unit is None
    assert ways.Way("ja_JP", "JPY").cash_unit is None  # yen are whole already
