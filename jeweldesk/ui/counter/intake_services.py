"""The services for one piece: picked from the catalog by typing, or written in with their own
words and price when the catalog has no line for the work (a shank repair); prices editable."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain import writing
from jeweldesk.domain.money import ZERO
from jeweldesk.services.intake import WRITE_IN, ServiceLine
from jeweldesk.services.store import CatalogEntry
from jeweldesk.ui.common.fields import NOTE_STYLE, money_or_problem
from jeweldesk.ui.common.rows import Column, RowsModel
from jeweldesk.ui.common.widgets import ProblemLabel, as_label

SERVICE, PRICE, OUT, TO_CATALOG = range(4)


@dataclass
class _Line:
    """One service line as it stands in the table; the price as typed."""

    code: str
    description: str
    price: str
    goes_out: bool
    add_to_catalog: bool = False

    @property
    def written_in(self) -> bool:
        return self.code in ("", WRITE_IN)


def _set_description(line: _Line, text: str) -> None:
    line.description = text


def _set_price(line: _Line, text: str) -> None:
    line.price = text


def _set_goes_out(line: _Line, on: bool) -> None:
    line.goes_out = on


def _set_to_catalog(line: _Line, on: bool) -> None:
    line.add_to_catalog = on


LINE_COLUMNS = (
    Column("Service", lambda line: line.description, edit=_set_description),
    Column("Price", lambda line: line.price, edit=_set_price, right=True),
    Column("Goes out", lambda _line: "", checked=lambda line: line.goes_out,
           check=_set_goes_out),
    # Only a manager sees this column; only a written-in line can be ticked.
    Column("Add to catalog", lambda _line: "",
           checked=lambda line: line.add_to_catalog if line.written_in else False,
           check=lambda line, on: _set_to_catalog(line, on and line.written_in),
           tip=lambda line: "Add this service to the catalog at this price, for next time"
           if line.written_in else "Already in the catalog"),
)


class ServicesEditor(QWidget):
    changed = Signal()

    def __init__(self, catalog: list[CatalogEntry], parent: QWidget | None = None,
                 may_add_to_catalog: bool = False) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.picker = QLineEdit()
        self.picker.setPlaceholderText("Type a service and press Enter: retip, sizing, rhodium …")
        self.picker.textChanged.connect(self._show_match)
        self.picker.returnPressed.connect(self._add_typed)
        self.browse = QToolButton()
        self.browse.setText("Catalog")
        self.browse.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.browse.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        menu = QMenu(self.browse)
        for entry in catalog:
            price = writing.money(entry.default_price)
            action = QAction(as_label(f"{entry.name}  ({price})"), menu)
            action.triggered.connect(lambda _=False, e=entry: self.add(e))
            menu.addAction(action)
        menu.addSeparator()
        write_in = QAction("Write in a service the catalog does not have…", menu)
        write_in.triggered.connect(lambda: self.write_in(self.picker.text()))
        menu.addAction(write_in)
        self.browse.setMenu(menu)
        self.match = QLabel()
        self.match.setStyleSheet(NOTE_STYLE)

        self.model = RowsModel(LINE_COLUMNS, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(SERVICE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PRICE, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(OUT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TO_CATALOG, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnHidden(TO_CATALOG, not may_add_to_catalog)
        self.table.setColumnWidth(PRICE, 100)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setMinimumHeight(110)
        self.table.setMaximumHeight(140)
        self.model.dataChanged.connect(self._item_changed)
        self.table.installEventFilter(self)
        self.problem = ProblemLabel()

        picking = QHBoxLayout()
        picking.setContentsMargins(0, 0, 0, 0)
        picking.addWidget(self.picker, 1)
        picking.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(picking)
        layout.addWidget(self.match)
        layout.addWidget(self.table)
        layout.addWidget(self.problem)
        self._show_match("")

    # Picking ---------------------------------------------------------------------------

    def entry_for(self, text: str) -> CatalogEntry | None:
        wanted = text.strip().lower()
        if not wanted:
            return None
        for test in (
            lambda e: e.name.lower() == wanted or e.code == wanted,
            lambda e: e.name.lower().startswith(wanted),
            lambda e: wanted in e.name.lower() or wanted in e.code.replace("_", " "),
        ):
            found = [e for e in self.catalog if test(e)]
            if found:
                return found[0]
        return None

    def _show_match(self, text: str) -> None:
        entry = self.entry_for(text)
        if entry is not None:
            self.match.setText(f"Enter adds: {entry.name} — {writing.money(entry.default_price)}")
        elif text.strip():
            self.match.setText(f"Nothing in the catalog like “{text.strip()}”: Enter writes it "
                               "in, with its own price")
        else:
            self.match.setText("Or pick from the catalog; prices can be changed in the table.")

    def _add_typed(self) -> None:
        text = self.picker.text()
        entry = self.entry_for(text)
        if entry is None:
            if text.strip():
                self.write_in(text)
            return
        self.add(entry)
        self.picker.clear()

    def write_in(self, text: str) -> None:
        """A line in the counter's own words; its price is asked for at once, in the table."""
        words = " ".join(text.split())
        words = words[:1].upper() + words[1:]
        row = self.model.append(_Line(WRITE_IN, words, "", False))
        self.picker.clear()
        self._item_changed()
        self.table.setFocus()
        column = PRICE if words else SERVICE
        self.table.setCurrentIndex(self.model.index(row, column))
        self.table.edit(self.model.index(row, column))

    def add(self, entry: CatalogEntry, price: Decimal | None = None) -> None:
        self.add_line(entry.code, entry.name,
                      entry.default_price if price is None else price, entry.usually_outside)

    def add_line(self, code: str, description: str, price: Decimal, goes_out: bool) -> None:
        """One line as given: a catalog pick, or a line already on a ticket being edited."""
        self.model.append(_Line(code, description, writing.amount(price), goes_out))
        self._item_changed()

    def clear_lines(self) -> None:
        self.model.set_rows([])
        self._item_changed()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedIndexes()},
                      reverse=True)
        for row in rows:
            self.model.remove(row)
        if rows:
            self._item_changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
                and self.table.state() != QAbstractItemView.State.EditingState):
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)

    # Reading -------------------------------------------------------------------------------

    def _item_changed(self, *_changed: object) -> None:
        self.check_prices()
        self.changed.emit()

    def rows(self) -> list[tuple[str, str, str, bool]]:
        """(code, description, price as typed, goes out) for each line."""
        return [(line.code, line.description, line.price, line.goes_out)
                for line in self.model.rows]

    def check_prices(self) -> bool:
        for n, (_code, description, price, _out) in enumerate(self.rows()):
            _amount, problem = money_or_problem(price, required=True)
            if problem:
                self.problem.show_problem(f"{description or f'line {n + 1}'}: price {problem}")
                return False
        self.problem.show_problem(None)
        return True

    def total(self) -> Decimal:
        total = ZERO
        for _code, _description, price, _out in self.rows():
            amount, _problem = money_or_problem(price)
            total += amount or ZERO
        return total

    def lines(self, vendor: str | None) -> tuple[ServiceLine, ...]:
        return tuple(ServiceLine(line.code, line.description, line.price.strip(),
                                 vendor if line.goes_out else None,
                                 add_to_catalog=line.written_in and line.add_to_catalog)
                     for line in self.model.rows)

    def goes_out(self) -> bool:
        return any(out for *_rest, out in self.rows())
