"""The store's calendar: which days it is open, and counting in open days.

Bench work only moves on days the store is open, so estimates and promises are
counted in open days. Each open day has an ordinal, its place among all the open
days since the calendar began (Monday, January 1 of the year 1), worked out from
whole weeks and the closed dates alone, so that "N open days after" is one
addition for any date at all, an old archive's or a far-off placeholder's. A
store with no open weekdays set is taken as open every day.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

EVERY_DAY = frozenset(range(1, 8))


@dataclass(frozen=True)
class StoreCalendar:
    """Open weekdays (ISO: 1 = Monday … 7 = Sunday) and closed dates."""

    open_weekdays: frozenset[int] = frozenset({1, 2, 3, 4, 5, 6})
    closed_dates: frozenset[date] = frozenset()
    timezone: str = "UTC"
    # Day numbers (date.toordinal) of the closed dates that fall on open weekdays, in order.
    _closed: tuple[int, ...] = field(init=False, compare=False, repr=False)
    # Days into a week (Monday = 0) of the open weekdays, and how many of them come
    # before each day of the week.
    _offsets: tuple[int, ...] = field(init=False, compare=False, repr=False)
    _before: tuple[int, ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        weekdays = frozenset(self.open_weekdays) or EVERY_DAY
        object.__setattr__(self, "open_weekdays", weekdays)
        object.__setattr__(self, "closed_dates", frozenset(self.closed_dates))
        object.__setattr__(self, "_closed", tuple(sorted(
            d.toordinal() for d in self.closed_dates if d.isoweekday() in weekdays)))
        offsets = tuple(sorted(w - 1 for w in weekdays))
        object.__setattr__(self, "_offsets", offsets)
        object.__setattr__(self, "_before", tuple(
            sum(1 for o in offsets if o < i) for i in range(8)))

    @classmethod
    def of(
        cls, open_weekdays: Iterable[int], closed_dates: Iterable[date] = (), timezone: str = "UTC"
    ) -> StoreCalendar:
        return cls(frozenset(open_weekdays), frozenset(closed_dates), timezone)

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
        return self.ordinal_after(end) - self.ordinal_after(start)

    def ordinal(self, day: date) -> int:
        """Position of the first open day on or after ``day`` among all open days: the
        open days before it."""
        weeks, rest = divmod(day.toordinal() - 1, 7)
        return weeks * len(self._offsets) + self._before[rest] - bisect_left(
            self._closed, day.toordinal())

    def day_at(self, ordinal: int) -> date:
        """The open day at ``ordinal`` (inverse of :meth:`ordinal` on open days); past the
        last day there is, that day."""
        wanted, skipped = max(ordinal, 0), 0
        while True:
            weeks, rest = divmod(wanted + skipped, len(self._offsets))
            number = weeks * 7 + self._offsets[rest] + 1
            if number > date.max.toordinal():
                return date.max
            closed = bisect_right(self._closed, number)  # closed dates up to that day
            if closed == skipped:
                return date.fromordinal(number)
            skipped = closed

    def ordinal_after(self, day: date) -> int:
        """Position of the first open day after ``day``: the open days up to and on it."""
        return self.ordinal(day) + self.is_open(day)


def days_after(day: date, count: int) -> date:
    """The calendar day ``count`` days after ``day``, or the last (or first) day there is."""
    return date.fromordinal(min(max(day.toordinal() + count, 1), date.max.toordinal()))
