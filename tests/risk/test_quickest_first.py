"""A bench that takes the quickest job first, read from its own scans."""

from datetime import date, datetime, time, timedelta

from jeweldesk.risk.engine import assess
from jeweldesk.risk.history import Event, Service, Ticket
from jeweldesk.risk.learn import learn
from jeweldesk.risk.order import BY_PROMISE, QUICKEST_FIRST
from jeweldesk.risk.work import learn_work_hours
from tests.support.histories import flag_for, history, nov

RETIP = (Service("prong_retip"),)
SOLDER = (Service("chain_solder"),)


def piece(number: str, received: date, promised: date, begun: date | None = None,
          hours: float = 1.0, services: tuple[Service, ...] = RETIP) -> Ticket:
    """Taken in at nine; begun at the bench at ten on ``begun`` and through quality check to
    ready after ``hours`` of work."""
    events = [Event(datetime.combine(received, time(9)), "received", "KP")]
    if begun is not None:
        start = datetime.combine(begun, time(10))
        done = start + timedelta(hours=hours)
        events += [Event(start, "at_bench", "JR"), Event(done, "quality_check", "JR"),
                   Event(done + timedelta(minutes=5), "ready", "JR")]
    return Ticket(number, f"Customer {number}", events[0].at, promised,
                  services, tuple(events), None, "JR")


def open_day(day: date) -> date:
    while day.isoweekday() == 7 or day == nov(26):
        day += timedelta(days=1)
    return day


def worked(quickest_first: bool, pairs: int = 12) -> list[Ticket]:
    """Pairs of finished pieces: a three-hour retip taken in first and promised sooner, a
    half-hour solder taken in the next day and promised later. The bench did the retip
    first, as its promise and its place in line say, or the quicker solder."""
    done = []
    for i in range(pairs):
        first = open_day(nov(9) - timedelta(days=60 - 4 * i))
        second = open_day(first + timedelta(days=1))
        early, late = open_day(second + timedelta(days=1)), open_day(second + timedelta(days=2))
        retip_on, solder_on = (late, early) if quickest_first else (early, late)
        done.append(piece(f"A-{i}", first, first + timedelta(days=6), retip_on, 3.0))
        done.append(piece(f"B-{i}", second, first + timedelta(days=10), solder_on, 0.5,
                          SOLDER))
    return done


def test_each_services_hours_are_read_from_its_time_at_the_bench():
    hours = learn_work_hours(worked(quickest_first=True))
    assert hours == {"prong_retip": 3.0, "chain_solder": 0.5}


def test_a_bench_that_does_the_quicker_job_first_is_known_by_it():
    assert learn(history(worked(quickest_first=True)), nov(10)).order == QUICKEST_FIRST
    assert learn(history(worked(quickest_first=False)), nov(10)).order == BY_PROMISE


def test_a_few_quicker_jobs_done_first_do_not_make_the_habit():
    assert learn(history(worked(quickest_first=True, pairs=3)), nov(10)).order == BY_PROMISE


def test_where_the_quickest_job_goes_first_a_long_one_waits_behind_the_quick_ones():
    # Eight solders wait with relaxed promises; R-9, a retip promised Nov 13, came in yesterday.
    waiting = [piece(f"S-{i}", nov(4) + timedelta(days=i % 3), nov(27), services=SOLDER)
               for i in range(8)]
    long_job = piece("R-9", nov(9), nov(13))
    record = [*waiting, long_job]

    quickest = assess(history([*worked(quickest_first=True), *record]), nov(10))
    by_promise = assess(history([*worked(quickest_first=False), *record]), nov(10))
    said = " ".join(flag_for(quickest, "R-9").reasons)
    assert "has 8 pieces ahead of it (the quickest job first)" in said
    assert (flag_for(quickest, "R-9").expected_ready
            > flag_for(by_promise, "R-9").expected_ready)
    assert "nothing is ahead of it" in " ".join(flag_for(by_promise, "R-9").reasons)
