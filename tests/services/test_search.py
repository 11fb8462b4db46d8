"""The search box finds a ticket by anything the counter remembers of it: the customer's
name, phone (typed the way the store's country writes it) or notes, the piece's
description or stones, the bench's notes; one or two letters still find names and
numbers. On SQLite through the FTS5 index the triggers keep, on PostgreSQL through
pg_trgm's indexes."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import text

from jeweldesk.domain.status import Status
from jeweldesk.services.customers import CustomerDetails, merge_customers, update_customer
from jeweldesk.services.edit import edit_ticket
from jeweldesk.services.intake import Visit, take_in
from jeweldesk.services.lookup import search
from jeweldesk.services.moves import move
from jeweldesk.services.store import store_settings, update_store
from jeweldesk.services.story import ticket_story
from jeweldesk.storage.engine import Database
from jeweldesk.storage.search_index import has_word_index, refill
from tests.support.store import BENCH, COUNTER, MANAGER, ring, take_in_ring


def _numbers(db: Database, typed: str) -> list[str]:
    return [found.number for found in search(db, typed)]


def _take_in(db: Database, name: str, phone: str | None = None, notes: str | None = None,
             **piece: object) -> str:
    visit = Visit(pieces=(ring(**piece),),
                  new_customer=CustomerDetails(name, phone, None, notes))
    return take_in(db, visit, by=COUNTER)[0]


@pytest.fixture
def counter(store_db: Database) -> dict[str, str]:
    """A few pieces in, each remembered by something different."""
    return {
        "dana": take_in_ring(store_db),  # Dana Whitfield, a solitaire, 601 555 0142
        "band": _take_in(store_db, "Marguerite Okafor", "601 555 0177",
                         description="Yellow gold band with milgrain edges",
                         stones=None),
        "pendant": _take_in(store_db, "Tomasz Lindqvist", None,
                            notes="Prefers a call after five",
                            description="Oval pendant", stones="1 oval blue sapphire"),
    }


def test_a_word_of_the_pieces_description_finds_it(store_db, counter):
    assert _numbers(store_db, "milgrain") == [counter["band"]]
    assert _numbers(store_db, "MILGRAIN EDGES") == [counter["band"]]
    assert _numbers(store_db, "gold band with") == [counter["band"]]


def test_the_stones_find_the_piece(store_db, counter):
    assert _numbers(store_db, "sapphire") == [counter["pendant"]]
    assert set(_numbers(store_db, "diamond")) == {counter["dana"]}


def test_the_customers_notes_and_the_benchs_notes_find_the_piece(store_db, counter):
    assert _numbers(store_db, "after five") == [counter["pendant"]]
    move(store_db, counter["dana"], Status.AT_BENCH, BENCH,
         note="Found a hairline crack in the shank")
    assert _numbers(store_db, "hairline crack") == [counter["dana"]]
    assert _numbers(store_db, "hairline") == [counter["dana"]]  # a second note keeps the first
    move(store_db, counter["dana"], Status.QUALITY_CHECK, BENCH, note="Shank soldered")
    assert _numbers(store_db, "hairline") == _numbers(store_db, "soldered") == [counter["dana"]]


def test_names_and_numbers_are_found_as_before_short_fragments_too(store_db, counter):
    assert _numbers(store_db, "whitf") == [counter["dana"]]
    assert _numbers(store_db, "Lindqvist") == [counter["pendant"]]
    assert set(_numbers(store_db, "Ok")) == {counter["band"]}  # too short for the index
    assert set(_numbers(store_db, "1")) == set(counter.values())  # every number has a 1
    assert _numbers(store_db, counter["band"][-4:]) == [counter["band"]]
    assert _numbers(store_db, "zzz") == []
    assert _numbers(store_db, '"100%_') == []  # the index's and LIKE's own signs are text


def test_a_phone_as_the_store_writes_it_finds_the_customer_in_the_us(store_db, counter):
    for typed in ("(601) 555-0177", "601-555-0177", "+1 601 555 0177", "555 0177"):
        assert _numbers(store_db, typed) == [counter["band"]], typed


def test_a_phone_as_a_british_store_writes_it_finds_the_customer(store_db):
    update_store(store_db, replace(store_settings(store_db), country="GB",
                                   phone="020 7946 0958"), by=MANAGER)
    number = _take_in(store_db, "Siobhan Kerr", "07911 123456")
    for typed in ("07911 123456", "07911123456", "+44 7911 123456", "7911 123456"):
        assert _numbers(store_db, typed) == [number], typed
    assert _numbers(store_db, "07911 654321") == []


def test_what_is_edited_is_found_by_its_new_words_only(store_db, counter):
    number = counter["band"]
    edit_ticket(store_db, number, COUNTER, ticket_story(store_db, number).version,
                description="Yellow gold band, beaded edge", stones="3 small rubies")
    assert _numbers(store_db, "milgrain") == []
    assert _numbers(store_db, "beaded") == _numbers(store_db, "rubies") == [number]
    customer = ticket_story(store_db, number).customer_id
    update_customer(store_db, customer, CustomerDetails("Marguerite Okafor-Hale",
                                                        "601 555 0188"), COUNTER)
    assert _numbers(store_db, "okafor-hale") == [number]
    assert _numbers(store_db, "555 0177") == [] and _numbers(store_db, "555 0188") == [number]


def test_the_index_is_what_the_records_make_after_every_kind_of_change(sqlite_store):
    first = take_in_ring(sqlite_store)
    again = _take_in(sqlite_store, "Dana Whitfield", "601 555 0142", stones="Two garnets")
    move(sqlite_store, first, Status.AT_BENCH, BENCH, note="Prongs worn thin")
    edit_ticket(sqlite_store, again, COUNTER, ticket_story(sqlite_store, again).version,
                description="Garnet cluster ring")
    kept, duplicate = (ticket_story(sqlite_store, n).customer_id for n in (first, again))
    merge_customers(sqlite_store, kept, duplicate, MANAGER)

    def index() -> tuple[list[tuple[object, ...]], ...]:
        with sqlite_store.engine.connect() as conn:
            return tuple([tuple(row) for row in conn.execute(text(
                f"SELECT rowid, * FROM {table} ORDER BY rowid"))]
                for table in ("customer_words", "ticket_words"))

    kept_by_triggers = index()
    with sqlite_store.engine.begin() as conn:
        refill(conn)
    assert index() == kept_by_triggers
    assert len(kept_by_triggers[0]) == 1 and len(kept_by_triggers[1]) == 2


def test_an_imported_store_is_searchable_at_once(example_store):
    found = search(example_store, "Whitfield")
    assert found and all("Whitfield" in f.customer_name for f in found)
    assert search(example_store, "ring")


def test_postgresql_searches_through_pg_trgm_where_the_server_has_it(pg_db):
    with pg_db.engine.connect() as conn:
        available = conn.execute(text(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")).first()
        installed = conn.execute(text(
            "SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).first()
        indexes = set(conn.execute(text(
            "SELECT indexname FROM pg_indexes WHERE indexname LIKE '%_trgm'")).scalars())
    if available is None:
        pytest.skip("this PostgreSQL has no pg_trgm: the search reads the tables instead")
    assert installed is not None
    assert {"ix_customer_name_trgm", "ix_ticket_item_description_trgm",
            "ix_ticket_event_note_trgm"} <= indexes


def test_an_sqlite_without_the_index_searches_the_tables_the_same(sqlite_store):
    """An SQLite built without FTS5 upgrades without the index; its search reads the
    records themselves and finds the same tickets."""
    band = _take_in(sqlite_store, "Marguerite Okafor", "601 555 0177",
                    description="Yellow gold band with milgrain edges", stones="2 garnets")
    move(sqlite_store, band, Status.AT_BENCH, BENCH, note="Found a hairline crack")
    with sqlite_store.engine.begin() as conn:
        assert has_word_index(conn)
        for name in [row[0] for row in conn.execute(text(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE '%_words_%'"))]:
            conn.execute(text(f"DROP TRIGGER {name}"))
        conn.execute(text("DROP TABLE customer_words"))
        conn.execute(text("DROP TABLE ticket_words"))
    without = Database(sqlite_store.url)  # a fresh handle asks again what the file has
    try:
        for typed in ("milgrain", "garnets", "hairline", "okafor", "555 0177", "Ok"):
            assert _numbers(without, typed) == [band], typed
    finally:
        without.dispose()
