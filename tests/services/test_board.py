from datetime import timedelta
from decimal import Decimal

from jeweldesk.domain.status import Status
from jeweldesk.services import board
from jeweldesk.services.board import (
    DUE_TODAY,
    OVERDUE,
    UNASSIGNED,
    BoardFilter,
    BoardSort,
    board_choices,
    board_page,
    count_tickets,
)
from jeweldesk.services.customers import CustomerDetails, find_customers
from jeweldesk.services.intake import ServiceLine, Visit, take_in
from jeweldesk.services.moves import move
from jeweldesk.services.store import store_settings
from jeweldesk.storage.lookups import store_now
from tests.support.store import BENCH, COUNTER, MANAGER, ring, store_today, take_in_ring


def real_now_of(db):
    with db.session(write=False) as session:
        return store_now(session)


def _numbers(db, wanted=BoardFilter(), sort=BoardSort("number")):  # noqa: B008
    return [r.number for r in board_page(db, wanted, sort, 0, 50).rows]


def _visit(db, name, phone, *pieces):
    return take_in(db, Visit(pieces=pieces, new_customer=CustomerDetails(name, phone)),
                   by=COUNTER)


def test_filters_narrow_the_board_in_the_database(store_db):
    dana = take_in_ring(store_db, promised_in_days=2)
    (marisol,) = _visit(store_db, "Marisol Okafor", "601 555 0177",
                        ring(promised_in_days=9, assigned_to=None,
                             services=(ServiceLine("rhodium", "Rhodium plate", "60.00",
                                                   vendor="PLAT"),)))
    move(store_db, dana, Status.AT_BENCH, by=BENCH)

    assert _numbers(store_db) == [dana, marisol]
    assert _numbers(store_db, BoardFilter(statuses=frozenset({Status.AT_BENCH}))) == [dana]
    assert _numbers(store_db, BoardFilter(jeweler=BENCH)) == [dana]
    assert _numbers(store_db, BoardFilter(jeweler=UNASSIGNED)) == [marisol]
    assert _numbers(store_db, BoardFilter(vendor="PLAT")) == [marisol]
    later = store_today() + timedelta(days=5)
    assert _numbers(store_db, BoardFilter(promised_from=later)) == [marisol]
    assert _numbers(store_db, BoardFilter(promised_to=later)) == [dana]
    assert _numbers(store_db, BoardFilter(text="okaf")) == [marisol]
    assert _numbers(store_db, BoardFilter(text="555 0142")) == [dana]
    assert _numbers(store_db, BoardFilter(text=dana.lower())) == [dana]
    assert count_tickets(store_db, BoardFilter(text="nobody")) == 0
    assert count_tickets(store_db, BoardFilter(vendor="PLAT", jeweler=BENCH)) == 0


def test_sorting_and_paging_happen_in_the_database(store_db):
    numbers = [take_in_ring(store_db, promised_in_days=d) for d in (5, 3, 9, 1)]
    by_promise = _numbers(store_db, sort=BoardSort("promised_for"))
    assert by_promise == [numbers[3], numbers[1], numbers[0], numbers[2]]
    assert _numbers(store_db, sort=BoardSort("number", descending=True)) == numbers[::-1]
    sort = BoardSort("promised_for")
    pages = [board_page(store_db, BoardFilter(), sort, offset, 3).rows for offset in (0, 3)]
    assert [len(p) for p in pages] == [3, 1]
    assert [r.number for p in pages for r in p] == by_promise
    assert count_tickets(store_db, BoardFilter()) == 4


def test_a_row_carries_its_balance_jeweler_vendor_and_lateness(store_db):
    number = take_in_ring(store_db, promised_in_days=0)
    (row,) = board_page(store_db, BoardFilter(), BoardSort(), 0, 10).rows
    assert row.balance == Decimal("55.00")  # 90 + 15 - 50 deposit
    assert row.jeweler == "Jonah Reyes" and row.vendor is None
    assert row.customer_name == "Dana Whitfield" and row.lateness == DUE_TODAY
    assert row.number == number


def test_a_ticket_past_its_promise_is_overdue_until_it_is_ready(sqlite_store, monkeypatch):
    number = take_in_ring(sqlite_store, promised_in_days=0)
    # The promise slips past: read the board as of two days later.
    real_now = board.store_now
    monkeypatch.setattr(board, "store_now", lambda session: real_now(session) + timedelta(days=2))
    (row,) = board_page(sqlite_store, BoardFilter(), BoardSort(), 0, 10).rows
    assert row.lateness == OVERDUE
    for step in (Status.AT_BENCH, Status.QUALITY_CHECK, Status.READY):
        move(sqlite_store, number, step, by=BENCH, at=real_now_of(sqlite_store))
    (row,) = board_page(sqlite_store, BoardFilter(), BoardSort(), 0, 10).rows
    assert row.lateness is None


def test_the_filters_offer_the_stores_people_and_vendors(store_db):
    choices = board_choices(store_db)
    assert ("JR", "Jonah Reyes") in choices.jewelers
    assert choices.vendors == [("PLAT", "Riverbend Plating")]
    assert store_settings(store_db).name == "Harbor Lane Jewelers"


def test_a_customers_tickets_past_and_present(store_db):
    first = take_in_ring(store_db)
    _visit(store_db, "Marisol Okafor", "601 555 0177", ring())
    (dana,) = find_customers(store_db, "Whitfield")
    move(store_db, first, Status.CANCELLED, by=MANAGER, note="Changed her mind")
    (second,) = take_in(store_db, Visit(pieces=(ring(),), customer_id=dana.id), by=COUNTER)
    rows = board_page(store_db, BoardFilter(customer_id=dana.id), BoardSort("number"), 0, 10).rows
    assert [(r.number, r.status) for r in rows] == [(first, Status.CANCELLED),
                                                     (second, Status.RECEIVED)]


def test_a_page_after_the_last_one_shown_is_the_next_page_by_every_sort(store_db):
    for days in (5, 3, 9, 1, 3, 5, 7):
        take_in_ring(store_db, promised_in_days=days)
    for key in board.SORT_KEYS:
        for descending in (False, True):
            sort = BoardSort(key, descending)
            whole = [r.number for r in board_page(store_db, BoardFilter(), sort, 0, 50).rows]
            walked: list[str] = []
            page = board_page(store_db, BoardFilter(), sort, 0, 3)
            while page.rows:
                walked += [r.number for r in page.rows]
                page = board_page(store_db, BoardFilter(), sort, len(walked), 3,
                                  after=page.last)
            assert walked == whole, sort
