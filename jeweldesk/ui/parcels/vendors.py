"""Vendors: who they are, what they quote, and what their own parcels say they really do.

Everyone sees the list; a manager adds, edits and retires vendors here. A vendor with
history is never deleted: retired, it stays on its parcels and is offered for no new ones.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain.errors import ServiceError
from jeweldesk.domain.kinds import Role
from jeweldesk.services.vendor_book import bring_back_vendor, retire_vendor, vendor_details
from jeweldesk.services.vendors import ParcelLine, VendorRecord, parcels, vendor_records
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.rows import LATE_RED, QUIET_GREY, Column, RowsModel, day
from jeweldesk.ui.common.widgets import PROBLEM_COLOUR, days_text, heading, muted
from jeweldesk.ui.parcels.turnaround_chart import TurnaroundChart
from jeweldesk.ui.parcels.vendor_form import VendorDialog


def _days(value: float | int | None) -> str:
    return "—" if value is None else f"{value:g} d"


def _share(record: VendorRecord) -> str:
    return "—" if record.on_time_share is None else f"{record.on_time_share:.0%}"


def _slower_than_quoted(record: VendorRecord) -> bool:
    return record.median_days is not None and record.median_days > record.quoted_days


VENDOR_COLUMNS = (
    Column("Vendor", lambda r: r.name if r.active else f"{r.name} (retired)",
           bold=lambda r: r.active, colour=lambda r: None if r.active else QUIET_GREY),
    Column("Quoted", lambda r: _days(r.quoted_days), sort=lambda r: r.quoted_days, right=True),
    Column("Median", lambda r: _days(r.median_days), sort=lambda r: r.median_days or 0,
           colour=lambda r: LATE_RED if _slower_than_quoted(r) else None, right=True),
    Column("Slow", lambda r: _days(r.slow_days), sort=lambda r: r.slow_days or 0,
           right=True),
    Column("On time", _share, sort=lambda r: r.on_time_share or 0, right=True),
    Column("Out", lambda r: f"{r.open_parcels}" + (f" · {r.overdue_parcels} late"
                                                       if r.overdue_parcels else ""),
           colour=lambda r: LATE_RED if r.overdue_parcels else None),
)


def parcel_columns() -> tuple[Column, ...]:
    return (
        Column("Parcel", lambda p: p.ref, bold=lambda p: True),
        Column("Vendor", lambda p: p.vendor_name),
        Column("Sent", _sent, sort=lambda p: p.sent_at),
        Column("Tracking", lambda p: p.tracking or "—", sort=lambda p: p.tracking or ""),
        Column("Pieces", lambda p: f"{len(p.pieces) - len(p.missing)} of {len(p.pieces)} back",
               colour=lambda p: LATE_RED if p.missing and p.overdue else None),
        Column("Expected back", lambda p: day(p.expected_back), sort=lambda p: p.expected_back),
        Column("", _parcel_state, colour=_parcel_colour, bold=lambda p: p.overdue),
    )


def _sent(line: ParcelLine) -> str:
    when = day(line.sent_at.date())
    return f"{when} by {line.carrier}" if line.carrier else when


def _parcel_state(line: ParcelLine) -> str:
    if line.overdue:
        return f"OVERDUE {line.days_overdue} d — missing {', '.join(line.missing)}"
    if line.is_open:
        return "out" if len(line.missing) == len(line.pieces) else (
            f"open — missing {', '.join(line.missing)}")
    return f"back {day(line.received_at.date())}" if line.received_at else ""


def _parcel_colour(line: ParcelLine) -> QColor | None:
    return LATE_RED if line.overdue else None if line.is_open else QUIET_GREY


class VendorsScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.vendors = RowsModel(VENDOR_COLUMNS, self)
        self.vendor_view = QTableView()
        self.vendor_view.setModel(self.vendors)
        self.vendor_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.vendor_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.vendor_view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.vendor_view.verticalHeader().hide()
        header = self.vendor_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.vendor_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.vendor_view.selectionModel().selectionChanged.connect(self._picked)

        self.add_button = QPushButton("Add vendor…")
        self.add_button.clicked.connect(lambda: self.add_vendor())
        self.edit_button = QPushButton("Edit…")
        self.edit_button.clicked.connect(lambda: self.edit_vendor())
        self.retire_button = QPushButton("Retire")
        self.retire_button.setToolTip("No new parcels or work go to a retired vendor; its "
                                      "parcels and history stay on record")
        self.retire_button.clicked.connect(lambda: self.retire_or_bring_back())
        self.show_retired = QCheckBox("Show retired vendors")
        self.show_retired.toggled.connect(lambda _on: self.reload())
        self.vendor_dialog: VendorDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.empty = muted("No vendor on record yet. Work that leaves the store goes to a "
                           "vendor in a parcel; a manager adds vendors here (Add vendor…).")

        self.title = heading("")
        self.contact = QLabel()
        self.contact.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contact.setWordWrap(True)
        self.record = QLabel()
        self.record.setWordWrap(True)
        self.chart = TurnaroundChart()
        self.parcels = RowsModel(parcel_columns(), self)
        self.parcel_view = QTableView()
        self.parcel_view.setModel(self.parcels)
        self.parcel_view.verticalHeader().hide()
        self.parcel_view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.parcel_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.parcel_view.horizontalHeader().setStretchLastSection(True)
        self.parcel_view.setColumnHidden(1, True)  # the vendor is the one picked
        self.parcel_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.parcel_view.setWordWrap(False)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.addWidget(self.title)
        detail_layout.addWidget(self.contact)
        detail_layout.addWidget(self.record)
        detail_layout.addWidget(self.chart, 2)
        detail_layout.addWidget(heading("Parcels", 1))
        detail_layout.addWidget(self.parcel_view, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(heading("Vendors", 1))
        left_layout.addWidget(muted("The real record is learned from each vendor's own "
                                    "parcels: days from sending to the last piece back. "
                                    "Slow: four in five parcels are back within it. On time: "
                                    "back by the quoted date."))
        left_layout.addWidget(self.empty)
        left_layout.addWidget(self.vendor_view, 1)
        manage = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.retire_button):
            button.setAutoDefault(False)
            manage.addWidget(button)
        manage.addStretch(1)
        manage.addWidget(self.show_retired)
        left_layout.addLayout(manage)
        left_layout.addWidget(self.message)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(detail)
        split.setSizes([615, 685])
        layout = QVBoxLayout(self)
        layout.addWidget(split)

        self._stale = False
        ctx.changed.connect(self._changed)
        ctx.user_changed.connect(self._may_manage)
        self._may_manage()
        self.reload()

    def _may_manage(self) -> None:
        """Only a manager changes vendors (the services hold everyone else to it too)."""
        manager = self.ctx.has_user and self.ctx.user.role == Role.MANAGER
        for widget in (self.add_button, self.edit_button, self.retire_button,
                       self.show_retired):
            widget.setVisible(manager)
        if not manager and self.show_retired.isChecked():
            self.show_retired.setChecked(False)

    def current(self) -> VendorRecord | None:
        rows = self.vendor_view.selectionModel().selectedRows()
        return self.vendors.row_at(rows[0].row()) if rows else None

    def _changed(self) -> None:
        # A vendor's record reads every parcel it ever had: worth it only when someone looks.
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()

    def reload(self) -> None:
        keep = self.current()
        self.vendors.set_rows(vendor_records(self.ctx.db,
                                             include_inactive=self.show_retired.isChecked()))
        self.empty.setVisible(not self.vendors.rows)
        # The name gives way (cut short) so the figures always show; set after each reset,
        # which forgets per-column sizing.
        self.vendor_view.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        codes = [r.code for r in self.vendors.rows]
        if codes:
            self.select(keep.code if keep and keep.code in codes else codes[0])
        else:
            self._show_nobody()
        self._buttons_for(self.current())

    def select(self, code: str) -> None:
        for row, record in enumerate(self.vendors.rows):
            if record.code == code:
                self.vendor_view.selectRow(row)
                self.show_vendor(record)

    def _picked(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        record = self.current()
        if record is not None:
            self.show_vendor(record)
        self._buttons_for(record)

    def _buttons_for(self, record: VendorRecord | None) -> None:
        self.edit_button.setEnabled(record is not None)
        self.retire_button.setEnabled(record is not None)
        self.retire_button.setText("Bring back" if record and not record.active else "Retire")

    def _show_nobody(self) -> None:
        for label in (self.title, self.contact, self.record):
            label.setText("")
        self.chart.set_record((), 0, None)
        self.parcels.set_rows([])

    def show_vendor(self, record: VendorRecord) -> None:
        self.title.setText(record.name if record.active else f"{record.name} (retired)")
        lines = [" · ".join(x for x in (record.contact, record.phone, record.email) if x)]
        if record.address:
            lines.append(record.address.replace("\n", ", "))
        how = " · ".join(x for x in (record.work, f"Parcels go {record.ships}"
                                     if record.ships else "") if x)
        if how:
            lines.append(how)
        self.contact.setText("\n".join(line for line in lines if line))
        self.record.setText(_record_words(record))
        self.chart.set_record(record.series, record.quoted_days, record.median_days)
        self.parcels.set_rows(parcels(self.ctx.db, vendor=record.code))


    # --- a manager's changes ---------------------------------------------------------

    def add_vendor(self) -> VendorDialog:
        self.vendor_dialog = VendorDialog(self.ctx, None, self)
        self.vendor_dialog.accepted.connect(lambda: self._saved(self.vendor_dialog))
        self.vendor_dialog.open()
        return self.vendor_dialog

    def edit_vendor(self) -> VendorDialog | None:
        record = self.current()
        if record is None:
            return None
        try:
            info = vendor_details(self.ctx.db, record.code)  # fresh, with its version
        except ServiceError as exc:
            self._say(str(exc), problem=True)
            return None
        self.vendor_dialog = VendorDialog(self.ctx, info, self)
        self.vendor_dialog.accepted.connect(lambda: self._saved(self.vendor_dialog))
        self.vendor_dialog.open()
        return self.vendor_dialog

    def _saved(self, dialog: VendorDialog | None) -> None:
        if dialog is None or dialog.saved is None:
            return
        self.reload()
        self.select(dialog.saved)
        self._say(f"{dialog.name.text().strip()} is on record.")

    def retire_or_bring_back(self) -> QMessageBox | None:
        record = self.current()
        if record is None:
            return None
        if not record.active:
            self._change(lambda: bring_back_vendor(self.ctx.db, record.code, self.ctx.user.code),
                         f"{record.name} is offered for new parcels again.")
            return None
        still_out = (f" {days_text(record.open_parcels, 'parcel')} still out with them can be "
                     "checked in as usual." if record.open_parcels else "")
        box = QMessageBox(QMessageBox.Icon.Question, f"Retire {record.name}?",
                          f"Retire {record.name}? No new parcels or work will go to them. "
                          f"Their parcels and history stay on record.{still_out}",
                          QMessageBox.StandardButton.Cancel, self)
        retire = box.addButton("Retire", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        def answered(clicked: object) -> None:
            if clicked is retire:
                self._change(lambda: retire_vendor(self.ctx.db, record.code, self.ctx.user.code),
                             f"{record.name} is retired: kept on its parcels, offered for no "
                             "new ones.")

        box.buttonClicked.connect(answered)
        self.confirm_box = box
        box.open()
        return box

    def _change(self, change: Callable[[], object], done: str) -> None:
        try:
            change()
        except ServiceError as exc:
            self._say(str(exc), problem=True)
            return
        self._say(done)

    def _say(self, text: str, problem: bool = False) -> None:
        self.message.setStyleSheet(f"color: {PROBLEM_COLOUR};" if problem else "")
        self.message.setText(text)


def _record_words(record: VendorRecord) -> str:
    if record.median_days is None:
        return f"Quotes {record.quoted_days} days. No parcel back yet, so no record of its own."
    words = (f"Quotes {record.quoted_days} days. Really takes {record.median_days:g} days "
             f"(median of {record.parcels_back} parcels); four in five are back within "
             f"{record.slow_days} days.")
    if record.on_time_share is not None:
        words += f" {record.on_time_share:.0%} came back by the quoted date."
    if record.overdue_parcels:
        words += f" {days_text(record.overdue_parcels, 'parcel')} overdue now."
    return words
