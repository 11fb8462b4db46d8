"""How sure the engine must be before it warns: learned from the store's own past mornings.

As of a moment, the engine looks back at the mornings before it: what share of
each open piece's outcomes fell after its promise then, and whether the promise
was in fact kept (known only for promises whose day has passed by the moment).
It then picks the highest certainty that would still have warned, at least
``LEAD_DAYS`` ahead, about ``RECALL_GOAL`` of the promises this store really
missed, since every extra warning on a kept promise is a needless call; but not
so low that fewer than ``PRECISION_GOAL`` of its warnings would have been true. With few
missed promises on record, the choice leans on ``PRIOR_SHARE``, and with none,
it is the prior.

Everything read is the history as of each past morning, and the outcomes as of
the moment itself, so the answer never depends on anything after the moment.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from jeweldesk.risk.asof import as_of
from jeweldesk.risk.history import History

LEAD_DAYS = 2  # a warning is worth having when it leaves at least this many days to act
RECALL_GOAL = 0.9  # share of missed promises the store wants to hear about in time
PRECISION_GOAL = 0.75  # share of warnings that should turn out true: the rest are needless calls
PRIOR_SHARE = 0.5  # before any record: warn when a miss is at least as likely as not
PRIOR_WEIGHT = 6  # missed promises' worth of belief in the prior
MIN_MISSES = 4  # below this many missed promises on record, the prior alone decides
LOOKBACK_DAYS = 56  # calendar days of past mornings replayed
MORNING_BUDGET = 2500  # open pieces re-assessed per call at most, before mornings are thinned
GRID = tuple(i / 22 for i in range(1, 23))  # certainties tried

# A morning's scores: ticket number -> (promised date then, share of outcomes after it).
Scores = dict[str, tuple[date, float]]
Scorer = Callable[[History, date], Scores]


@dataclass(frozen=True)
class Calibration:
    share: float  # warn when at least this share of a piece's outcomes fall after its promise
    misses: int  # missed promises in the back-test
    kept: int  # kept promises in the back-test
    caught: float  # share of the misses that would have been warned about in time


def morning_scores(history: History, day: date, scorer: Scorer) -> Scores:
    """The scores as of the start of ``day``, remembered with the history they came from."""
    memo = history.memo.setdefault("morning_scores", {})
    if day not in memo:
        memo[day] = scorer(as_of(history, day), day)
    return memo[day]  # type: ignore[no-any-return]


def remember_scores(history: History, day: date, scores: Scores) -> None:
    history.memo.setdefault("morning_scores", {}).setdefault(day, scores)


def calibrate(history: History, moment: datetime, scorer: Scorer) -> Calibration:
    """The certainty to warn at, as this store's own mornings before ``moment`` support it."""
    known = as_of(history, moment)
    today = moment.date()
    mornings = _mornings(known, today)
    best: dict[str, float] = {}
    promised: dict[str, date] = {}
    for day in mornings:
        for number, (promise, share) in morning_scores(history, day, scorer).items():
            if promise >= today or day > promise - timedelta(days=LEAD_DAYS):
                continue  # not yet settled at the moment, or too late to have been a warning
            best[number] = max(best.get(number, 0.0), share)
            promised[number] = promise
    missed: list[float] = []
    kept: list[float] = []
    for number, share in best.items():
        ticket = known.ticket_by_number[number]
        if ticket.status == "cancelled" and ticket.ready_at is None:
            continue
        ready = ticket.ready_at
        (kept if ready is not None and ready.date() <= promised[number] else missed).append(share)
    return choose(missed, kept)


def choose(missed: list[float], kept: list[float]) -> Calibration:
    """The certainty to warn at, shrunk to the prior by how few misses there are to go on.

    The highest certainty that still catches ``RECALL_GOAL`` of ``missed``, unless warning
    that early would make fewer than ``PRECISION_GOAL`` of the warnings true; then the
    least certainty whose warnings are that often true (the most misses caught without
    crying wolf), or, when no certainty is, the one with the best balance of the two.
    """
    if len(missed) < MIN_MISSES:
        return Calibration(PRIOR_SHARE, len(missed), len(kept), _caught(missed, PRIOR_SHARE))
    needed = math.ceil(RECALL_GOAL * len(missed))
    learned = max(
        (s for s in GRID if sum(1 for m in missed if m >= s - 1e-9) >= needed), default=GRID[0]
    )
    if _precision(missed, kept, learned) < PRECISION_GOAL:
        trusted = [s for s in GRID if _precision(missed, kept, s) >= PRECISION_GOAL]
        learned = min(trusted) if trusted else max(GRID, key=lambda s: _balance(missed, kept, s))
    weight = len(missed) / (len(missed) + PRIOR_WEIGHT)
    share = weight * learned + (1 - weight) * PRIOR_SHARE
    return Calibration(share, len(missed), len(kept), _caught(missed, share))


def _precision(missed: list[float], kept: list[float], share: float) -> float:
    hits = sum(1 for m in missed if m >= share - 1e-9)
    false = sum(1 for k in kept if k >= share - 1e-9)
    return hits / (hits + false) if hits + false else 1.0


def _balance(missed: list[float], kept: list[float], share: float) -> float:
    """The harmonic mean of the share of misses caught and the share of warnings true."""
    caught, true = _caught(missed, share), _precision(missed, kept, share)
    return 2 * caught * true / (caught + true) if caught + true else 0.0


def _caught(missed: list[float], share: float) -> float:
    return sum(1 for m in missed if m >= share - 1e-9) / len(missed) if missed else 0.0


def _mornings(known: History, today: date) -> list[date]:
    """The open mornings replayed: the last ``LOOKBACK_DAYS``, thinned evenly when the store
    has so many open pieces that replaying every one would be slow."""
    calendar = known.calendar
    first = today - timedelta(days=LOOKBACK_DAYS)
    days = [first + timedelta(days=i) for i in range(LOOKBACK_DAYS)]
    days = [d for d in days if calendar.is_open(d)]
    open_now = sum(1 for t in known.tickets if t.is_open) or 1
    step = max(1, math.ceil(open_now * len(days) / MORNING_BUDGET))
    # Thinned on fixed open-day numbers, so successive moments replay the same mornings.
    return [d for d in days if calendar.ordinal(d) % step == 0]
