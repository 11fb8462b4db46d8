"""A table model over a list of plain rows, described column by column."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView

from jeweldesk.domain import writing

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # what a row stands for: a ticket number, a customer
LATE_RED = QColor("#b3261e")
QUIET_GREY = QColor("#6b6b6b")
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column of a list: its words, and optionally how it sorts, looks and is changed.

    ``edit`` makes the column typed into (it is given the row and the text typed);
    ``checked`` gives it a check box, which ``check`` sets. ``editable`` narrows ``edit``
    to some rows.
    """

    title: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None
    colour: Callable[[Any], QColor | None] | None = None
    bold: Callable[[Any], bool] | None = None
    right: bool = False
    align: Qt.AlignmentFlag | None = None
    tint: Callable[[Any], QColor | None] | None = None
    tip: Callable[[Any], str | None] | None = None
    edit: Callable[[Any, str], None] | None = None
    editable: Callable[[Any], bool] | None = None
    checked: Callable[[Any], bool] | None = None
    check: Callable[[Any, bool], None] | None = None
    selectable: bool = True


def _is_checked(value: Any) -> bool:
    # A view hands the new check state over as a plain int, a test as the enum.
    return value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)


class RowsModel(QAbstractTableModel):
    """A list of plain rows, described column by column; ``key`` says what a row stands for
    (``KEY_ROLE``)."""

    def __init__(self, columns: Sequence[Column], parent: Any = None,
                 key: Callable[[Any], Any] | None = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._key = key
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Rows replaced whole, the selection with them: screens show a day's work."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def refill(self, rows: Sequence[Any]) -> None:
        """Rows replaced in place: the chosen row stays chosen while it is still there, as
        when a list is refreshed under the person's eyes."""
        rows = list(rows)
        kept = min(len(rows), len(self._rows))
        if len(rows) < len(self._rows):
            self.beginRemoveRows(QModelIndex(), kept, len(self._rows) - 1)
            self._rows = self._rows[:kept]
            self.endRemoveRows()
        self._rows[:kept] = rows[:kept]
        if kept:
            self.dataChanged.emit(self.index(0, 0), self.index(kept - 1, len(self.columns) - 1))
        if len(rows) > kept:
            self.beginInsertRows(QModelIndex(), kept, len(rows) - 1)
            self._rows.extend(rows[kept:])
            self.endInsertRows()

    def append(self, row: Any) -> int:
        at = len(self._rows)
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.append(row)
        self.endInsertRows()
        return at

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    @property
    def rows(self) -> list[Any]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole or (
                role == Qt.ItemDataRole.EditRole and column.edit is not None):
            text = column.text(row)
            return None if column.checked is not None and not text else text
        if role == KEY_ROLE:
            return self._key(row) if self._key else None
        if role == Qt.ItemDataRole.CheckStateRole and column.checked is not None:
            return Qt.CheckState.Checked if column.checked(row) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and column.tint is not None:
            tint = column.tint(row)
            return QBrush(tint) if tint is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and column.tip is not None:
            return column.tip(row)
        if role == SORT_ROLE:
            return column.sort(row) if column.sort else column.text(row)
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            colour = column.colour(row)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.FontRole and column.bold is not None and column.bold(row):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align is not None:
            return int(column.align)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not index.isValid():
            return flags
        column = self.columns[index.column()]
        if not column.selectable:
            flags &= ~Qt.ItemFlag.ItemIsSelectable
        if column.checked is not None and column.check is not None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if column.edit is not None and (
                column.editable is None or column.editable(self._rows[index.row()])):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        row, column = self._rows[index.row()], self.columns[index.column()]
        # As Qt's own item tables do, a value set again unchanged is no change.
        if role == Qt.ItemDataRole.EditRole and column.edit is not None:
            if column.text(row) == str(value):
                return True
            column.edit(row, str(value))
        elif (role == Qt.ItemDataRole.CheckStateRole and column.check is not None
              and column.checked is not None):
            if column.checked(row) == _is_checked(value):
                return True
            column.check(row, _is_checked(value))
        else:
            return False
        self.dataChanged.emit(index, index, [role])
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.columns)):
            return self.columns[section].title
        return None


def rows_of(view: QAbstractItemView) -> RowsModel:
    """The rows model a list shows."""
    model = view.model()
    if not isinstance(model, RowsModel):
        raise TypeError(f"{type(model).__name__} is not a list of rows")
    return model


def day(value: date | None) -> str:
    return writing.day(value) if value else ""


def days_ago(value: date, today: date) -> str:
    n = (today - value).days
    return "today" if n == 0 else "yesterday" if n == 1 else f"{n} days ago"
