"""Checking and tidying what a customer gives us to reach them.

A phone is kept one way, E.164 ("+16015550142"), read with the store's country as the
place a number without "+country" belongs to, and shown the way people there write it
("(601) 555-0142"); a number from elsewhere is shown in international form.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import phonenumbers
from phonenumbers import PhoneNumberFormat

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_LETTER = re.compile(r"[^\W\d_]")

DEFAULT_COUNTRY = "US"
# Countries whose names take "the" in a sentence: "a phone number in the United States".
_WITH_THE = frozenset({"US", "GB", "NL", "PH", "AE", "CZ", "DO", "BS", "GM", "KY", "VG",
                       "VI", "MH", "SB", "CF", "KM", "MV", "CD", "CG", "VA", "TC", "FK"})


class DetailError(ValueError):
    pass


@cache
def country_name(country: str) -> str:
    """"United States" for "US"; the code itself for a region phonenumbers has no name for."""
    # The geocoder loads every region's place names (seconds at start-up): only when asked.
    from phonenumbers import geocoder

    example = phonenumbers.example_number(country)
    name = geocoder.country_name_for_number(example, "en") if example else ""
    return name or country


def country_problem(country: str | None) -> str | None:
    """What is wrong with a store's country, in a sentence, or None."""
    if not country or country not in phonenumbers.SUPPORTED_REGIONS:
        return f"{country or 'an empty code'!r} is not a country code such as US, CA or GB"
    return None


def normalise_phone(text: str | None, country: str = DEFAULT_COUNTRY) -> str | None:
    """The phone as it is kept (E.164), or None when empty; every door that takes a phone
    (customers, the store, vendors) asks here, so a number is refused the same way."""
    if text is None or not text.strip():
        return None
    shown = text.strip()
    # "555-CALL-PAT" would be turned into digits by the keypad letters: a person typing
    # letters has made a slip, and a customer's number must not be guessed at.
    if _LETTER.search(shown):
        raise DetailError(f"“{shown}” has letters in it: type the phone number in digits")
    try:
        number = phonenumbers.parse(shown, country)
    except phonenumbers.NumberParseException:
        raise DetailError(f"“{shown}” is not a phone number") from None
    if not phonenumbers.is_valid_number(number):
        where = phonenumbers.region_code_for_number(number) or country
        name = ("the " if where in _WITH_THE else "") + country_name(where)
        raise DetailError(
            f"“{shown}” is not a phone number in {name}: check the area code and the number "
            "of digits (a number abroad starts with + and its country code)")
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


@lru_cache(maxsize=8192)  # a board page, Today and the search each write hundreds at a time
def shown_phone(stored: str | None, country: str = DEFAULT_COUNTRY) -> str | None:
    """A kept phone the way the store writes it: national at home, international from
    elsewhere; a number brought in from another system that cannot be read stays as it is."""
    if stored is None or not stored.strip():
        return None
    try:
        number = phonenumbers.parse(stored, country)
    except phonenumbers.NumberParseException:
        return stored
    if not phonenumbers.is_possible_number(number):
        return stored
    home = phonenumbers.region_code_for_number(number) == country or (
        number.country_code == phonenumbers.country_code_for_region(country))
    return phonenumbers.format_number(
        number, PhoneNumberFormat.NATIONAL if home else PhoneNumberFormat.INTERNATIONAL)


def phone_digits(text: str | None) -> str | None:
    if not text:
        return None
    digits = re.sub(r"\D", "", text)
    return digits or None


def searched_digits(text: str, country: str = DEFAULT_COUNTRY) -> tuple[str, ...]:
    """The digits a phone typed into a search may be kept under: as typed, and, for a whole
    number written the way the store's country writes it ("07911 123456" in Britain), as
    kept (E.164's digits, "447911123456"). Empty when nothing typed was a digit."""
    digits = phone_digits(text)
    if digits is None:
        return ()
    if _LETTER.search(text):
        return (digits,)
    try:
        number = phonenumbers.parse(text, country)
    except phonenumbers.NumberParseException:
        return (digits,)
    if not phonenumbers.is_possible_number(number):
        return (digits,)  # a fragment: only what was typed can be looked for
    kept = phonenumbers.format_number(number, PhoneNumberFormat.E164).lstrip("+")
    return (digits,) if kept == digits or digits in kept else (digits, kept)


def normalise_email(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    value = text.strip()
    if not _EMAIL.match(value):
        raise DetailError(f"{value!r} is not an email address")
    return value


def countries() -> list[tuple[str, str]]:
    """Every country a phone can be read for, as (code, name), by name."""
    return sorted(((code, country_name(code)) for code in phonenumbers.SUPPORTED_REGIONS),
                  key=lambda pair: pair[1])
