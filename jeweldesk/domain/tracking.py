"""Tracking numbers: the shape each carrier prints, and its check digit where it has one.

A mistyped digit in a tracking number is only found out when the parcel is
lost, so a number that cannot be right is refused when the parcel is sent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

OTHER_MIN, OTHER_MAX = 4, 40


class TrackingError(ValueError):
    """A tracking number that cannot be right, with what is wrong in plain words."""


@dataclass(frozen=True)
class Carrier:
    name: str
    shape: str  # how the number looks, for the message
    pattern: re.Pattern[str]
    check: Callable[[str], bool] | None


def _mod10(data: str, check: str, right_weight: int = 3) -> bool:
    """GS1-style mod 10: weights 3, 1, 3, … from the rightmost data digit."""
    if not check.isdecimal():
        return False
    total = 0
    for i, char in enumerate(reversed(data)):
        total += int(char) * (right_weight if i % 2 == 0 else 1)
    return (10 - total % 10) % 10 == int(check)


def _ups_value(char: str) -> int:
    # UPS turns letters into digits: A=2, B=3 … and wraps every ten letters.
    return int(char) if char.isdigit() else (ord(char) - ord("A") + 2) % 10


def ups_valid(number: str) -> bool:
    body, check = number[2:-1], number[-1]
    if not check.isdecimal():  # the check is always a digit; a letter there is mistyped
        return False
    odd = sum(_ups_value(c) for c in body[0::2])
    even = sum(_ups_value(c) for c in body[1::2])
    return (10 - (odd + 2 * even) % 10) % 10 == int(check)


def fedex_valid(number: str) -> bool:
    data, check = number[:-1], number[-1]
    if not number.isdecimal():
        return False
    if len(number) == 12:  # FedEx Express: weights 1, 3, 7 from the right, mod 11
        weights = (1, 3, 7)
        total = sum(int(c) * weights[i % 3] for i, c in enumerate(reversed(data)))
        return total % 11 % 10 == int(check)
    return _mod10(data, check)  # FedEx Ground, 15 digits


_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def s10_valid(number: str) -> bool:
    """The postal services' international shape (UPU S10): two letters, eight digits, a
    check digit, the country's two letters, as in RR123456785GB."""
    serial, check = number[2:10], number[10]
    if not (serial + check).isdecimal():
        return False
    left = 11 - sum(int(c) * w for c, w in zip(serial, _S10_WEIGHTS, strict=True)) % 11
    return {10: 0, 11: 5}.get(left, left) == int(check)


def _is_s10(number: str) -> bool:
    return len(number) == 13 and number[:2].isalpha() and number[-2:].isalpha()


def usps_valid(number: str) -> bool:
    if _is_s10(number):
        return s10_valid(number)
    return _mod10(number[:-1], number[-1])


def canada_post_valid(number: str) -> bool:
    # Domestic numbers (16 digits) carry no check digit anyone publishes: the shape alone.
    return s10_valid(number) if _is_s10(number) else number.isdecimal()


def dhl_valid(number: str) -> bool:
    if not number.isdecimal():
        return False
    return int(number[:-1]) % 7 == int(number[-1])


CARRIERS: dict[str, Carrier] = {
    "ups": Carrier("UPS", "1Z and 16 letters or digits",
                   re.compile(r"1Z[0-9A-Z]{16}", re.ASCII), ups_valid),
    "fedex": Carrier("FedEx", "12 or 15 digits",
                     re.compile(r"[0-9]{12}|[0-9]{15}"), fedex_valid),
    "usps": Carrier("USPS", "20 to 22 digits, or two letters, nine digits and US",
                    re.compile(r"[0-9]{20,22}|[A-Z]{2}[0-9]{9}US", re.ASCII), usps_valid),
    "royalmail": Carrier("Royal Mail", "two letters, nine digits and GB (like RR123456785GB)",
                         re.compile(r"[A-Z]{2}[0-9]{9}GB", re.ASCII), s10_valid),
    "canadapost": Carrier("Canada Post", "16 digits, or two letters, nine digits and CA",
                          re.compile(r"[0-9]{16}|[A-Z]{2}[0-9]{9}CA", re.ASCII),
                          canada_post_valid),
    "dhl": Carrier("DHL Express", "10 digits", re.compile(r"[0-9]{10}"), dhl_valid),
}

_ALIASES = {
    "ups": "ups",
    "unitedparcelservice": "ups",
    "fedex": "fedex",
    "federalexpress": "fedex",
    "fedexexpress": "fedex",
    "fedexground": "fedex",
    "usps": "usps",
    "uspostalservice": "usps",
    "unitedstatespostalservice": "usps",
    "dhl": "dhl",
    "dhlexpress": "dhl",
    "royalmail": "royalmail",
    "royalmailtracked": "royalmail",
    "royalmailspecialdelivery": "royalmail",
    "canadapost": "canadapost",
    "postescanada": "canadapost",
}

# The carriers offered first when a parcel goes out, by the store's country; any other
# name can be typed, and its number is kept as written.
_LOCAL = {
    "US": ("UPS", "FedEx", "USPS"),
    "GB": ("Royal Mail", "Parcelforce", "DPD"),
    "IE": ("An Post", "DPD"),
    "CA": ("Canada Post", "Purolator", "UPS", "FedEx"),
    "AU": ("Australia Post", "StarTrack"),
    "NZ": ("NZ Post", "CourierPost"),
}
_EVERYWHERE = ("DHL Express", "Courier", "Hand delivery")


def carriers_offered(country: str) -> tuple[str, ...]:
    """The carriers a store in this country most likely ships by, its own post first."""
    local = _LOCAL.get(country.upper(), ("UPS", "FedEx"))
    return tuple(dict.fromkeys((*local, "UPS", "FedEx", *_EVERYWHERE)))


def carrier_for(name: str | None) -> Carrier | None:
    """The carrier whose numbers we can check, from however the store wrote its name."""
    key = re.sub(r"[^a-z]", "", (name or "").lower())
    found = _ALIASES.get(key)
    return CARRIERS[found] if found else None


def checked_tracking(carrier: str | None, tracking: str | None) -> str | None:
    """The tracking number as the carrier prints it, or TrackingError saying what is wrong.

    Spaces and dashes a person types to keep their place are dropped; letters are
    upper-cased. No number at all is fine: a courier or a hand delivery has none.
    Whatever is typed or scanned, the only error is a TrackingError.
    """
    raw = (tracking or "").strip()
    if not raw:
        return None
    known = carrier_for(carrier)
    if known is None:
        who = (carrier or "").strip() or "a parcel without a carrier"
        if not raw.isprintable():
            raise TrackingError(f"tracking number for {who} has characters that cannot be "
                                "printed; type it again")
        if not OTHER_MIN <= len(raw) <= OTHER_MAX:
            raise TrackingError(f"tracking number for {who} should be {OTHER_MIN} to "
                                f"{OTHER_MAX} characters; {raw!r} has {len(raw)}")
        return raw
    # Full-width digits and letters (an input method's) read as the ASCII the carrier prints.
    number = re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", raw)).upper()
    if not known.pattern.fullmatch(number):
        raise TrackingError(f"{known.name} tracking numbers are {known.shape}; "
                            f"{raw!r} is not")
    if known.check is not None and not known.check(number):
        raise TrackingError(f"{known.name} tracking number {number} fails its check digit; "
                            "a character is probably mistyped")
    return number
