"""Settings, for the manager: the store and its hours, closed dates, terms, prices, staff,
and the jewelers' planned days off."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from zoneinfo import available_timezones

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain import writing
from jeweldesk.domain.errors import Invalid, ServiceError
from jeweldesk.domain.kinds import Role
from jeweldesk.domain.money import MoneyError, money
from jeweldesk.printing import default_terms
from jeweldesk.services.store import (
    CatalogEntry,
    StaffMember,
    add_staff,
    catalog,
    list_staff,
    save_catalog,
    store_settings,
    store_today,
    update_staff,
    update_store,
)
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.fields import DAY_EDIT_FORMAT, to_qdate
from jeweldesk.ui.common.rows import Column, RowsModel, rows_of
from jeweldesk.ui.common.widgets import MUTED_COLOUR, ProblemLabel, heading, muted, row_picker
from jeweldesk.ui.settings.days_off import DaysOffTab

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAY_ROLE = Qt.ItemDataRole.UserRole + 1
CODE, NAME, PRICE, BENCH_DAYS, OUTSIDE, ACTIVE = range(6)


@dataclass
class _CatalogLine:
    """One service as it stands in the table: typed text until it is saved."""

    code: str
    name: str
    price: str
    bench_days: str
    outside: bool
    active: bool
    new: bool  # only a service not yet saved may have its code typed


def _line(entry: CatalogEntry, new: bool) -> _CatalogLine:
    return _CatalogLine(entry.code, entry.name, f"{entry.default_price:.2f}",
                        str(entry.bench_days), entry.usually_outside, entry.active, new)


def _typed(title: str, field: str, **look: Any) -> Column:
    return Column(title, lambda line: getattr(line, field),
                  edit=lambda line, text: setattr(line, field, text), **look)


def _ticked(title: str, field: str) -> Column:
    return Column(title, lambda _line: "", checked=lambda line: getattr(line, field),
                  check=lambda line, on: setattr(line, field, on), selectable=False)


CATALOG_COLUMNS = (
    _typed("Code", "code", editable=lambda line: line.new),
    _typed("Service", "name"),
    _typed("Price", "price", right=True),
    _typed("Bench days", "bench_days"),
    _ticked("Usually sent out", "outside"),
    _ticked("Offered", "active"),
)


def _saved_line() -> tuple[QPushButton, ProblemLabel, QHBoxLayout]:
    button = QPushButton("Save")
    message = ProblemLabel()
    row = QHBoxLayout()
    row.addWidget(message, 1)
    row.addWidget(button)
    return button, message, row


def _say(label: ProblemLabel, text: str, good: bool = False) -> None:
    label.setStyleSheet("color: #1e6b35;" if good else "color: #b3261e;")
    label.show_problem(text)


class StoreTab(QWidget):
    """The store's details, open days, closed dates, receipt terms, unclaimed-item days."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.name = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setFixedHeight(56)
        self.phone = QLineEdit()
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(sorted(available_timezones()))
        self.days = [QCheckBox(day) for day in WEEKDAYS]
        self.unclaimed = QSpinBox()
        self.unclaimed.setRange(1, 3650)
        self.unclaimed.setSuffix(" days")
        self.terms = QPlainTextEdit()
        self.closed = QListWidget()
        self.closed.setMaximumHeight(120)
        self.closed_pick = QDateEdit()
        self.closed_pick.setCalendarPopup(True)
        self.closed_pick.setDisplayFormat(DAY_EDIT_FORMAT)
        self.closed_pick.setDate(to_qdate(store_today(ctx.db)))
        self.add_closed = QPushButton("Add closed day")
        self.remove_closed = QPushButton("Remove")
        self.save_button, self.message, saved = _saved_line()

        days = QHBoxLayout()
        for box in self.days:
            days.addWidget(box)
        days.addStretch(1)
        closed_row = QHBoxLayout()
        closed_row.addWidget(self.closed_pick)
        closed_row.addWidget(self.add_closed)
        closed_row.addWidget(self.remove_closed)
        closed_row.addStretch(1)
        form = QFormLayout()
        form.addRow("Store name", self.name)
        form.addRow("Address", self.address)
        form.addRow("Phone", self.phone)
        form.addRow("Time zone", self.timezone)
        form.addRow("Open on", days)
        form.addRow("Closed dates", self.closed)
        form.addRow("", closed_row)
        form.addRow("Unclaimed after", self.unclaimed)
        form.addRow("Receipt terms", self.terms)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addLayout(saved)
        self.add_closed.clicked.connect(self._add_closed_day)
        self.remove_closed.clicked.connect(
            lambda: [self.closed.takeItem(self.closed.row(i)) for i in self.closed.selectedItems()]
        )
        self.save_button.clicked.connect(self.save)
        self.load()

    def load(self) -> None:
        settings = store_settings(self.ctx.db)
        self._settings = settings
        self._today = store_today(self.ctx.db)
        self.name.setText(settings.name)
        self.address.setPlainText(settings.address or "")
        self.phone.setText(settings.phone or "")
        self.timezone.setCurrentText(settings.timezone)
        for n, box in enumerate(self.days, 1):
            box.setChecked(n in settings.open_weekdays)
        self.unclaimed.setValue(settings.unclaimed_days)
        # The terms that print: the store's own, or the wording JewelDesk ships with.
        self.terms.setPlainText(settings.receipt_terms or default_terms().strip())
        self.closed.clear()
        for day in settings.closed_dates:
            self._add_day(day)

    def _add_day(self, day: date) -> None:
        if day in self.closed_dates():
            return
        item = QListWidgetItem(writing.day(day, year=True))
        item.setData(DAY_ROLE, day)
        if day < self._today:
            item.setForeground(QColor(MUTED_COLOUR))
        later = [n for n in range(self.closed.count()) if self.closed.item(n).data(DAY_ROLE) > day]
        self.closed.insertItem(later[0] if later else self.closed.count(), item)

    def _add_closed_day(self) -> None:
        picked = self.closed_pick.date()
        self._add_day(date(picked.year(), picked.month(), picked.day()))

    def closed_dates(self) -> tuple[date, ...]:
        days = (self.closed.item(n).data(DAY_ROLE) for n in range(self.closed.count()))
        return tuple(sorted(days))

    def save(self) -> None:
        settings = replace(
            self._settings,
            name=self.name.text(),
            address=self.address.toPlainText().strip() or None,
            phone=self.phone.text().strip() or None,
            timezone=self.timezone.currentText().strip(),
            open_weekdays=tuple(n for n, box in enumerate(self.days, 1) if box.isChecked()),
            closed_dates=self.closed_dates(),
            receipt_terms=_own_terms(self.terms.toPlainText()),
            unclaimed_days=self.unclaimed.value(),
        )
        try:
            update_store(self.ctx.db, settings, by=self.ctx.user.code)
        except Invalid as exc:
            _say(self.message, "; ".join(exc.problems.values()))
            return
        self._settings = settings
        _say(self.message, "Saved.", good=True)
        self.ctx.did_change()


class CatalogTab(QWidget):
    """The services the store offers and their usual prices, edited in place."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.lines = RowsModel(CATALOG_COLUMNS, self)
        self.table = QTableView()
        self.table.setModel(self.lines)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton("Add a service")
        self.save_button, self.message, saved = _saved_line()
        saved.insertWidget(0, self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(muted("Double-click a name, price or bench days to change it."))
        layout.addWidget(self.table, 1)
        layout.addLayout(saved)
        self.add_button.clicked.connect(self.add_row)
        self.save_button.clicked.connect(self.save)
        self.load()

    def load(self) -> None:
        self.lines.set_rows([_line(entry, new=False)
                             for entry in catalog(self.ctx.db, include_inactive=True)])

    def add_row(self) -> None:
        row = self.lines.append(_line(CatalogEntry("", "", money("0"), 1, False), new=True))
        self.table.edit(self.lines.index(row, CODE))

    def entries(self) -> list[CatalogEntry]:
        problems = []
        found = []
        for r, line in enumerate(self.lines.rows):
            code = line.code.strip()
            try:
                price = money(line.price)
            except MoneyError:
                problems.append(f"{code or 'row ' + str(r + 1)}: the price is not money")
                continue
            days_text = line.bench_days.strip()
            if not days_text.isdigit():
                problems.append(f"{code or 'row ' + str(r + 1)}: bench days is a whole number")
                continue
            found.append(CatalogEntry(
                code, line.name.strip(), price, int(days_text), line.outside, line.active))
        if problems:
            raise Invalid({str(n): p for n, p in enumerate(problems)})
        return found

    def save(self) -> None:
        try:
            save_catalog(self.ctx.db, self.entries(), by=self.ctx.user.code)
        except Invalid as exc:
            _say(self.message, "Nothing was saved: " + "; ".join(exc.problems.values()))
            return
        _say(self.message, "Saved.", good=True)
        self.load()
        self.ctx.did_change()


class StaffTab(QWidget):
    """Who works here, their role, and their PIN."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.table = row_picker((
            Column("Code", lambda m: m.code),
            Column("Name", lambda m: m.name),
            Column("Role", lambda m: m.role.value.capitalize()),
            Column("Status", lambda m: ("works here" if m.active else "left")
                   + ("" if m.has_pin else ", no PIN")),
        ), stretch=1)
        self.code = QLineEdit()
        self.code.setMaxLength(8)
        self.name = QLineEdit()
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.value.capitalize(), role)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText("4 to 8 digits; leave empty to keep")
        self.active = QCheckBox("Works here")
        self.active.setChecked(True)
        self.new_button = QPushButton("New person")
        self.save_button, self.message, saved = _saved_line()
        saved.insertWidget(0, self.new_button)
        form = QFormLayout()
        form.addRow("Code (initials)", self.code)
        form.addRow("Name", self.name)
        form.addRow("Role", self.role)
        form.addRow("PIN", self.pin)
        form.addRow("", self.active)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 3)
        right = QVBoxLayout()
        right.addWidget(heading("Person", 1))
        right.addLayout(form)
        right.addStretch(1)
        right.addLayout(saved)
        layout.addLayout(right, 2)
        self.table.selectionModel().selectionChanged.connect(self._picked)
        self.new_button.clicked.connect(self.new_person)
        self.save_button.clicked.connect(self.save)
        self._editing: str | None = None
        self.load()

    def load(self) -> None:
        self._staff = list_staff(self.ctx.db, include_inactive=True)
        rows_of(self.table).refill(self._staff)

    def _picked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        member = self._staff[rows[0].row()]
        self._editing = member.code
        self.code.setText(member.code)
        self.code.setReadOnly(True)
        self.name.setText(member.name)
        self.role.setCurrentIndex(self.role.findData(member.role))
        self.active.setChecked(member.active)
        self.pin.clear()
        self.message.show_problem("")

    def new_person(self) -> None:
        self.table.clearSelection()
        self._editing = None
        self.code.setReadOnly(False)
        for field in (self.code, self.name, self.pin):
            field.clear()
        self.active.setChecked(True)
        self.code.setFocus()

    def save(self) -> None:
        member = StaffMember(self.code.text().strip(), self.name.text(), self.role.currentData(),
                             bool(self.pin.text()), self.active.isChecked())
        pin = self.pin.text() or None
        try:
            if self._editing is None:
                add_staff(self.ctx.db, member, self.ctx.user.code, pin)
            else:
                update_staff(self.ctx.db, member, self.ctx.user.code, pin)
        except ServiceError as exc:
            _say(self.message, exc.said)
            return
        _say(self.message, "Saved.", good=True)
        self.pin.clear()
        self._editing = member.code
        self.code.setReadOnly(True)
        self.load()
        self.ctx.did_change()


class SettingsScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = StoreTab(ctx)
        self.catalog = CatalogTab(ctx)
        self.staff = StaffTab(ctx)
        self.days_off = DaysOffTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.store, "Store and hours")
        self.tabs.addTab(self.catalog, "Services and prices")
        self.tabs.addTab(self.staff, "Staff")
        self.tabs.addTab(self.days_off, "Days off")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading("Settings"))
        layout.addWidget(self.tabs, 1)


def _own_terms(text: str) -> str | None:
    """None while the store keeps the shipped wording, so it follows JewelDesk's updates."""
    text = text.strip()
    return None if not text or text == default_terms().strip() else text
