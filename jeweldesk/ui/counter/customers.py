"""Customers: find (phone first, then name), add, edit, and see their tickets past and present."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain import writing
from jeweldesk.domain.errors import Invalid, ServiceError
from jeweldesk.domain.kinds import Channel
from jeweldesk.services.board import BoardFilter, BoardSort, board_page
from jeweldesk.services.customers import (
    CustomerDetails,
    CustomerInfo,
    add_customer,
    find_customers,
    get_customer,
    update_customer,
)
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.widgets import OVERDUE_TINT, ProblemLabel, heading, list_look, muted

ID_ROLE = Qt.ItemDataRole.UserRole + 1
CHANNELS = {None: "No preference", Channel.PHONE: "Phone call", Channel.SMS: "Text message",
            Channel.EMAIL: "Email", Channel.IN_PERSON: "In person"}
TICKETS_SHOWN = 500
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _table(headers: tuple[str, ...], stretch: int) -> QTableWidget:
    table = list_look(QTableWidget(0, len(headers)))
    table.setHorizontalHeaderLabels(list(headers))
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
        self.problems = {key: ProblemLabel() for key in ("name", "phone", "email")}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for label, field, key in (("Name", self.name, "name"), ("Phone", self.phone, "phone"),
                                  ("Email", self.email, "email")):
            row = QHBoxLayout()
            row.addWidget(field, 2)
            row.addWidget(self.problems[key], 1)
            form.addRow(label, row)
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
        self.show_problems({})

    def details(self) -> CustomerDetails:
        return CustomerDetails(self.name.text(), self.phone.text(), self.email.text(),
                               self.notes.toPlainText(), self.channel.currentData())

    def show_problems(self, problems: dict[str, str]) -> None:
        for key, label in self.problems.items():
            label.show_problem(problems.get(key))


class CustomersScreen(QWidget):
    def __init__(self, ctx: AppContext, open_ticket: Callable[[str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._open_ticket = open_ticket
        self.search = QLineEdit()
        self.search.setPlaceholderText("Phone number or part of the name")
        self.search.setClearButtonEnabled(True)
        self.results = _table(("Name", "Phone", "Email", "Open", "All"), 2)
        self.hint = muted("Type a phone number or a name to find a customer.")
        self.new_button = QPushButton("New customer")

        self.form = CustomerForm()
        self.save_button = QPushButton("Save customer")
        self.save_button.setDefault(True)
        self.message = muted("")
        self.title = heading("New customer", 2)
        self.tickets = _table(("Ticket", "Piece", "Status", "Promised", "Balance"), 1)
        self.tickets.activated.connect(self._ticket_activated)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
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
        self._typing.timeout.connect(self.find)
        self.search.textChanged.connect(self._typing.start)
        self.search.returnPressed.connect(self.find)
        self.results.itemSelectionChanged.connect(self._picked)
        self.new_button.clicked.connect(self.new_customer)
        self.save_button.clicked.connect(self.save)
        ctx.changed.connect(self.refresh)
        self._show_tickets(None)

    def find(self) -> None:
        self._typing.stop()
        found = find_customers(self.ctx.db, self.search.text(), limit=100)
        self.results.setRowCount(len(found))
        for r, info in enumerate(found):
            for c, text in enumerate((info.name, info.phone or "", info.email or "",
                                      str(info.open_tickets), str(info.all_tickets))):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, info.id)
                if c >= 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.results.setItem(r, c, item)
        typed = bool(self.search.text().strip())
        self.hint.setText("No customer matches." if typed and not found else
                          "" if found else "Type a phone number or a name to find a customer.")
        self.hint.setVisible(not found)

    def _picked(self) -> None:
        rows = self.results.selectionModel().selectedRows()
        if rows:
            self.show_customer(rows[0].data(ID_ROLE))

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
                info = add_customer(self.ctx.db, self.form.details())
            else:
                info = update_customer(self.ctx.db, self.form.customer_id, self.form.details())
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
        self.ctx.did_change()

    def refresh(self) -> None:
        if self.search.text().strip():
            self.find()
        if self.form.customer_id is not None:
            self._show_tickets(self.form.customer_id)

    def _show_tickets(self, customer_id: int | None) -> None:
        rows = [] if customer_id is None else board_page(
            self.ctx.db, BoardFilter(customer_id=customer_id),
            BoardSort("received_at", descending=True), 0, TICKETS_SHOWN).rows
        self.tickets.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = (row.number, row.item, row.status.label,
                     writing.short_day(row.promised_for, year=True),
                     writing.money(row.balance) if row.balance else "—")
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, row.number)
                if row.lateness and c == 3:
                    item.setBackground(OVERDUE_TINT)
                if c == 4:
                    item.setTextAlignment(RIGHT)
                self.tickets.setItem(r, c, item)

    def ticket_numbers(self) -> list[str]:
        return [self.tickets.item(r, 0).text() for r in range(self.tickets.rowCount())]

    def _ticket_activated(self, index: object) -> None:
        number = index.data(ID_ROLE)  # type: ignore[attr-defined]
        if number:
            self._open_ticket(number)
