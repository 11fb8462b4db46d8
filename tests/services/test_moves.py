import hashlib
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from jeweldesk.domain.errors import Conflict, MoveRefused
from jeweldesk.domain.status import Status
from jeweldesk.services.moves import change_promise, move
from jeweldesk.services.story import ticket_story
from jeweldesk.storage.history_guard import HistoryIsAppendOnly
from jeweldesk.storage.tables import TicketEvent
from tests.support.store import BENCH, COUNTER, MANAGER, store_today, take_in_ring


def test_a_move_is_recorded_with_who_and_a_note(store_db):
    number = take_in_ring(store_db)
    state = move(store_db, number, Status.AT_BENCH, by=BENCH, note="Prongs thin at 2 o'clock")
    assert state.status == Status.AT_BENCH
    story = ticket_story(store_db, number)
    assert [(e.status, e.by_code) for e in story.events] == [
        (Status.RECEIVED, COUNTER), (Status.AT_BENCH, BENCH)]
    assert story.events[-1].note == "Prongs thin at 2 o'clock"


def test_a_refused_move_names_the_allowed_moves_and_writes_nothing(store_db):
    number = take_in_ring(store_db)
    before = ticket_story(store_db, number)
    with pytest.raises(MoveRefused) as refused:
        move(store_db, number, Status.PICKED_UP, by=COUNTER)
    message = str(refused.value)
    assert number in message and "received" in message and "at_bench" in message
    assert ticket_story(store_db, number) == before


def test_a_piece_goes_to_a_vendor_only_in_a_parcel(store_db):
    number = take_in_ring(store_db)
    before = ticket_story(store_db, number)
    with pytest.raises(MoveRefused) as refused:
        move(store_db, number, Status.AT_VENDOR, by=COUNTER)
    assert str(refused.value) == f"{number} goes to a vendor in a parcel: Parcels › New parcel"
    assert ticket_story(store_db, number) == before  # no vendorless custody on record


def test_who_starts_a_piece_becomes_its_jeweler_unless_it_has_one(store_db):
    free = take_in_ring(store_db, assigned_to=None)
    held = take_in_ring(store_db)  # Jonah Reyes's already
    move(store_db, free, Status.AT_BENCH, by=MANAGER)
    move(store_db, held, Status.AT_BENCH, by=MANAGER)
    assert ticket_story(store_db, free).assigned_to_code == MANAGER
    assert ticket_story(store_db, held).assigned_to_code == BENCH


def test_counter_staff_sending_a_piece_to_the_bench_do_not_claim_it(store_db):
    number = take_in_ring(store_db, assigned_to=None)
    move(store_db, number, Status.AT_BENCH, by=COUNTER)
    assert ticket_story(store_db, number).assigned_to_code is None


def _sqlite_bytes(path: Path) -> str:
    digest = hashlib.sha256()
    for part in (path, Path(f"{path}-wal")):
        if part.exists():
            digest.update(part.read_bytes())
    return digest.hexdigest()


def test_a_refused_move_leaves_the_file_byte_for_byte_as_it_was(sqlite_store):
    number = take_in_ring(sqlite_store)
    sqlite_store.dispose()  # checkpoint and close, so the bytes on disk are the whole story
    path = Path(sqlite_store.engine.url.database)
    before = _sqlite_bytes(path)
    with pytest.raises(MoveRefused):
        move(sqlite_store, number, Status.READY, by=COUNTER)
    sqlite_store.dispose()
    assert _sqlite_bytes(path) == before


def test_the_history_cannot_be_edited_even_by_hand(store_db):
    number = take_in_ring(store_db)
    with pytest.raises(HistoryIsAppendOnly), store_db.session() as session:
        event = session.query(TicketEvent).first()
        event.note = "rewritten"
    with pytest.raises(DBAPIError, match="append-only"), store_db.session() as session:
        session.execute(text("UPDATE ticket_event SET note = 'rewritten'"))
    with pytest.raises(DBAPIError, match="append-only"), store_db.session() as session:
        session.execute(text("DELETE FROM ticket_event"))
    assert len(ticket_story(store_db, number).events) == 1


def test_a_stale_screen_cannot_overwrite_a_newer_move(store_db):
    number = take_in_ring(store_db)
    seen = ticket_story(store_db, number).version
    move(store_db, number, Status.AT_BENCH, by=BENCH, expected_version=seen)
    with pytest.raises(Conflict) as conflict:
        move(store_db, number, Status.CANCELLED, by=MANAGER, expected_version=seen)
    assert number in str(conflict.value) and "now at the bench" in str(conflict.value)
    assert ticket_story(store_db, number).status == Status.AT_BENCH


def test_a_new_promise_keeps_the_original_on_record(store_db):
    number = take_in_ring(store_db, promised_in_days=5)
    original = ticket_story(store_db, number).promised_for
    later = store_today() + timedelta(days=9)
    change_promise(store_db, number, later, by=COUNTER, reason="Vendor needs more time")
    story = ticket_story(store_db, number)
    assert story.promised_for == later
    assert story.original_promised_for == original
    assert story.promises[0].reason == "Vendor needs more time"
