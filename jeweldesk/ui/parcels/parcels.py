"""Parcels: a new one built by scan and sent, one received, and every parcel found by its
tracking number; what is out and what is overdue."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.services.vendors import find_parcels, open_parcels
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.documents import show_manifest
from jeweldesk.ui.common.rows import RowsModel
from jeweldesk.ui.common.widgets import days_text, heading, muted, table_view
from jeweldesk.ui.parcels.receive import ReceiveParcel
from jeweldesk.ui.parcels.send import SendParcel
from jeweldesk.ui.parcels.vendors import parcel_columns

OUT_HINT = ("Longest due first. A parcel past its expected date and not all back is "
            "overdue. Find any parcel, out or back, by its tracking number: scan the label "
            "or type part of it.")


class ParcelsScreen(QWidget):
    """Send, receive, and the parcels still out — overdue ones marked — or any parcel found."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.send = SendParcel(ctx)
        self.receive = ReceiveParcel(ctx)
        self.out = RowsModel(parcel_columns(), self)
        out_view = table_view(self.out)
        out_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find a parcel: scan its label or type its tracking "
                                     "number, its parcel number or the vendor")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.show_parcels())
        self.search.returnPressed.connect(self._found)
        self.out_title = heading("Parcels out", 1)
        out_page = QWidget()
        out_layout = QVBoxLayout(out_page)
        out_layout.addWidget(self.out_title)
        out_layout.addWidget(muted(OUT_HINT))
        out_layout.addWidget(self.search)
        out_layout.addWidget(out_view, 1)
        self.out_view = out_view
        manifest = QPushButton("Print the manifest…")
        manifest.clicked.connect(self.print_selected_manifest)
        out_view.doubleClicked.connect(lambda _index: self.print_selected_manifest())
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(manifest)
        out_layout.addLayout(row)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.send, "New parcel")
        self.tabs.addTab(self.receive, "Receive a parcel")
        self.tabs.addTab(out_page, "Parcels out")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(lambda _index: self._scan_here())
        ctx.changed.connect(self.reload)
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._scan_here()

    def _scan_here(self) -> None:
        """The open tab's own box has the keyboard: a scan there goes in the parcel, comes
        back out of it, or finds it, where the window's search box would open the ticket."""
        box = {0: self.send.scan_box, 1: self.receive.scan_box}.get(self.tabs.currentIndex(),
                                                                      self.search)
        box.setFocus(Qt.FocusReason.OtherFocusReason)

    def print_selected_manifest(self) -> None:
        index = self.out_view.currentIndex()
        if index.isValid():
            show_manifest(self.ctx, self.out.row_at(index.row()).ref, self)

    def reload(self) -> None:
        self.send.fill_vendors()
        self.receive.reload()
        self.show_parcels()

    def show_parcels(self) -> None:
        """The parcels out, or, while something is typed or scanned, the parcels it finds."""
        wanted = self.search.text().strip()
        out = open_parcels(self.ctx.db)
        overdue = sum(1 for p in out if p.overdue)
        self.tabs.setTabText(2, f"Parcels out ({len(out)}"
                                + (f", {overdue} overdue)" if overdue else ")"))
        if not wanted:
            self.out.set_rows(out)
            self.out_title.setText("Parcels out")
            return
        found = find_parcels(self.ctx.db, wanted)
        self.out.set_rows(found)
        self.out_title.setText(
            f"{days_text(len(found), 'parcel')} found for “{wanted}”" if found else
            f"No parcel found for “{wanted}”: check the number, or clear the box to see the "
            "parcels out")

    def _found(self) -> None:
        """Enter (a scanner's too) picks the first parcel found; the text stays selected so
        the next scan replaces it."""
        if self.out.rowCount() >= 1:
            self.out_view.selectRow(0)
        self.search.selectAll()
