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
from jeweldesk.domain.money import MoneyError, money
from jeweldesk.domain.way import Way
from jeweldesk.printing import default_terms
from jeweldesk.services.store import (
    LONGEST_IDLE_LOCK,
    PIN_LENGTHS,
    CatalogEntry,
    catalog,
    save_catalog,
    store_settings,
    store_today,
    update_store,
)
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.fields import as_the_store_writes, to_qdate
from jeweldesk.ui.common.rows import Column, RowsModel
from jeweldesk.ui.common.widgets import MUTED_COLOUR, heading, muted
from jeweldesk.ui.settings.days_off import DaysOffTab
from jeweldesk.ui.settings.leaving import LeaveGuard
from jeweldesk.ui.settings.money import MoneyTab
from jeweldesk.ui.settings.note_wording import NoteWordingTab
from jeweldesk.ui.settings.saved import country_box, saved_line, say
from jeweldesk.ui.settings.sending import SendingTab
from jeweldesk.ui.settings.staff import StaffTab
from jeweldesk.ui.settings.way_box import WayBox
from jeweldesk.ui.settings.wording import WordingTab

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
    return _CatalogLine(entry.code, entry.name, writing.amount(entry.default_price),
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
        self.country = country_box()
        self.way = WayBox()
        self.country.currentIndexChanged.connect(
            lambda _n: self.way.offer_locales(self.country.currentData()))
        self.pin_digits = QComboBox()
        for digits in PIN_LENGTHS:
            self.pin_digits.addItem(f"{digits} digits or more", digits)
        self.idle_lock = QSpinBox()
        self.idle_lock.setRange(0, LONGEST_IDLE_LOCK)
        self.idle_lock.setSuffix(" minutes idle")
        self.idle_lock.setSpecialValueText("Never")
        self.days = [QCheckBox(day) for day in WEEKDAYS]
        self.unclaimed = QSpinBox()
        self.unclaimed.setRange(1, 3650)
        self.unclaimed.setSuffix(" days")
        self.terms = QPlainTextEdit()
        self.closed = QListWidget()
        self.closed.setMaximumHeight(120)
        self.closed_pick = QDateEdit()
        self.closed_pick.setCalendarPopup(True)
        as_the_store_writes(self.closed_pick)
        self.closed_pick.setDate(to_qdate(store_today(ctx.db)))
        self.add_closed = QPushButton("Add closed day")
        self.remove_closed = QPushButton("Remove")
        self.save_button, self.message, saved = saved_line()

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
        form.addRow("Country", self.country)
        form.addRow("Money in", self.way)
        form.addRow("", self.way.sample)
        form.addRow("", muted("A new currency relabels the amounts already on record; it "
                              "converts none of them."))
        form.addRow("Time zone", self.timezone)
        form.addRow("Open on", days)
        form.addRow("Closed dates", self.closed)
        form.addRow("", closed_row)
        form.addRow("Unclaimed after", self.unclaimed)
        form.addRow("PIN length required", self.pin_digits)
        form.addRow("Lock the window after", self.idle_lock)
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
        self.country.setCurrentIndex(self.country.findData(settings.country))
        self.way.set_way(Way(settings.locale, settings.currency))
        self.pin_digits.setCurrentIndex(max(0, self.pin_digits.findData(settings.pin_digits)))
        self.idle_lock.setValue(settings.idle_lock_minutes)
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
            country=self.country.currentData(),
            currency=self.way.way().currency,
            locale=self.way.way().locale,
            pin_digits=self.pin_digits.currentData(),
            idle_lock_minutes=self.idle_lock.value(),
        )
        try:
            update_store(self.ctx.db, settings, by=self.ctx.user.code)
        except ServiceError as exc:
            say(self.message, exc.said)
            return
        self._settings = store_settings(self.ctx.db)
        self.phone.setText(self._settings.phone or "")  # as the store writes it
        say(self.message, "Saved.", good=True)


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
        self.save_button, self.message, saved = saved_line()
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
            except MoneyError as exc:
                problems.append(f"{code or 'row ' + str(r + 1)}: the price {exc}")
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
            say(self.message, "Nothing was saved: " + "; ".join(exc.problems.values()))
            return
        say(self.message, "Saved.", good=True)
        self.load()


class SettingsScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = StoreTab(ctx)
        self.catalog = CatalogTab(ctx)
        self.staff = StaffTab(ctx)
        self.days_off = DaysOffTab(ctx)
        self.note_wording = NoteWordingTab(ctx)
        self.money = MoneyTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.store, "Store and hours")
        self.tabs.addTab(self.catalog, "Services and prices")
        self.tabs.addTab(self.money, "Money and tax")
        self.tabs.addTab(self.staff, "Staff")
        self.tabs.addTab(self.days_off, "Days off")
        self.tabs.addTab(self.note_wording, "Thank-you note")
        self.wording = WordingTab(ctx)
        self.tabs.addTab(self.wording, "Notices")
        self.sending = SendingTab(ctx)
        self.tabs.addTab(self.sending, "Mail and texts")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading("Settings"))
        layout.addWidget(self.tabs, 1)
        self.guard = LeaveGuard(self.tabs)

    def may_leave(self) -> bool:
        """Asked by the window before another screen opens, or the window closes."""
        return self.guard.may_leave(self)


def _own_terms(text: str) -> str | None:
    """None while the store keeps the shipped wording, so it follows JewelDesk's updates."""
    text = text.strip()
    return None if not text or text == default_terms().strip() else text
