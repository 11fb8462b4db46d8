"""The short read-only lists of a ticket's story: history, parcels, calls and messages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem

from jeweldesk.domain import writing
from jeweldesk.ui.common.widgets import list_look


def when(at: datetime) -> str:
    return writing.moment(at)


def read_only_table(headers: Sequence[str], min_height: int = 90) -> QTableWidget:
    table = list_look(QTableWidget(0, len(headers)))
    table.setHorizontalHeaderLabels(list(headers))
    table.setWordWrap(True)  # a custody note is read whole
    table.setTabKeyNavigation(False)
    table.setMinimumHeight(min_height)
    header = table.horizontalHeader()
    for column in range(len(headers) - 1):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    return table


def set_rows(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)
    table.resizeRowsToContents()


def history_table() -> QTableWidget:
    return read_only_table(["When", "Status", "Who", "Note"], min_height=150)


def parcels_table() -> QTableWidget:
    table = read_only_table(["Parcel", "Vendor", "Sent", "Due back", "Back", "Carrier"], 70)
    table.setMaximumHeight(110)  # a piece rarely travels more than twice
    # A long tracking number gives way (whole on hover) rather than scrolling sideways.
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setWordWrap(False)
    return table


def contacts_table() -> QTableWidget:
    return read_only_table(["When", "How", "Who", "Outcome", "Note"], 80)


def edits_table() -> QTableWidget:
    table = read_only_table(["When", "Who", "What", "Was → now"], 110)
    # Service lists run long: they wrap in the last column instead of scrolling sideways.
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table
