"""Pieces with bench work and vendor work: to the bench first, or out first where that is
the store's way."""

from dataclasses import replace
from datetime import date, timedelta

from jeweldesk.risk.engine import assess
from jeweldesk.risk.history import Event, Service
from jeweldesk.risk.learn import learn
from jeweldesk.risk.route import vendor_work_first
from tests.support.histories import (
    PLATING,
    flag_for,
    history,
    jeweler_record,
    nov,
    ticket,
    vendor_past,
)

SIZED_AND_PLATED = (Service("ring_sizing"), Service("rhodium_plating", "PLAT"))


def done_both_ways(out_first: bool, count: int = 8) -> list:
    """Finished pieces sized and plated: out to the plater first and sized once back, or
    sized the morning they came in and then plated."""
    tickets, _ = vendor_past(PLATING, date(2026, 8, 7), [6] * count)
    done = []
    for piece in tickets:
        received, sent, *rest = piece.events
        sized = Event(received.at + timedelta(hours=1), "at_bench", "JR")
        events = (received, sent, *rest) if out_first else (received, sized, sent, *rest)
        done.append(replace(piece, services=SIZED_AND_PLATED, events=events))
    return done


def test_the_stores_way_with_both_kinds_of_work_is_read_from_its_record():
    assert vendor_work_first(done_both_ways(out_first=True))
    assert not vendor_work_first(done_both_ways(out_first=False))
    assert not vendor_work_first(done_both_ways(out_first=True, count=3))  # too few to say


def test_where_pieces_go_out_first_the_bench_work_waits_for_the_vendor():
    tickets, parcels = vendor_past(PLATING, date(2026, 8, 7), [6] * 12)
    record = [*tickets, *done_both_ways(out_first=True), *jeweler_record(2)]
    piece = ticket("R-3", nov(9), nov(24), services=SIZED_AND_PLATED)
    store = history([*record, piece], parcels)
    assert learn(store, nov(10)).vendor_first
    said = " ".join(flag_for(assess(store, nov(10)), "R-3").reasons)
    assert "pieces ahead of it" not in said.split("waits to go out")[0]
    assert "waits to go out to Riverbend Plating; next parcel about Nov 13" in said
    assert "then its bench work in Jonah Reyes's queue (earliest promise first)" in said
    assert flag_for(assess(store, nov(10)), "R-3").expected_ready >= nov(19)


def test_where_pieces_go_to_the_bench_first_they_wait_in_the_queue_before_going_out():
    tickets, parcels = vendor_past(PLATING, date(2026, 8, 7), [6] * 12)
    record = [*tickets, *done_both_ways(out_first=False), *jeweler_record(2)]
    piece = ticket("R-3", nov(9), nov(24), services=SIZED_AND_PLATED)
    store = history([*record, piece], parcels)
    assert not learn(store, nov(10)).vendor_first
    said = " ".join(flag_for(assess(store, nov(10)), "R-3").reasons)
    assert said.index("ahead of it") < said.index("waits to go out")
    assert "then its bench work" not in said


def test_a_piece_back_from_the_vendor_with_its_bench_work_still_to_do_waits_its_turn():
    tickets, parcels = vendor_past(PLATING, date(2026, 8, 7), [6] * 12)
    record = [*tickets, *done_both_ways(out_first=True), *jeweler_record(2)]
    back = ticket("R-4", nov(2), nov(12), [(nov(3), "at_vendor"), (nov(9), "at_bench")],
                  services=SIZED_AND_PLATED)
    ahead = [ticket(f"R-{20 + i}", nov(6), nov(11)) for i in range(6)]
    flag = flag_for(assess(history([*record, *ahead, back], parcels), nov(10)), "R-4")
    assert "Jonah Reyes has 6 pieces ahead of it" in " ".join(flag.reasons)
    assert "finishing at the bench" not in " ".join(flag.reasons)
