"""The note a jeweler leaves when a piece waits for parts, and the supplier's date in it.

The bench screen writes the date in a fixed form ("Parts expected 2026-11-14.
Two 3 mm prongs"), so it reads back exactly. Notes brought in from a spreadsheet
or another system say it however the jeweler typed it ("Clasp from Stuller, ETA
11/20", "due Nov 20th", "expected 2026-11-20"): the date is found in those too.
Only a date on or after the day the note was written can be when the parts come;
where a note has several, the one after words like "expected", "ETA" or "due" is
taken, else the latest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

FIXED = re.compile(r"^Parts expected (\d{4}-\d{2}-\d{2})\b\.?\s*")

MONTHS = {name[:3]: number for number, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"), start=1)}
_MONTH = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?")
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(\d{4}))?"
ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
# Month/day, as US stores write it; not a fraction of a carat or an inch.
NUMERIC = re.compile(
    r"\b(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?\b(?!\s*(?:ct|carat|cttw|tw|in\b|inch|\"|mm))",
    re.IGNORECASE)
MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b{_YEAR}", re.IGNORECASE)
DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}", re.IGNORECASE)
EXPECTED = re.compile(
    r"(expect\w*|eta|due|arriv\w*|coming|comes|back|by|ships?|delivery|promised)\W*$",
    re.IGNORECASE)


def parts_note(parts_expected: date | None, note: str | None) -> str | None:
    """The waiting-for-parts note in its fixed form, so the date can be read back."""
    words = (note or "").strip()
    if parts_expected is None:
        return words or None
    head = f"Parts expected {parts_expected.isoformat()}"
    return f"{head}. {words}" if words else head


def read_parts_note(note: str | None, written_on: date) -> tuple[date | None, str | None]:
    """The parts date and the jeweler's own words: a note in the fixed form gives its date
    and the words after it; any other gives the date found in it and all its words."""
    if not note:
        return None, None
    fixed = FIXED.match(note)
    if fixed is not None:
        expected = _date(int(fixed.group(1)[:4]), int(fixed.group(1)[5:7]),
                         int(fixed.group(1)[8:10]))
        if expected is not None:
            return expected, note[fixed.end():].strip() or None
    return _found_in(note, written_on), note


def parts_date(note: str | None, written_on: date) -> date | None:
    """The date the parts are expected, as the note written on ``written_on`` gives it."""
    return read_parts_note(note, written_on)[0]


def _found_in(note: str, written_on: date) -> date | None:
    dates: list[tuple[bool, date]] = []  # (after a word like "expected", the date)
    for found, day in _dates(note, written_on):
        if day >= written_on:
            dates.append((EXPECTED.search(note[:found.start()]) is not None, day))
    if not dates:
        return None
    flagged = [day for after_word, day in dates if after_word]
    return flagged[0] if flagged else max(day for _, day in dates)


def _dates(note: str, written_on: date) -> Iterator[tuple[re.Match[str], date]]:
    for found in ISO.finditer(note):
        day = _date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        if day is not None:
            yield found, day
    for found in NUMERIC.finditer(note):
        year = found.group(3)
        day = _dated(written_on, int(found.group(1)), int(found.group(2)),
                     int(year) + (2000 if len(year) == 2 else 0) if year else None)
        if day is not None:
            yield found, day
    for found in MONTH_DAY.finditer(note):
        day = _dated(written_on, MONTHS[found.group(1)[:3].lower()], int(found.group(2)),
                     int(found.group(3)) if found.group(3) else None)
        if day is not None:
            yield found, day
    for found in DAY_MONTH.finditer(note):
        day = _dated(written_on, MONTHS[found.group(2)[:3].lower()], int(found.group(1)),
                     int(found.group(3)) if found.group(3) else None)
        if day is not None:
            yield found, day


def _dated(written_on: date, month: int, day: int, year: int | None) -> date | None:
    """A date without its year is the next one after the note was written (a note from late
    December that says "Jan 5" means the new year)."""
    if year is not None:
        return _date(year, month, day)
    found = _date(written_on.year, month, day)
    if found is not None and found < written_on - timedelta(days=60):
        found = _date(written_on.year + 1, month, day)
    return found


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
