"""Small widgets every screen shares: money fields that say what is wrong, headings, colours."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain import writing
from jeweldesk.ui.common.rows import Column, RowsModel

# Soft tints that keep black text readable: lateness must show without shouting.
OVERDUE_TINT = QColor("#f6d5d1")
DUE_TODAY_TINT = QColor("#fbe8c4")
READY_TINT = QColor("#d9eedb")
PROBLEM_COLOUR = "#b3261e"
MUTED_COLOUR = "#6b6f76"

View = TypeVar("View", bound=QTableView)


class ProblemLabel(QLabel):
    """The words beside a field saying what is wrong with it; empty when nothing is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problem")
        self.setStyleSheet(f"color: {PROBLEM_COLOUR};")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_problem(self, text: str | None) -> None:
        self.setText(text or "")
        self.setVisible(bool(text))

    @property
    def problem(self) -> str:
        return self.text()


def as_label(text: str) -> str:
    """Store text for a button, check box or menu entry: Qt reads "&" there as a keyboard
    shortcut marker, which would eat it from "Magnolia Casting & Engraving"."""
    return text.replace("&", "&&")


def list_look(view: View, row_height: int = 26) -> View:
    """The look of every read-only list in the app: whole rows, picked one at a time, never
    edited in place, alternate rows shaded, one line a row."""
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(row_height)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    return view


def row_picker(columns: Sequence[Column], stretch: int) -> QTableView:
    """A read-only table whose rows are picked one at a time, one column taking the room."""
    table = list_look(QTableView())
    table.setModel(RowsModel(columns, table))
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def heading(text: str, size_delta: int = 3) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSize(font.pointSize() + size_delta)
    font.setBold(True)
    label.setFont(font)
    return label


def muted(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(f"color: {MUTED_COLOUR};")
    label.setWordWrap(True)
    return label


def titled(title: str, body: QWidget, note: str | None = None) -> QWidget:
    """A heading over a widget, for the panels of a screen."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    layout.addWidget(heading(title, 1))
    if note:
        layout.addWidget(muted(note))
    layout.addWidget(body, 1)
    return box


def day_text(day: date, today: date | None = None) -> str:
    """A date the way the counter says it: "Today", "Tomorrow", "Fri, Mar 14"."""
    if today is not None:
        delta = (day - today).days
        if delta == 0:
            return "Today"
        if delta == 1:
            return "Tomorrow"
        if delta == -1:
            return "Yesterday"
    return writing.day(day, today)


def days_text(days: int, word: str = "day") -> str:
    return f"{days} {word}" if days == 1 else f"{days} {word}s"


def table_view(model: Any) -> QTableView:
    """A read-only list of rows over ``model``: whole rows selected, columns fit their text."""
    view = list_look(QTableView())
    view.setModel(model)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view


class ElidedLabel(QLabel):
    """One line of plain text that gives way: cut short with "…" to the room the window
    gives it, the whole of it on hover. A 1,000-character description never makes a
    window wider than the screen."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(60)
        self.setText(text)

    def setText(self, text: str) -> None:
        self._full = text
        self._elide()

    def text(self) -> str:
        """The whole text, as given; the screen may show less of it."""
        return self._full

    def shown(self) -> str:
        return super().text()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = max(self.contentsRect().width(), 20)
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room)
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")


def elided(text: str, limit: int = 120) -> str:
    """Text cut to ``limit`` characters with "…", for a label that must stay a few lines."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
