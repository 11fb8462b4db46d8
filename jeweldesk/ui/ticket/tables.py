"""The short read-only lists of a ticket's story: history, parcels, calls and messages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from operator import itemgetter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from jeweldesk.domain import writing
from jeweldesk.ui.common.rows import Column, RowsModel, rows_of
from jeweldesk.ui.common.widgets import list_look


def when(at: datetime) -> str:
    return writing.moment(at)


def read_only_table(headers: Sequence[str], min_height: int = 90,
                    right: Sequence[int] = ()) -> QTableView:
    """A list of rows of words, each cell's whole text on hover; amounts in ``right``."""
    table = list_look(QTableView())
    table.setModel(RowsModel([Column(title, itemgetter(n), tip=itemgetter(n), right=n in right)
                              for n, title in enumerate(headers)], table))
    table.setWordWrap(True)  # a custody note is read whole
    table.setTabKeyNavigation(False)
    table.setMinimumHeight(min_height)
    header = table.horizontalHeader()
    for column in range(len(headers) - 1):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    return table


def set_rows(table: QTableView, rows: Sequence[Sequence[str]]) -> None:
    rows_of(table).refill(rows)
    table.resizeRowsToContents()


def history_table() -> QTableView:
    return read_only_table(["When", "Status", "Who", "Note"], min_height=150)


def parcels_table() -> QTableView:
    table = read_only_table(["Parcel", "Vendor", "Sent", "Due back", "Back", "Carrier"], 70)
    table.setMaximumHeight(110)  # a piece rarely travels more than twice
    # A long tracking number gives way (whole on hover) rather than scrolling sideways.
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setWordWrap(False)
    return table


def contacts_table() -> QTableView:
    return read_only_table(["When", "How", "Who", "Outcome", "Note"], 80)


def edits_table() -> QTableView:
    table = read_only_table(["When", "Who", "What", "Was → now"], 110)
    # Service lists run long: they wrap in the last column instead of scrolling sideways.
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table
