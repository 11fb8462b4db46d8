"""The queue counted forward: a jeweler away, pieces still to come in, vendors with few parcels."""

from datetime import date, timedelta

from jeweldesk.risk.engine import assess
from jeweldesk.risk.history import History, Parcel, Service, Vendor
from jeweldesk.risk.vendors import vendor_records
from tests.support.histories import (
    JONAH,
    MON_SAT,
    at,
    flag_for,
    history,
    jeweler_record,
    nov,
    ticket,
    vendor_past,
)


def queue_of_six() -> list:
    return [ticket(f"R-{20 + i}", nov(9), nov(16 + i)) for i in range(6)]


def test_a_jeweler_with_no_moves_on_their_usual_days_is_taken_as_away():
    working = assess(history(jeweler_record(2, last=nov(9)) + queue_of_six()), nov(10))
    away = assess(history(jeweler_record(2, last=nov(5)) + queue_of_six()), nov(10))
    assert flag_for(away, "R-25").expected_ready > flag_for(working, "R-25").expected_ready
    said = " ".join(flag_for(away, "R-20").reasons)
    assert "Jonah Reyes has not moved a piece on the last 3 days they usually work" in said
    assert "has not moved" not in " ".join(flag_for(working, "R-20").reasons)


def test_pieces_still_to_come_with_earlier_promises_go_ahead_in_the_queue():
    # Same pace, same queue; one store promises new pieces four days out, the other two weeks.
    short = assess(history(jeweler_record(2, lead_days=1) + queue_of_six()), nov(10))
    long = assess(history(jeweler_record(2, lead_days=12) + queue_of_six()), nov(10))
    assert flag_for(long, "R-25").expected_ready == nov(12)
    assert flag_for(short, "R-25").expected_ready > nov(12)
    assert flag_for(short, "R-20").expected_ready == flag_for(long, "R-20").expected_ready


SLOW = Vendor("SLOW", "Ironworks Casting", 10)
NEW = Vendor("NEW", "Laser Line Engraving", 6)


def store_with(new_parcels: int) -> History:
    """A store whose long-known vendor returns everything twice as late as it quotes, and a
    new vendor that has kept its quote on each of its few parcels."""
    slow, slow_parcels = vendor_past(SLOW, date(2026, 8, 3), [20] * 12)
    new, new_parcels = vendor_past(NEW, date(2026, 11, 9) - timedelta(days=7 * new_parcels),
                                   [6] * new_parcels)
    return history(slow + new, slow_parcels + new_parcels, vendors=(SLOW, NEW))


def test_a_vendor_with_few_parcels_is_judged_partly_by_the_stores_other_vendors():
    few = vendor_records(store_with(2), nov(10))["NEW"].turnaround
    many = vendor_records(store_with(20), nov(10))["NEW"].turnaround
    late_share = lambda days: sum(1 for d in days if d > 6) / len(days)  # noqa: E731
    assert 0.3 < late_share(few) < 0.8  # two parcels on time do not yet outweigh the store
    assert late_share(many) < 0.2  # twenty do
    assert sorted(few)[len(few) // 2] <= sorted(many)[-1] + 12


def test_a_parcel_still_out_counts_as_at_least_as_long_as_it_has_been_out():
    tickets, parcels = vendor_past(NEW, date(2026, 8, 3), [6] * 10)
    piece = ticket("R-1", nov(2), nov(30), [(nov(3), "at_vendor")],
                   services=(Service("engraving", "NEW"),))
    out = Parcel("S-1", "NEW", ("R-1",), at(nov(3), 9), nov(9))
    known = History(MON_SAT, (NEW,), (*tickets, piece), (*parcels, out), (JONAH,))
    assert max(vendor_records(known, nov(20))["NEW"].turnaround) > 17


def test_a_jeweler_back_from_a_week_off_is_no_longer_taken_as_away():
    week_off = {nov(2) + timedelta(days=i) for i in range(6)}
    back = [d for d in jeweler_record(2, last=nov(9)) if d.events[-1].at.date() not in week_off]
    flags = assess(history(back + queue_of_six()), nov(10))
    assert "has not moved" not in " ".join(flag_for(flags, "R-20").reasons)
    working = assess(history(jeweler_record(2, last=nov(9)) + queue_of_six()), nov(10))
    assert flag_for(flags, "R-25").expected_ready == flag_for(working, "R-25").expected_ready


def test_a_rush_of_intake_is_counted_for_the_days_ahead_but_not_for_weeks():
    from jeweldesk.risk.intake import Intake
    from jeweldesk.risk.learn import learn
    from jeweldesk.risk.queue import forecast_queue

    known = history(jeweler_record(3, lead_days=1) + queue_of_six())
    learned = learn(known, nov(10))
    rush = learned.intake
    assert rush.rate_of("JR") > 0
    # The same store, whose usual intake over months is half what came in these last weeks.
    calmer = Intake(rate=rush.rate, usual={"JR": rush.rate_of("JR") / 2}, leads=rush.leads)
    queue = queue_of_six()
    late, sooner = (forecast_queue(queue, "JR", learned.bench, intake, MON_SAT, nov(10))
                    for intake in (rush, calmer))
    assert sorted(sooner.outcomes["R-25"]) <= sorted(late.outcomes["R-25"])
    assert sum(sooner.outcomes["R-25"]) < sum(late.outcomes["R-25"])


def test_the_usual_intake_is_read_over_months_and_the_recent_over_weeks():
    from jeweldesk.risk.intake import learn_intake

    # Two pieces an open day for ten weeks, then four a day for the last four.
    record = jeweler_record(2, days=70, lead_days=1) + [
        ticket(f"X-{i}", nov(9) - timedelta(days=i % 24), nov(20)) for i in range(48)]
    intake = learn_intake(history(record), MON_SAT, nov(10))
    assert intake.rate_of("JR") > 1.5 * intake.usual_of("JR")
