"""The order a store's bench takes up its waiting pieces, learned from its record."""

from datetime import timedelta

from jeweldesk.risk.engine import assess
from jeweldesk.risk.learn import learn
from jeweldesk.risk.order import AS_TAKEN_IN, BY_PROMISE, learn_order
from tests.support.histories import flag_for, history, nov, ticket


def worked(taken_in_order: bool, pairs: int = 12) -> list:
    """Finished pieces in pairs: one taken in first with a relaxed promise, one the next
    day promised sooner. The bench did the first one first, or the sooner one."""
    done = []
    for i in range(pairs):
        first = nov(9) - timedelta(days=60 - 4 * i)
        while first.isoweekday() in (6, 7):
            first += timedelta(days=1)
        relaxed_done, sooner_done = (
            (first + timedelta(days=2), first + timedelta(days=3)) if taken_in_order
            else (first + timedelta(days=3), first + timedelta(days=2)))
        done.append(ticket(f"A-{i}", first, first + timedelta(days=10),
                           [(relaxed_done, "at_bench"), (relaxed_done, "ready")]))
        done.append(ticket(f"B-{i}", first + timedelta(days=1), first + timedelta(days=3),
                           [(sooner_done, "at_bench"), (sooner_done, "ready")]))
    return done


def test_the_order_is_read_from_which_piece_was_done_first():
    assert learn(history(worked(taken_in_order=True)), nov(10)).order == AS_TAKEN_IN
    assert learn(history(worked(taken_in_order=False)), nov(10)).order == BY_PROMISE


def test_a_thin_record_is_taken_as_working_by_promise():
    assert learn(history(worked(taken_in_order=True, pairs=3)), nov(10)).order == BY_PROMISE
    assert learn_order([], ()) == BY_PROMISE


def test_where_the_bench_works_pieces_as_they_came_in_a_rush_job_waits_its_turn():
    # Five pieces wait from last week with relaxed promises; R-9 came in yesterday for Nov 12.
    waiting = [ticket(f"R-{i}", nov(2) + timedelta(days=i % 3), nov(24)) for i in range(5)]
    rush = ticket("R-9", nov(9), nov(12))
    record = [*waiting, rush]

    as_taken_in = assess(history([*worked(taken_in_order=True), *record]), nov(10))
    by_promise = assess(history([*worked(taken_in_order=False), *record]), nov(10))
    assert flag_for(as_taken_in, "R-9").level == "at_risk"
    said = " ".join(flag_for(as_taken_in, "R-9").reasons)
    assert "has 5 pieces ahead of it (in the order they came in)" in said
    assert flag_for(by_promise, "R-9").level != "at_risk"
    assert "nothing is ahead of it in Jonah Reyes's queue" in " ".join(
        flag_for(by_promise, "R-9").reasons)
