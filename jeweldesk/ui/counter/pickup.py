"""Handing pieces back: scan the envelopes, take the balance, note who collected them."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain import cash, writing
from jeweldesk.domain import way as ways
from jeweldesk.domain.errors import Invalid, NotFound, ServiceError
from jeweldesk.domain.kinds import Role
from jeweldesk.domain.money import ZERO
from jeweldesk.domain.permissions import Act
from jeweldesk.domain.status import Status
from jeweldesk.services.collect import ready_for_customer
from jeweldesk.services.payments import payment_methods
from jeweldesk.services.pickup import hand_back
from jeweldesk.services.store import list_staff
from jeweldesk.services.story import TicketStory, stories, ticket_story
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.documents import show_payment_receipt, show_thank_you
from jeweldesk.ui.common.fields import (
    NOTE_STYLE,
    CounterDialog,
    banner,
    money_edit,
    money_or_problem,
    with_problem,
)
from jeweldesk.ui.common.widgets import ProblemLabel
from jeweldesk.ui.ticket.tables import read_only_table, set_rows


def _same_customer(one: TicketStory, other: TicketStory) -> bool:
    """The same person, even on two records not merged yet (as the hand-back reads them)."""
    return one.customer_id == other.customer_id or (
        " ".join(one.customer_name.lower().split()) == " ".join(other.customer_name.lower().split())
        and (one.customer_phone or "") == (other.customer_phone or ""))


class PickupDialog(CounterDialog):
    def __init__(self, ctx: AppContext, numbers: list[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Hand pieces back")
        self.resize(900, 680)
        self.pieces: list[TicketStory] = []
        self.handed_back: list[str] = []

        self.scan = QLineEdit()
        self.scan.setPlaceholderText("Scan the envelope or type a ticket number, then Enter")
        self.scan.returnPressed.connect(self._scanned)
        self.scan_problem = ProblemLabel()
        self.table = read_only_table(["Ticket", "Piece", "Customer", "Balance"], 110, right=(3,))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.remove = QPushButton("Not this one")
        self.remove.setAutoDefault(False)
        self.remove.clicked.connect(self.remove_selected)
        self.also = QGroupBox()
        self.also_list = QListWidget()
        self.also_list.setMaximumHeight(90)
        self.add_also = QPushButton("Add the ticked pieces")
        self.add_also.clicked.connect(self.add_ticked)
        also_layout = QVBoxLayout(self.also)
        also_layout.addWidget(self.also_list)
        also_layout.addWidget(self.add_also, 0, Qt.AlignmentFlag.AlignRight)
        self.also.hide()

        self.due = QLabel()
        self.due.setStyleSheet("font-size: 18px; font-weight: 600;")
        methods = payment_methods(ctx.db)
        self.method = QComboBox()
        self.method.setMaximumWidth(200)
        self.rest_method = QComboBox()
        self.rest_method.setMaximumWidth(200)
        for method in methods:
            self.method.addItem(method.capitalize(), method)
            self.rest_method.addItem(method.capitalize(), method)
        self.rest_method.setCurrentIndex(min(1, len(methods) - 1))
        self.amount = money_edit()
        self.amount.textChanged.connect(self._check_amount)
        self.amount_problem = ProblemLabel()
        # Where the coins stop short of the unit (francs to 0.05), cash is rounded.
        self.rounding_note = QLabel()
        self.rounding_note.setObjectName("cashRounding")
        self.rounding_note.setStyleSheet(NOTE_STYLE)
        self.rounding_note.hide()
        self._offered = ""
        self.method.currentIndexChanged.connect(lambda _n: self._offer_amount(
            typed_over=self.amount.text().strip() not in ("", self._offered)))
        self.rest_method.currentIndexChanged.connect(lambda _n: self._check_amount())
        # A split: the rest in another way (cash now, the rest on a card).
        self.rest_amount = money_edit("")
        self.rest_amount.textChanged.connect(self._check_amount)
        rest = QWidget()
        rest_row = QHBoxLayout(rest)
        rest_row.setContentsMargins(0, 0, 0, 0)
        rest_row.addWidget(self.rest_method)
        rest_row.addWidget(self.rest_amount)
        rest_row.addStretch(1)
        # Anything left owing needs a manager's yes, kept in the chain of custody.
        self.owing = QWidget()
        owing_row = QHBoxLayout(self.owing)
        owing_row.setContentsMargins(0, 0, 0, 0)
        self.approver = QComboBox()
        for member in list_staff(ctx.db):
            if member.role is Role.MANAGER and member.code != ctx.user.code:
                self.approver.addItem(member.name, member.code)
        self.approver_pin = QLineEdit()
        self.approver_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.approver_pin.setPlaceholderText("the manager's PIN")
        self.approver_pin.setMaximumWidth(160)
        self.owing_note = QLabel()
        self.owing_note.setWordWrap(True)
        self.manager_here = ctx.may(Act.HAND_BACK_OWING)
        if not self.manager_here:
            owing_row.addWidget(QLabel("Agreed by"))
            owing_row.addWidget(self.approver)
            owing_row.addWidget(self.approver_pin)
        owing_row.addWidget(self.owing_note, 1)
        self.owing.hide()
        self.collected_by = QLineEdit()
        self.collected_by.setPlaceholderText("the name of whoever is at the counter")
        self.collected_problem = ProblemLabel()
        self.message = banner()
        self.hand_back_button = QPushButton("Take payment and hand back")
        self.hand_back_button.clicked.connect(self.hand_back)

        form = QFormLayout()
        form.addRow("Balance due", self.due)
        form.addRow("Paid by", self.method)
        form.addRow("Amount", with_problem(self.amount, self.amount_problem))
        form.addRow("", self.rounding_note)
        form.addRow("and the rest by", rest)
        form.addRow("", self.owing)
        form.addRow("Collected by", with_problem(self.collected_by, self.collected_problem))
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(with_problem(self.scan, self.scan_problem))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.also)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.hand_back_button, 0, Qt.AlignmentFlag.AlignRight)

        self.done_title = QLabel()
        self.done_title.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.done_title.setWordWrap(True)
        self.thank_you = QPushButton("Print the &thank-you note")
        self.thank_you.clicked.connect(
            lambda: show_thank_you(self.ctx, self.handed_back, self))
        self.paid_receipt = QPushButton("Print the &payment receipt")
        self.paid_receipt.setAutoDefault(False)
        self.paid_receipt.clicked.connect(
            lambda: show_payment_receipt(self.ctx, self.handed_back, self))
        close = QPushButton("Done")
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        finished = QWidget()
        done_layout = QVBoxLayout(finished)
        done_layout.addWidget(self.done_title)
        done_row = QHBoxLayout()
        done_row.addWidget(self.thank_you)
        done_row.addWidget(self.paid_receipt)
        done_row.addStretch(1)
        done_row.addWidget(close)
        done_layout.addLayout(done_row)
        done_layout.addStretch(1)

        self.stack = QStackedWidget()
        self.stack.addWidget(page)
        self.stack.addWidget(finished)
        QVBoxLayout(self).addWidget(self.stack)
        for number in numbers or []:
            self.add(number)
        self._show()
        self.scan.setFocus()

    # Finding the pieces --------------------------------------------------------------------

    def _scanned(self) -> None:
        number = self.scan.text().strip()
        if not number:
            if self.pieces:
                self.amount.setFocus()
                self.amount.selectAll()
            return
        if self.add(number):
            self.scan.clear()
        else:
            self.scan.selectAll()

    def add(self, number: str) -> bool:
        try:
            story = ticket_story(self.ctx.db, number)
        except NotFound as exc:
            self.scan_problem.show_problem(str(exc).capitalize())
            return False
        if any(p.number == story.number for p in self.pieces):
            self.scan_problem.show_problem(f"{story.number} is already on the list")
            return False
        if story.status is not Status.READY:
            self.scan_problem.show_problem(
                f"{story.number} is {story.status.said}, not ready to hand back")
            return False
        if self.pieces and not _same_customer(self.pieces[0], story):
            # One hand-back is one customer's: the wrong envelope is refused, not noted.
            first = self.pieces[0].customer_name
            self.scan_problem.show_problem(
                f"{story.number} is {story.customer_name}'s, not {first}'s: finish this "
                f"hand-back first, or start a new one for {story.customer_name}.")
            return False
        self.scan_problem.show_problem(None)
        self.pieces.append(story)
        if not self.collected_by.text().strip():
            self.collected_by.setText(story.customer_name)
        self._offer_others(story)
        self._show()
        return True

    def _offer_others(self, story: TicketStory) -> None:
        """The customer's other ready pieces, ticked: most people take everything home."""
        listed = {p.number for p in self.pieces}
        others = [r for r in ready_for_customer(self.ctx.db, story.customer_id)
                  if r.number not in listed]
        self.also_list.clear()
        for piece in others:
            item = QListWidgetItem(
                f"{piece.number}   {piece.item}   balance {writing.money(piece.balance)}")
            item.setData(Qt.ItemDataRole.UserRole, piece.number)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.also_list.addItem(item)
        self.also.setTitle(f"Also ready for {story.customer_name}")
        self.also.setVisible(bool(others))

    def add_ticked(self) -> None:
        for row in range(self.also_list.count()):
            item = self.also_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                self.add(str(item.data(Qt.ItemDataRole.UserRole)))
        self.also.hide()
        self.amount.setFocus()

    def remove_selected(self) -> None:
        rows = {i.row() for i in self.table.selectionModel().selectedIndexes()}
        self.pieces = [p for n, p in enumerate(self.pieces) if n not in rows]
        self._show()

    # Money ----------------------------------------------------------------------------------

    @property
    def balance_due(self) -> Decimal:
        return sum((p.balance for p in self.pieces), ZERO)

    def _show(self) -> None:
        set_rows(self.table, [
            (p.number, f"{p.item_kind.value.capitalize()}: {p.item_description}",
             p.customer_name, writing.money(p.balance)) for p in self.pieces])
        self.due.setText(writing.money(self.balance_due))
        self._offer_amount()
        self.hand_back_button.setEnabled(bool(self.pieces))
        count = len(self.pieces)
        self.hand_back_button.setText(
            "Take payment and hand back" + (f" {count} pieces" if count > 1 else ""))

    def _offer_amount(self, typed_over: bool = False) -> None:
        """The balance as the chosen way pays it: in cash, to the coins. An amount the
        counter typed over the offer stays as typed."""
        due = self.balance_due
        paid_in_cash = cash.is_cash(str(self.method.currentData() or ""))
        self._offered = writing.amount(cash.in_cash(due) if paid_in_cash else due)
        if typed_over:
            self._check_amount()
        else:
            self.amount.setText(self._offered)

    def _taken(self) -> tuple[Decimal, str | None]:
        """What is being paid in all, or why it cannot be read."""
        amount, problem = money_or_problem(self.amount.text())
        rest, rest_problem = money_or_problem(self.rest_amount.text())
        return (amount or ZERO) + (rest or ZERO), problem or rest_problem

    def cash_rounding(self) -> Decimal:
        taken = [(how, money_or_problem(value)[0] or ZERO) for how, value in self._payments()]
        return cash.rounding(taken, self.balance_due)

    def _check_amount(self) -> None:
        paying, problem = self._taken()
        rounded = self.cash_rounding() if problem is None else ZERO
        self.rounding_note.setVisible(bool(rounded))
        if rounded:
            self.rounding_note.setText(
                f"Cash is paid to {writing.money(ways.current().cash_unit)}: "
                f"cash rounding {writing.money(rounded)}, so "
                f"{writing.money(self.balance_due)} is settled")
        owing = self.balance_due - paying - rounded
        if problem is None and owing < 0:
            problem = (f"the balance due is {writing.money(self.balance_due)}; give the change "
                       "from the till")
        self.amount_problem.show_problem(problem)
        left = problem is None and owing > 0
        self.owing.setVisible(left)
        if left:
            self.owing_note.setText(
                f"The balance due is {writing.money(self.balance_due)}: "
                f"{writing.money(owing)} will be left owing"
                + (", agreed by you as manager." if self.manager_here else
                   ". A manager agrees to that with their PIN."))

    def _payments(self) -> list[tuple[str, str]]:
        taken = [(str(self.method.currentData()), self.amount.text().strip()),
                 (str(self.rest_method.currentData()), self.rest_amount.text().strip())]
        return [(how, value) for how, value in taken if value and money_or_problem(value)[0]]

    # Handing back --------------------------------------------------------------------------

    def hand_back(self) -> None:
        self.message.hide()
        self._check_amount()
        who = self.collected_by.text().strip()
        self.collected_problem.show_problem(None if who else "who collected the pieces?")
        if not self.pieces or self.amount_problem.problem or not who:
            return
        numbers = [p.number for p in self.pieces]
        paying, _problem = self._taken()
        owing = (paying + self.cash_rounding() < self.balance_due and not self.manager_here
                 and bool(self.approver_pin.text()))
        try:
            done = hand_back(self.ctx.db, numbers, who, self.ctx.user.code,
                             payments=self._payments(),
                             owing_approved_by=self.approver.currentData() if owing else None,
                             approver_pin=self.approver_pin.text() if owing else None)
        except Invalid as exc:
            self.amount_problem.show_problem(exc.problems.get("amount"))
            self.collected_problem.show_problem(exc.problems.get("collected_by"))
            rest = [v for k, v in exc.problems.items() if k not in ("amount", "collected_by")]
            if rest:
                self.message.setText("; ".join(rest))
                self.message.show()
            return
        except ServiceError as exc:
            self.message.setText(f"Nothing was handed back: {exc}")
            self.message.show()
            self.pieces = stories(self.ctx.db, numbers)
            self._show()
            return
        self.handed_back = list(done.numbers)
        paid = f"; paid {writing.money(done.paid)}" if done.paid else ""
        if done.cash_rounding:
            paid += f" (cash rounding {writing.money(done.cash_rounding)})"
        if done.owing:
            paid += f"; {writing.money(done.owing)} left owing"
        self.done_title.setText(f"Handed back {', '.join(done.numbers)} to {who}{paid}.")
        self.stack.setCurrentIndex(1)
        self.thank_you.setFocus()
