"""The Tickets board: every ticket, filtered and sorted in the database, a page at a time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain.status import NOT_CLOSED_STATUSES, Status
from jeweldesk.services.board import UNASSIGNED, BoardFilter, board_choices
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.fields import as_the_store_writes
from jeweldesk.ui.common.widgets import heading, list_look, muted
from jeweldesk.ui.counter.board_model import (
    BALANCE,
    CUSTOMER,
    ITEM,
    JEWELER,
    NUMBER,
    NUMBER_ROLE,
    PROMISED,
    RECEIVED,
    STATUS,
    VENDOR,
    BoardModel,
)

NO_DATE = QDate(2000, 1, 1)  # the date edits' "any" value, shown as a word
OPEN, EVERY = "open", "every"
TYPING_PAUSE_MS = 250
COLUMN_WIDTHS = {NUMBER: 75, CUSTOMER: 175, STATUS: 115, JEWELER: 120, VENDOR: 165,
                 PROMISED: 110, RECEIVED: 95, BALANCE: 85}


def _date_edit(placeholder: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    as_the_store_writes(edit)
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText(placeholder)
    edit.setDate(NO_DATE)
    edit.setMinimumWidth(115)
    return edit


def _chosen(edit: QDateEdit) -> date | None:
    value = edit.date()
    return None if value == NO_DATE else date(value.year(), value.month(), value.day())


class TicketBoard(QWidget):
    def __init__(self, ctx: AppContext, open_ticket: Callable[[str], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._open_ticket = open_ticket
        self.model = BoardModel(ctx.db, self)

        self.text = QLineEdit()
        self.text.setPlaceholderText("Customer, phone or ticket number")
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(150)
        self.status = QComboBox()
        self.status.addItem("Open tickets", OPEN)
        self.status.addItem("Every ticket", EVERY)
        for status in Status:
            self.status.addItem(status.label, status.value)
        self.jeweler = QComboBox()
        self.vendor = QComboBox()
        self.promised_from = _date_edit("any day")
        self.promised_to = _date_edit("any day")
        self.clear = QPushButton("Clear filters")
        self.count = muted("")
        for combo in (self.status, self.jeweler, self.vendor):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        self.status.setToolTip("Status")
        self.jeweler.setToolTip("Jeweler")
        self.vendor.setToolTip("Vendor")
        self._fill_choices()

        self.table = list_look(QTableView(), row_height=28)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ITEM, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        for column, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self._activated)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.text, 2)
        for widget in (self.status, self.jeweler, self.vendor):
            filters.addWidget(widget)
        filters.addSpacing(8)
        for label, date_edit in (("Promised", self.promised_from), ("to", self.promised_to)):
            filters.addWidget(QLabel(label))
            filters.addWidget(date_edit)
        filters.addWidget(self.clear)

        top = QHBoxLayout()
        top.addWidget(heading("Tickets"))
        top.addStretch(1)
        top.addWidget(self.count)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.apply_filters)
        self.text.textChanged.connect(self._typing.start)
        for combo in (self.status, self.jeweler, self.vendor):
            combo.currentIndexChanged.connect(self.apply_filters)
        for edit in (self.promised_from, self.promised_to):
            edit.dateChanged.connect(self.apply_filters)
        self.clear.clicked.connect(self.clear_filters)
        ctx.changed.connect(self.refresh)

        self.table.sortByColumn(PROMISED, Qt.SortOrder.AscendingOrder)
        self._update_count()

    def _fill_choices(self) -> None:
        choices = board_choices(self.ctx.db)
        for combo, first, items in (
            (self.jeweler, "Any jeweler", choices.jewelers),
            (self.vendor, "Any vendor", choices.vendors),
        ):
            kept = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            if combo is self.jeweler:
                combo.addItem("Nobody yet", UNASSIGNED)
            for code, name in items:
                combo.addItem(name, code)
            found = combo.findData(kept)
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)

    def current_filter(self) -> BoardFilter:
        chosen = self.status.currentData()
        if chosen == OPEN:
            statuses = frozenset(NOT_CLOSED_STATUSES)
        elif chosen == EVERY:
            statuses = frozenset()
        else:
            statuses = frozenset({Status(chosen)})
        return BoardFilter(
            statuses=statuses,
            jeweler=self.jeweler.currentData(),
            vendor=self.vendor.currentData(),
            promised_from=_chosen(self.promised_from),
            promised_to=_chosen(self.promised_to),
            text=self.text.text(),
        )

    def apply_filters(self) -> None:
        self._typing.stop()
        self.model.set_filter(self.current_filter())
        self._update_count()

    def clear_filters(self) -> None:
        widgets = (self.text, self.status, self.jeweler, self.vendor, self.promised_from,
                   self.promised_to)
        for widget in widgets:
            widget.blockSignals(True)
        self.text.clear()
        for combo in (self.status, self.jeweler, self.vendor):
            combo.setCurrentIndex(0)
        self.promised_from.setDate(NO_DATE)
        self.promised_to.setDate(NO_DATE)
        for widget in widgets:
            widget.blockSignals(False)
        self.apply_filters()

    def refresh(self) -> None:
        """Someone changed something: read again, keeping the place and the selection."""
        selected = self.selected_number()
        scroll = self.table.verticalScrollBar().value()
        self._fill_choices()
        self.model.reload(keep_loaded=True)
        self.table.verticalScrollBar().setValue(scroll)
        if selected is not None:
            row = self.model.row_of(selected)
            if row is not None:
                self.table.selectRow(row)
        self._update_count()

    def selected_number(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(NUMBER_ROLE) if rows else None

    def focus_table(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def _update_count(self) -> None:
        total = self.model.total
        self.count.setText(f"{total:,} ticket{'s' if total != 1 else ''}")

    def _activated(self, index: QModelIndex) -> None:
        number = index.data(NUMBER_ROLE)
        if number:
            self._open_ticket(number)
