"""Money on an open ticket: a deposit or part payment any time, a discount or courtesy, and
(a manager's) money given back. Each is its own row; the balance is worked out from them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from jeweldesk.domain import writing
from jeweldesk.domain.errors import Invalid, ServiceError
from jeweldesk.domain.money import money
from jeweldesk.domain.permissions import Act
from jeweldesk.domain.status import Status
from jeweldesk.services.payments import give_back, give_discount, payment_methods, take_payment
from jeweldesk.services.story import TicketStory
from jeweldesk.ui.common.fields import money_edit
from jeweldesk.ui.common.widgets import ProblemLabel

if TYPE_CHECKING:
    from jeweldesk.ui.ticket.view import TicketDialog


def bill_lines(s: TicketStory) -> list[tuple[str, str]]:
    """The bill as the customer reads it: work, money off, tax, paid, given back."""
    rows = [("Work", writing.money(s.bill.lines))]
    rows += [(("Courtesy: " if d.courtesy else "Discount: ") + d.reason
              + (f" ({d.percent.normalize()}%)" if d.percent is not None else "")
              + f" — {d.by_name}", writing.money(-d.amount)) for d in s.discounts]
    rows += [(f"{t.name} {t.percent.normalize()}%", writing.money(t.amount))
             for t in s.bill.taxes]
    if s.deposit:
        rows.append((f"Deposit at intake, {s.deposit_method}" if s.deposit_method
                     else "Deposit at intake", writing.money(-s.deposit)))
    for p in s.payments:
        if p.cash_rounding:
            rows.append((f"Cash rounding, {writing.moment(p.at)} — {p.by_name}",
                         writing.money(-p.amount)))
        elif p.amount < 0:
            rows.append((f"Given back, {p.method}, {writing.moment(p.at)} — {p.by_name}: "
                         f"{p.reason or ''}", writing.money(-p.amount)))
        else:
            rows.append((f"Paid, {p.method}, {writing.moment(p.at)} — {p.by_name}",
                         writing.money(-p.amount)))
    return rows


class MoneyPanel(QWidget):
    def __init__(self, dialog: TicketDialog) -> None:
        super().__init__()
        self.dialog = dialog
        ctx = dialog.ctx
        self.method = QComboBox()
        for method in payment_methods(ctx.db):
            self.method.addItem(method.capitalize(), method)
        self.amount = money_edit()
        self.pay_button = QPushButton("Take payment")
        self.pay_button.setAutoDefault(False)
        self.pay_button.clicked.connect(self.pay)
        self.amount.returnPressed.connect(self.pay)

        self.off = QLineEdit()
        self.off.setPlaceholderText("15.00 or 10%")
        self.off.setMaximumWidth(130)
        self.off_reason = QLineEdit()
        self.off_reason.setPlaceholderText("why (a courtesy for the wait …)")
        self.off_button = QPushButton("Give discount")
        self.off_button.setAutoDefault(False)
        self.off_button.clicked.connect(self.discount)

        self.back = money_edit()
        self.back_reason = QLineEdit()
        self.back_reason.setPlaceholderText("why the money goes back")
        self.back_button = QPushButton("Give money back")
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.give_back)
        self.problem = ProblemLabel()

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 6, 0, 0)
        self.rows: list[list[QWidget]] = []
        for n, (caption, widgets) in enumerate((
                ("Pay", [self.method, self.amount, self.pay_button]),
                ("Off", [self.off, self.off_reason, self.off_button]),
                ("Back", [self.back, self.back_reason, self.back_button]))):
            label = QLabel(caption)
            grid.addWidget(label, n, 0)
            for col, widget in enumerate(widgets, start=1):
                grid.addWidget(widget, n, col)
            self.rows.append([label, *widgets])
        grid.addWidget(self.problem, 3, 1, 1, 3)
        grid.setColumnStretch(2, 1)
        for widget in self.rows[0]:
            widget.setVisible(ctx.may(Act.PAYMENT))
        for widget in self.rows[1]:
            widget.setVisible(ctx.may(Act.DISCOUNT))
        for widget in self.rows[2]:
            widget.setVisible(ctx.may(Act.REFUND))

    def show_story(self, story: TicketStory) -> None:
        owed = story.balance > 0 and story.status is not Status.CANCELLED
        self.pay_button.setEnabled(owed)
        self.off_button.setEnabled(owed and not story.status.is_closed)
        self.back_button.setEnabled(story.bill.paid > 0)

    def _done(self, said: str) -> None:
        self.problem.show_problem(None)
        self.dialog.say(said, good=True)

    def _refused(self, exc: ServiceError) -> None:
        self.problem.show_problem("; ".join(exc.problems.values())
                                  if isinstance(exc, Invalid) else str(exc))

    def pay(self) -> None:
        d = self.dialog
        method = str(self.method.currentData())
        try:
            left = take_payment(d.ctx.db, d.number, method, self.amount.text(), d.ctx.user.code)
        except ServiceError as exc:
            self._refused(exc)
            return
        amount = self.amount.text().strip()
        self.amount.clear()
        self._done(f"Took {writing.money(money(amount))} by {method}; "
                   f"{writing.money(left)} left to pay.")

    def discount(self) -> None:
        d = self.dialog
        typed = self.off.text().strip()
        percent = typed if typed.endswith("%") else None
        try:
            left = give_discount(d.ctx.db, d.number, self.off_reason.text(), d.ctx.user.code,
                                 amount=None if percent else typed, percent=percent)
        except ServiceError as exc:
            self._refused(exc)
            return
        self.off.clear()
        self.off_reason.clear()
        self._done(f"Discount given; {writing.money(left)} left to pay.")

    def give_back(self) -> None:
        d = self.dialog
        method = str(self.method.currentData())
        try:
            left = give_back(d.ctx.db, d.number, method, self.back.text(),
                             self.back_reason.text(), d.ctx.user.code)
        except ServiceError as exc:
            self._refused(exc)
            return
        self.back.clear()
        self.back_reason.clear()
        self._done(f"Money given back by {method}; the balance is {writing.money(left)}.")
