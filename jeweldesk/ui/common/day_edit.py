"""A day typed the way a person types it: "11/20/2026", "Nov 20", "tomorrow", or picked.

Qt's date edit reads keys section by section, and a hurried "Fri Nov 20, 2026" typed into it
lands as another day entirely. This field reads the whole text instead, says beside itself
when it cannot, and shows the day back the way the store writes it ("Fri, Nov 20, 2026").
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import cache

from babel.dates import get_day_names, get_month_names
from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

from jeweldesk.domain import way as ways
from jeweldesk.domain import writing
from jeweldesk.services.store import store_settings, store_today
from jeweldesk.storage.engine import Database
from jeweldesk.ui.common.fields import from_qdate, to_qdate

_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if n}
_MONTHS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if n}
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower() for name in (*calendar.day_name, *calendar.day_abbr)}
_WEEKDAYS |= {"tues", "thur", "thurs", "weds"}
HOW_TO_TYPE = "type 11/20/2026, Nov 20 or tomorrow"
HOW_TO_TYPE_DAY_FIRST = "type 20/11/2026, 20 Nov or tomorrow"
Day = date  # inside DayEdit, ``date`` is its method, as on Qt's date edit
NO_DAY = Day(1752, 9, 14)  # Qt's own earliest day, which its date edit uses the same way


@cache
def _names(locale: str) -> tuple[dict[str, int], frozenset[str]]:
    """Months and weekdays by name in English and in the store's own language ("nov.",
    "novembre", "mar."), as a person may type them or read them back off the field."""
    months = dict(_MONTHS)
    weekdays = set(_WEEKDAYS)
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for n, name in get_month_names(width, context, locale).items():
                months.setdefault(str(name).lower().rstrip("."), n)
            weekdays |= {str(name).lower().rstrip(".")
                         for name in get_day_names(width, context, locale).values()}
    return months, frozenset(weekdays)


def _month(word: str) -> int | None:
    months = _names(ways.current().locale)[0]
    if word in months:
        return months[word]
    if len(word) >= 3:  # "novem", "febr": the start of a month's name is enough
        found = {n for name, n in months.items() if name.startswith(word)}
        if len(found) == 1:
            return found.pop()
    return None


def _year(text: str) -> int:
    number = int(text)
    return 2000 + number if number < 100 else number


def _ahead(month: int, day: int, today: date) -> date | None:
    """A day said without its year is the next one to come: "Jan 5" in December is next
    January's (the counter promises and plans ahead)."""
    for year in (today.year, today.year + 1):
        try:
            found = date(year, month, day)
        except ValueError:
            return None
        if found >= today:
            return found
    return found


def read_day(text: str, today: date, day_first: bool = False) -> date | None:
    """The day a person meant, or None when the text is not a day; ``day_first`` reads
    5/12 as the 5th of December, as a store outside the United States writes it."""
    said = " ".join(text.strip().lower().replace(",", " ").split())
    if not said:
        return None
    if said == "today":
        return today
    if said == "tomorrow":
        return today + timedelta(days=1)
    if match := re.fullmatch(r"\+\s*(\d{1,3})\s*(d|days?)?", said):
        return today + timedelta(days=int(match[1]))
    try:
        if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", said):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?", said):
            month, day = int(match[1]), int(match[2])
            if day_first:
                month, day = day, month
            if match[3] is None:
                return _ahead(month, day, today)
            return date(_year(match[3]), month, day)
        weekdays = _names(ways.current().locale)[1]
        words = [w for w in re.findall(r"[^\W\d_]+|\d+", said)
                 if w not in weekdays and w not in ("of", "the", "st", "nd", "rd", "th", "de")]
        months = [m for w in words if not w.isdigit() and (m := _month(w)) is not None]
        numbers = [w for w in words if w.isdigit()]
        if len(months) != 1 or not 1 <= len(numbers) <= 2 or len(months) + len(numbers) != len(
                words):
            return None
        day = int(numbers[0])
        if len(numbers) == 1:
            return _ahead(months[0], day, today)
        return date(_year(numbers[1]), months[0], day)
    except ValueError:  # Feb 30, month 13
        return None


class DayEdit(QWidget):
    """A day field with a calendar beside it. Reads like Qt's date edit for the code around
    it (``date``, ``setDate``, ``dateChanged``, a minimum and a special "no date" text);
    ``problem`` says why what is typed is not a day, or is too early."""

    dateChanged = Signal(QDate)
    problem_changed = Signal(str)

    def __init__(self, today: Day, parent: QWidget | None = None,
                 day_first: bool = False) -> None:
        super().__init__(parent)
        self.today = today
        self.day_first = day_first
        self.how_to_type = HOW_TO_TYPE_DAY_FIRST if day_first else HOW_TO_TYPE
        self._date = today
        self._minimum: Day | None = None
        self._special = ""
        self.problem = ""
        self.line = QLineEdit()
        self.line.setPlaceholderText(self.how_to_type)
        self.line.setToolTip(f"A day: {self.how_to_type}; ↑ and ↓ move a day, Alt+↓ the "
                             "calendar")
        self.line.textEdited.connect(self._typed)
        self.line.editingFinished.connect(self._tidy)
        self.line.installEventFilter(self)
        self.pick = QToolButton()
        self.pick.setText("▾")
        self.pick.setToolTip("Pick the day on a calendar (Alt+↓)")
        self.pick.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pick.clicked.connect(self.open_calendar)
        self.calendar: QCalendarWidget | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.pick)
        self.setFocusProxy(self.line)
        self.setMinimumWidth(170)
        self._show()

    # Like Qt's date edit ---------------------------------------------------------------

    def date(self) -> QDate:
        return to_qdate(self._date)

    def setDate(self, day: QDate) -> None:
        self._set(from_qdate(day))
        self._show()

    def minimumDate(self) -> QDate:
        return to_qdate(self._floor)

    def setMinimumDate(self, day: QDate) -> None:
        self._minimum = from_qdate(day)
        if self._date < self._minimum:
            self._set(self._minimum)
        self._show()

    def setSpecialValueText(self, text: str) -> None:
        """The minimum day reads as ``text`` ("no date"), and an empty field means it."""
        self._special = text
        self.line.setPlaceholderText(f"{text} — or {self.how_to_type}")
        self._show()

    def text(self) -> str:
        return self.line.text()

    # Reading what was typed ------------------------------------------------------------

    @property
    def _floor(self) -> Day:
        """The earliest day; with a "no date" text and no minimum set, the day meaning none."""
        return self._minimum if self._minimum is not None else NO_DAY

    @property
    def _no_date(self) -> bool:
        return bool(self._special) and self._date == self._floor

    def _typed(self, text: str) -> None:
        if not text.strip():
            if self._special:
                self._say("")
                self._set(self._floor)
            else:
                self._say("enter a day")
            return
        found = read_day(text, self.today, self.day_first)
        if found is None:
            self._say(f"“{text.strip()}” is not a day: {self.how_to_type}")
            return
        earliest = self._minimum + timedelta(days=1) if (
            self._special and self._minimum is not None) else self._minimum
        if earliest is not None and found < earliest:
            self._say(f"{writing.day(found, year=True)} is too early: the first day here is "
                      f"{writing.day(earliest, year=True)}")
            return
        self._say("")
        self._set(found)

    def _say(self, problem: str) -> None:
        if problem != self.problem:
            self.problem = problem
            self.problem_changed.emit(problem)

    def _tidy(self) -> None:
        if not self.problem:
            self._show()

    def _set(self, day: Day) -> None:
        if day != self._date:
            self._date = day
            self.dateChanged.emit(to_qdate(day))

    def _show(self) -> None:
        self._say("")
        self.line.setText("" if self._no_date else writing.day(self._date, year=True))

    # Keys and the calendar -------------------------------------------------------------

    def step(self, days: int) -> None:
        moved = self._date + timedelta(days=days)
        if self._minimum is None or moved >= self._minimum:
            self._set(moved)
        self._show()
        self.line.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() == QEvent.Type.FocusIn:
            # Typing into a day replaces it, as in any other date field.
            QTimer.singleShot(0, self.line.selectAll)
        if watched is self.line and isinstance(event, QKeyEvent) and (
                event.type() == QEvent.Type.KeyPress):
            key, alt = event.key(), event.modifiers() & Qt.KeyboardModifier.AltModifier
            if key == Qt.Key.Key_Down and alt or key == Qt.Key.Key_F4:
                self.open_calendar()
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.step(1 if key == Qt.Key.Key_Up else -1)
                return True
        return super().eventFilter(watched, event)

    def open_calendar(self) -> QCalendarWidget:
        chooser = QCalendarWidget(self)
        chooser.setWindowFlags(Qt.WindowType.Popup)
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.setGridVisible(True)
        if self._minimum is not None:
            chooser.setMinimumDate(self.minimumDate())
        chooser.setSelectedDate(self.date())
        chooser.clicked.connect(self._picked)
        chooser.activated.connect(self._picked)
        chooser.move(self.mapToGlobal(QPoint(0, self.height())))
        chooser.show()
        chooser.setFocus()
        self.calendar = chooser
        return chooser

    def _picked(self, day: QDate) -> None:
        self.setDate(day)
        if self.calendar is not None:
            self.calendar.close()
            self.calendar = None
        self.line.setFocus()


def store_day_edit(db: Database, today: Day | None = None) -> DayEdit:
    """A day field that reads figures the way this store's people write them."""
    settings = store_settings(db)
    return DayEdit(today or store_today(db), day_first=writing.day_first(settings.country))
