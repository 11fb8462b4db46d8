"""Small pieces the counter forms share: a field with its problem beside it, money, dates."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain import way as ways
from jeweldesk.domain import writing
from jeweldesk.domain.money import ZERO, MoneyError, money
from jeweldesk.domain.writing import TITLES, addressed
from jeweldesk.domain.writing import amount as amount_typed
from jeweldesk.ui.common.widgets import ProblemLabel

NOTE_STYLE = "color: #5f6368;"
WARNING_STYLE = "color: #a15c00;"
BANNER_STYLE = (
    "QLabel { background: #fdecea; color: #8c1d18; border: 1px solid #f1b7b1;"
    " border-radius: 4px; padding: 6px 8px; }"
)
GOOD_BANNER_STYLE = (
    "QLabel { background: #e8f3ea; color: #1e5128; border: 1px solid #b5d6bb;"
    " border-radius: 4px; padding: 6px 8px; }"
)


def with_problem(field: QWidget, label: ProblemLabel) -> QWidget:
    """The field and its problem label stacked, to put in one cell of a form."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(label)
    return box


def money_or_problem(text: str, required: bool = False) -> tuple[Decimal | None, str | None]:
    """What was typed as an amount, or why it is not one."""
    if not text.strip():
        return None, ("enter an amount" if required else None)
    try:
        amount = money(text)
    except MoneyError as exc:
        return None, str(exc)
    if amount < 0:
        return None, "cannot be negative"
    return amount, None


def money_edit(placeholder: str | None = None) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder if placeholder is not None else amount_typed(ZERO))
    edit.setAlignment(Qt.AlignmentFlag.AlignRight)
    edit.setMaximumWidth(130)

    def tidy() -> None:  # "45" reads back as "45.00" once the person moves on
        amount, problem = money_or_problem(edit.text())
        if amount is not None and problem is None:
            edit.setText(amount_typed(amount))

    edit.editingFinished.connect(tidy)
    return edit


def as_the_store_writes(edit: QDateEdit) -> QDateEdit:
    """A date edit showing its day the way writing.day(..., year=True) writes it: "Tue, Nov 3,
    2026" in en_US, "mar. 3 nov. 2026" in fr_CA, in the store's own month names."""
    edit.setLocale(QLocale(ways.current().locale))
    edit.setDisplayFormat(qt_day_format(writing.day_pattern()))
    return edit


def qt_day_format(pattern: str) -> str:
    """A CLDR date pattern in Qt's letters: the weekday is d's, the year four y's."""
    pieces = pattern.split("'")
    for n in range(0, len(pieces), 2):  # outside the quotes
        piece = re.sub(r"E{4,}|c{4,}", "dddd", pieces[n])
        piece = re.sub(r"(?<!d)(?:E{1,3}|c{3})", "ddd", piece)
        piece = re.sub(r"y+", "yyyy", piece)
        pieces[n] = re.sub(r"L", "M", piece)
    return "'".join(pieces)


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def banner(good: bool = False) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(GOOD_BANNER_STYLE if good else BANNER_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


KEEP_TYPING = "Keep typing"
THROW_AWAY = "Throw away"


def may_throw_away(parent: QWidget, question: str, lost: str, keep: str = KEEP_TYPING) -> bool:
    """Ask before typing is lost. Keeping it is the default: a stray Enter, Space or Escape
    answers "keep"; only a deliberate click or Alt+T on "Throw away" throws it away."""
    box = QMessageBox(parent)
    box.setObjectName("throwAway")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(question)
    box.setText(f"<b>{question}</b>")
    box.setInformativeText(lost)
    kept = box.addButton(keep, QMessageBox.ButtonRole.RejectRole)
    gone = box.addButton("&" + THROW_AWAY, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(kept)
    box.setEscapeButton(kept)
    box.exec()
    return box.clickedButton() is gone


class CounterDialog(QDialog):
    """Enter never saves by accident: it presses the focused button and nothing else.

    In a form full of line edits, Qt's default button would turn every Enter in
    the phone field into "Save"; each field decides what Enter means instead.

    Nothing typed is lost by accident either: Cancel, Escape and the window's close
    button all come to ``reject``, which asks first whenever ``unsaved`` says what would go.
    """

    question: str = "Throw away what was typed?"

    def unsaved(self) -> str | None:
        """What closing now would throw away, in a sentence; None when nothing would."""
        return None

    def reject(self) -> None:
        lost = self.unsaved()
        if lost and not may_throw_away(self, self.question, lost):
            return
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if isinstance(focused, QAbstractButton) and focused.isEnabled():
                focused.click()
            event.accept()
            return
        super().keyPressEvent(event)


class AddressedAs(QComboBox):
    """How the paper opens to the customer, each choice shown as it will read for the name
    typed beside it: "Dear Barbara" (the first name, the default), "Dear Mrs Harris"."""

    def __init__(self, name: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self.addItem("", None)
        for title in TITLES:
            self.addItem("", title)
        self.setToolTip("How the thank-you note and letters open to this customer")
        name.textChanged.connect(self._say)
        self._say(name.text())

    def _say(self, name: str) -> None:
        name = name.strip() or "Barbara Harris"
        for index in range(self.count()):
            title = self.itemData(index)
            said = f"Dear {addressed(name, title)}"
            self.setItemText(index, said if title else f"{said} (first name)")

    def title(self) -> str | None:
        data = self.currentData()
        return data if isinstance(data, str) else None

    def set_title(self, title: str | None) -> None:
        index = self.findData(title) if title else 0
        if index < 0:  # a title brought in from elsewhere: offered as it is
            self.addItem("", title)
            index = self.count() - 1
            self._say(self._name.text())
        self.setCurrentIndex(index)


class AddressEdit(QPlainTextEdit):
    """A postal address, its lines as on an envelope; Tab moves on, as in the fields beside."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setPlaceholderText("Street\nTown, state and ZIP (for letters the store posts)")
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.setToolTip("Where a letter reaches the customer: the final notice of a piece "
                        "left uncollected is posted here")

    def address(self) -> str | None:
        return self.toPlainText().strip() or None
