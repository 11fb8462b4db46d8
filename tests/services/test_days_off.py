"""Planned days off: entered ahead by the manager, counted with by the early warnings."""

from datetime import timedelta

import pytest

from jeweldesk.domain.errors import Invalid
from jeweldesk.services.at_risk import at_risk
from jeweldesk.services.days_off import cancel_days_off, days_off, plan_days_off
from jeweldesk.services.promise import promise_rules, propose
from tests.support.store import BENCH, COUNTER, MANAGER, store_today, take_in_ring


def test_days_off_are_listed_soonest_first_and_can_be_taken_back(store_db):
    today = store_today()
    later = plan_days_off(store_db, BENCH, today + timedelta(days=20), today + timedelta(days=24),
                          "Course in Dallas", by=MANAGER)
    sooner = plan_days_off(store_db, BENCH, today + timedelta(days=3), today + timedelta(days=3),
                           None, by=MANAGER)
    assert [d.id for d in days_off(store_db)] == [sooner, later]
    assert days_off(store_db)[1].note == "Course in Dallas"
    cancel_days_off(store_db, sooner, MANAGER)
    assert [d.id for d in days_off(store_db)] == [later]


@pytest.mark.parametrize(("who", "first", "last", "field", "words"), [
    (BENCH, 5, 2, "last_day", "comes before the first"),
    (BENCH, -9, -2, "last_day", "already gone by"),
    (COUNTER, 2, 4, "staff", "does not work at the bench"),
    ("ZZ", 2, 4, "staff", "no staff member"),
])
def test_days_off_that_make_no_sense_are_refused_and_nothing_is_written(
        store_db, who, first, last, field, words):
    today = store_today()
    with pytest.raises(Invalid) as refused:
        plan_days_off(store_db, who, today + timedelta(days=first),
                      today + timedelta(days=last), None, by=MANAGER)
    assert words in refused.value.problems[field]
    assert days_off(store_db, include_past=True) == []


def test_a_piece_promised_while_its_jeweler_is_off_is_warned_about(store_db):
    today = store_today()
    number = take_in_ring(store_db, promised_for=today + timedelta(days=4))
    _, before = at_risk(store_db)
    assert all(f.ticket != number or f.level not in ("at_risk", "late") for f in before)
    plan_days_off(store_db, BENCH, today, today + timedelta(days=10), "Holiday", by=MANAGER)
    _, after = at_risk(store_db)
    flag = next(f for f in after if f.ticket == number)
    assert flag.level == "at_risk"
    assert flag.expected_ready > today + timedelta(days=10)


def test_intake_promises_after_the_jewelers_planned_days_off_and_says_why(store_db):
    today = store_today()
    before = propose(promise_rules(store_db), [("ring_sizing", None)], jeweler=BENCH)
    plan_days_off(store_db, BENCH, today, today + timedelta(days=12), "Holiday", by=MANAGER)
    after = propose(promise_rules(store_db), [("ring_sizing", None)], jeweler=BENCH)
    assert before.day <= today + timedelta(days=12) < after.day
    assert "Jonah Reyes is off" in after.why and "(planned)" in after.why
