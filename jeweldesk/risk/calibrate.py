"""How sure the engine must be before it warns: learned from the store's own past mornings.

As of a moment, the engine looks back at the mornings before it: what share of
each open piece's outcomes fell after its promise then, and whether the promise
was in fact kept (known only for promises whose day has passed by the moment).
It then looks for certainties that would have warned, at least ``LEAD_DAYS``
ahead, about ``RECALL_GOAL`` of the promises this store really missed, with at
least ``PRECISION_GOAL`` of the warnings true (every other one is a needless
call). Where a range of certainties meets both, it takes the middle of it: the
edges are where the record only just met a goal, and the next weeks' promises
tip over an edge more often than not. Where none meets both, the warnings are
kept true. Mornings in the store's first ``SETTLING_DAYS`` are not replayed: the
engine knew too little then to say what it would know now.

A store that rarely misses has only a handful of missed promises on record, and
on so few that choice is torn: one morning's promises can flip it from its
"catch the misses" answer to its "keep the warnings true" one. So the choice is
made on many equally plausible reweightings of the record (``choose``) and
averaged: a record that clearly supports one answer still gives it, a torn one
gives a share in between that one more morning moves only a little. The share
used is also the average of that answer over the last ``SMOOTH_MORNINGS`` open
mornings, so one morning's promises are a fraction of it. And the fewer the
misses, the more the answer leans on ``PRIOR_SHARE``; with none, it is the prior.

Everything read is the history as of each past morning, and the outcomes as of
the moment itself, so the answer never depends on anything after the moment.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from jeweldesk.domain.calendar import days_after
from jeweldesk.risk.asof import as_of
from jeweldesk.risk.history import History

LEAD_DAYS = 2  # a warning is worth having when it leaves at least this many days to act
RECALL_GOAL = 0.9  # share of missed promises the store wants to hear about in time
PRECISION_GOAL = 0.75  # share of warnings that should turn out true: the rest are needless calls
PRIOR_SHARE = 0.6  # before any record: warn when a miss is somewhat more likely than not
PRIOR_WEIGHT = 6  # missed promises' worth of belief in the prior
DRAWS = 100  # reweightings of the record the rule is averaged over
DRAW_SEED = 20261120  # the same draws every time: the same record, the same answer
SMOOTH_MORNINGS = 5  # this morning's answer is averaged with the open mornings' before it
SETTLING_DAYS = 35  # mornings this soon after the store's first record knew too little to judge by
LOOKBACK_DAYS = 56  # calendar days of past mornings replayed
MORNING_BUDGET = 5000  # open pieces re-assessed per call at most, before mornings are thinned
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
    """The certainty to warn at, as this store's own mornings before ``moment`` support it.

    The answer is the average of what the record said on this morning and on the
    ``SMOOTH_MORNINGS`` - 1 open mornings before it (each from the mornings and the
    promises settled before that morning, as far as they are known now), so that one
    morning's promises move it by a fraction of their weight, never by a jump.
    """
    known = as_of(history, moment)
    today = moment.date()
    scored = [(day, morning_scores(history, day, scorer)) for day in _mornings(known, today)]
    selves = [today] + [d for _, d in zip(range(SMOOTH_MORNINGS - 1), _open_days_before(
        known, today), strict=False)]
    answers = [choose(*_record(known, scored, day)) for day in selves]
    share = sum(a.share for a in answers) / len(answers)
    latest = answers[0]
    missed, _ = _record(known, scored, today)
    return Calibration(share, latest.misses, latest.kept, _caught(missed, share))


def _record(
    known: History, scored: list[tuple[date, Scores]], today: date
) -> tuple[list[float], list[float]]:
    """Each promise settled before ``today``: its highest share on a morning early enough
    to warn, among the missed promises and among the kept ones."""
    best: dict[str, float] = {}
    promised: dict[str, date] = {}
    for day, scores in scored:
        if day >= today:
            continue
        for number, (promise, share) in scores.items():
            if promise >= today or day > promise - timedelta(days=LEAD_DAYS):
                continue  # not yet settled that morning, or too late to have been a warning
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
    return missed, kept


def _open_days_before(known: History, today: date) -> Iterator[date]:
    day = today - timedelta(days=1)
    for _ in range(LOOKBACK_DAYS):
        if known.calendar.is_open(day):
            yield day
        day -= timedelta(days=1)


def choose(missed: list[float], kept: list[float]) -> Calibration:
    """The certainty to warn at, averaged over what the record could just as well have been,
    and shrunk to the prior by how few misses there are to go on.

    For one record the rule is: between the least certainty whose warnings are at least
    ``PRECISION_GOAL`` true and the highest that still catches ``RECALL_GOAL`` of
    ``missed``, the middle; when the first is above the second, the least certainty whose
    warnings are that often true, or, when no certainty is, the one with the best balance
    of the two. With a handful of
    misses that rule flips between its branches on a single morning's promises, so it is
    applied to ``DRAWS`` reweightings of the record (a Bayesian bootstrap: each group of
    equal scores weighted as the record might as well have fallen) and the answers are
    averaged. Where the record clearly supports one answer every draw gives it; where it
    is torn, the share settles in between and moves by little as one promise comes in.
    The draws are the same for the same record, so the answer is too.
    """
    if not missed:
        return Calibration(PRIOR_SHARE, 0, len(kept), 0.0)
    missed_cells = sorted(Counter(missed).items(), reverse=True)
    kept_cells = sorted(Counter(kept).items(), reverse=True)
    draw = random.Random(DRAW_SEED)
    learned = 0.0
    for _ in range(DRAWS):
        weighed_missed = [(s, draw.gammavariate(n, 1.0)) for s, n in missed_cells]
        weighed_kept = [(s, draw.gammavariate(n, 1.0)) for s, n in kept_cells]
        learned += _rule(weighed_missed, weighed_kept) / DRAWS
    weight = len(missed) / (len(missed) + PRIOR_WEIGHT)
    share = weight * learned + (1 - weight) * PRIOR_SHARE
    return Calibration(share, len(missed), len(kept), _caught(missed, share))


def _rule(missed: list[tuple[float, float]], kept: list[tuple[float, float]]) -> float:
    """The rule on one weighting of the record: (score, weight) groups, highest score first."""
    hits = _at_or_above(missed)
    false = _at_or_above(kept)
    total = sum(w for _, w in missed)

    def precision(i: int) -> float:
        return hits[i] / (hits[i] + false[i]) if hits[i] + false[i] else 1.0

    def balance(i: int) -> float:
        caught, true = hits[i] / total, precision(i)
        return 2 * caught * true / (caught + true) if caught + true else 0.0

    steps = range(len(GRID))
    enough = [i for i in steps if hits[i] >= RECALL_GOAL * total - 1e-9]
    trusted = [i for i in steps if precision(i) >= PRECISION_GOAL]
    highest, lowest = max(enough, default=0), min(trusted, default=len(GRID))
    if lowest <= highest:  # both goals met between these: keep clear of either edge
        return (GRID[lowest] + GRID[highest]) / 2
    chosen = highest
    if precision(chosen) < PRECISION_GOAL:
        chosen = lowest if trusted else max(steps, key=balance)
    return GRID[chosen]


def _at_or_above(groups: list[tuple[float, float]]) -> list[float]:
    """For each certainty in ``GRID``, the weight of the groups scored at least that."""
    found = [0.0] * len(GRID)
    total, j = 0.0, 0
    for i in range(len(GRID) - 1, -1, -1):
        while j < len(groups) and groups[j][0] >= GRID[i] - 1e-9:
            total += groups[j][1]
            j += 1
        found[i] = total
    return found


def _caught(missed: list[float], share: float) -> float:
    return sum(1 for m in missed if m >= share - 1e-9) / len(missed) if missed else 0.0


def _mornings(known: History, today: date) -> list[date]:
    """The open mornings replayed: those of the last ``LOOKBACK_DAYS`` before today, thinned
    evenly when the store has so many open pieces that replaying every one would be slow."""
    calendar = known.calendar
    first = today - timedelta(days=LOOKBACK_DAYS)
    began = min((t.received_at.date() for t in known.tickets), default=today)
    first = max(first, days_after(began, SETTLING_DAYS))
    days = [first + timedelta(days=i) for i in range(max(0, (today - first).days))]
    days = [d for d in days if calendar.is_open(d)]
    open_now = sum(1 for t in known.tickets if t.is_open) or 1
    step = max(1, math.ceil(open_now * len(days) / MORNING_BUDGET))
    # Thinned on fixed open-day numbers, so successive moments replay the same mornings.
    return [d for d in days if calendar.ordinal(d) % step == 0]
