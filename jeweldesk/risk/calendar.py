"""The store's open days, and counting in them.

Bench work only moves on days the store is open, so every estimate is counted
in open days. Each open day has an ordinal (its position among open days) so
that "N open days after" is one addition and one lookup.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

_SPAN_DAYS = 366 * 2  # how far past the asked-for day the ordinal table grows


@dataclass(frozen=True)
class StoreCalendar:
    """Open weekdays (ISO: 1 = Monday … 7 = Sunday) and closed dates."""

    open_weekdays: frozenset[int] = frozenset({1, 2, 3, 4, 5, 6})
    closed_dates: frozenset[date] = frozenset()
    timezone: str = "UTC"
    _open_days: list[date] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def of(
        cls, open_weekdays: Iterable[int], closed_dates: Iterable[date] = (), timezone: str = "UTC"
    ) -> StoreCalendar:
        weekdays = frozenset(open_weekdays) or frozenset(range(1, 8))
        return cls(weekdays, frozenset(closed_dates), timezone)

    def is_open(self, day: date) -> bool:
        return day.isoweekday() in self.open_weekdays and day not in self.closed_dates

    def next_open(self, day: date) -> date:
        """The first open day on or after ``day``."""
        return self.day_at(self.ordinal(day))

    def add_open_days(self, start: date, days: int) -> date:
        """The open day ``days`` open days after ``start`` (0: the next open day on/after)."""
        return self.day_at(self.ordinal(start) + max(days, 0))

    def open_days_between(self, start: date, end: date) -> int:
        """Open days in (start, end]; negative when end is before start."""
        return self._count_through(end) - self._count_through(start)

    def ordinal(self, day: date) -> int:
        """Position of the first open day on or after ``day`` among all open days."""
        self._cover(day)
        return bisect_left(self._open_days, day)

    def day_at(self, ordinal: int) -> date:
        """The open day at ``ordinal`` (inverse of :meth:`ordinal` on open days)."""
        while ordinal >= len(self._open_days):
            self._cover(self._open_days[-1] + timedelta(days=_SPAN_DAYS))
        return self._open_days[max(ordinal, 0)]

    def _count_through(self, day: date) -> int:
        """Open days from the table's start up to and including ``day``."""
        return self.ordinal(day + timedelta(days=1))

    def _cover(self, day: date) -> None:
        days = self._open_days
        if days and day <= days[-1]:
            return
        start = days[-1] + timedelta(days=1) if days else _FIRST_DAY
        end = max(day, start) + timedelta(days=_SPAN_DAYS)
        span = (end - start).days + 1
        days.extend(d for d in (start + timedelta(days=i) for i in range(span)) if self.is_open(d))


# Ordinals count from here; dates before it are treated as this day.
_FIRST_DAY = date(2000, 1, 1)
