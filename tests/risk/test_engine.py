"""Each rule of the early-warning engine, as a manager would check it."""

from datetime import date, datetime, timedelta

import pytest

from jeweldesk.risk.engine import assess, flags_to_json
from jeweldesk.risk.history import Occasion, Parcel, Service, Vendor
from jeweldesk.risk.proposal import expected_ready_for_intake
from tests.support.histories import (
    PLATING,
    at,
    flag_for,
    history,
    jeweler_record,
    nov,
    ticket,
    vendor_past,
)

PLATED = (Service("rhodium_plating", "PLAT"),)


def out_at_plating(past_days: list[int], *, promised: date = date(2026, 11, 14)):
    """R-1 left in parcel S-12 on Tue Nov 3, after ten earlier parcels to the same vendor."""
    tickets, parcels = vendor_past(PLATING, date(2026, 8, 3), past_days)
    open_ticket = ticket("R-1", nov(2), promised, [(nov(3), "at_vendor")], services=PLATED)
    parcel = Parcel("S-12", "PLAT", ("R-1",), at(nov(3), 9), nov(9))
    return [*tickets, open_ticket], [*parcels, parcel]


def test_a_vendor_that_keeps_missing_its_quote_puts_the_promise_at_risk():
    tickets, parcels = out_at_plating([13] * 10)
    learned = flag_for(assess(history(tickets, parcels), nov(5)), "R-1")
    quoted = flag_for(assess(history(tickets, parcels), nov(5), trust_quotes=True), "R-1")
    assert learned.level == "at_risk"
    assert learned.expected_ready == nov(16)
    assert quoted.level == "on_track"
    said = " ".join(learned.reasons)
    assert "Riverbend Plating returned 10 of its last 10 parcels a week past its quote" in said
    assert "parcel S-12 left Nov 3" in said
    assert "expected back Nov 16" in said
    assert "promised Nov 14" in said


def test_a_parcel_already_past_due_pushes_the_date_out():
    tickets, parcels = out_at_plating([6] * 10)
    flag = flag_for(assess(history(tickets, parcels), nov(13)), "R-1")
    assert flag.expected_ready > nov(13)
    assert flag.level == "at_risk"
    assert "is 4 days past the Nov 9 Riverbend Plating quoted" in " ".join(flag.reasons)


def test_a_parcel_is_judged_against_the_date_quoted_for_it_not_the_vendors_usual():
    # Riverbend keeps its six-day quotes; this big job it quoted a fortnight, back Nov 17.
    tickets, parcels = vendor_past(PLATING, date(2026, 8, 3), [6] * 10)
    piece = ticket("R-1", nov(2), nov(20), [(nov(3), "at_vendor")], services=PLATED)
    big_job = Parcel("S-12", "PLAT", ("R-1",), at(nov(3), 9), nov(17))
    flag = flag_for(assess(history([*tickets, piece], [*parcels, big_job]), nov(12)), "R-1")
    # Past the usual six days, but well within its own quote.
    assert flag.level == "on_track" and flag.expected_ready == nov(17)
    assert "expected back Nov 17" in " ".join(flag.reasons)
    usual = Parcel("S-12", "PLAT", ("R-1",), at(nov(3), 9), nov(9))
    overdue = flag_for(assess(history([*tickets, piece], [*parcels, usual]), nov(12)), "R-1")
    assert "is 3 days past the Nov 9 Riverbend Plating quoted" in " ".join(overdue.reasons)
    assert overdue.expected_ready < nov(17)


def test_parcels_out_a_day_past_the_vendors_usual_are_read_as_its_slower_parcels_came_back():
    # Metro Watch Works quotes 14 days and takes 16 or 17, every time. Two parcels sent
    # Oct 26 are still out on Nov 12, a day past that: they say the vendor may take 17,
    # not half a quote more.
    watch = Vendor("WTCH", "Metro Watch Works", 14)
    serviced = (Service("watch_service", "WTCH"),)
    tickets, parcels = vendor_past(watch, date(2026, 7, 6), [16, 17] * 8)
    for i in range(2):
        tickets.append(ticket(f"O-{i}", date(2026, 10, 24), nov(20),
                              [(date(2026, 10, 26), "at_vendor")], services=serviced))
        parcels.append(Parcel(f"S-O{i}", "WTCH", (f"O-{i}",), at(date(2026, 10, 26), 9), nov(9)))
    piece = ticket("R-1", nov(2), nov(21), [(nov(3), "at_vendor")], services=serviced)
    parcels.append(Parcel("S-12", "WTCH", ("R-1",), at(nov(3), 9), nov(17)))
    flag = flag_for(assess(history([*tickets, piece], parcels, vendors=(watch,)), nov(12)), "R-1")
    assert "expected back Nov 20" in " ".join(flag.reasons)
    # Back Nov 20 at the latest, finished the next workday, as the engine reads it; the new
    # date offered is no earlier, and the store's own record, with two parcels out longer
    # than any came back, is warier still.
    assert nov(23) <= flag.sure_by <= nov(27)


def test_a_parcel_due_back_on_a_closed_day_is_expected_the_next_open_day():
    tickets, parcels = vendor_past(PLATING, date(2026, 8, 3), [6] * 10)
    piece = ticket("R-2", nov(20), nov(30), [(nov(20), "at_vendor")], services=PLATED)
    parcel = Parcel("S-20", "PLAT", ("R-2",), at(nov(20), 15), nov(26))
    flag = flag_for(assess(history([*tickets, piece], [*parcels, parcel]), nov(21)), "R-2")
    assert flag.expected_ready == nov(27)  # back Thanksgiving, when the store is closed


def test_waiting_to_go_out_leaves_with_the_next_parcel_the_store_sends():
    # Every past parcel left on a Friday, so the store ships on Fridays.
    tickets, parcels = vendor_past(PLATING, date(2026, 8, 7), [6] * 12)
    piece = ticket("R-3", nov(9), nov(16), services=PLATED)
    flag = flag_for(assess(history([*tickets, piece], parcels), nov(10)), "R-3")
    said = " ".join(flag.reasons)
    assert "waits to go out to Riverbend Plating; next parcel about Nov 13" in said
    assert flag.expected_ready == nov(19)
    assert flag.level == "at_risk"


@pytest.mark.parametrize(("per_day", "last_expected"), [(2, nov(12)), (1, nov(16))])
def test_the_queue_is_worked_earliest_promise_first_at_the_pace_the_jeweler_kept(
    per_day, last_expected
):
    queue = [ticket(f"R-{20 + i}", nov(9), nov(12 + i)) for i in range(6)]
    flags = assess(history(jeweler_record(per_day) + queue), nov(10))
    first, last = flag_for(flags, "R-20"), flag_for(flags, "R-25")
    assert first.expected_ready == nov(10)
    assert last.expected_ready == last_expected
    assert "Jonah Reyes has 5 pieces ahead of it (earliest promise first)" in last.reasons[0]


def test_a_day_already_worked_is_not_counted_again_later_that_day():
    # Two pieces wait for Jonah at 3 PM. He has moved his usual two today already, or, on
    # another record, none yet.
    queue = [ticket(f"R-{20 + i}", nov(9), nov(13)) for i in range(2)]
    three_pm = datetime(2026, 11, 10, 15)
    worked = flag_for(assess(history(jeweler_record(2, last=nov(10)) + queue), three_pm), "R-20")
    not_yet = flag_for(assess(history(jeweler_record(2, last=nov(9)) + queue), three_pm), "R-20")
    assert worked.expected_ready == nov(11)
    assert not_yet.expected_ready == nov(10)


def test_intake_does_not_promise_today_where_pieces_are_never_ready_the_day_they_come_in():
    # Jonah's bench is clear, but none of the store's pieces has been ready the day it came
    # in: the day's work is planned before the new piece arrives.
    record = jeweler_record(2, lead_days=1)
    proposed, _why = expected_ready_for_intake(
        history(record), datetime(2026, 11, 10, 10), [Service("ring_sizing")], jeweler="JR")
    assert proposed == nov(11)


def test_parts_on_order_take_as_long_as_parts_have_taken_here():
    past = [
        ticket(
            f"W-{i}",
            nov(1) - timedelta(days=40 - 5 * i),
            nov(28),
            [
                (nov(1) - timedelta(days=39 - 5 * i), "waiting_parts"),
                (nov(1) - timedelta(days=29 - 5 * i), "at_bench"),
            ],
        )
        for i in range(6)
    ]
    piece = ticket("R-4", nov(6), nov(14), [(nov(9), "at_bench"), (nov(9), "waiting_parts")])
    flag = flag_for(assess(history([*past, piece]), nov(10)), "R-4")
    assert flag.level == "at_risk"
    assert flag.expected_ready >= nov(19)
    assert "waiting for parts since Nov 9; parts have taken about 10 days here" in flag.reasons[0]


def test_a_promise_past_the_occasion_comes_first_then_late_then_at_risk():
    late = ticket("R-5", nov(2), nov(6))
    anniversary = ticket("R-6", nov(9), nov(20), occasion=Occasion("Anniversary dinner", nov(18)))
    flags = assess(history([late, anniversary]), nov(10))
    assert [f.ticket for f in flags] == ["R-6", "R-5"]
    assert flags[0].occasion_threatened and flags[0].level == "watch"
    assert flags[1].level == "late"
    assert flags[0].reasons[0].startswith("needed for the anniversary dinner on Nov 18, but ")
    assert "promised Nov 6, 4 days ago, and not ready" in flags[1].reasons[-1]


def test_an_occasion_already_past_no_longer_puts_a_piece_first():
    late = ticket("R-5", nov(2), nov(6))
    after = ticket("R-6", nov(1), nov(20), occasion=Occasion("Anniversary dinner", nov(8)))
    flags = assess(history([late, after]), nov(10))
    assert flags[0].ticket == "R-5"
    assert not flag_for(flags, "R-6").occasion_threatened


def test_as_of_a_moment_later_events_change_nothing():
    tickets, parcels = out_at_plating([13] * 10)
    before = history(tickets, parcels)
    later_piece = ticket("R-9", nov(12), nov(20))
    finished = [
        ticket(
            "R-1",
            nov(2),
            nov(14),
            [(nov(3), "at_vendor"), (nov(16), "at_bench"), (nov(17), "ready")],
            services=PLATED,
        )
        if t.number == "R-1"
        else t
        for t in tickets
    ]
    back = [
        p
        if p.ref != "S-12"
        else Parcel("S-12", "PLAT", ("R-1",), at(nov(3), 9), nov(9), at(nov(16), 10))
        for p in parcels
    ]
    after = history([*finished, later_piece], back)
    for moment in (nov(5), datetime(2026, 11, 10, 15, 30)):
        assert flags_to_json(moment, assess(after, moment)) == flags_to_json(
            moment, assess(before, moment)
        )


def test_the_json_lists_only_flagged_pieces_in_the_agreed_shape():
    tickets, parcels = out_at_plating([13] * 10)
    document = flags_to_json(nov(5), assess(history(tickets, parcels), nov(5)))
    assert document["as_of"] == "2026-11-05T00:00:00"
    [flag] = document["flags"]
    keys = ("ticket", "status", "level", "promised_for", "expected_ready")
    assert {k: flag[k] for k in keys} == {
        "ticket": "R-1",
        "status": "at_vendor",
        "level": "at_risk",
        "promised_for": "2026-11-14",
        "expected_ready": "2026-11-16",
    }
    assert flag["customer"] == "Customer R-1" and flag["occasion_date"] is None
    assert all(isinstance(r, str) for r in flag["reasons"])


def test_intake_proposes_a_date_the_vendor_really_keeps():
    tickets, parcels = vendor_past(PLATING, date(2026, 8, 3), [13] * 10)
    proposed, why = expected_ready_for_intake(history(tickets, parcels), nov(10), PLATED)
    assert proposed >= nov(23)
    assert "Riverbend Plating" in why


def test_a_vendor_behind_lately_is_expected_late_though_its_season_was_good():
    # The same season's record, three late parcels among twelve: behind in the summer, or
    # behind these last weeks, with its last parcel still out past its date.
    summer = [13] * 3 + [6] * 9
    lately = [6] * 9 + [13] * 3
    found = {}
    for name, days in (("summer", summer), ("lately", lately)):
        tickets, parcels = vendor_past(PLATING, date(2026, 8, 10), days)
        piece = ticket("R-1", nov(2), nov(11), [(nov(3), "at_vendor")], services=PLATED)
        parcel = Parcel("S-99", "PLAT", ("R-1",), at(nov(3), 9), nov(9))
        found[name] = flag_for(assess(history([*tickets, piece], [*parcels, parcel]), nov(5)),
                               "R-1")
    assert found["summer"].level == "on_track"
    assert found["lately"].listed  # on the morning list
    assert any("about 5 in 10 it is later than promised" in r for r in found["lately"].reasons)


@pytest.mark.parametrize("days_out", [[6] * 10, [8] * 10, [6, 13] * 5, [13] * 10, [9, 6, 6] * 4])
def test_a_piece_expected_after_its_promise_is_always_on_the_list_and_says_how_likely(
    days_out
):
    tickets, parcels = out_at_plating(days_out, promised=nov(12))
    for day in (nov(4), nov(6), nov(9)):
        for flag in assess(history(tickets, parcels), day):
            if flag.expected_ready > flag.promised_for:
                assert flag.listed, flag
                if flag.level == "watch":
                    assert any("after the Nov 12 promised; about" in r for r in flag.reasons)


@pytest.mark.parametrize("days_out", [[6, 13] * 5, [9, 6, 6] * 4, [5, 8, 11, 14] * 3])
def test_a_parcel_is_never_said_back_after_the_day_its_piece_is_said_ready(days_out):
    # The piece's date and the parcel's date in its reasons are both their middle outcome.
    tickets, parcels = out_at_plating(days_out, promised=nov(12))
    for day in (nov(4), nov(6), nov(9), nov(11)):
        flag = flag_for(assess(history(tickets, parcels), day), "R-1")
        said = next(r for r in flag.reasons if "expected back" in r)
        back = datetime.strptime(said.rsplit("expected back ", 1)[1] + " 2026", "%b %d %Y")
        assert back.date() <= flag.expected_ready, flag


def test_a_store_that_does_not_log_its_parcels_still_learns_its_vendor():
    tickets, _ = out_at_plating([13] * 10)  # the same trips, seen only in the pieces' moves
    flag = flag_for(assess(history(tickets), nov(5)), "R-1")
    assert flag.level == "at_risk"
    assert flag.expected_ready == nov(16)
    assert "Riverbend Plating returned 10 of its last 10 parcels a week past its quote" in (
        flag.reasons)


def test_a_piece_next_in_line_says_so_and_how_long_its_own_work_takes():
    # Stone setting has taken Jonah four open days at the bench, piece after piece.
    done = [
        ticket(f"D-{i}", nov(2), nov(30), [(nov(2), "at_bench"), (nov(6), "quality_check"),
                                          (nov(6), "ready")], services=(Service("stone_setting"),))
        for i in range(6)
    ]
    piece = ticket("R-1", nov(9), nov(11), [(nov(9), "at_bench")],
                   services=(Service("stone_setting"),))
    flag = flag_for(assess(history([*done, piece]), nov(10)), "R-1")
    said = " ".join(flag.reasons)
    assert "nothing is ahead of it in Jonah Reyes's queue" in said
    assert "its own work takes about 3 days more at the bench here" in said
    assert flag.level == "at_risk" and flag.expected_ready == nov(13)


@pytest.mark.parametrize(("came_in_days_before", "leaves"), [(0, "Nov 9"), (1, "Nov 16")])
def test_a_piece_taken_in_on_a_parcel_day_leaves_that_day_only_where_pieces_ever_have(
    came_in_days_before, leaves
):
    from dataclasses import replace

    from jeweldesk.risk.history import Event

    # Parcels to Riverbend leave on Mondays; the pieces in them came in that same day, or
    # always the day before.
    tickets, parcels = vendor_past(PLATING, date(2026, 8, 3), [6] * 12)
    earlier = timedelta(days=came_in_days_before)
    tickets = [
        replace(t, received_at=t.received_at - earlier,
                events=(Event(t.received_at - earlier, "received", "KP"), *t.events[1:]))
        for t in tickets
    ]
    monday_morning = datetime(2026, 11, 9, 10)
    _proposed, why = expected_ready_for_intake(history(tickets, parcels), monday_morning, PLATED)
    assert f"next parcel about {leaves}" in why


def test_a_date_to_promise_covers_the_vendors_late_returns_not_only_its_usual_one():
    # Riverbend returns two parcels in three on its six-day quote, the third a week late.
    tickets, parcels = out_at_plating([6, 6, 13] * 4, promised=nov(20))
    flag = flag_for(assess(history(tickets, parcels), nov(5)), "R-1")
    assert flag.expected_ready < nov(16)
    assert flag.sure_by is not None and flag.sure_by >= nov(16)  # back Nov 16 when late


def test_intake_allows_for_parts_the_work_has_often_needed_here_and_says_so():
    # Half the stone replacements lately waited a week for a stone; sizings never wait.
    done = []
    for i in range(12):
        day = nov(2) - timedelta(days=3 * i)
        waits = i % 2 == 0
        moves = [(day, "at_bench")] + (
            [(day, "waiting_parts"), (day + timedelta(days=7), "at_bench")] if waits else []
        ) + [(day + timedelta(days=8 if waits else 1), "ready")]
        done.append(ticket(f"S-{i}", day - timedelta(days=1), day + timedelta(days=10), moves,
                           services=(Service("stone_replacement"),)))
        done.append(ticket(f"Z-{i}", day - timedelta(days=1), day + timedelta(days=10),
                           [(day, "at_bench"), (day + timedelta(days=1), "ready")]))
    # At work yesterday: a stone booked in on his bench is no sign of that, a piece done is.
    done.append(ticket("Z-last", nov(7), nov(12), [(nov(9), "at_bench"), (nov(9), "ready")]))
    store = history(done)
    stone, why = expected_ready_for_intake(store, datetime(2026, 11, 10, 10),
                                           [Service("stone_replacement")], jeweler="JR")
    sizing, _ = expected_ready_for_intake(store, datetime(2026, 11, 10, 10),
                                          [Service("ring_sizing")], jeweler="JR")
    assert "about 5 in 10 stone replacement pieces here have waited for parts, about a week" in why
    assert stone >= nov(17) and sizing <= nov(13)  # a week more for the stone's parts
    assert (stone - sizing).days >= 4
