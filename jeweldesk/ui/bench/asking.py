"""At the bench: work found while working that needs the customer's yes ("the shank is
thin: re-shank, $180?"), raised by key (A and Enter, or "A re-shank 180" in the scan box)
or by click; the counter asks the customer and logs the answer.

Like the parts row, it is a step of its own: Enter asks and hands the keyboard back to
the scan box, "Not now" drops it; a scan that lands in it opens that envelope instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from jeweldesk.domain import writing
from jeweldesk.domain.errors import Invalid, ServiceError
from jeweldesk.domain.money import MoneyError, money
from jeweldesk.services.estimates import ask_approval
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.fields import money_edit

ASK_KEY = "A"


def what_and_price(typed: str) -> tuple[str, str]:
    """ "re-shank the ring 180" is the work and its price; a price is the last word only."""
    words = typed.split()
    if len(words) > 1:
        try:
            money(words[-1].lstrip("$"))
        except MoneyError:
            return typed.strip(), ""
        return " ".join(words[:-1]), words[-1].lstrip("$")
    return typed.strip(), ""


class AskRow(QWidget):
    """The work to ask about and its price; ``said`` gets what to tell the jeweler."""

    def __init__(self, ctx: AppContext, said: Callable[[str, bool], None],
                 back_to_scan: Callable[[], None],
                 scanned_into: Callable[[QLineEdit], bool]) -> None:
        super().__init__()
        self.ctx = ctx
        self.number: str | None = None
        self._said, self._back, self._scanned_into = said, back_to_scan, scanned_into
        self.what = QLineEdit()
        self.what.setPlaceholderText("What you found and the work it needs: the shank is thin, "
                                     "re-shank — Enter asks the customer")
        self.what.returnPressed.connect(self._entered)
        self.price = money_edit("price")
        self.price.returnPressed.connect(self._entered)
        self.ask_button = QPushButton("Ask the customer")
        self.ask_button.setAutoDefault(False)
        self.ask_button.clicked.connect(self.ask)
        drop = QPushButton("Not now")
        drop.setAutoDefault(False)
        drop.clicked.connect(self.drop)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Their yes for"))
        row.addWidget(self.what, 1)
        row.addWidget(self.price)
        row.addWidget(self.ask_button)
        row.addWidget(drop)
        self.hide()

    def open_for(self, number: str, typed: str = "") -> None:
        """Asked at once when the scan box gave the work ("A re-shank 180"); else the row
        opens for the jeweler to say it."""
        self.number = number
        what, price = what_and_price(typed)
        if what:
            self.what.setText(what)
            self.price.setText(price)
            self.ask()
            return
        self.show()
        self.what.setFocus()
        self._said(f"Say what {number} needs beyond the estimate, and its price, then Enter: "
                   "the counter asks the customer.", False)

    def _entered(self) -> None:
        if not self._scanned_into(self.what):
            self.ask()

    def ask(self) -> None:
        if self.number is None:
            return
        try:
            ask_approval(self.ctx.db, self.number, self.what.text(), self.ctx.user.code,
                         self.price.text().strip() or None)
        except Invalid as exc:
            self._said("; ".join(exc.problems.values()).capitalize() + ".", True)
            if "what" in exc.problems or "price" in exc.problems:
                self.show()  # the words stay, to put right
                self.what.setFocus()
            else:
                self.close_row()
                self._back()
            return
        except ServiceError as exc:
            self._said(str(exc), True)
            self._back()
            return
        price = self.price.text().strip()
        self._said(f"{self.number} waits for the customer's yes on: {self.what.text().strip()}"
                   + (f", {writing.money(money(price.lstrip('$')))}" if price else "")
                   + ". Its promise waits with it.", False)
        self.close_row()
        self._back()

    def drop(self) -> None:
        self.close_row()
        self._said("", False)
        self._back()

    def close_row(self) -> None:
        self.what.clear()
        self.price.clear()
        self.hide()
