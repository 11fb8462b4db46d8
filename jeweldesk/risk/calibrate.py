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

LEAST_SHARE = 0.25  # never warn at less than this: a call about a 1-in-5 chance is noise
# The engine's share in the estimate, against the stages' own record (``survival``): each
# store's past mornings choose one, where it has enough missed promises to choose by.
WEIGHTS = (1.0, 0.75, 0.5, 0.25, 0.0)
MIN_MISSES_TO_CHOOSE = 12  # missed promises on record before a store's past picks the way
CHOICE_MARGIN = 0.02  # how much better another way must have done than the engine alone
CHANCE_BINS = 8  # at least this many past pieces behind each calibrated chance

# A morning's scores: ticket number -> (promised date then, share of outcomes after it),
# the share as each way of estimating gave it (the engine's first), or the engine's alone.
Scores = dict[str, tuple[date, float | tuple[float, ...]]]
Scorer = Callable[[History, date], Scores]


@dataclass(frozen=True)
class Calibration:
    share: float  # warn when at least this share of a piece's outcomes fall after its promise
    misses: int  # missed promises in the back-test
    kept: int  # kept promises in the back-test
    caught: float  # share of the misses that would have been warned about in time
    weight: float = 1.0  # the engine's share of the estimate; the rest is the stages' record
    # (score, chance): how often, on the store's past mornings, a piece scored up to that
    # much was in fact late; ascending. Empty: too little record, the score is the chance.
    chances: tuple[tuple[float, float], ...] = ()

    def chance(self, score: float) -> float:
        """How likely a piece with this score is to miss its promise, as the store's own
        past mornings say (pieces scored alike, and how many of them were late)."""
        for upper, chance in self.chances:
            if score <= upper + 1e-9:
                return chance
        return self.chances[-1][1] if self.chances else score


def mixed(shares: float | tuple[float, ...], weight: float) -> float:
    """The share after the promise of the estimate that is ``weight`` the engine's and the
    rest the stages' record (the same outcomes, pooled)."""
    if isinstance(shares, float | int):
        return float(shares)
    if len(shares) < 2:
        return shares[0]
    return weight * shares[0] + (1 - weight) * shares[1]


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

    First the way of estimating: the engine alone, the stages' record alone, or a share
    of each (``WEIGHTS``), whichever would have warned about the store's missed promises
    with the fewest needless calls. Then the certainty: the average of what the record
    said on this morning and on the ``SMOOTH_MORNINGS`` - 1 open mornings before it (each
    from the mornings and the promises settled before that morning, as far as they are
    known now), so that one morning's promises move it by a fraction of their weight,
    never by a jump. Last, what each score has meant on this store's past mornings
    (``chances``).
    """
    known = as_of(history, moment)
    today = moment.date()
    scored = [(day, morning_scores(history, day, scorer))
              for day in replayed_mornings(known, today)]
    weight = choose_weight(known, scored, today)
    selves = [today] + [d for _, d in zip(range(SMOOTH_MORNINGS - 1), _open_days_before(
        known, today), strict=False)]
    answers = [_chosen(history, *record_of(known, scored, day, weight)) for day in selves]
    share = sum(a.share for a in answers) / len(answers)
    latest = answers[0]
    missed, _ = record_of(known, scored, today, weight)
    return Calibration(share, latest.misses, latest.kept, _caught(missed, share), weight,
                       chances(known, scored, today, weight))


def choose_weight(known: History, scored: list[tuple[date, Scores]], today: date) -> float:
    """The engine's share of the estimate that did best on this store's past: at the
    certainty that would have caught ``RECALL_GOAL`` of its misses, the most warnings true.
    The engine alone unless another way did clearly better on enough misses."""
    best, best_precision = WEIGHTS[0], -1.0
    for weight in WEIGHTS:
        missed, kept = record_of(known, scored, today, weight)
        if len(missed) < MIN_MISSES_TO_CHOOSE:
            return WEIGHTS[0]
        found = precision_at_recall(missed, kept)
        if found > best_precision + (CHOICE_MARGIN if weight != WEIGHTS[0] else 0.0):
            best, best_precision = weight, found
    return best


def precision_at_recall(missed: list[float], kept: list[float]) -> float:
    """The share of warnings true at the highest certainty that catches ``RECALL_GOAL`` of
    ``missed``."""
    ordered = sorted(missed, reverse=True)
    bar = ordered[max(0, math.ceil(RECALL_GOAL * len(ordered)) - 1)]
    hits = sum(1 for m in missed if m >= bar)
    false = sum(1 for k in kept if k >= bar)
    return hits / (hits + false)


def chances(
    known: History, scored: list[tuple[date, Scores]], today: date, weight: float
) -> tuple[tuple[float, float], ...]:
    """What a score has meant here: every past morning's piece whose promise has been
    settled, by its score then, and whether it was late; the share late made to rise with
    the score (pool-adjacent-violators), in groups of at least ``CHANCE_BINS``."""
    pairs: list[tuple[float, bool]] = []
    for day, scores in scored:
        for number, (promise, shares) in scores.items():
            if promise >= today or day > promise:
                continue
            ticket = known.ticket_by_number.get(number)
            if ticket is None or (ticket.status == "cancelled" and ticket.ready_at is None):
                continue
            ready = ticket.ready_at
            pairs.append((mixed(shares, weight), ready is None or ready.date() > promise))
    if len(pairs) < 4 * CHANCE_BINS:
        return ()
    pairs.sort()
    # Blocks of equal scores, at least ``CHANCE_BINS`` pieces each ...
    grouped: list[list[float]] = []  # [highest score, late, count]
    for score, late in pairs:
        if grouped and (grouped[-1][0] == score or grouped[-1][2] < CHANCE_BINS):
            grouped[-1][0] = score
            grouped[-1][1] += late
            grouped[-1][2] += 1
        else:
            grouped.append([score, float(late), 1.0])
    # ... then merged wherever the share late would fall as the scores rise.
    blocks: list[list[float]] = []
    for block in grouped:
        blocks.append(block)
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]:
            last = blocks.pop()
            blocks[-1] = [last[0], blocks[-1][1] + last[1], blocks[-1][2] + last[2]]
    return tuple((upper, late / count) for upper, late, count in blocks)


def record_of(
    known: History, scored: list[tuple[date, Scores]], today: date, weight: float = 1.0
) -> tuple[list[float], list[float]]:
    """Each promise settled before ``today``: its highest share on a morning early enough
    to warn, among the missed promises and among the kept ones."""
    best: dict[str, float] = {}
    promised: dict[str, date] = {}
    for day, scores in scored:
        if day >= today:
            continue
        for number, (promise, shares) in scores.items():
            if promise >= today or day > promise - timedelta(days=LEAD_DAYS):
                continue  # not yet settled that morning, or too late to have been a warning
            best[number] = max(best.get(number, 0.0), mixed(shares, weight))
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


def _chosen(history: History, missed: list[float], kept: list[float]) -> Calibration:
    """``choose``, remembered with the history: the mornings just before this one were
    each chosen on the last moments too, most often on the very same record."""
    memo = history.memo.setdefault("choices", {})
    key = (tuple(sorted(missed)), tuple(sorted(kept)))
    found = memo.get(key)
    if found is None:
        found = memo[key] = choose(missed, kept)
    return found  # type: ignore[no-any-return]


def choose(missed: list[float], kept: list[float]) -> Calibration:
    """The certainty to warn at, averaged over what the record could just as well have been,
    and shrunk to the prior by how few misses there are to go on.

    For one record the rule is: between the least certainty whose warnings are at least
    ``PRECISION_GOAL`` true and the highest that still catches ``RECALL_GOAL`` of
    ``missed``, the middle; when the first is above the second, the highest that still
    catches ``RECALL_GOAL`` (the misses first; precision is for better ranking to raise,
    not a higher bar), though never below ``LEAST_SHARE``. With a handful of
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

    steps = range(len(GRID))
    enough = [i for i in steps if hits[i] >= RECALL_GOAL * total - 1e-9]
    trusted = [i for i in steps if precision(i) >= PRECISION_GOAL]
    highest, lowest = max(enough, default=0), min(trusted, default=len(GRID))
    if lowest <= highest:  # both goals met between these: keep clear of either edge
        return (GRID[lowest] + GRID[highest]) / 2
    # Both cannot be met: the misses come first. A missed promise the store could have
    # called about costs far more than a call that turned out unneeded.
    return max(GRID[highest], LEAST_SHARE)


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


def replayed_mornings(known: History, today: date) -> list[date]:
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
