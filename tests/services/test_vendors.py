from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest

from jeweldesk.domain.errors import Invalid
from jeweldesk.domain.status import Status
from jeweldesk.services.changes import change_marker
from jeweldesk.services.customers import CustomerDetails
from jeweldesk.services.intake import Visit, take_in
from jeweldesk.services.parcels import receive_parcel, send_parcel
from jeweldesk.services.story import ticket_story
from jeweldesk.services.vendors import (
    insured_value,
    open_parcels,
    outgoing_piece,
    parcels,
    proposed_back,
    slow_turnaround,
    vendor_record,
    vendor_records,
)
from jeweldesk.storage.tables import Parcel
from tests.support.store import COUNTER, ring, store_today, take_in_ring


def _at(days_ago: int, hour: int = 10) -> datetime:
    # Read at each call: a run that crosses the store's midnight must not mix two "todays".
    return datetime.combine(store_today() - timedelta(days=days_ago), time(hour))


def _taken_in(db, at: datetime) -> str:
    visit = Visit((ring(),), new_customer=CustomerDetails("Ruth Baines", "601 555 0177"))
    return take_in(db, visit, by=COUNTER, at=at)[0]


def _parcel_back_after(db, sent_days_ago: int, turnaround: int | None) -> str:
    number = _taken_in(db, _at(90, 9))
    ref = send_parcel(db, "PLAT", [number], by=COUNTER, at=_at(sent_days_ago))
    if turnaround is not None:
        receive_parcel(db, ref, [number], by=COUNTER, at=_at(sent_days_ago - turnaround, 15))
    return ref


def test_the_vendor_record_is_learned_from_its_own_parcels(store_db):
    # Riverbend quotes 6 days; every parcel's expected-back date is its sent day + 6.
    for sent, turnaround in ((80, 5), (70, 7), (60, 6), (50, 12), (40, 8)):
        _parcel_back_after(store_db, sent, turnaround)
    _parcel_back_after(store_db, 20, None)  # out 20 days, due 6 days in: late already
    _parcel_back_after(store_db, 0, None)  # went out today: not due, not judged

    record = vendor_record(store_db, "PLAT")
    assert record.quoted_days == 6
    assert record.parcels_back == 5
    assert record.median_days == 7.0
    assert record.slow_days == 8
    assert record.on_time_share == pytest.approx(2 / 6)  # the 5- and 6-day parcels
    assert (record.open_parcels, record.overdue_parcels) == (2, 1)
    assert [(p.days, p.back) for p in record.series] == [
        (5, True), (7, True), (6, True), (12, True), (8, True), (20, False), (0, False)]
    assert record.series[0].sent == store_today() - timedelta(days=80)
    assert [r.code for r in vendor_records(store_db)] == ["PLAT"]


def test_a_vendor_with_no_parcels_has_no_record_yet(store_db):
    record = vendor_record(store_db, "PLAT")
    assert (record.median_days, record.slow_days, record.on_time_share) == (None, None, None)


def test_slow_is_the_turnaround_four_parcels_in_five_beat():
    assert slow_turnaround([3]) == 3
    assert slow_turnaround([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == 8
    assert slow_turnaround([10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11]) == 9
    assert slow_turnaround([]) is None


def test_a_parcel_past_its_date_and_not_all_back_is_overdue(store_db):
    a, b = _taken_in(store_db, _at(30)), _taken_in(store_db, _at(30))
    ref = send_parcel(store_db, "PLAT", [a, b], by=COUNTER, at=_at(10),
                      expected_back=store_today() - timedelta(days=3))
    [line] = parcels(store_db)
    assert (line.ref, line.overdue, line.days_overdue) == (ref, True, 3)

    receive_parcel(store_db, ref, [a], by=COUNTER)
    [line] = open_parcels(store_db)
    assert line.overdue and line.missing == (b,)

    receive_parcel(store_db, ref, [b], by=COUNTER)
    [line] = parcels(store_db)
    assert not line.overdue and line.days_overdue == 0 and line.missing == ()
    assert open_parcels(store_db) == []


def test_a_parcel_due_today_is_not_yet_overdue(store_db):
    number = take_in_ring(store_db)
    send_parcel(store_db, "PLAT", [number], by=COUNTER, expected_back=store_today())
    assert not parcels(store_db)[0].overdue


def test_a_parcel_out_and_back_with_one_piece_missing(store_db):
    a = take_in_ring(store_db, declared_value="2400.00")
    b = take_in_ring(store_db, declared_value="650.50")
    c = take_in_ring(store_db, declared_value=None)
    assert insured_value(store_db, [a, b, c, a]) == Decimal("3050.50")
    assert proposed_back(store_db, "PLAT") == store_today() + timedelta(days=6)
    ref = send_parcel(store_db, "PLAT", [a, b, c], by=COUNTER, carrier="UPS",
                      tracking="1Z999AA10123456784", instructions={b: "Rhodium, bright finish"})
    got = receive_parcel(store_db, ref, [a, c], by=COUNTER)
    assert got.missing == (b,) and not got.closed

    [line] = open_parcels(store_db)
    assert line.missing == (b,)
    assert line.insured_value == Decimal("3050.50")
    assert line.tracking == "1Z999AA10123456784"
    assert [p.instructions for p in line.pieces] == [None, "Rhodium, bright finish", None]
    assert ticket_story(store_db, a).status == Status.AT_BENCH
    assert ticket_story(store_db, b).status == Status.AT_VENDOR


def test_a_malformed_tracking_number_is_refused_and_nothing_is_written(store_db):
    number = take_in_ring(store_db)
    marker = change_marker(store_db)
    with pytest.raises(Invalid) as refused:
        send_parcel(store_db, "PLAT", [number], by=COUNTER, carrier="UPS",
                    tracking="1Z999AA10123456785")
    assert "UPS tracking number 1Z999AA10123456785 fails its check digit" in (
        refused.value.problems["tracking"])
    assert ticket_story(store_db, number).status == Status.RECEIVED
    assert change_marker(store_db) == marker
    with store_db.session(write=False) as session:
        assert session.query(Parcel).count() == 0


def test_a_scanned_envelope_says_whether_it_may_go_out(store_db):
    number = take_in_ring(store_db)
    piece = outgoing_piece(store_db, number)
    assert piece.may_go_out and piece.declared_value == Decimal("2400.00")
    send_parcel(store_db, "PLAT", [number], by=COUNTER)
    assert not outgoing_piece(store_db, number).may_go_out


def test_a_parcel_is_found_by_its_tracking_number_typed_in_part_or_scanned_off_the_label(
        store_db):
    from jeweldesk.services.vendors import find_parcels

    a, b, c = (take_in_ring(store_db) for _ in range(3))
    ups = send_parcel(store_db, "PLAT", [a], by=COUNTER, carrier="UPS",
                      tracking="1Z999AA10123456784")
    receive_parcel(store_db, ups, [a], by=COUNTER)
    usps = send_parcel(store_db, "PLAT", [b], by=COUNTER, carrier="USPS",
                       tracking="9205590164917312751089")
    courier = send_parcel(store_db, "PLAT", [c], by=COUNTER, carrier="Brink's",
                          tracking="BR-2291-A")

    def found(text):
        return [p.ref for p in find_parcels(store_db, text)]

    assert found("1z999aa1") == [ups]  # back already, still found
    assert found("420394019205590164917312751089") == [usps]  # the label's whole barcode
    assert found("br 2291") == [courier]
    assert found(usps) == [usps]
    assert found("riverbend") == [courier, usps, ups]
    assert found("100%_") == [] and found("  ") == []


def test_a_piece_scanned_into_the_wrong_parcel_is_refused_naming_the_one_it_is_in(store_db):
    from jeweldesk.services.vendors import parcel_holding

    a, b, stray = (take_in_ring(store_db) for _ in range(3))
    first = send_parcel(store_db, "PLAT", [a], by=COUNTER)
    second = send_parcel(store_db, "PLAT", [b], by=COUNTER)
    assert (parcel_holding(store_db, b), parcel_holding(store_db, stray)) == (second, None)
    with pytest.raises(Invalid) as refused:
        receive_parcel(store_db, first, [b, stray], by=COUNTER)
    assert refused.value.problems == {
        "tickets": f"{b} went out in {second}, not {first}; {stray} was not sent in {first}"}
    assert ticket_story(store_db, b).status == Status.AT_VENDOR
