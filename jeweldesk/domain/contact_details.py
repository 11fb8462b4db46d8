"""Checking and tidying what a customer gives us to reach them."""

from __future__ import annotations

import re

import phonenumbers

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class DetailError(ValueError):
    pass


def normalise_phone(text: str | None, region: str = "US") -> str | None:
    """A phone number in international form ("+1 601-555-0142"), or None when empty."""
    if text is None or not text.strip():
        return None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise DetailError(f"{text!r} is not a phone number") from None
    if not phonenumbers.is_possible_number(number):
        raise DetailError(f"{text!r} is not a phone number (wrong number of digits)")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_digits(text: str | None) -> str | None:
    if not text:
        return None
    digits = re.sub(r"\D", "", text)
    return digits or None


def normalise_email(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    value = text.strip()
    if not _EMAIL.match(value):
        raise DetailError(f"{value!r} is not an email address")
    return value
