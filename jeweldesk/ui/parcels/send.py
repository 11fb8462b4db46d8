"""A new parcel: scan envelopes into it, say which vendor and how it goes, send it.

This is the one way a piece goes out to a vendor, so its custody always names the
vendor and the parcel. The ticket window and the bench open it as a dialog with their
piece already in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain import writing
from jeweldesk.domain.errors import Invalid, ServiceError
from jeweldesk.domain.tracking import TrackingError, carriers_offered, checked_tracking
from jeweldesk.services.parcels import send_parcel
from jeweldesk.services.store import store_settings
from jeweldesk.services.vendor_book import VendorInfo, list_vendors
from jeweldesk.services.vendors import (
    OutgoingPiece,
    insured_value,
    outgoing_piece,
    proposed_back,
)
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.day_edit import store_day_edit
from jeweldesk.ui.common.documents import show_manifest
from jeweldesk.ui.common.fields import from_qdate
from jeweldesk.ui.common.rows import Column, RowsModel
from jeweldesk.ui.common.widgets import (
    PROBLEM_COLOUR,
    ProblemLabel,
    days_text,
    muted,
    table_view,
)

DONE_COLOUR = "#1e6b34"
NO_VENDOR = "Add a vendor first: Vendors › Add vendor"
NO_DATE = "—"  # the expected-back field while there is no vendor's quote to count from


def _money(value: Decimal | None) -> str:
    return writing.money(value) or "—"


class OutgoingModel(RowsModel):
    """The envelopes in the parcel being built; the instructions column is typed into."""

    INSTRUCTIONS = 5

    def __init__(self, parent: Any = None) -> None:
        self.instructions: dict[str, str] = {}
        super().__init__((
            Column("Ticket", lambda p: p.number, bold=lambda p: True),
            Column("Customer", lambda p: p.customer_name),
            Column("Piece", lambda p: p.item),
            Column("Work", lambda p: p.work),
            Column("Declared value", lambda p: _money(p.declared_value), right=True),
            Column("Instructions for the vendor (double-click)",
                   lambda p: self.instructions.get(p.number, "")),
        ), parent)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.INSTRUCTIONS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid():
            return super().data(index, Qt.ItemDataRole.DisplayRole)
        return super().data(index, role)

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.INSTRUCTIONS or (
                role != Qt.ItemDataRole.EditRole):
            return False
        self.instructions[self.row_at(index.row()).number] = str(value).strip()
        self.dataChanged.emit(index, index)
        return True

    def add(self, piece: OutgoingPiece) -> None:
        self.set_rows([*self.rows, piece])

    def remove(self, row: int) -> None:
        rows = self.rows
        gone = rows.pop(row)
        self.instructions.pop(gone.number, None)
        self.set_rows(rows)

    def clear(self) -> None:
        self.instructions.clear()
        self.set_rows([])



class SendParcel(QWidget):
    """Build a parcel by scan and send it; ``sent`` carries the new parcel's number."""

    sent = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.vendors: dict[str, VendorInfo] = {}
        self.vendor = QComboBox()
        self.vendor.setMinimumWidth(360)
        self.no_vendor = QLabel(NO_VENDOR)
        self.no_vendor.setStyleSheet(f"color: {PROBLEM_COLOUR}; font-weight: bold;")
        self.carrier = QComboBox()
        self.carrier.setEditable(True)
        self.carrier.addItems(carriers_offered(store_settings(ctx.db).country))
        self.tracking = QLineEdit()
        self.tracking.setPlaceholderText("Scan or type the label's tracking number")
        self.tracking.editingFinished.connect(self._check_tracking)
        self.tracking_problem = ProblemLabel()
        self.expected_back = store_day_edit(ctx.db)
        # No vendor, no quote: the field shows a dash, never Qt's own 1 Jan 2000.
        self.expected_back.setSpecialValueText(NO_DATE)
        self.quote_note = muted("")
        self.scan_box = QLineEdit()
        self.scan_box.setPlaceholderText("Scan each envelope going in, or type its number + Enter")
        self.scan_box.returnPressed.connect(self._scanned)
        self.pieces = OutgoingModel(self)
        self.view = table_view(self.pieces)
        self.view.setEditTriggers(QTableView.EditTrigger.DoubleClicked
                                  | QTableView.EditTrigger.EditKeyPressed)
        self.insured = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        remove = QPushButton("Take out")
        remove.setAutoDefault(False)
        remove.clicked.connect(self._remove_selected)
        self.send_button = QPushButton("Send parcel")
        self.send_button.setObjectName("primary")
        self.send_button.setAutoDefault(False)
        self.send_button.clicked.connect(self.send)

        vendor_row = QHBoxLayout()
        vendor_row.addWidget(self.vendor)
        vendor_row.addWidget(self.no_vendor)
        vendor_row.addStretch(1)
        form = QFormLayout()
        form.addRow("Vendor", vendor_row)
        form.addRow("", self.quote_note)
        form.addRow("Carrier", self.carrier)
        form.addRow("Tracking", self.tracking)
        form.addRow("", self.tracking_problem)
        form.addRow("Expected back", self.expected_back)
        self.last_ref: str | None = None
        self.manifest_button = QPushButton("Print its manifest…")
        self.manifest_button.setAutoDefault(False)
        self.manifest_button.setToolTip("The manifest goes in the box; the vendor signs it back")
        self.manifest_button.clicked.connect(
            lambda: self.last_ref and show_manifest(self.ctx, self.last_ref, self))
        self.manifest_button.hide()
        bottom = QHBoxLayout()
        bottom.addWidget(self.insured, 1)
        bottom.addWidget(remove)
        bottom.addWidget(self.send_button)
        sent = QHBoxLayout()
        sent.addWidget(self.message, 1)
        sent.addWidget(self.manifest_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.scan_box)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        layout.addLayout(sent)

        self.vendor.currentIndexChanged.connect(lambda _i: self._vendor_picked())
        self.fill_vendors()
        self._show_insured()

    def fill_vendors(self) -> None:
        """The vendors offered for a new parcel: retired ones are not."""
        keep = self.vendor.currentData()
        self.vendors = {v.code: v for v in list_vendors(self.ctx.db)}
        self.vendor.blockSignals(True)
        self.vendor.clear()
        for v in self.vendors.values():
            work = f" · {v.work}" if v.work else ""
            self.vendor.addItem(f"{v.name} — quotes {v.quoted_turnaround_days} days{work}",
                                v.code)
        if keep is not None and self.vendor.findData(keep) >= 0:
            self.vendor.setCurrentIndex(self.vendor.findData(keep))
        self.vendor.blockSignals(False)
        has_vendor = bool(self.vendors)
        self.vendor.setVisible(has_vendor)
        self.no_vendor.setVisible(not has_vendor)
        for field in (self.carrier, self.tracking, self.expected_back, self.scan_box,
                      self.send_button):
            field.setEnabled(has_vendor)
        if keep != self.vendor.currentData() or not has_vendor:
            self._vendor_picked()

    def vendor_code(self) -> str | None:
        code = self.vendor.currentData()
        return str(code) if code else None

    def _vendor_picked(self) -> None:
        code = self.vendor_code()
        if code is None:
            self.expected_back.setDate(self.expected_back.minimumDate())
            self.quote_note.setText("Parcels go to a vendor on record: a manager adds them "
                                    "under Vendors.")
            return
        vendor = self.vendors[code]
        back = proposed_back(self.ctx.db, code)
        self.expected_back.setDate(QDate(back.year, back.month, back.day))
        if vendor.carriers:
            self.carrier.setCurrentText(vendor.carriers[0])
        ships = f" Parcels to them usually go {vendor.ships}." if vendor.ships else ""
        self.quote_note.setText(f"Expected back from their usual quote of "
                                f"{vendor.quoted_turnaround_days} days; change it if they said "
                                f"otherwise.{ships}")

    def _check_tracking(self) -> bool:
        try:
            checked_tracking(self.carrier.currentText(), self.tracking.text())
        except TrackingError as exc:
            self.tracking_problem.show_problem(str(exc))
            return False
        self.tracking_problem.show_problem(None)
        return True

    def add_pieces(self, numbers: Sequence[str]) -> None:
        """Envelopes put in the parcel as if scanned (from the ticket window or the bench)."""
        for number in numbers:
            self.add_piece(number)

    def _scanned(self) -> None:
        number = self.scan_box.text().strip()
        self.scan_box.clear()
        if number:
            self.add_piece(number)

    def add_piece(self, number: str) -> None:
        try:
            piece = outgoing_piece(self.ctx.db, number)
        except ServiceError as exc:
            self._say(str(exc), problem=True)
            return
        if piece.number in {p.number for p in self.pieces.rows}:
            self._say(f"{piece.number} is already in this parcel.")
            return
        if not piece.may_go_out:
            self._say(f"{piece.number} is {piece.status.said}; it cannot go out to a "
                      "vendor from there.", problem=True)
            return
        self.pieces.add(piece)
        if piece.vendor_code and self.vendor.findData(piece.vendor_code) >= 0 and (
                len(self.pieces.rows) == 1):
            self.vendor.setCurrentIndex(self.vendor.findData(piece.vendor_code))
        code = self.vendor_code()
        if code is not None and code not in piece.vendor_codes:
            self._say(f"{piece.number} added: {piece.item}. Nothing on its ticket is "
                      f"{self.vendors[code].name}'s usual work: double-click its "
                      "instructions to say what they are to do.")
        else:
            self._say(f"{piece.number} added: {piece.item}.")
        self._show_insured()

    def _remove_selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            self.pieces.remove(rows[0].row())
            self._show_insured()

    def _show_insured(self) -> None:
        numbers = [p.number for p in self.pieces.rows]
        value = insured_value(self.ctx.db, numbers) if numbers else Decimal("0.00")
        self.insured.setText(f"<b>{days_text(len(numbers), 'envelope')}</b> · insure for "
                             f"<b>{_money(value)}</b> (the declared values)")

    def send(self) -> None:
        code = self.vendor_code()
        if code is None:
            self._say(NO_VENDOR, problem=True)
            return
        back = from_qdate(self.expected_back.date())
        assert isinstance(back, date)
        numbers = [p.number for p in self.pieces.rows]
        try:
            ref = send_parcel(self.ctx.db, code, numbers, self.ctx.user.code,
                              carrier=self.carrier.currentText(), tracking=self.tracking.text(),
                              expected_back=back,
                              instructions={n: t for n, t in self.pieces.instructions.items()
                                            if t})
        except Invalid as exc:
            if "tracking" in exc.problems:
                self.tracking_problem.show_problem(exc.problems["tracking"])
            self._say("Not sent: " + "; ".join(exc.problems.values()), problem=True)
            return
        except ServiceError as exc:
            self._say(f"Not sent: {exc}", problem=True)
            return
        self._say(f"{ref} sent to {self.vendors[code].name} with "
                  f"{days_text(len(numbers), 'envelope')}; expected back {writing.day(back)}.")
        self.last_ref = ref
        self.manifest_button.setText(f"Print the manifest for {ref}…")
        self.manifest_button.show()
        self.pieces.clear()
        self.tracking.clear()
        self.tracking_problem.show_problem(None)
        self._show_insured()
        self.sent.emit(ref)

    def _say(self, text: str, problem: bool = False) -> None:
        self.message.setStyleSheet(f"color: {PROBLEM_COLOUR if problem else DONE_COLOUR};")
        self.message.setText(text)


class SendParcelDialog(QDialog):
    """"Send in a parcel…" from a ticket or the bench: a new parcel with the piece in it."""

    def __init__(self, ctx: AppContext, numbers: Sequence[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Send in a parcel — " + ", ".join(numbers))
        self.resize(980, 560)
        self.form = SendParcel(ctx, self)
        self.form.add_pieces(numbers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.form.sent.connect(lambda _ref: buttons.button(
            QDialogButtonBox.StandardButton.Close).setFocus())
        layout = QVBoxLayout(self)
        layout.addWidget(self.form, 1)
        layout.addWidget(buttons)
        self.form.tracking.setFocus()
