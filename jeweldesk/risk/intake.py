"""What the counter has been taking in lately: the bench work still to come.

Pieces taken in tomorrow with an earlier promise than a piece already waiting
will be worked before it, so a queue is only as short as the intake lets it
be. How many bench pieces each jeweler has been given a day lately (and over
the months before, what a rush or a lull comes back to), and how far ahead the
counter has been promising them, are enough to forecast that.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time

from jeweldesk.domain.calendar import StoreCalendar
from jeweldesk.risk.history import History
from jeweldesk.risk.work import work_of

INTAKE_WINDOW = 20  # open days of intake that speak for the days ahead
USUAL_WINDOW = 100  # open days of intake that say the store's usual, once a rush is over
MIN_LEADS = 5  # promises on record before their lead times are trusted


@dataclass(frozen=True)
class Intake:
    rate: dict[str | None, float] = field(default_factory=dict)  # bench pieces an open day
    usual: dict[str | None, float] = field(default_factory=dict)  # the same, over months
    leads: tuple[int, ...] = ()  # open days from intake to the promise, recent bench pieces
    works: tuple[float, ...] = ()  # hours of bench work of the same pieces

    def rate_of(self, jeweler: str | None) -> float:
        return self.rate.get(jeweler, 0.0) if len(self.leads) >= MIN_LEADS else 0.0

    def usual_of(self, jeweler: str | None) -> float:
        """The jeweler's intake over months: what a rush or a lull comes back to."""
        if len(self.leads) < MIN_LEADS:
            return 0.0
        return self.usual.get(jeweler, self.rate_of(jeweler))


def learn_intake(
    history: History, calendar: StoreCalendar, today: date,
    hours: Mapping[str, float] | None = None,
) -> Intake:
    """Bench pieces taken in over the last ``INTAKE_WINDOW`` open days, by jeweler, with
    their work as ``hours`` (each service's usual hours here) reckon it."""
    first = calendar.day_at(calendar.ordinal(today) - INTAKE_WINDOW)
    since = datetime.combine(first, time.min)
    until = datetime.combine(today, time.min)
    long_ago = calendar.day_at(calendar.ordinal(today) - USUAL_WINDOW)
    began = min((t.received_at.date() for t in history.tickets), default=today)
    long_since = datetime.combine(max(long_ago, began), time.min)
    over_months: dict[str | None, int] = {}
    counts: dict[str | None, int] = {}
    leads: list[int] = []
    works: list[float] = []
    for ticket in history.tickets:
        if not long_since <= ticket.received_at < until or not ticket.bench_services:
            continue
        over_months[ticket.assigned_to] = over_months.get(ticket.assigned_to, 0) + 1
        if ticket.received_at < since:
            continue
        counts[ticket.assigned_to] = counts.get(ticket.assigned_to, 0) + 1
        leads.append(max(0, calendar.open_days_between(ticket.received_at.date(),
                                                       ticket.promised_for)))
        works.append(work_of(ticket, hours or {}))
    days = max(1, calendar.open_days_between(first, today) - (1 if calendar.is_open(today) else 0))
    months = max(1, calendar.open_days_between(long_since.date(), today)
                 - (1 if calendar.is_open(today) else 0))
    return Intake(rate={code: n / days for code, n in counts.items()},
                  usual={code: n / months for code, n in over_months.items()},
                  leads=tuple(sorted(leads)), works=tuple(sorted(works)))
