"""How sure the engine must be before it warns, learned from the store's own past mornings."""

from datetime import date, datetime, timedelta

from jeweldesk.risk.asof import as_of
from jeweldesk.risk.calibrate import PRIOR_SHARE, RECALL_GOAL, calibrate, choose
from jeweldesk.risk.engine import assess, flags_to_json, morning_scores_of
from jeweldesk.risk.history import Parcel, Service
from tests.risk.risk_builders import PLATING, at, history, ticket, vendor_past

PLATED = (Service("rhodium_plating", "PLAT"),)


def test_with_few_missed_promises_on_record_the_prior_decides():
    assert choose([], []).share == PRIOR_SHARE
    assert choose([0.9, 0.2], [0.1] * 40).share == PRIOR_SHARE


def test_with_a_long_record_it_warns_at_the_certainty_that_caught_most_misses():
    missed = [0.2] * 5 + [0.8] * 95  # most missed promises looked very likely to be missed
    kept = [0.3] * 200  # kept promises never looked more than a little at risk
    found = choose(missed, kept)
    assert found.share > 0.6  # above the kept promises' doubts, so no needless calls
    assert found.caught >= RECALL_GOAL


def test_a_short_record_is_shrunk_towards_the_prior():
    long = choose([0.9] * 200, [0.1] * 200).share
    short = choose([0.9] * 6, [0.1] * 6).share
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
