"""The board's model over a small store and a 100,000-ticket one, under Qt's model tester."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from jeweldesk.domain.status import Status
from jeweldesk.interchange.common import drain
from jeweldesk.services.board import BoardFilter
from jeweldesk.services.demo import fill_demo_store
from jeweldesk.storage.engine import Database
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.counter.board import TicketBoard
from jeweldesk.ui.counter.board_model import (
    CUSTOMER,
    LATENESS_ROLE,
    NUMBER,
    NUMBER_ROLE,
    PROMISED,
    BoardModel,
)
from tests.support.store import set_up, take_in_ring

BIG = 100_000
ROOT = QModelIndex()


@pytest.fixture(scope="session")
def big_store_file(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.sqlite3"
    shutil.copy(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    set_up(db)
    # The demo's own store maker, at a size no demo takes: years of a busy store's life.
    drain(fill_demo_store(db, BIG, seed=1))
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture
def big_db(big_store_file: Path, tmp_path: Path):
    path = tmp_path / "big.sqlite3"
    shutil.copy(big_store_file, path)
    db = Database(f"sqlite:///{path}")
    yield db
    db.dispose()


def _tested(model: BoardModel, qtbot) -> QAbstractItemModelTester:
    return QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)


def test_the_model_passes_qts_tester_on_a_small_store(sqlite_store, qtbot):
    numbers = [take_in_ring(sqlite_store, promised_in_days=d) for d in (4, 0, 2)]
    model = BoardModel(sqlite_store, page_size=2)
    tester = _tested(model, qtbot)
    model.reload()
    assert model.total == 3 and model.rowCount() == 2
    assert model.canFetchMore(ROOT)
    model.fetchMore(ROOT)
    assert model.rowCount() == 3 and not model.canFetchMore(ROOT)
    assert [model.index(r, NUMBER).data() for r in range(3)] == [numbers[1], numbers[2],
                                                                  numbers[0]]
    assert model.index(0, NUMBER).data(LATENESS_ROLE) == "due_today"
    assert model.index(0, NUMBER).data(Qt.ItemDataRole.BackgroundRole) is not None
    model.sort(NUMBER, Qt.SortOrder.DescendingOrder)
    assert model.index(0, NUMBER).data(NUMBER_ROLE) == numbers[2]
    del tester


def test_a_hundred_thousand_tickets_page_sort_and_filter(big_db, qtbot):
    """How fast is for `make bench`; here, that a big store pages, sorts and filters right."""
    model = BoardModel(big_db)
    tester = _tested(model, qtbot)
    model.set_filter(BoardFilter())
    assert model.total == BIG and model.rowCount() == 200

    while model.rowCount() < 1000:
        model.fetchMore(ROOT)
    assert model.rowCount() == 1000

    for column in (NUMBER, CUSTOMER, PROMISED):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            shown = [model.index(r, column).data() for r in range(50)]
            assert model.rowCount() >= 50 and None not in shown, (column, order)
    model.sort(NUMBER, Qt.SortOrder.AscendingOrder)
    assert model.index(0, NUMBER).data() == "R-10001"
    model.sort(NUMBER, Qt.SortOrder.DescendingOrder)
    assert model.index(0, NUMBER).data() == f"R-{10000 + BIG}"

    model.set_filter(BoardFilter(text="okafor", statuses=frozenset({Status.READY})))
    assert 0 < model.total < BIG
    assert all("Okafor" in model.index(r, CUSTOMER).data() for r in range(model.rowCount()))
    assert {model.index(r, 3).data() for r in range(model.rowCount())} == {"Ready"}
    del tester


def test_the_board_filters_like_a_person_uses_them(ctx: AppContext, qtbot):
    dana = take_in_ring(ctx.db)
    opened: list[str] = []
    board = TicketBoard(ctx, opened.append)
    qtbot.addWidget(board)
    board.show()
    assert board.model.total == 1 and board.count.text() == "1 ticket"

    qtbot.keyClicks(board.text, "nobody like this")
    qtbot.waitUntil(lambda: board.model.total == 0)
    assert board.count.text() == "0 tickets"
    board.clear.click()
    assert board.model.total == 1

    board.status.setCurrentIndex(board.status.findData(Status.READY.value))
    assert board.model.total == 0
    board.status.setCurrentIndex(board.status.findData("every"))
    board.jeweler.setCurrentIndex(board.jeweler.findData("JR"))
    assert board.model.total == 1

    board.table.setFocus()
    board.table.selectRow(0)
    qtbot.keyClick(board.table, Qt.Key.Key_Return)
    assert opened == [dana]
