"""Small widgets every screen shares: money fields that say what is wrong, headings, colours."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from jeweldesk.domain.money import MoneyError, money

# Soft tints that keep black text readable: lateness must show without shouting.
OVERDUE_TINT = QColor("#f6d5d1")
DUE_TODAY_TINT = QColor("#fbe8c4")
READY_TINT = QColor("#d9eedb")
PROBLEM_COLOUR = "#b3261e"
MUTED_COLOUR = "#6b6f76"


class ProblemLabel(QLabel):
    """The words beside a field saying what is wrong with it; empty when nothing is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problem")
        self.setStyleSheet(f"color: {PROBLEM_COLOUR};")
        self.setWordWrap(True)
        self.hide()

    def show_problem(self, text: str | None) -> None:
        self.setText(text or "")
        self.setVisible(bool(text))


class MoneyEdit(QLineEdit):
    """Money as a person types it ("45", "$1,200.5"); ``value()`` is a Decimal or None."""

    problem_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, allow_empty: bool = True,
                 allow_negative: bool = False) -> None:
        super().__init__(parent)
        self.allow_empty = allow_empty
        self.allow_negative = allow_negative
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("0.00")
        self._problem = ""
        self.textChanged.connect(self._check)
        self.editingFinished.connect(self._tidy)

    def problem(self) -> str:
        return self._problem

    def is_valid(self) -> bool:
        return not self._problem

    def value(self) -> Decimal | None:
        text = self.text().strip()
        if not text:
            return None
        try:
            return money(text)
        except MoneyError:
            return None

    def set_value(self, amount: Decimal | None) -> None:
        self.setText("" if amount is None else f"{amount:.2f}")

    def _check(self) -> None:
        text = self.text().strip()
        problem = ""
        if not text:
            problem = "" if self.allow_empty else "enter an amount"
        else:
            try:
                amount = money(text)
                if amount < 0 and not self.allow_negative:
                    problem = "cannot be negative"
            except MoneyError:
                problem = f"“{text}” is not an amount of money"
        if problem != self._problem:
            self._problem = problem
            self.problem_changed.emit(problem)

    def _tidy(self) -> None:
        amount = self.value()
        if amount is not None and self.is_valid():
            self.blockSignals(True)
            self.setText(f"{amount:.2f}")
            self.blockSignals(False)


class MoneyField(QWidget):
    """A MoneyEdit with its problem shown beside it."""

    def __init__(self, parent: QWidget | None = None, allow_empty: bool = True) -> None:
        super().__init__(parent)
        self.edit = MoneyEdit(self, allow_empty=allow_empty)
        self.edit.setMaximumWidth(120)
        self.problem = ProblemLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.problem, 1)
        self.edit.problem_changed.connect(self.problem.show_problem)

    def value(self) -> Decimal | None:
        return self.edit.value()

    def is_valid(self) -> bool:
        return self.edit.is_valid()


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
    """A date the way the counter says it: "Today", "Tomorrow", "Fri 14 Mar"."""
    if today is not None:
        delta = (day - today).days
        if delta == 0:
            return "Today"
        if delta == 1:
            return "Tomorrow"
        if delta == -1:
            return "Yesterday"
    fmt = "%a %d %b" if today is None or day.year == today.year else "%a %d %b %Y"
    return day.strftime(fmt)


def days_text(days: int, word: str = "day") -> str:
    return f"{days} {word}" if days == 1 else f"{days} {word}s"
