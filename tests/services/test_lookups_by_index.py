"""The intake's customer lookup and the board's filter ask the search index, as the search
box does: on SQLite the FTS5 tables, on PostgreSQL pg_trgm's indexes (ILIKE). They find
what they found before — a name fragment, a phone as typed, a ticket number; one or two
letters still find names by reading them — and the search box still finds a description."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

from sqlalchemy import event

from jeweldesk.domain.status import Status
from jeweldesk.services.board import BoardFilter, BoardSort, board_page, count_tickets
from jeweldesk.services.customers import CustomerDetails, find_customers
from jeweldesk.services.intake import Visit, take_in
from jeweldesk.services.lookup import search
from jeweldesk.services.parcels import send_parcel
from jeweldesk.services.payments import give_discount, take_payment
from jeweldesk.storage.engine import Database
from tests.support.store import COUNTER, MANAGER, ring, take_in_ring


def _take_in(db: Database, name: str, phone: str | None, notes: str | None = None,
             **piece: object) -> str:
    visit = Visit(pieces=(ring(**piece),), new_customer=CustomerDetails(name, phone, None, notes))
    return take_in(db, visit, by=COUNTER)[0]


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    """The SQL the database is sent meanwhile."""
    sent: list[str] = []

    def keep(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)


def _through_the_index(db: Database, sent: list[str]) -> bool:
    asked = " ".join(sent)
    if db.engine.dialect.name == "sqlite":
        return "customer_words MATCH" in asked or "ticket_words MATCH" in asked
    return "ILIKE" in asked.upper() and "lower(" not in asked


def _names(db: Database, typed: str) -> list[str]:
    return [c.name for c in find_customers(db, typed)]


def _board(db: Database, typed: str) -> list[str]:
    return [r.number for r in board_page(db, BoardFilter(text=typed), BoardSort("number"), 0,
                                         50).rows]


def _store(db: Database) -> dict[str, str]:
    return {
        "dana": take_in_ring(db),  # Dana Whitfield, 601 555 0142
        "band": _take_in(db, "Marguerite Okafor", "601 555 0177",
                         description="Yellow gold band with milgrain edges"),
        "pendant": _take_in(db, "Tomasz Lindqvist", None, notes="Prefers a call after five",
                            description="Oval pendant"),
    }


def test_the_intake_lookup_finds_a_name_fragment_or_a_phone_through_the_index(store_db):
    _store(store_db)
    with statements(store_db) as sent:
        assert _names(store_db, "okaf") == ["Marguerite Okafor"]
    assert _through_the_index(store_db, sent)
    assert _names(store_db, "WHITF") == ["Dana Whitfield"]
    for typed in ("555 0177", "(601) 555-0177", "601-555-0177"):
        assert _names(store_db, typed) == ["Marguerite Okafor"], typed
    assert _names(store_db, "555") == ["Dana Whitfield", "Marguerite Okafor"]
    # What the lookup never read: the customer's notes, a piece's description.
    assert _names(store_db, "after five") == _names(store_db, "milgrain") == []
    assert _names(store_db, "zzz") == _names(store_db, '"100%_') == []


def test_one_or_two_letters_still_find_names_the_old_way(store_db):
    _store(store_db)
    with statements(store_db) as sent:
        assert _names(store_db, "Ok") == ["Marguerite Okafor"]
    assert not _through_the_index(store_db, sent)
    assert _names(store_db, "qv") == ["Tomasz Lindqvist"]
    assert set(_board(store_db, "Ok")) == set(_board(store_db, "okafor"))


def test_the_boards_filter_finds_a_name_a_phone_or_a_number_through_the_index(store_db):
    tickets = _store(store_db)
    with statements(store_db) as sent:
        assert _board(store_db, "lindq") == [tickets["pendant"]]
    assert _through_the_index(store_db, sent)
    assert _board(store_db, "555 0142") == [tickets["dana"]]
    assert _board(store_db, tickets["band"].lower()) == [tickets["band"]]
    assert _board(store_db, tickets["band"][-3:]) == [tickets["band"]]
    assert _board(store_db, "555") == [tickets["dana"], tickets["band"]]
    assert count_tickets(store_db, BoardFilter(text="555")) == 2
    assert count_tickets(store_db, BoardFilter(text="nobody")) == 0
    # The board's filter says customer, phone or ticket number: not the piece's words.
    assert _board(store_db, "milgrain") == []


def test_the_search_box_still_finds_the_description_the_name_and_the_phone(store_db):
    tickets = _store(store_db)
    assert [f.number for f in search(store_db, "milgrain")] == [tickets["band"]]
    assert [f.number for f in search(store_db, "okaf")] == [tickets["band"]]
    assert [f.number for f in search(store_db, "555 0142")] == [tickets["dana"]]


def test_a_customer_renamed_is_found_by_the_new_name_only(store_db):
    from jeweldesk.services.customers import update_customer

    _store(store_db)
    (okafor,) = find_customers(store_db, "okafor")
    update_customer(store_db, okafor.id, CustomerDetails("Marguerite Hale", "601 555 0188"),
                    COUNTER)
    assert _names(store_db, "okafor") == [] and _names(store_db, "555 0177") == []
    assert _names(store_db, "hale") == _names(store_db, "555 0188") == ["Marguerite Hale"]


def test_the_boards_last_page_holds_the_last_tickets_with_their_money_and_vendor(store_db):
    numbers = [take_in_ring(store_db) for _ in range(7)]
    send_parcel(store_db, "PLAT", [numbers[-1]], by=COUNTER, carrier="UPS")
    give_discount(store_db, numbers[4], "Regular customer", MANAGER, percent="10")
    take_payment(store_db, numbers[4], "card", "20.00", COUNTER)
    take_payment(store_db, numbers[4], "cash", "5.00", COUNTER)
    sort = BoardSort("number")
    first = board_page(store_db, BoardFilter(), sort, 0, 4)
    last = board_page(store_db, BoardFilter(), sort, 4, 4, after=first.last)
    assert [r.number for r in last.rows] == numbers[4:]
    # 90 + 15 - 50 deposit; the first 10.50 off and 25.00 paid besides
    assert [r.balance for r in last.rows] == [Decimal("19.50"), Decimal("55.00"),
                                              Decimal("55.00")]
    assert [r.vendor for r in last.rows] == [None, None, "Riverbend Plating"]
    assert last.rows[-1].status == Status.AT_VENDOR
    assert last.rows[0].jeweler == "Jonah Reyes"
    assert board_page(store_db, BoardFilter(), sort, 7, 4, after=last.last).rows == []


def test_a_phone_typed_the_way_the_stores_country_writes_it_finds_the_customer(db):
    from tests.support.store import set_up

    set_up(db, country="GB", currency="GBP", locale="en_GB")
    number = _take_in(db, "Harriet Pryce", "07911 123456")
    _take_in(db, "Owen Lloyd", "07400 123456")
    for typed in ("07911 123456", "07911123456", "+44 7911 123456"):
        assert _names(db, typed) == ["Harriet Pryce"], typed
        assert _board(db, typed) == [number], typed
    assert count_tickets(db, BoardFilter(text="07911 123456")) == 1
