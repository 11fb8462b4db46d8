"""How well the warnings have done at this store lately: its own track record, said plainly.

Staff trust a warning as far as the store's own weeks bear it out. For the promises
that fell due in the last ``TRACK_DAYS``, the record says how many were missed, how
many of those the morning list had warned about at least ``LEAD_DAYS`` ahead, and
how many of the pieces warned about in time were in fact late. Each past morning is
judged as the engine judged it then: its scores as of that morning, and the
certainty to warn at that the mornings before it supported (``calibrate.choose``
on the record settled by then). Nothing after the moment is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from jeweldesk.risk.asof import as_of
from jeweldesk.risk.calibrate import (
    LEAD_DAYS,
    Scorer,
    Scores,
    choose,
    choose_weight,
    mixed,
    morning_scores,
    record_of,
    replayed_mornings,
)
from jeweldesk.risk.history import History

TRACK_DAYS = 30  # the weeks the record is told over


@dataclass(frozen=True)
class TrackRecord:
    days: int  # calendar days looked back over
    missed: int  # promises due then that were not kept
    warned: int  # of those, warned about at least ``LEAD_DAYS`` ahead
    warnings: int  # pieces due then that were warned about that early
    right: int  # of those, the ones that were in fact late

    def said(self) -> str:
        """ "last 30 days: 18 of 20 missed promises were warned about at least two days
        ahead; 7 of 10 warnings were right" """
        ahead = "two days" if LEAD_DAYS == 2 else f"{LEAD_DAYS} days"
        if self.missed == 0 and self.warnings == 0:
            return f"Last {self.days} days: no promise missed, and no warning needed."
        if self.missed == 0:
            first = "no promise missed"
        else:
            first = (f"{self.warned} of {self.missed} missed "
                     f"{'promise was' if self.missed == 1 else 'promises were'} "
                     f"warned about at least {ahead} ahead")
        second = (f"{self.right} of {self.warnings} "
                  f"{'warning was' if self.warnings == 1 else 'warnings were'} right"
                  if self.warnings else "no warnings raised")
        return f"Last {self.days} days: {first}; {second}."


def track_record(
    history: History, moment: datetime, scorer: Scorer, days: int = TRACK_DAYS
) -> TrackRecord:
    known = as_of(history, moment)
    today = moment.date()
    first = today - timedelta(days=days)
    scored = [(d, morning_scores(history, d, scorer)) for d in replayed_mornings(known, today)]
    warned_about: set[str] = set()
    for index, (day, scores) in enumerate(scored):
        share, weight = _bar(known, scored[:index], day)
        for number, (promise, found) in scores.items():
            if (first <= promise < today and day <= promise - timedelta(days=LEAD_DAYS)
                    and mixed(found, weight) >= share - 1e-9):
                warned_about.add(number)
    due = _due(known, scored, first, today)
    missed = {n for n, late in due.items() if late}
    warned = warned_about & set(due)
    return TrackRecord(days, len(missed), len(warned & missed), len(warned),
                       len(warned & missed))


def _bar(known: History, before: list[tuple[date, Scores]], day: date) -> tuple[float, float]:
    """The certainty to warn at, and the engine's share, as the mornings before ``day``
    and the promises settled by then supported."""
    weight = choose_weight(known, before, day)
    return choose(*record_of(known, before, day, weight)).share, weight


def _due(
    known: History, scored: list[tuple[date, Scores]], first: date, today: date
) -> dict[str, bool]:
    """The promises that fell due from ``first`` to yesterday, seen on some morning, and
    whether each was missed (left out: pieces cancelled unfinished)."""
    found: dict[str, bool] = {}
    for _, scores in scored:
        for number, (promise, _) in scores.items():
            if not first <= promise < today or number in found:
                continue
            ticket = known.ticket_by_number.get(number)
            if ticket is None or (ticket.status == "cancelled" and ticket.ready_at is None):
                continue
            ready = ticket.ready_at
            found[number] = ready is None or ready.date() > promise
    return found
