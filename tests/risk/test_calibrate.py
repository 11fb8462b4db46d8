"""How sure the engine must be before it warns, learned from the store's own past mornings."""

from datetime import date, datetime, timedelta

from jeweldesk.risk.asof import as_of
from jeweldesk.risk.calibrate import (
    PRIOR_SHARE,
    PRIOR_WEIGHT,
    RECALL_GOAL,
    calibrate,
    choose,
)
from jeweldesk.risk.engine import assess, flags_to_json, morning_scores_of
from jeweldesk.risk.history import Parcel, Service
from tests.support.histories import MON_SAT, PLATING, at, history, ticket, vendor_past

PLATED = (Service("rhodium_plating", "PLAT"),)


def test_with_no_missed_promise_on_record_the_prior_decides():
    assert choose([], []).share == PRIOR_SHARE
    assert choose([], [0.1] * 40).share == PRIOR_SHARE


def test_a_thin_record_stays_near_the_prior():
    # Two misses are two misses' worth against the prior's: the share moves at most that
    # share of the way from the prior to anything the record could say.
    weight = 2 / (2 + PRIOR_WEIGHT)
    for missed in ([0.9, 0.2], [0.9, 0.9], [0.1, 0.1]):
        share = choose(missed, [0.1] * 40).share
        assert abs(share - PRIOR_SHARE) <= weight * max(PRIOR_SHARE, 1 - PRIOR_SHARE) + 1e-9


def test_the_same_record_gives_the_same_answer_in_any_order():
    missed, kept = [0.2, 0.9, 0.6, 0.6, 0.8], [0.1, 0.5, 0.7, 0.3] * 5
    assert choose(missed, kept) == choose(missed[::-1], sorted(kept))


# A record torn between catching the misses and keeping the warnings true (in 24ths, as a
# piece's outcomes are counted): a store that rarely misses, in its first weeks.
TORN_MISSED = [n / 24 for n in (2, 3, 8, 9, 11, 13, 14, 14, 15, 17, 17, 17, 18, 22, 24)]
TORN_KEPT = [n / 24 for n in [2] * 53 + [8, 9, 14, 14, 15, 15, 18, 19, 20]]


def test_one_more_promise_cannot_flip_a_torn_record():
    # Taken alone, the rule swings from about 0.76 to 0.21 on one more kept promise that
    # looked certain to be missed; averaged over reweightings of the record it moves far less.
    base = choose(TORN_MISSED, TORN_KEPT).share
    for extra in (i / 24 for i in range(25)):
        assert abs(choose(TORN_MISSED + [extra], TORN_KEPT).share - base) <= 0.3
        assert abs(choose(TORN_MISSED, TORN_KEPT + [extra]).share - base) <= 0.3


def torn_store(last: date) -> tuple[list, dict[str, tuple[date, float]]]:
    """Promises due on the open days before ``last``, kept or missed and scored as the torn
    record, and one more promise due on ``last`` that looked certain to be missed but was kept."""
    days = [last - timedelta(days=i) for i in range(1, 40)]
    days = [d for d in days if MON_SAT.is_open(d)]
    record = [(s, True) for s in TORN_MISSED] + [(s, False) for s in TORN_KEPT]
    tickets, scores = [], {}
    for i, (score, missed) in enumerate(record):
        promise = days[i % len(days)]
        ready = promise + timedelta(days=3 if missed else 0)
        number = f"T-{i}"
        tickets.append(ticket(number, promise - timedelta(days=7), promise, [(ready, "ready")]))
        scores[number] = (promise, score)
    tickets.append(ticket("T-last", last - timedelta(days=7), last, [(last, "ready")]))
    scores["T-last"] = (last, 1.0)
    return tickets, scores


def test_one_more_morning_moves_the_share_only_a_little():
    last = date(2026, 10, 21)
    tickets, scores = torn_store(last)
    store = history(tickets)

    def scorer(known, day):
        return {n: (p, s) for n, (p, s) in scores.items()
                if n in known.ticket_by_number and day < p}

    before = calibrate(store, datetime(2026, 10, 21), scorer)
    after = calibrate(store, datetime(2026, 10, 22), scorer)
    assert after.kept == before.kept + 1  # the certain-looking promise was kept after all
    assert abs(after.share - before.share) <= 0.1


def test_with_a_long_record_it_warns_at_the_certainty_that_caught_most_misses():
    missed = [0.2] * 5 + [0.8] * 95  # most missed promises looked very likely to be missed
    kept = [0.3] * 200  # kept promises never looked more than a little at risk
    found = choose(missed, kept)
    assert 0.3 < found.share <= 0.8  # above the kept promises' doubts, so no needless calls
    assert found.caught >= RECALL_GOAL


def test_where_both_goals_can_be_met_it_keeps_clear_of_either_edge():
    # Warning anywhere from 0.35 to 0.75 would have caught nine in ten misses, with at
    # least three in four warnings true: one more morning should not tip it over either edge.
    missed = [0.75] * 95 + [0.1] * 5
    kept = [0.3] * 300 + [0.5] * 10
    found = choose(missed, kept)
    assert 0.45 < found.share < 0.65
    assert found.caught >= RECALL_GOAL


def test_a_short_record_is_shrunk_towards_the_prior():
    long = choose([0.9] * 200, [0.6] * 200).share
    short = choose([0.9] * 6, [0.6] * 6).share
    assert PRIOR_SHARE < short < long


def slow_plater_store():
    """Ten weekly parcels a week late, and a season of plated pieces that came back late."""
    tickets, parcels = vendor_past(PLATING, date(2026, 8, 3), [13] * 10)
    for i in range(8):
        sent = date(2026, 9, 14) + timedelta(days=3 * i)
        number = f"L-{i}"
        tickets.append(ticket(
            number, sent, sent + timedelta(days=8),
            [(sent, "at_vendor"), (sent + timedelta(days=13), "at_bench"),
             (sent + timedelta(days=13), "ready")],
            services=PLATED,
        ))
        parcels.append(Parcel(f"S-L{i}", "PLAT", (number,), at(sent, 9), sent + timedelta(days=6),
                              at(sent + timedelta(days=13), 10)))
    return tickets, parcels


def test_the_calibration_never_looks_past_the_moment():
    tickets, parcels = slow_plater_store()
    moment = datetime(2026, 10, 20)
    full = history(tickets, parcels)
    cut = as_of(full, moment)
    # The same answer whether or not the history also holds what happened after the moment.
    assert calibrate(full, moment, morning_scores_of) == calibrate(cut, moment, morning_scores_of)
    # Later promises were missed too; knowing it must not change an earlier morning's answer.
    later = history(tickets + [ticket("R-9", date(2026, 10, 21), date(2026, 10, 22))], parcels)
    assert calibrate(later, moment, morning_scores_of) == calibrate(full, moment, morning_scores_of)
    answer = flags_to_json(moment, assess(later, moment))
    assert answer == flags_to_json(moment, assess(cut, moment))


def test_only_promises_settled_by_the_moment_count():
    tickets, parcels = slow_plater_store()
    full = history(tickets, parcels)
    early = calibrate(full, datetime(2026, 9, 20), morning_scores_of)
    assert early.misses == 0 and early.share == PRIOR_SHARE  # none of the L- promises was due
    later = calibrate(full, datetime(2026, 10, 20), morning_scores_of)
    assert later.misses >= 4


def test_mornings_in_the_stores_first_weeks_do_not_count():
    # In its first weeks the engine knew too little and saw none of the misses coming;
    # since then it has warned about every one. Those first weeks must not hold the
    # store's warnings back now.
    start = date(2026, 8, 3)
    tickets, scores = [], {}
    plan = [(20 + i, 0.0, True) for i in range(15)]  # first weeks: missed, unseen
    plan += [(50 + i % 12, 0.9 if i % 3 == 0 else 0.1, i % 3 == 0) for i in range(60)]
    for i, (offset, score, missed) in enumerate(plan):
        promise = start + timedelta(days=offset)
        ready = promise + timedelta(days=3 if missed else 0)
        number = f"T-{i}"
        tickets.append(ticket(number, promise - timedelta(days=7), promise, [(ready, "ready")]))
        scores[number] = (promise, score)

    def scorer(known, day):
        return {n: (p, s) for n, (p, s) in scores.items()
                if n in known.ticket_by_number and day < p}

    found = calibrate(history(tickets), datetime.combine(start + timedelta(days=66),
                                                         datetime.min.time()), scorer)
    assert found.misses >= 10  # the misses since, each seen two days ahead
    assert found.caught == 1.0 and 0.1 < found.share <= 0.9
