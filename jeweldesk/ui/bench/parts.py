"""At the bench: a piece put aside waiting for parts, with which parts from whom and the
day they are expected (the supplier's date, or a week on until the jeweler types it).

Like the ask row, it is a step of its own: Enter puts the piece aside and hands the
keyboard back to the scan box, "Not now" drops it; a scan that lands in it opens that
envelope instead.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.day_edit import store_day_edit
from jeweldesk.ui.common.fields import from_qdate

PARTS_DAYS = 7  # the date offered for parts until the jeweler types the supplier's


class PartsRow(QWidget):
    """Which parts and when; ``put_aside`` gets the expected day and the note."""

    def __init__(self, ctx: AppContext, said: Callable[[str, bool], None],
                 back_to_scan: Callable[[], None],
                 scanned_into: Callable[[QLineEdit], bool],
                 put_aside: Callable[[date, str], None]) -> None:
        super().__init__()
        self._said, self._back, self._scanned_into = said, back_to_scan, scanned_into
        self._put_aside = put_aside
        self.note = QLineEdit()
        self.note.setPlaceholderText("Which parts, from whom — Enter to put it aside")
        self.note.returnPressed.connect(self._entered)
        self.expected = store_day_edit(ctx.db)
        ok = QPushButton("Waiting for parts")
        ok.setAutoDefault(False)
        ok.clicked.connect(self.confirm)
        drop = QPushButton("Not now")
        drop.setAutoDefault(False)
        drop.clicked.connect(self.drop)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Parts expected"))
        row.addWidget(self.expected)
        row.addWidget(self.note, 1)
        row.addWidget(ok)
        row.addWidget(drop)
        self.hide()

    def open_for(self, today: date, typed: str) -> None:
        """The note typed for the move so far comes along; the day is a week on."""
        expected = today + timedelta(days=PARTS_DAYS)
        self.expected.setDate(QDate(expected.year, expected.month, expected.day))
        self.note.setText(typed)
        self.show()
        self.note.setFocus()
        self._said("Say which parts were ordered and when they are expected, then Enter.",
                   False)

    def _entered(self) -> None:
        if not self._scanned_into(self.note):
            self.confirm()

    def confirm(self) -> None:
        expected = from_qdate(self.expected.date())
        assert isinstance(expected, date)
        self._put_aside(expected, self.note.text())

    def drop(self) -> None:
        self.close_row()
        self._said("", False)
        self._back()

    def close_row(self) -> None:
        self.note.clear()
        self.hide()
