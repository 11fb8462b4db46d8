"""A jeweler's pace counts the days they really worked, and their queue skips their days off."""

from datetime import date, timedelta

from jeweldesk.risk.engine import assess
from jeweldesk.risk.history import Service
from jeweldesk.risk.learn import learn
from tests.risk.risk_builders import history, ticket

NOV = date(2026, 11, 1)


def nov(day: int) -> date:
    return NOV.replace(day=day)


def two_a_day(first: date, last: date, skip: frozenset[int] = frozenset(), off=()) -> list:
    """Two pieces finished on each open day the jeweler works, none on ``skip`` weekdays."""
    done, day = [], first
    while day <= last:
        if day.isoweekday() not in skip | {7} and day not in off:
            for i in range(2):
                taken_in = day - timedelta(days=12)
                done.append(ticket(f"D-{day:%m%d}-{i}", taken_in, day + timedelta(3),
                                   [(day, "at_bench"), (day, "quality_check"), (day, "ready")]))
        day += timedelta(days=1)
    return done


def test_a_week_off_does_not_make_the_jeweler_look_slow():
    vacation = {nov(2) + timedelta(days=i) for i in range(6)}
    known = learn(history(two_a_day(nov(9) - timedelta(days=60), nov(9), off=vacation)), nov(10))
    assert known.bench.pace_of("JR") == 2.0


def test_the_queue_skips_the_weekday_the_jeweler_never_works():
    past = two_a_day(nov(9) - timedelta(days=60), nov(11), skip=frozenset({1}))  # never Mondays
    queue = [ticket(f"R-{20 + i}", nov(10), nov(20)) for i in range(8)]
    flags = assess(history(past + queue), nov(12))  # Thursday: Thu, Fri, Sat, then Tuesday
    last = next(f for f in flags if f.ticket == "R-27")
    assert last.expected_ready == nov(17)


def test_pieces_sent_straight_out_are_no_bench_work_in_the_jewelers_pace():
    past = two_a_day(nov(9) - timedelta(days=60), nov(9))
    plated = [ticket(f"V-{i}", nov(2), nov(20), [(nov(3 + i), "at_vendor")],
                     services=(Service("rhodium_plating", "PLAT"),)) for i in range(5)]
    assert learn(history(past + plated), nov(10)).bench.pace_of("JR") == 2.0


def test_a_small_job_is_quick_when_it_comes_back_on_the_jewelers_next_working_day():
    # Jonah never works Mondays; batteries taken in on Saturday are done on Tuesday.
    past = two_a_day(nov(9) - timedelta(days=60), nov(9), skip=frozenset({1}))
    batteries = []
    for week in range(8):
        saturday = nov(7) - timedelta(days=7 * week)
        tuesday = saturday + timedelta(days=3)
        batteries.append(ticket(f"B-{week}", saturday, tuesday + timedelta(days=3),
                                [(tuesday, "at_bench"), (tuesday, "ready")],
                                services=(Service("watch_battery"),)))
    slow = [ticket(f"S-{i}", nov(1) - timedelta(days=20 + i), nov(1),
                   [(nov(1) - timedelta(days=10 + i), "at_bench"),
                    (nov(1) - timedelta(days=10 + i), "ready")]) for i in range(10)]
    known = learn(history(past + batteries + slow), nov(10))
    assert "watch_battery" in known.quick
