"""A piece out in a parcel comes back only by the parcel's check-in: custody stays true."""

from __future__ import annotations

import pytest

from jeweldesk.domain.errors import MoveRefused
from jeweldesk.domain.status import Status
from jeweldesk.services.bench import scan
from jeweldesk.services.moves import move
from jeweldesk.services.parcels import receive_parcel, send_parcel
from jeweldesk.services.story import ticket_story
from jeweldesk.services.vendors import parcels
from jeweldesk.storage.engine import Database
from tests.support.store import BENCH, COUNTER, take_in_ring


def test_a_piece_missing_from_a_returned_parcel_is_not_put_back_on_the_bench_by_hand(
        store_db: Database) -> None:
    came_back, missing = take_in_ring(store_db), take_in_ring(store_db)
    ref = send_parcel(store_db, "PLAT", [came_back, missing], by=COUNTER, carrier="UPS")
    receive_parcel(store_db, ref, [came_back], by=COUNTER)

    with pytest.raises(MoveRefused) as refused:
        move(store_db, missing, Status.AT_BENCH, by=BENCH)
    assert f"{missing} is out at Riverbend Plating in parcel {ref}" in str(refused.value)
    assert "Receive a parcel" in str(refused.value)
    assert ticket_story(store_db, missing).status is Status.AT_VENDOR  # nothing written
    [parcel] = parcels(store_db)
    assert [p.returned_at is None for p in parcel.pieces] == [False, True]

    at_bench = scan(store_db, missing)
    assert at_bench.moves == () and "Parcels › Receive a parcel" in (at_bench.out or "")
    story = ticket_story(store_db, missing)
    assert story.moves_by_hand == () and story.out_in_parcel is not None
    assert story.allowed_moves  # still an open ticket: its promise can still change

    receive_parcel(store_db, ref, [missing], by=COUNTER)  # the straggler arrives
    assert ticket_story(store_db, missing).status is Status.AT_BENCH
    move(store_db, missing, Status.QUALITY_CHECK, by=BENCH)
    assert scan(store_db, came_back).out is None
