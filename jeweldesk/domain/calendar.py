"""The store's calendar: which days it is open."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class StoreCalendar:
    open_weekdays: frozenset[int] = frozenset({1, 2, 3, 4, 5, 6})  # ISO: 1 = Monday
    closed_dates: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def of(cls, open_weekdays: Iterable[int], closed_dates: Iterable[date]) -> StoreCalendar:
        return cls(frozenset(open_weekdays), frozenset(closed_dates))

    def is_open(self, day: date) -> bool:
        return day.isoweekday() in self.open_weekdays and day not in self.closed_dates

    def next_open(self, day: date) -> date:
        """The first open day on or after ``day``."""
        if not self.open_weekdays:
            return day
        for _ in range(3660):
            if self.is_open(day):
                return day
            day += timedelta(days=1)
        return day

    def add_open_days(self, start: date, days: int) -> date:
        """The open day ``days`` open days after ``start`` (0: the next open day on/after)."""
        day = self.next_open(start)
        for _ in range(max(days, 0)):
            day = self.next_open(day + timedelta(days=1))
        return day

    def open_days_between(self, start: date, end: date) -> int:
        """Open days in (start, end]; negative when end is before start."""
        if end < start:
            return -self.open_days_between(end, start)
        count = 0
        day = start + timedelta(days=1)
        while day <= end:
            count += self.is_open(day)
            day += timedelta(days=1)
        return count
