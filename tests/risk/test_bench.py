"""A jeweler's pace counts the days they really worked, and their queue skips their days off."""

from dataclasses import replace
from datetime import date, datetime, timedelta

from jeweldesk.risk.asof import as_of
from jeweldesk.risk.away import Away, away_now
from jeweldesk.risk.engine import assess
from jeweldesk.risk.history import DayOff, History, Jeweler, Service
from jeweldesk.risk.learn import learn
from tests.support.histories import JONAH, MON_SAT, PLATING, at, history, ticket

NOV = date(2026, 11, 1)
PLATED = (Service("rhodium_plating", "PLAT"),)


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


def test_a_backlog_still_waiting_shows_which_small_jobs_are_done_between_the_others():
    # Every piece finished lately was back within a day or so; but ten sizings taken in on
    # Monday Nov 2, promised for Thursday, still wait, and the batteries taken in since
    # were each done the next day, ahead of them.
    past, day = [], nov(9) - timedelta(days=60)
    while day < nov(2):
        if day.isoweekday() != 7:
            past += [ticket(f"D-{day:%m%d}-{i}", day, day + timedelta(days=3),
                            [(day, "at_bench"), (day, "ready")]) for i in range(2)]
        day += timedelta(days=1)
    for week in range(10):
        tuesday = nov(3) - timedelta(days=7 * (week + 1))
        past.append(ticket(f"B-{week}", tuesday, tuesday + timedelta(days=3),
                           [(tuesday + timedelta(days=1), "at_bench"),
                            (tuesday + timedelta(days=1), "ready")],
                           services=(Service("watch_battery"),)))
    backlog = [ticket(f"S-{i}", nov(2), nov(5)) for i in range(10)]
    since = [ticket(f"N-{d}", nov(d), nov(d + 4), [(nov(done), "at_bench"), (nov(done), "ready")],
                    services=(Service("watch_battery"),)) for d, done in ((5, 6), (6, 7), (7, 9))]
    battery = ticket("B-99", nov(9), nov(13), services=(Service("watch_battery"),))
    store = history(past + backlog + since + [battery])
    assert "watch_battery" in learn(store, nov(10)).quick
    flag = next(f for f in assess(store, nov(10)) if f.ticket == "B-99")
    assert flag.expected_ready == nov(10)  # between the others, not behind the ten sizings


def small_jobs_store(ring_promise_days: int) -> list:
    """Ten weeks of batteries back the next day, each taken in the day after a ring sizing
    that was ready three days after it, promised ``ring_promise_days`` after the battery came in."""
    past = two_a_day(nov(9) - timedelta(days=60), nov(9))
    for week in range(10):
        tuesday = nov(3) - timedelta(days=7 * week)
        past.append(ticket(f"R-{week}", tuesday - timedelta(days=1),
                           tuesday + timedelta(days=ring_promise_days),
                           [(tuesday + timedelta(days=4), "at_bench"),
                            (tuesday + timedelta(days=4), "ready")]))
        past.append(ticket(f"B-{week}", tuesday, tuesday + timedelta(days=3),
                           [(tuesday + timedelta(days=1), "at_bench"),
                            (tuesday + timedelta(days=1), "ready")],
                           services=(Service("watch_battery"),)))
    return past


def test_a_small_job_is_quick_only_when_seen_done_ahead_of_earlier_work():
    # Batteries done before ring sizings taken in earlier and promised sooner: between the others.
    assert "watch_battery" in learn(history(small_jobs_store(1)), nov(10)).quick
    # Done first only because they were promised sooner: that is the queue, not a quick job.
    assert "watch_battery" not in learn(history(small_jobs_store(10)), nov(10)).quick


def test_a_jeweler_whose_own_small_jobs_wait_does_not_get_them_between_the_others():
    past = small_jobs_store(1)
    for week in range(6):  # Ana's batteries wait about a week for her
        monday = nov(2) - timedelta(days=7 * week)
        past.append(ticket(f"A-{week}", monday, monday + timedelta(days=8),
                           [(monday + timedelta(days=6), "at_bench"),
                            (monday + timedelta(days=6), "ready")],
                           services=(Service("watch_battery"),), jeweler="AL"))
    known = learn(history(past), nov(10))
    assert known.quick_own[("AL", "watch_battery")] == ()
    assert known.quick_own[("JR", "watch_battery")]
    open_for_ana = ticket("A-9", nov(9), nov(20), services=(Service("watch_battery"),),
                          jeweler="AL")
    flag = next(f for f in assess(history([*past, open_for_ana]), nov(10)) if f.ticket == "A-9")
    assert not any("between other work" in r for r in flag.reasons)


def test_a_quick_job_waits_for_a_jeweler_who_is_away():
    # Jonah's last moves were on Monday Nov 9; by Friday he has missed three workdays.
    battery = ticket("B-99", nov(9), nov(16), services=(Service("watch_battery"),))
    there = next(f for f in assess(history([*small_jobs_store(1), battery]), nov(10))
                 if f.ticket == "B-99")
    away = next(f for f in assess(history([*small_jobs_store(1), battery]), nov(13))
                if f.ticket == "B-99")
    assert any("between other work" in r for r in away.reasons)
    assert any("has not moved a piece on the last 3 days" in r for r in away.reasons)
    assert away.expected_ready > nov(13) and there.expected_ready == nov(10)


def test_how_much_longer_an_absent_jeweler_stays_away():
    from jeweldesk.risk.bench import Bench

    bench = Bench({}, {}, away_so_far={"JR": 2}, away_spells=(1, 1, 3, 5))
    assert bench.still_away("JR") == [1, 3]
    assert bench.still_away("AL") == [0]
    assert Bench({}, {}, away_so_far={"JR": 9}, away_spells=(1, 3)).still_away("JR") == list(
        range(1, 10)
    )


def test_a_jeweler_who_is_rarely_pressed_is_counted_at_their_full_days_pace():
    # Most days Jonah finishes the two pieces that came in and the bench runs dry; on the
    # days a backlog was waiting he got through five. A queue is worked at the five.
    past, day = [], nov(9) - timedelta(days=40)
    while day <= nov(9):
        if day.isoweekday() != 7:
            if day.day % 7 == 0:  # a backlog: six waiting since the day before, one left over
                for i in range(6):
                    done = day + timedelta(days=1 if i == 5 else 0)
                    past.append(ticket(f"B-{day:%m%d}-{i}", day - timedelta(days=1),
                                       day + timedelta(days=5), [(done, "at_bench"),
                                                                 (done, "ready")]))
            else:
                for i in range(2):
                    past.append(ticket(f"D-{day:%m%d}-{i}", day, day + timedelta(days=5),
                                       [(day, "at_bench"), (day, "ready")]))
        day += timedelta(days=1)
    bench = learn(history(past), nov(10)).bench
    assert bench.pace_of("JR") < 3  # what he has finished on a usual day
    assert sorted(bench.daily["JR"])[len(bench.daily["JR"]) // 2] == 5  # what a full day takes
    queue = [ticket(f"R-{20 + i}", nov(9), nov(12)) for i in range(10)]  # ahead of new work
    last = next(f for f in assess(history(past + queue), nov(10)) if f.ticket == "R-29")
    assert last.expected_ready <= nov(11)  # ten pieces in two full days, not five usual ones


def test_weeks_away_do_not_leave_only_quiet_days_to_say_what_a_full_day_takes():
    # Until October 10 a backlog always waited and Jonah got through five a day. Then three
    # weeks away and more, and since he is back, a quiet piece or two a day. Ten wait now.
    past, day = [], nov(9) - timedelta(days=60)
    while day <= nov(9):
        if day.isoweekday() != 7 and day < nov(9) - timedelta(days=30):
            for i in range(6):  # six waiting since the day before; one left for tomorrow
                done = day + timedelta(days=1 if i == 5 else 0)
                past.append(ticket(f"B-{day:%m%d}-{i}", day - timedelta(days=1),
                                   day + timedelta(days=5), [(done, "at_bench"), (done, "ready")]))
        elif day.isoweekday() != 7 and day >= nov(5):
            for i in range(1 + day.day % 2):
                past.append(ticket(f"D-{day:%m%d}-{i}", day, day + timedelta(days=5),
                                   [(day, "at_bench"), (day, "ready")]))
        day += timedelta(days=1)
    queue = [ticket(f"R-{20 + i}", nov(9), nov(12)) for i in range(10)]
    last = next(f for f in assess(history(past + queue), nov(10)) if f.ticket == "R-29")
    assert last.expected_ready <= nov(11)  # two full days, not five at a quiet day's pace


def test_parts_booked_in_on_a_monday_do_not_make_monday_a_workday():
    # Jonah never works Mondays, but the parts that come in then are booked to his name.
    past = two_a_day(nov(9) - timedelta(days=60), nov(11), skip=frozenset({1}))
    for week in range(8):
        monday = nov(9) - timedelta(days=7 * week)
        past.append(ticket(f"P-{week}", monday - timedelta(days=6), monday + timedelta(days=4),
                           [(monday - timedelta(days=5), "at_bench"),
                            (monday - timedelta(days=5), "waiting_parts"),
                            (monday, "at_bench"), (monday + timedelta(days=1), "ready")]))
    queue = [ticket(f"R-{20 + i}", nov(10), nov(20)) for i in range(8)]
    flags = assess(history(past + queue), nov(12))  # Thursday: Thu, Fri, Sat, then Tuesday
    assert next(f for f in flags if f.ticket == "R-27").expected_ready == nov(17)


def test_pieces_back_from_the_vendor_do_not_speed_up_the_queue():
    # Each day Jonah finishes four pieces from his queue (one always left for the morning)
    # and four quick finishes on pieces back from the vendor. His queue goes at four a day.
    past, day = [], nov(9) - timedelta(days=40)
    while day <= nov(9):
        if day.isoweekday() != 7:
            for i in range(4):
                done = day + timedelta(days=1 if i == 3 else 0)
                past.append(ticket(f"Q-{day:%m%d}-{i}", day - timedelta(days=2),
                                   day + timedelta(days=5), [(done, "at_bench"), (done, "ready")]))
                past.append(ticket(f"V-{day:%m%d}-{i}", day - timedelta(days=9), day,
                                   [(day - timedelta(days=8), "at_vendor"), (day, "at_bench"),
                                    (day, "ready")], services=PLATED))
        day += timedelta(days=1)
    queue = [ticket(f"R-{20 + i}", nov(9), nov(13)) for i in range(12)]
    last = next(f for f in assess(history(past + queue), nov(10)) if f.ticket == "R-31")
    assert last.expected_ready >= nov(12)  # three days at four, not a day and a half at eight


def test_a_piece_back_from_the_vendor_waits_for_its_jeweler_s_next_workday():
    # Jonah works Thursday to Saturday; plating back on Monday is finished on Thursday.
    past = two_a_day(nov(9) - timedelta(days=60), nov(7), skip=frozenset({1, 2, 3}))
    back = ticket("R-1", nov(1), nov(11), [(nov(2), "at_vendor"), (nov(9), "at_bench")],
                  services=PLATED)
    flag = next(f for f in assess(history([*past, back]), nov(10)) if f.ticket == "R-1")
    assert flag.expected_ready == nov(12)
    assert flag.level == "at_risk"
    assert "Jonah Reyes, who finishes it, is next at the bench Nov 12" in flag.reasons


def test_a_piece_no_one_was_given_is_the_jewelers_who_worked_on_it():
    past = [replace(t, assigned_to=None) for t in two_a_day(nov(9) - timedelta(days=60), nov(9))]
    known = as_of(history(past), nov(10))  # the engine reads a history as of a moment
    assert learn(known, nov(10)).bench.pace["JR"] == 2.0  # learned, not a default


def test_pieces_no_one_has_been_given_go_at_the_whole_benchs_pace():
    # Jonah and Ana each finish two a day; eight pieces no one has taken yet go at four.
    jonah = two_a_day(nov(9) - timedelta(days=40), nov(9))
    ana = [replace(t, number="A" + t.number, assigned_to="AL",
                   events=tuple(replace(e, by="AL" if e.by == "JR" else e.by) for e in t.events))
           for t in jonah]
    waiting = [ticket(f"R-{20 + i}", nov(9), nov(20), jeweler=None) for i in range(8)]
    store = History(MON_SAT, (PLATING,), tuple(jonah + ana + waiting), (),
                    (JONAH, Jeweler("AL", "Ana Lopes")))
    last = next(f for f in assess(store, nov(10)) if f.ticket == "R-27")
    assert last.expected_ready == nov(11)  # two days at four, not four days at two


def test_a_jeweler_never_pressed_is_taken_to_manage_their_best_day_again():
    # Jonah's bench always runs dry: one or two pieces most days, five on his best day.
    past, day, i = [], nov(9) - timedelta(days=30), 0
    while day <= nov(9):
        if day.isoweekday() != 7:
            count = 5 if day == nov(2) else 1 + i % 2
            i += 1
            for k in range(count):
                past.append(ticket(f"D-{day:%m%d}-{k}", day, day + timedelta(days=5),
                                   [(day, "at_bench"), (day, "ready")]))
        day += timedelta(days=1)
    queue = [ticket(f"R-{20 + k}", nov(9), nov(12)) for k in range(10)]
    last = next(f for f in assess(history(past + queue), nov(10)) if f.ticket == "R-29")
    assert last.expected_ready == nov(11)  # two days at five, not seven at one or two


def test_planned_days_off_hold_the_queue_and_are_no_absence():
    past = two_a_day(nov(9) - timedelta(days=60), nov(11))
    queue = [ticket(f"R-{20 + i}", nov(11), nov(20)) for i in range(8)]
    week_off = DayOff("JR", nov(12), nov(17), at(nov(2)))
    plain = history(past + queue)
    planned = replace(plain, days_off=(week_off,))
    last_plain = next(f for f in assess(plain, nov(12)) if f.ticket == "R-27")
    last_planned = next(f for f in assess(planned, nov(12)) if f.ticket == "R-27")
    assert last_plain.expected_ready < nov(17) < last_planned.expected_ready
    assert "Jonah Reyes is off Nov 12 to Nov 17 (planned)" in last_planned.reasons
    # Halfway through the planned week, no one takes it for an unexplained absence.
    during = next(f for f in assess(planned, nov(16)) if f.ticket == "R-27")
    assert not any("has not moved" in r for r in during.reasons)
    # Entered only on Nov 14: as of Nov 12 the store did not know yet.
    late_news = replace(plain, days_off=(replace(week_off, planned_at=at(nov(14))),))
    unaware = next(f for f in assess(late_news, nov(12)) if f.ticket == "R-27")
    assert unaware.expected_ready == last_plain.expected_ready


def test_a_jeweler_away_is_said_from_the_first_workday_missed_until_the_store_says_until_when():
    # Jonah's last moves were on Thursday Nov 5; four pieces wait for him.
    past = two_a_day(nov(9) - timedelta(days=60), nov(5))
    queue = [ticket(f"R-{20 + i}", nov(3), nov(20)) for i in range(4)]
    store = history(past + queue)
    assert away_now(store, at(nov(6), 0)) == []  # not a workday missed yet
    assert away_now(store, at(nov(7), 0)) == []  # one is a day off, not yet worth saying
    # Friday, Saturday, Monday missed; Sunday is no workday of his.
    assert away_now(store, at(nov(10), 0)) == [Away("JR", 3, nov(6), 4)]
    # The manager says he is off until Friday: no longer an unexplained absence.
    off = replace(store, days_off=(DayOff("JR", nov(6), nov(12), at(nov(10), 9)),))
    assert away_now(off, at(nov(10), 12)) == []
    assert away_now(off, at(nov(10), 0)) == [Away("JR", 3, nov(6), 4)]  # not known yet then


def test_a_quick_job_taken_in_today_is_done_on_the_next_working_day_as_they_have_been():
    # Batteries here are done the working day after they come in; one came in at 10 AM.
    battery = ticket("B-99", nov(10), nov(16), services=(Service("watch_battery"),))
    flags = assess(history([*small_jobs_store(1), battery]), datetime(2026, 11, 10, 15))
    flag = next(f for f in flags if f.ticket == "B-99")
    assert any("between other work" in r for r in flag.reasons)
    assert flag.expected_ready == nov(11)
