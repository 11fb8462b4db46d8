"""The Numbers screen: a manager's only, each report's tables and bars, and its CSV."""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QTableView
from pytestqt.qtbot import QtBot

from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.main_window import MainWindow
from jeweldesk.ui.numbers.numbers import NumbersScreen
from tests.support.money import small_store as _small_store


def _tables(screen: NumbersScreen, qtbot: QtBot, first: str) -> dict[str, QTableView]:
    """The tables on show, once the screen has laid out the report starting ``first``."""
    def shown() -> dict[str, QTableView]:
        return {box.title(): box.findChild(QTableView)
                for box in screen.findChildren(QGroupBox) if box.isVisibleTo(screen)}
    qtbot.waitUntil(lambda: first in shown())
    return shown()


def test_end_of_day_and_what_the_store_holds_with_their_charts(
        manager_ctx: AppContext, qtbot: QtBot, tmp_path: Path) -> None:
    numbers = _small_store(manager_ctx.db)
    screen = NumbersScreen(manager_ctx)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.mouseClick(screen.show_button, Qt.MouseButton.LeftButton)
    tables = _tables(screen, qtbot, "Taken, by way of payment")
    by_way = tables["Taken, by way of payment"].model()
    assert [by_way.index(r, 0).data() for r in range(by_way.rowCount())] == [
        "cash", "card"]
    assert by_way.index(1, 2).data() == "$70.00"
    bars = [c for c in screen.findChildren(pg.PlotWidget) if c.isVisibleTo(screen)]
    assert len(bars) == 2  # by way of payment, by person
    lengths = bars[0].getPlotItem().items[0].opts["width"]
    assert list(lengths) == [110.0, 70.0]

    qtbot.keyClicks(screen.which, "W")  # What the store holds
    held = _tables(screen, qtbot, "Ready pieces waiting the longest")[
        "Ready pieces waiting the longest"].model()
    assert held.index(0, 0).data() == numbers["C"] and held.index(0, 5).data() == "$35.00"
    screen.save_csv(tmp_path / "holdings.csv")
    text = (tmp_path / "holdings.csv").read_text(encoding="utf-8")
    assert "At Riverbend Plating,1,1000.00,0" in text


def test_the_numbers_are_on_the_manager_s_window_only(ctx: AppContext,
                                                     manager_ctx: AppContext,
                                                     qtbot: QtBot) -> None:
    counter = MainWindow(ctx)
    qtbot.addWidget(counter)
    assert "numbers" not in counter._screens
    manager = MainWindow(manager_ctx)
    qtbot.addWidget(manager)
    assert manager.show_screen("numbers")
