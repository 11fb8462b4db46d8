"""The Bench screen's tables: the queue with its at-risk marks, and what waits for parts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from jeweldesk.domain.levels import Level
from jeweldesk.services.bench import QueueLine, WaitingLine
from jeweldesk.ui.common.rows import LATE_RED, Column, RowsModel, day, days_ago
from jeweldesk.ui.common.widgets import DUE_TODAY_TINT, OVERDUE_TINT


class QueueModel(RowsModel):
    """The jeweler's queue; ``risk`` maps a ticket to its level and reasons."""

    RISK_COLUMN = 1

    def __init__(self, parent: QObject | None = None) -> None:
        self.risk: dict[str, tuple[Level, str]] = {}
        self.today = date.min  # the store's, given with the rows
        super().__init__((
            Column("Promised", lambda r: day(r.promised_for), sort=lambda r: r.promised_for,
                   colour=lambda r: LATE_RED if r.promised_for < self.today else None),
            Column("At risk", lambda r: self.risk[r.number][0].label if r.number in self.risk
                   else "",
                   colour=lambda r: LATE_RED, bold=lambda r: True),
            Column("Ticket", lambda r: r.number, bold=lambda r: True),
            Column("Customer", lambda r: r.customer_name),
            Column("Piece", lambda r: r.item),
            Column("Work", lambda r: r.work),
            Column("Status", lambda r: r.status.label + (" · waits for a yes" if r.asked else ""),
                   tip=lambda r: f"Waits for the customer's yes: {r.asked}" if r.asked else None),
            Column("Occasion", _occasion, sort=lambda r: r.occasion_date or date.max),
        ), parent)

    def set_rows(self, rows: Sequence[Any],  # type: ignore[override]
                 risk: dict[str, tuple[Level, str]] | None = None,
                 *, today: date) -> None:
        if risk is not None:
            self.risk = dict(risk)
        self.today = today
        super().set_rows(rows)

    def set_risk(self, risk: dict[str, tuple[Level, str]]) -> None:
        """The engine's marks arrive after the rows (it runs off the window's thread)."""
        self.risk = dict(risk)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and 0 <= index.row() < self.rowCount():
            line: QueueLine = self.row_at(index.row())
            level, reasons = self.risk.get(line.number, (None, ""))
            if role == Qt.ItemDataRole.ToolTipRole and level:
                return reasons
            if role == Qt.ItemDataRole.BackgroundRole and level and level.needs_call:
                return OVERDUE_TINT if level is Level.LATE else DUE_TODAY_TINT
        return super().data(index, role)


def _occasion(line: QueueLine) -> str:
    if not line.occasion_what:
        return ""
    return f"{line.occasion_what}, {day(line.occasion_date)}" if line.occasion_date else (
        line.occasion_what)


def queue_model(parent: QObject | None = None) -> QueueModel:
    return QueueModel(parent)


class WaitingModel(RowsModel):
    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(columns, parent)
        self.today = date.min  # the store's, given with the rows

    def set_rows(self, rows: Sequence[Any], today: date) -> None:  # type: ignore[override]
        self.today = today
        super().set_rows(rows)


def waiting_model(parent: QObject | None = None) -> WaitingModel:
    model: WaitingModel

    def since(line: WaitingLine) -> str:
        return f"{day(line.since.date())} ({days_ago(line.since.date(), model.today)})"

    def expected(line: WaitingLine) -> str:
        return day(line.parts_expected) if line.parts_expected else "not given"

    model = WaitingModel((
        Column("Ticket", lambda r: r.number, bold=lambda r: True),
        Column("Piece", lambda r: r.item),
        Column("Waiting since", since, sort=lambda r: r.since),
        Column("Parts expected", expected, sort=lambda r: r.parts_expected or date.max,
               colour=lambda r: LATE_RED if r.parts_expected and r.parts_expected < model.today
               else None),
        Column("Promised", lambda r: day(r.promised_for), sort=lambda r: r.promised_for),
        Column("Note", lambda r: r.note or ""),
    ), parent)
    return model
