import io
from datetime import timedelta

import pytest
from PIL import Image

from jeweldesk.domain.errors import Conflict, Invalid
from jeweldesk.domain.status import Status
from jeweldesk.services.bench import (
    add_finished_photo,
    bench_queue,
    jewelers,
    move_on,
    next_moves,
    scan,
    wait_for_parts,
)
from jeweldesk.services.story import ticket_story
from tests.support.store import BENCH, COUNTER, store_today, take_in_ring


def _keys(status: Status) -> str:
    return "".join(m.key for m in next_moves(status))


def test_only_the_moves_the_path_allows_are_offered():
    assert _keys(Status.RECEIVED) == "SP"
    assert _keys(Status.AT_BENCH) == "PQR"
    assert _keys(Status.WAITING_PARTS) == "S"
    assert _keys(Status.QUALITY_CHECK) == "SR"
    assert _keys(Status.READY) == ""


def test_the_queue_is_the_jewelers_own_earliest_promise_first_with_the_occasion(store_db):
    later = take_in_ring(store_db, promised_in_days=9)
    sooner = take_in_ring(store_db, promised_in_days=3, occasion_what="25th anniversary",
                          occasion_date=store_today() + timedelta(days=4))
    take_in_ring(store_db, promised_in_days=1, assigned_to=COUNTER)  # someone else's
    done = take_in_ring(store_db, promised_in_days=2)
    for to in (Status.AT_BENCH, Status.QUALITY_CHECK, Status.READY):
        move_on(store_db, done, to, by=BENCH)

    queue = bench_queue(store_db, BENCH)
    assert queue.jeweler.name == "Jonah Reyes"
    assert [line.number for line in queue.queue] == [sooner, later]
    assert queue.queue[0].occasion_what == "25th anniversary"
    assert queue.queue[0].work == "Retip four prongs, Clean and polish"
    assert queue.waiting == ()


def test_waiting_for_parts_keeps_the_date_and_shows_since_when(store_db):
    number = take_in_ring(store_db)
    move_on(store_db, number, Status.AT_BENCH, by=BENCH)
    expected = store_today() + timedelta(days=6)
    wait_for_parts(store_db, number, BENCH, expected, "Ordered 4 prong heads from Stuller")

    story = ticket_story(store_db, number)
    assert story.status == Status.WAITING_PARTS
    assert story.events[-1].note == (
        f"Parts expected {expected.isoformat()}. Ordered 4 prong heads from Stuller")
    waiting = bench_queue(store_db, BENCH).waiting
    assert len(waiting) == 1
    assert waiting[0].parts_expected == expected
    assert waiting[0].note == "Ordered 4 prong heads from Stuller"
    assert waiting[0].since == story.events[-1].at


def test_waiting_for_parts_needs_a_word_on_what_or_when(store_db):
    number = take_in_ring(store_db)
    with pytest.raises(Invalid):
        wait_for_parts(store_db, number, BENCH)
    assert ticket_story(store_db, number).status == Status.RECEIVED


def test_a_scan_gives_the_piece_its_version_and_its_next_moves(store_db):
    number = take_in_ring(store_db)
    seen = scan(store_db, number.lower())
    assert seen.number == number and seen.status == Status.RECEIVED
    assert [m.key for m in seen.moves] == ["S", "P"]
    move_on(store_db, number, Status.AT_BENCH, by=BENCH, expected_version=seen.version)
    with pytest.raises(Conflict):
        move_on(store_db, number, Status.WAITING_PARTS, by=BENCH,
                expected_version=seen.version)


def test_finished_work_photos_are_kept_as_finished(store_db):
    number = take_in_ring(store_db)
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "gold").save(out, "PNG")
    add_finished_photo(store_db, number, out.getvalue(), BENCH)
    assert [p.stage for p in ticket_story(store_db, number).photos] == ["finished"]


def test_bench_people_come_first_among_jewelers(store_db):
    assert [j.code for j in jewelers(store_db)][0] == BENCH


def test_a_piece_started_at_the_bench_is_in_the_starters_queue_at_once(store_db):
    from tests.support.store import MANAGER

    number = take_in_ring(store_db, assigned_to=None)
    assert bench_queue(store_db, MANAGER).queue == ()
    move_on(store_db, number, Status.AT_BENCH, by=MANAGER)
    found = bench_queue(store_db, MANAGER)
    assert [line.number for line in found.queue] == [number]
    assert scan(store_db, number).assigned_to_name == found.jeweler.name == "Sandra Cole"


def test_a_move_gives_back_the_envelope_as_it_now_stands_in_one_transaction(store_db):
    from sqlalchemy import event

    number = take_in_ring(store_db)
    seen = scan(store_db, number)
    said: list[str] = []

    def count(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        said.append(statement.split()[0].upper())

    event.listen(store_db.engine, "before_cursor_execute", count)
    try:
        after = move_on(store_db, number, Status.AT_BENCH, BENCH, "Prongs worn thin",
                        expected_version=seen.version)
    finally:
        event.remove(store_db.engine, "before_cursor_execute", count)

    assert after == scan(store_db, number)  # what a fresh scan would show
    assert after.status == Status.AT_BENCH and after.version > seen.version
    assert [m.key for m in after.moves] == ["P", "Q", "R"]
    assert said.count("BEGIN") <= 1  # the move and the card after it: one transaction
    assert said.count("UPDATE") == 2 and said.count("INSERT") == 1  # ticket, marker; move
    assert len(said) <= 14
    parts = wait_for_parts(store_db, number, BENCH, store_today() + timedelta(days=3),
                           "Ordered a clasp", after.version)
    assert parts == scan(store_db, number) and parts.status == Status.WAITING_PARTS
