"""The Tickets board's table model: pages of rows from the database, never the whole store."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from jeweldesk.domain import writing
from jeweldesk.services.board import (
    DUE_TODAY,
    OVERDUE,
    BoardFilter,
    BoardRow,
    BoardSort,
    board_page,
    count_tickets,
)
from jeweldesk.storage.engine import Database
from jeweldesk.ui.common.widgets import DUE_TODAY_TINT, OVERDUE_TINT

NUMBER, CUSTOMER, ITEM, STATUS, JEWELER, VENDOR, PROMISED, RECEIVED, BALANCE = range(9)
HEADERS = {
    NUMBER: "Ticket",
    CUSTOMER: "Customer",
    ITEM: "Piece",
    STATUS: "Status",
    JEWELER: "Jeweler",
    VENDOR: "Vendor",
    PROMISED: "Promised",
    RECEIVED: "Received",
    BALANCE: "Balance",
}
# Columns the database can sort by; the others are worked out per page.
SORT_KEYS = {
    NUMBER: "number",
    CUSTOMER: "customer",
    ITEM: "item",
    STATUS: "status",
    JEWELER: "jeweler",
    PROMISED: "promised_for",
    RECEIVED: "received_at",
}
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1
LATENESS_ROLE = Qt.ItemDataRole.UserRole + 2
PAGE_SIZE = 200

Index = QModelIndex | QPersistentModelIndex


LONG_TEXT = 24  # a cell may cut a longer text short; the whole of it shows on hover


class BoardModel(QAbstractTableModel):
    def __init__(self, db: Database, parent: QObject | None = None,
                 page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.db = db
        self.page_size = page_size
        self._filter = BoardFilter.open_tickets()
        self._sort = BoardSort()
        self._rows: list[BoardRow] = []
        self._last: tuple[Any, int] | None = None  # where the next page starts
        self._total = 0
        self._changing = False
        self._today: date | None = None  # the store's, read with each page

    # --- what the view asks for -------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS.get(section)
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return None if section in SORT_KEYS else "This column is not sortable"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.lateness == OVERDUE:
                return OVERDUE_TINT
            if row.lateness == DUE_TODAY:
                return DUE_TODAY_TINT
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == BALANCE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            said = []
            if column in (CUSTOMER, ITEM) and len(self._text(row, column)) > LONG_TEXT:
                said.append(self._text(row, column))  # the cell cuts it short: whole on hover
            if row.lateness == OVERDUE:
                said.append(f"{row.number}: past its promise of {writing.day(row.promised_for)}")
            elif row.lateness == DUE_TODAY:
                said.append(f"{row.number}: promised for today")
            return "\n".join(said) or None
        if role == NUMBER_ROLE:
            return row.number
        if role == LATENESS_ROLE:
            return row.lateness
        return None

    def _text(self, row: BoardRow, column: int) -> str:
        if column == NUMBER:
            return row.number
        if column == CUSTOMER:
            return row.customer_name
        if column == ITEM:
            return row.item
        if column == STATUS:
            return row.status.label
        if column == JEWELER:
            return row.jeweler or ""
        if column == VENDOR:
            return row.vendor or ""
        if column == PROMISED:
            return writing.day(row.promised_for, self._today)
        if column == RECEIVED:
            return writing.short_day(row.received_at.date(), self._today)
        if column == BALANCE:
            return writing.money(row.balance) if row.balance else "—"
        return ""

    # --- a page at a time ---------------------------------------------------

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index) -> None:
        # Listeners (Qt's model tester among them) may ask for more while a reset or an
        # insert is still being announced; inserting rows then would nest two changes.
        if parent.isValid() or self._changing:
            return
        page = board_page(self.db, self._filter, self._sort, len(self._rows), self.page_size,
                          after=self._last)
        self._last = page.last or self._last
        # Rows may have come or gone since the count; never promise more than we have.
        fresh = page.rows[: max(self._total - len(self._rows), 0)]
        if not fresh:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self._changing = True
        try:
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(fresh)
            self.endInsertRows()
        finally:
            self._changing = False

    # --- what the board asks for ------------------------------------------

    @property
    def total(self) -> int:
        return self._total

    @property
    def current_filter(self) -> BoardFilter:
        return self._filter

    def set_filter(self, wanted: BoardFilter) -> None:
        self._filter = wanted
        self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return
        self._sort = BoardSort(key, order == Qt.SortOrder.DescendingOrder)
        self.reload()

    def reload(self, keep_loaded: bool = False) -> None:
        """Read again from the database; ``keep_loaded`` keeps as many rows as were showing."""
        wanted = max(len(self._rows), self.page_size) if keep_loaded else self.page_size
        total = count_tickets(self.db, self._filter)
        page = board_page(self.db, self._filter, self._sort, 0, min(wanted, total))
        self._last = page.last
        rows = page.rows if total else []
        if page.today is not None:
            self._today = page.today
        self._changing = True
        try:
            self.beginResetModel()
            self._total = total
            self._rows = rows[:total]
            self.endResetModel()
        finally:
            self._changing = False

    def number_at(self, row: int) -> str | None:
        return self._rows[row].number if 0 <= row < len(self._rows) else None

    def row_of(self, number: str) -> int | None:
        for n, row in enumerate(self._rows):
            if row.number == number:
                return n
        return None
