"""Customers: find (phone first, then name), add, edit, and see their tickets past and present."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain import writing
from jeweldesk.domain.errors import Invalid, ServiceError
from jeweldesk.domain.kinds import Channel, Role
from jeweldesk.services.board import BoardFilter, BoardRow, BoardSort, board_page
from jeweldesk.services.customers import (
    CustomerDetails,
    CustomerInfo,
    add_customer,
    find_customers,
    get_customer,
    merge_customers,
    update_customer,
)
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.fields import AddressedAs, AddressEdit, with_problem
from jeweldesk.ui.common.rows import KEY_ROLE, Column, RowsModel, rows_of
from jeweldesk.ui.common.widgets import OVERDUE_TINT, ProblemLabel, heading, list_look, muted

CHANNELS = {None: "No preference", Channel.PHONE: "Phone call", Channel.SMS: "Text message",
            Channel.EMAIL: "Email", Channel.IN_PERSON: "In person"}
TICKETS_SHOWN = 500
CENTRE = Qt.AlignmentFlag.AlignCenter
RESULT_COLUMNS = (
    Column("Name", lambda c: c.name),
    Column("Phone", lambda c: c.phone or ""),
    Column("Email", lambda c: c.email or ""),
    Column("Open", lambda c: str(c.open_tickets), align=CENTRE),
    Column("All", lambda c: str(c.all_tickets), align=CENTRE),
)
TICKET_COLUMNS = (
    Column("Ticket", lambda t: t.number),
    Column("Piece", lambda t: t.item),
    Column("Status", lambda t: t.status.label),
    Column("Promised", lambda t: writing.short_day(t.promised_for, year=True),
           tint=lambda t: OVERDUE_TINT if t.lateness else None),
    Column("Balance", lambda t: writing.money(t.balance) if t.balance else "—", right=True),
)


def _tickets(count: int) -> str:
    return "1 ticket" if count == 1 else f"{count} tickets"


def _said(info: CustomerInfo) -> str:
    reach = " · ".join(x for x in (info.phone, info.email) if x) or "no phone or email"
    return f"{info.name} — {reach} — {_tickets(info.all_tickets)}"


def _table(columns: tuple[Column, ...], key: Callable[[Any], Any], stretch: int) -> QTableView:
    table = list_look(QTableView())
    table.setModel(RowsModel(columns, table, key=key))
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


class CustomerForm(QWidget):
    """One customer's details; says beside each field what is wrong with it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.customer_id: int | None = None
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.channel = QComboBox()
        for channel, label in CHANNELS.items():
            self.channel.addItem(label, channel)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(64)
        self.addressed_as = AddressedAs(self.name)
        self.postal_address = AddressEdit()
        self.problems = {key: ProblemLabel() for key in ("name", "phone", "email",
                                                         "postal_address")}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for label, field, key in (("Name", self.name, "name"), ("Phone", self.phone, "phone"),
                                  ("Email", self.email, "email")):
            row = QHBoxLayout()
            row.addWidget(field, 2)
            row.addWidget(self.problems[key], 1)
            form.addRow(label, row)
        form.addRow("Letters open", self.addressed_as)
        form.addRow("Postal address", with_problem(self.postal_address,
                                                   self.problems["postal_address"]))
        form.addRow("Prefers", self.channel)
        form.addRow("Notes", self.notes)

    def show_customer(self, info: CustomerInfo | None) -> None:
        self.customer_id = info.id if info else None
        self.name.setText(info.name if info else "")
        self.phone.setText(info.phone or "" if info else "")
        self.email.setText(info.email or "" if info else "")
        self.channel.setCurrentIndex(max(self.channel.findData(
            info.preferred_channel if info else None), 0))
        self.notes.setPlainText(info.notes or "" if info else "")
        self.addressed_as.set_title(info.addressed_as if info else None)
        self.postal_address.setPlainText(info.postal_address or "" if info else "")
        self.show_problems({})

    def details(self) -> CustomerDetails:
        return CustomerDetails(self.name.text(), self.phone.text(), self.email.text(),
                               self.notes.toPlainText(), self.channel.currentData(),
                               self.addressed_as.title(), self.postal_address.address())

    def show_problems(self, problems: dict[str, str]) -> None:
        for key, label in self.problems.items():
            label.show_problem(problems.get(key))


class CustomersScreen(QWidget):
    def __init__(self, ctx: AppContext, open_ticket: Callable[[str], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._open_ticket = open_ticket
        self.search = QLineEdit()
        self.search.setPlaceholderText("Phone number or part of the name")
        self.search.setClearButtonEnabled(True)
        self.results = _table(RESULT_COLUMNS, lambda c: c.id, 2)
        # Two rows picked together (Ctrl+click) are what a manager merges.
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.hint = muted("Type a phone number or a name to find a customer.")
        self.new_button = QPushButton("New customer")
        self.merge_button = QPushButton("Merge…")
        self.merge_button.setToolTip("Two records of the same person become one: pick both "
                                     "(Ctrl+click), then Merge. Their tickets keep their history.")
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.merge_chosen)

        self.form = CustomerForm()
        self.save_button = QPushButton("Save customer")
        self.save_button.setDefault(True)
        self.message = muted("")
        self.title = heading("New customer", 2)
        self.tickets = _table(TICKET_COLUMNS, lambda t: t.number, 1)
        self.tickets.activated.connect(self._ticket_activated)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.merge_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.hint)
        left_layout.addWidget(self.results, 1)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button)
        right_layout.addLayout(buttons)
        right_layout.addSpacing(8)
        right_layout.addWidget(heading("Tickets, past and present", 1))
        right_layout.addWidget(self.tickets, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading("Customers"))
        layout.addWidget(splitter, 1)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(200)
        self._typing.timeout.connect(self.look_up)
        self.search.textChanged.connect(self._typing.start)
        self.search.returnPressed.connect(self.look_up)
        self.results.selectionModel().selectionChanged.connect(self._picked)
        self.new_button.clicked.connect(self.new_customer)
        self.save_button.clicked.connect(self.save)
        ctx.changed.connect(self.refresh)
        ctx.user_changed.connect(self._may_merge)
        self._may_merge()
        self._show_tickets(None)

    def look_up(self) -> None:
        self._typing.stop()
        found = find_customers(self.ctx.db, self.search.text(), limit=100)
        rows_of(self.results).refill(found)
        typed = bool(self.search.text().strip())
        self.hint.setText("No customer matches." if typed and not found else
                          "" if found else "Type a phone number or a name to find a customer.")
        self.hint.setVisible(not found)

    def _picked(self) -> None:
        rows = self.results.selectionModel().selectedRows()
        self.merge_button.setEnabled(len(rows) == 2)
        if rows:
            self.show_customer(rows[0].data(KEY_ROLE))

    def _may_merge(self) -> None:
        """Merging records is a manager's step; nobody else is offered it."""
        self.merge_button.setVisible(self.ctx.has_user and self.ctx.user.role == Role.MANAGER)

    def chosen(self) -> list[CustomerInfo]:
        rows = sorted(self.results.selectionModel().selectedRows(), key=lambda i: i.row())
        return [rows_of(self.results).row_at(i.row()) for i in rows]

    def merge_chosen(self) -> CustomerInfo | None:
        chosen = self.chosen()
        if len(chosen) != 2:
            self.message.setText("Pick the two records of the same person (Ctrl+click).")
            return None
        # The record with more history is kept; the other's details fill its gaps.
        kept, folded = sorted(chosen, key=lambda c: (-c.all_tickets, c.id))
        if not self.ask_to_merge(kept, folded):
            return None
        try:
            merged = merge_customers(self.ctx.db, kept.id, folded.id, self.ctx.user.code)
        except ServiceError as exc:
            self.message.setText(str(exc))
            return None
        self.look_up()
        self.show_customer(merged.id)
        self.message.setText(f"Merged: {folded.name}'s {_tickets(folded.all_tickets)} now "
                             f"{'are' if folded.all_tickets != 1 else 'is'} {merged.name}'s.")
        return merged

    def ask_to_merge(self, kept: CustomerInfo, folded: CustomerInfo) -> bool:
        box = QMessageBox(self)
        box.setObjectName("mergeCustomers")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Merge two customer records?")
        box.setText("<b>Merge these two records of one customer?</b>")
        box.setInformativeText(
            f"Kept: {_said(kept)}\nFolded in: {_said(folded)}\n\n"
            f"{folded.name}'s tickets move to {kept.name}, each with a line in its history; "
            f"{kept.name}'s details stay, and {folded.name}'s fill only what is missing. "
            "The folded-in record is then gone.")
        merge = box.addButton("&Merge", QMessageBox.ButtonRole.AcceptRole)
        apart = box.addButton("&Keep them apart", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(apart)
        box.setEscapeButton(apart)
        box.exec()
        return box.clickedButton() is merge

    def show_customer(self, customer_id: int) -> None:
        info = get_customer(self.ctx.db, customer_id)
        self.form.show_customer(info)
        self.title.setText(info.name)
        self.message.setText("")
        self._show_tickets(customer_id)

    def new_customer(self) -> None:
        self.results.clearSelection()
        self.form.show_customer(None)
        self.title.setText("New customer")
        self.message.setText("")
        self._show_tickets(None)
        self.form.name.setFocus()

    def save(self) -> None:
        try:
            if self.form.customer_id is None:
                info = add_customer(self.ctx.db, self.form.details(), self.ctx.user.code)
            else:
                info = update_customer(self.ctx.db, self.form.customer_id, self.form.details(),
                                       self.ctx.user.code)
        except Invalid as exc:
            self.form.show_problems(exc.problems)
            self.message.setText("Nothing was saved: see beside the fields.")
            return
        except ServiceError as exc:
            self.message.setText(str(exc))
            return
        self.form.show_customer(info)
        self.title.setText(info.name)
        self.message.setText("Saved.")
        self._show_tickets(info.id)

    def refresh(self) -> None:
        if self.search.text().strip():
            self.look_up()
        if self.form.customer_id is not None:
            self._show_tickets(self.form.customer_id)

    def _show_tickets(self, customer_id: int | None) -> None:
        rows: list[BoardRow] = [] if customer_id is None else board_page(
            self.ctx.db, BoardFilter(customer_id=customer_id),
            BoardSort("received_at", descending=True), 0, TICKETS_SHOWN).rows
        rows_of(self.tickets).refill(rows)

    def ticket_numbers(self) -> list[str]:
        return [row.number for row in rows_of(self.tickets).rows]

    def _ticket_activated(self, index: QModelIndex) -> None:
        number = index.data(KEY_ROLE)
        if number:
            self._open_ticket(number)
