"""The promises at risk as a table: one row per flag, the ones still to act on first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from jeweldesk.domain.levels import Level
from jeweldesk.services.prepare import FlagWithHandling
from jeweldesk.ui.common.widgets import MUTED_COLOUR, day_text

LEVEL, TICKET, CUSTOMER, PROMISED, EXPECTED, OCCASION, WHY, HANDLED = range(8)
HEADERS = ("Level", "Ticket", "Customer", "Promised", "Expected", "Occasion", "Why",
           "Handled")
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1
HANDLED_ROLE = Qt.ItemDataRole.UserRole + 2

# Background and text of each level's badge: soft enough to read, clear enough to notice.
LEVEL_COLOURS = {Level.LATE: ("#f6d5d1", "#8c1d18"), Level.AT_RISK: ("#fbe3bf", "#7a4a00"),
                 Level.WATCH: ("#e3ecf1", "#2d4a57"), Level.ON_TRACK: ("#e1efe4", "#1e4d2b")}
OCCASION_MARK = "◆"

Index = QModelIndex | QPersistentModelIndex


def level_label(level: Level | None) -> str:
    return (level or Level.ON_TRACK).label


def level_colours(level: Level | None) -> tuple[str, str]:
    return LEVEL_COLOURS[level or Level.ON_TRACK]


def _capitalised(reason: str) -> str:
    return reason[:1].upper() + reason[1:]


def first_reason(row: FlagWithHandling) -> str:
    """The reason worth reading first: the vendor or bench fact, not the date sum."""
    reasons = [r for r in row.flag.reasons if not r.startswith("needed for ")]
    return _capitalised(reasons[0] if reasons else (row.flag.reasons or ("",))[0])


def all_reasons(row: FlagWithHandling) -> str:
    """Every reason the piece is on the list, as sentences to read out."""
    return " ".join(_capitalised(r) + ("" if r.endswith(".") else ".") for r in row.flag.reasons)


class AtRiskModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[FlagWithHandling] = []

    def set_rows(self, rows: Sequence[FlagWithHandling]) -> None:
        self.beginResetModel()
        # Still to act on first; within each, the engine's order (most urgent first).
        self._rows = sorted(rows, key=lambda r: r.handled)
        self.endResetModel()

    def row(self, n: int) -> FlagWithHandling:
        return self._rows[n]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == NUMBER_ROLE:
            return row.ticket
        if role == HANDLED_ROLE:
            return row.handled
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(_capitalised(r) for r in row.flag.reasons)
        if role == Qt.ItemDataRole.BackgroundRole and column == LEVEL:
            return QColor(level_colours(row.flag.level)[0])
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.handled:
                return QColor(MUTED_COLOUR)
            if column == LEVEL:
                return QColor(level_colours(row.flag.level)[1])
            return None
        if role == Qt.ItemDataRole.FontRole and not row.handled and (
                column == LEVEL or (column == OCCASION and row.flag.occasion_threatened)):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, row: FlagWithHandling, column: int) -> str:
        flag = row.flag
        if column == LEVEL:
            return level_label(flag.level)
        if column == TICKET:
            return flag.ticket
        if column == CUSTOMER:
            return flag.customer
        if column == PROMISED:
            return day_text(flag.promised_for)
        if column == EXPECTED:
            return day_text(flag.expected_ready)
        if column == OCCASION:
            if flag.occasion_date is None:
                return ""
            return f"{OCCASION_MARK} {day_text(flag.occasion_date)}"
        if column == WHY:
            return first_reason(row)
        if column == HANDLED:
            h = row.handling
            if not row.handled or h is None:
                return ""
            return f"✓ {h.by_name}, {day_text(h.at.date())}"
        return ""
