"""Taking pieces in with the customer at the counter: find them, then each piece, then save."""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain import writing
from jeweldesk.domain.contact_details import phone_digits
from jeweldesk.domain.errors import Invalid, ServiceError
from jeweldesk.domain.kinds import Role
from jeweldesk.domain.money import ZERO
from jeweldesk.services.customers import CustomerDetails, CustomerInfo, checked, find_customers
from jeweldesk.services.intake import Visit, take_in
from jeweldesk.services.payments import payment_methods
from jeweldesk.services.promise import promise_rules
from jeweldesk.services.store import catalog, list_staff, list_vendors, store_settings
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.fields import (
    NOTE_STYLE,
    AddressedAs,
    AddressEdit,
    CounterDialog,
    banner,
    with_problem,
)
from jeweldesk.ui.common.widgets import ProblemLabel
from jeweldesk.ui.counter.intake_piece import PieceForm
from jeweldesk.ui.counter.intake_saved import SavedPage

PROBLEM_MARK = " ⚠"
TICKET_NUMBER = re.compile(r"[A-Za-z]{1,4}-?\d{3,}")


class IntakeDialog(CounterDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Take pieces in")
        self.resize(1240, 800)
        self.customer: CustomerInfo | None = None
        self.numbers: list[str] = []
        self._catalog = catalog(ctx.db)
        self._vendors = list_vendors(ctx.db)
        self._staff = list_staff(ctx.db)
        self._rules = promise_rules(ctx.db)
        self._country = store_settings(ctx.db).country  # where a phone without "+" belongs
        self._methods = payment_methods(ctx.db)

        self.stack = QStackedWidget()
        self.form_page = QWidget()
        self.saved_page = SavedPage(ctx)
        self.saved_page.another.clicked.connect(self.start_again)
        self.saved_page.done.clicked.connect(self.accept)
        self.stack.addWidget(self.form_page)
        self.stack.addWidget(self.saved_page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 10, 10, 10)
        outer.addWidget(self.stack)

        layout = QVBoxLayout(self.form_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._customer_box())
        self.pieces = QTabWidget()
        self.pieces.tabCloseRequested.connect(self.remove_piece)
        # The tabs and their button are reached by Ctrl+Shift+N and the mouse, not by Tab:
        # Tab goes from the customer straight into the piece.
        self.pieces.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pieces.currentChanged.connect(lambda _index: self._chain_tabs())
        self.add_piece_button = QPushButton("Add another piece  (Ctrl+Shift+N)")
        self.add_piece_button.setAutoDefault(False)
        self.add_piece_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.add_piece_button.clicked.connect(self.add_piece)
        self.pieces.setCornerWidget(self.add_piece_button, Qt.Corner.TopRightCorner)
        layout.addWidget(self.pieces, 1)
        self.summary = QLabel()
        self.summary.setStyleSheet("font-size: 14px;")
        self.problem_banner = banner()
        # Cancel is for the mouse: out of the Tab chain, so a space or an Enter typed while
        # it has focus cannot throw the visit away (and it asks first anyway).
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = QPushButton("Save the visit  (Ctrl+S)")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.save_button)
        layout.addWidget(self.problem_banner)
        layout.addLayout(bottom)

        QShortcut(QKeySequence("Ctrl+Shift+N"), self, self.add_piece)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.add_piece()
        self.search.setFocus()

    # The customer ------------------------------------------------------------------------

    def _customer_box(self) -> QGroupBox:
        box = QGroupBox("Customer")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Phone first, or part of the name — Enter picks")
        self.search.textChanged.connect(self._look_up)
        self.search.returnPressed.connect(self._search_entered)
        self.matches = QListWidget()
        self.matches.setMaximumHeight(76)
        self.matches.itemActivated.connect(self._pick_item)
        self.chosen = QLabel()
        self.chosen.setStyleSheet("font-weight: 600;")
        self.chosen.setWordWrap(True)
        self.change_customer = QPushButton("Someone else")
        self.change_customer.setAutoDefault(False)
        self.change_customer.clicked.connect(self.clear_customer)
        self.change_customer.hide()
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.addressed_as = AddressedAs(self.name)
        self.postal_address = AddressEdit()
        self.customer_problems = {key: ProblemLabel() for key in ("name", "phone", "email",
                                                                  "postal_address", "")}
        for edit in (self.name, self.phone, self.email):
            edit.returnPressed.connect(self.focusNextChild)
        self.phone.editingFinished.connect(self._check_contact_details)
        self.email.editingFinished.connect(self._check_contact_details)

        finding = QVBoxLayout()
        finding.addWidget(self.search)
        finding.addWidget(self.matches)
        chosen_row = QHBoxLayout()
        chosen_row.addWidget(self.chosen, 1)
        chosen_row.addWidget(self.change_customer)
        finding.addLayout(chosen_row)
        finding.addWidget(self.customer_problems[""])
        self.new_box = QWidget()
        new_form = QFormLayout(self.new_box)
        new_form.setContentsMargins(0, 0, 0, 0)
        caption = QLabel("Not found? A new customer:")
        caption.setStyleSheet(NOTE_STYLE)
        new_form.addRow(caption)
        new_form.addRow("&Name", with_problem(self.name, self.customer_problems["name"]))
        new_form.addRow("P&hone", with_problem(self.phone, self.customer_problems["phone"]))
        new_form.addRow("&Email", with_problem(self.email, self.customer_problems["email"]))
        new_form.addRow("Letters open", self.addressed_as)
        new_form.addRow("Postal &address", with_problem(
            self.postal_address, self.customer_problems["postal_address"]))
        row = QHBoxLayout(box)
        row.addLayout(finding, 1)
        row.addSpacing(12)
        row.addWidget(self.new_box, 1)
        return box

    def _look_up(self, text: str) -> None:
        self.matches.clear()
        if len(text.strip()) < 2:
            return
        for info in find_customers(self.ctx.db, text, limit=20):
            reach = " · ".join(x for x in (info.phone, info.email) if x)
            item = QListWidgetItem(f"{info.name}   {reach}   ({info.open_tickets} open)")
            item.setData(Qt.ItemDataRole.UserRole, info)
            self.matches.addItem(item)
        if self.matches.count():
            self.matches.setCurrentRow(0)

    def _search_entered(self) -> None:
        item = self.matches.currentItem()
        if item is not None:
            self._pick_item(item)
            return
        text = self.search.text().strip()
        digits = phone_digits(text) or ""
        if TICKET_NUMBER.fullmatch(text):
            # A ticket number scanned into the wrong box names nobody: start the customer
            # afresh rather than carry it into their name.
            self.search.clear()
        elif len(digits) >= 7 and not self.phone.text():
            self.phone.setText(text)
        elif text and not digits and not self.name.text():
            self.name.setText(text)
        self.name.setFocus()
        # Whatever was carried over is selected: typing the customer's name replaces the
        # fragment that was searched for instead of being added to it.
        self.name.selectAll()

    def _pick_item(self, item: QListWidgetItem) -> None:
        self.pick_customer(item.data(Qt.ItemDataRole.UserRole))

    def pick_customer(self, info: CustomerInfo) -> None:
        self.customer = info
        reach = ", ".join(x for x in (info.phone, info.email) if x) or "no phone or email"
        self.chosen.setText(f"{info.name} — {reach}")
        self.change_customer.show()
        self.new_box.setEnabled(False)
        for label in self.customer_problems.values():
            label.show_problem(None)
        self.current_piece().kind.setFocus()

    def clear_customer(self) -> None:
        self.customer = None
        self.chosen.clear()
        self.change_customer.hide()
        self.new_box.setEnabled(True)
        self.search.setFocus()

    def _check_contact_details(self) -> None:
        try:
            checked(CustomerDetails("-", self.phone.text(), self.email.text()),
                    country=self._country)
        except Invalid as exc:
            self.customer_problems["phone"].show_problem(exc.problems.get("phone"))
            self.customer_problems["email"].show_problem(exc.problems.get("email"))
        else:
            self.customer_problems["phone"].show_problem(None)
            self.customer_problems["email"].show_problem(None)

    # Pieces -----------------------------------------------------------------------------

    def piece_form(self, index: int) -> PieceForm:
        form = self.pieces.widget(index)
        assert isinstance(form, PieceForm)  # the tabs hold nothing else
        return form

    def piece_forms(self) -> list[PieceForm]:
        return [self.piece_form(i) for i in range(self.pieces.count())]

    def current_piece(self) -> PieceForm:
        return self.piece_form(self.pieces.currentIndex())

    def add_piece(self) -> PieceForm:
        form = PieceForm(self._catalog, self._vendors, self._staff, self._rules,
                         may_add_to_catalog=self.ctx.user.role == Role.MANAGER,
                         day_first=writing.day_first(self._country), methods=self._methods)
        form.changed.connect(self._sum_up)
        forms = self.piece_forms()
        if forms:
            form.copy_occasion_from(forms[-1], len(forms))
        self.pieces.addTab(form, f"Piece {len(forms) + 1}")
        self.pieces.setCurrentWidget(form)
        self.pieces.setTabsClosable(self.pieces.count() > 1)
        self._chain_tabs()
        form.kind.setFocus()
        self._sum_up()
        return form

    def _chain_tabs(self) -> None:
        """Tab follows the form: the customer, then the piece on show, then Save."""
        if not self.pieces.count() or self.pieces.currentIndex() < 0:
            return
        chain = [self.search, self.matches, self.change_customer, self.name, self.phone,
                 self.email, self.addressed_as, self.postal_address,
                 *self.current_piece().tab_chain(),
                 self.save_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def remove_piece(self, index: int) -> None:
        if self.pieces.count() <= 1:
            return
        form = self.piece_form(index)
        if form.description.text().strip() and QMessageBox.question(
            self, "Remove this piece?", f"Remove {form.description.text().strip()} from the visit?"
        ) != QMessageBox.StandardButton.Yes:
            return
        self.pieces.removeTab(index)
        form.deleteLater()
        for n in range(self.pieces.count()):
            self.pieces.setTabText(n, f"Piece {n + 1}")
        self.pieces.setTabsClosable(self.pieces.count() > 1)
        self._sum_up()

    def _sum_up(self) -> None:
        forms = self.piece_forms()
        total = sum((f.total_amount() for f in forms), ZERO)
        deposits = sum((f.deposit_amount() for f in forms), ZERO)
        count = "1 piece" if len(forms) == 1 else f"{len(forms)} pieces"
        self.summary.setText(
            f"{count} · total {writing.money(total)} · deposit {writing.money(deposits)} · "
            f"<b>balance at pickup {writing.money(total - deposits)}</b>"
        )

    # Saving -----------------------------------------------------------------------------

    def visit(self) -> Visit:
        pieces = tuple(form.piece() for form in self.piece_forms())
        if self.customer is not None:
            return Visit(pieces, customer_id=self.customer.id)
        details = CustomerDetails(self.name.text(), self.phone.text(), self.email.text(),
                                  addressed_as=self.addressed_as.title(),
                                  postal_address=self.postal_address.address())
        return Visit(pieces, new_customer=details)

    def local_problems(self) -> dict[str, str]:
        found: dict[str, str] = {}
        if self.customer is None:
            if not self.name.text().strip():
                found["customer.name"] = "the customer's name cannot be empty"
            try:
                checked(CustomerDetails(self.name.text() or "-", self.phone.text(),
                                        self.email.text()), prefix="customer.",
                        country=self._country)
            except Invalid as exc:
                found.update(exc.problems)
        for n, form in enumerate(self.piece_forms()):
            found.update({f"pieces[{n}].{k}": v for k, v in form.local_problems().items()})
        return found

    def save(self) -> None:
        if self.stack.currentWidget() is not self.form_page:
            return
        problems = self.local_problems()
        if not problems:
            try:
                self.numbers = take_in(self.ctx.db, self.visit(), by=self.ctx.user.code)
            except Invalid as exc:
                problems = exc.problems
            except ServiceError as exc:
                self.problem_banner.setText(f"Nothing was saved: {exc}")
                self.problem_banner.show()
                return
        if problems:
            self.show_problems(problems)
            return
        self.saved_page.show_saved(self.numbers)
        self.stack.setCurrentWidget(self.saved_page)

    def show_problems(self, problems: dict[str, str]) -> None:
        """Each problem beside its field; anything without a field goes in the banner."""
        loose: list[str] = []
        for label in self.customer_problems.values():
            label.show_problem(None)
        per_piece: dict[int, dict[str, str]] = {}
        for key, problem in problems.items():
            if key.startswith("customer"):
                field = key.removeprefix("customer").lstrip(".")
                self.customer_problems.get(field, self.customer_problems[""]).show_problem(problem)
            elif key.startswith("pieces[") and "]." in key:
                number, rest = key.removeprefix("pieces[").split("].", 1)
                per_piece.setdefault(int(number), {})[rest] = problem
            else:
                loose.append(problem)
        forms = self.piece_forms()
        for n, form in enumerate(forms):
            form.show_problems(per_piece.get(n, {}))
            self.pieces.setTabText(n, f"Piece {n + 1}" + (PROBLEM_MARK if n in per_piece else ""))
        if per_piece:
            self.pieces.setCurrentIndex(min(per_piece))
        count = len(problems)
        things = "1 thing" if count == 1 else f"{count} things"
        self.problem_banner.setText(
            f"Nothing was saved yet: {things} to fix, shown beside the fields."
            + ("" if not loose else " " + " ".join(loose))
        )
        self.problem_banner.show()

    def start_again(self) -> None:
        """The next customer: a clean form."""
        for form in self.piece_forms():
            form.deleteLater()
        self.pieces.clear()
        self.clear_customer()
        for edit in (self.search, self.name, self.phone, self.email):
            edit.clear()
        self.addressed_as.set_title(None)
        self.postal_address.clear()
        self.problem_banner.hide()
        self.numbers = []
        self.add_piece()
        self.stack.setCurrentWidget(self.form_page)
        self.search.setFocus()

    # Leaving ------------------------------------------------------------------------------

    question = "Throw away this visit?"

    def has_typing(self) -> bool:
        if self.stack.currentWidget() is not self.form_page:
            return False
        typed = [self.search.text(), self.name.text(), self.phone.text(), self.email.text(),
                 self.postal_address.toPlainText()]
        return (any(t.strip() for t in typed) or self.customer is not None
                or any(f.has_typing() for f in self.piece_forms()))

    def unsaved(self) -> str | None:
        """Closing with Cancel, Escape or the window's X asks first when anything is typed."""
        if not self.has_typing():
            return None
        who = (self.customer.name if self.customer is not None
               else self.name.text().strip() or "this customer")
        count = self.pieces.count()
        pieces = "1 piece" if count == 1 else f"{count} pieces"
        return (f"What was typed for {who}'s visit ({pieces}) is not saved yet, and would be "
                "lost. Keep typing to finish it, or throw it away.")

    @property
    def total_due(self) -> Decimal:
        forms = self.piece_forms()
        return sum((f.total_amount() - f.deposit_amount() for f in forms), ZERO)
