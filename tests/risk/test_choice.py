"""Each store's own past chooses the way of estimating, and says what a score means there."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta

from jeweldesk.risk.asof import as_of
from jeweldesk.risk.calibrate import (
    MIN_MISSES_TO_CHOOSE,
    RECALL_GOAL,
    calibrate,
    record_of,
    replayed_mornings,
)
from jeweldesk.risk.history import Ticket
from jeweldesk.risk.track import TrackRecord, track_record
from tests.support.histories import MON_SAT, history, ticket

START = date(2026, 3, 2)
Shares = tuple[float, ...] | float


def store_of(plan: list[tuple[int, bool, Shares]]) -> tuple[list[Ticket], Callable]:
    """Pieces taken in on the first day, each promised ``offset`` days on, missed or kept,
    and scored the same on every morning before its promise."""
    tickets, scores = [], {}
    for i, (offset, missed, shares) in enumerate(plan):
        promise = START + timedelta(days=offset)
        while not MON_SAT.is_open(promise):
            promise += timedelta(days=1)
        ready = promise + timedelta(days=3 if missed else 0)
        number = f"T-{i}"
        tickets.append(ticket(number, START, promise, [(ready, "ready")]))
        scores[number] = (promise, shares)

    def scorer(known, day):
        return {n: (p, s) for n, (p, s) in scores.items()
                if n in known.ticket_by_number and day < p}

    return tickets, scorer


def moment(offset: int) -> datetime:
    return datetime.combine(START + timedelta(days=offset), datetime.min.time())


def caught_and_true(tickets, scorer, when: datetime, share: float, weight: float):
    store = history(tickets)
    known = as_of(store, when)
    scored = [(d, scorer(as_of(store, d), d)) for d in replayed_mornings(known, when.date())]
    missed, kept = record_of(known, scored, when.date(), weight)
    hits = sum(1 for m in missed if m >= share - 1e-9)
    false = sum(1 for k in kept if k >= share - 1e-9)
    return hits / len(missed), hits / max(1, hits + false)


def two_ways(engine_sees: bool, misses: int = 40, seed: int = 5) -> list:
    """Misses and kept promises due over five weeks; one way of estimating tells them
    apart, the other gives every piece a coin's chance whatever becomes of it."""
    rng = random.Random(seed)
    plan = []
    for i in range(misses + 5 * misses):
        missed = i < misses
        seeing = 0.7 if missed else 0.3
        blind = rng.choice((0.0, 0.25, 0.5, 0.75, 1.0))
        plan.append((40 + i % 35, missed, (seeing, blind) if engine_sees else (blind, seeing)))
    return plan


def test_a_store_whose_work_the_engine_misreads_is_warned_by_its_own_record():
    tickets, scorer = store_of(two_ways(engine_sees=False))
    when = moment(76)
    found = calibrate(history(tickets), when, scorer)
    assert found.weight <= 0.25  # mostly the stages' record, little of the engine
    caught, true = caught_and_true(tickets, scorer, when, found.share, found.weight)
    assert caught >= RECALL_GOAL and true >= 0.9


def test_a_store_the_engine_reads_well_keeps_the_engine():
    tickets, scorer = store_of(two_ways(engine_sees=True))
    found = calibrate(history(tickets), moment(76), scorer)
    assert found.weight == 1.0


def test_a_thin_record_does_not_switch_away_from_the_engine():
    tickets, scorer = store_of(two_ways(engine_sees=False, misses=MIN_MISSES_TO_CHOOSE - 4))
    assert calibrate(history(tickets), moment(76), scorer).weight == 1.0


def test_recall_comes_first_when_both_goals_cannot_be_met():
    # Half the misses look no likelier than the kept promises: catching nine in ten means
    # warning at their level, and most of those warnings prove needless. It still warns
    # there rather than keep its warnings true and let the misses go.
    plan = [(40 + i % 35, True, 0.8) for i in range(30)]
    plan += [(40 + i % 35, True, 0.45) for i in range(30)]
    plan += [(40 + i % 35, False, 0.45) for i in range(200)]
    tickets, scorer = store_of(plan)
    when = moment(76)
    found = calibrate(history(tickets), when, scorer)
    caught, _ = caught_and_true(tickets, scorer, when, found.share, 1.0)
    assert found.share <= 0.45 and caught >= RECALL_GOAL


def test_a_chance_said_is_about_as_often_right_on_weeks_it_was_not_learned_on():
    # The raw score overstates: a piece scored s is late with chance s * s. Learned on the
    # promises due by day 70, the chances it says must hold on those due after.
    rng = random.Random(11)
    levels = (0.1, 0.3, 0.5, 0.7, 0.9)
    plan = []
    for i in range(1500):
        score = levels[i % len(levels)]
        plan.append((40 + (i * 7) % 60, rng.random() < score * score, score))
    tickets, scorer = store_of(plan)
    found = calibrate(history(tickets), moment(70), scorer)
    assert found.chances, "a season's record is enough to say what a score means"
    later: dict[float, list[bool]] = {}
    for offset, missed, score in plan:
        promise = START + timedelta(days=offset)
        if promise >= START + timedelta(days=72):
            later.setdefault(score, []).append(missed)  # type: ignore[arg-type]
    for score, outcomes in later.items():
        seen = sum(outcomes) / len(outcomes)
        assert abs(found.chance(score) - seen) <= 0.12, (score, found.chance(score), seen)
    # Said raw, a piece scored 0.5 would be "about 5 in 10" where 1 in 4 are late.
    assert found.chance(0.5) < 0.4


def test_the_track_record_counts_the_misses_warned_about_and_the_warnings_right():
    plan = [(45 + i, True, 0.9) for i in range(10)]  # seen coming, and late
    plan += [(45 + i, False, 0.9) for i in range(5)]  # seen coming, but kept after all
    plan += [(45 + i, True, 0.05) for i in range(2)]  # late with no sign of it
    plan += [(45 + i % 20, False, 0.05) for i in range(40)]
    tickets, scorer = store_of(plan)
    store = history(tickets)
    found = track_record(store, moment(75), scorer)
    assert (found.missed, found.warned, found.warnings, found.right) == (12, 10, 15, 10)
    assert found.said() == ("Last 30 days: 10 of 12 missed promises were warned about at "
                            "least two days ahead; 10 of 15 warnings were right.")


def test_the_track_record_says_a_quiet_month_plainly():
    assert TrackRecord(30, 0, 0, 0, 0).said() == (
        "Last 30 days: no promise missed, and no warning needed.")
    assert TrackRecord(30, 1, 0, 0, 0).said() == (
        "Last 30 days: 0 of 1 missed promise was warned about at least two days ahead; "
        "no warnings raised.")
