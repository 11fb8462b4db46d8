"""The store's way of writing: its currency (ISO 4217, "GBP") and its locale ("en_GB"),
set once at set-up and used, from the moment a store is opened, by everything that writes
money or a date for a person (``writing``) or reads an amount a person typed (``money``).

One way per process: a process serves one store (the window, a command, the process that
judges the morning), so the way is set when the store is opened rather than handed down
through some 280 places that write an amount or a date.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.languages import get_official_languages
from babel.numbers import (
    get_currency_name,
    get_currency_symbol,
    get_decimal_symbol,
    get_group_symbol,
    get_territory_currencies,
    is_currency,
    list_currencies,
)

DEFAULT_LOCALE = "en_US"
DEFAULT_CURRENCY = "USD"
LOCALE_CHARS = 35


@dataclass(frozen=True)
class Way:
    locale: str = DEFAULT_LOCALE
    currency: str = DEFAULT_CURRENCY

    @property
    def digits(self) -> int:
        """How many decimals the currency is written and reckoned with: 2, or 0 for yen."""
        return _fractions(self.currency)[0]

    @property
    def unit(self) -> Decimal:
        """The smallest amount the currency is reckoned in: 0.01, or 1 for yen."""
        return Decimal(1).scaleb(-self.digits)

    @property
    def cash_unit(self) -> Decimal | None:
        """The smallest amount cash is paid in where coins stop short of the unit (0.05 in
        Switzerland and Canada, 1 krona in Sweden); None where cash is paid to the unit."""
        _digits, _rounding, cash_digits, cash_rounding = _fractions(self.currency)
        unit = Decimal(cash_rounding or 1).scaleb(-cash_digits)
        return unit if unit > self.unit else None

    @property
    def symbol(self) -> str:
        return str(get_currency_symbol(self.currency, self.locale))

    @property
    def decimal_sign(self) -> str:
        return str(get_decimal_symbol(self.locale))

    @property
    def group_sign(self) -> str:
        return str(get_group_symbol(self.locale))

    def said(self) -> str:
        """ "Pound sterling (GBP), English (United Kingdom)": the way as Settings shows it."""
        return f"{currency_name(self.currency, self.locale)} ({self.currency}), " \
               f"{locale_name(self.locale)}"


US = Way()
_current = [US]


def use(way: Way) -> None:
    """Write and read as this store from now on; set when a store is opened."""
    _current[0] = way


def current() -> Way:
    return _current[0]


@cache
def _fractions(currency: str) -> tuple[int, int, int, int]:
    table = get_global("currency_fractions")
    found = table.get(currency) or table["DEFAULT"]
    return tuple(found)  # type: ignore[return-value]


def locale_problem(locale: str | None) -> str | None:
    if not locale or len(locale) > LOCALE_CHARS:
        return f"{locale or 'an empty name'!r} is not a locale such as en_US, en_GB or fr_CA"
    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError, TypeError):
        return f"{locale!r} is not a locale such as en_US, en_GB or fr_CA"
    return None


def currency_problem(currency: str | None) -> str | None:
    if not currency or not is_currency(currency):
        return f"{currency or 'an empty code'!r} is not a currency code such as USD, GBP or EUR"
    return None


def way_for(country: str) -> Way:
    """The way a store in this country most likely writes: GB is GBP and en_GB, CA is CAD
    and en_CA, CH is CHF and de_CH; the country's first official language that Babel
    knows there, else English."""
    country = country.strip().upper()
    currencies = get_territory_currencies(country, tender=True) if country else []
    currency = currencies[0] if currencies else DEFAULT_CURRENCY
    return Way(locales_for(country)[0], currency)


def locales_for(country: str) -> list[str]:
    """The locales written in this country, its official languages first."""
    found = [f"{lang}_{country}" for lang in get_official_languages(country, de_facto=True)
             if locale_problem(f"{lang}_{country}") is None]
    return found or [f"en_{country}" if locale_problem(f"en_{country}") is None
                     else DEFAULT_LOCALE]


def locale_name(locale: str) -> str:
    """ "English (United Kingdom)", in English, as the settings list them."""
    return str(Locale.parse(locale).get_display_name("en") or locale)


def currency_name(currency: str, locale: str = DEFAULT_LOCALE) -> str:
    return str(get_currency_name(currency, locale="en") or currency)


@cache
def currencies() -> tuple[str, ...]:
    """Every currency in use today, by code."""
    return tuple(sorted(c for c in list_currencies() if is_currency(c)))
