"""Receiving a parcel: scan what is in the box; what was sent and is not there shows at once."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain.errors import NotFound, ServiceError
from jeweldesk.services.parcels import receive_parcel
from jeweldesk.services.vendors import ParcelLine, ParcelPiece, open_parcels, parcel_holding
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.rows import LATE_RED, QUIET_GREY, Column, RowsModel, day
from jeweldesk.ui.common.widgets import PROBLEM_COLOUR, days_text, muted, table_view

DONE_COLOUR = "#1e6b34"


class ReceiveParcel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.parcel: ParcelLine | None = None
        self.in_box: list[str] = []
        self.checked_in = False
        self.parcel_box = QComboBox()
        self.parcel_box.setMinimumWidth(420)
        self.parcel_box.currentIndexChanged.connect(lambda _i: self._parcel_picked())
        self.scan_box = QLineEdit()
        self.scan_box.setPlaceholderText("Scan each envelope that came back, or type its "
                                         "number + Enter")
        self.scan_box.returnPressed.connect(self._scanned)
        self.pieces = RowsModel((
            Column("Ticket", lambda p: p.number, bold=lambda p: True),
            Column("Customer", lambda p: p.customer_name),
            Column("Piece", lambda p: p.item),
            Column("Instructions", lambda p: p.instructions or ""),
            Column("", self._state, colour=self._colour, bold=self._missing),
        ), self)
        self.view = table_view(self.pieces)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.check_in_button = QPushButton("Check in what came back")
        self.check_in_button.setObjectName("primary")
        self.check_in_button.clicked.connect(self.check_in)

        top = QHBoxLayout()
        top.addWidget(QLabel("Parcel"))
        top.addWidget(self.parcel_box, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.check_in_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(muted("Open the box and scan every envelope in it. Anything sent "
                               "and not scanned is missing; the parcel stays open for it."))
        layout.addWidget(self.scan_box)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

    def reload(self) -> None:
        keep = self.parcel.ref if self.parcel else None
        fresh = {line.ref: line for line in open_parcels(self.ctx.db)}
        self.parcel_box.blockSignals(True)
        self.parcel_box.clear()
        for line in fresh.values():
            overdue = f" · OVERDUE {line.days_overdue} d" if line.overdue else ""
            self.parcel_box.addItem(
                f"{line.ref} · {line.vendor_name} · sent {day(line.sent_at.date())} · "
                f"{len(line.missing)} of {len(line.pieces)} still out{overdue}", line.ref)
        self.parcel_box.setEnabled(self.parcel_box.count() > 0)
        if keep is not None and self.parcel_box.findData(keep) >= 0:
            self.parcel_box.setCurrentIndex(self.parcel_box.findData(keep))
            self.parcel_box.blockSignals(False)
            self.parcel = fresh[keep]
            self.in_box = [n for n in self.in_box if n in self.parcel.missing]
            self._show()
            return
        self.parcel_box.blockSignals(False)
        self._parcel_picked()

    def pick(self, ref: str) -> None:
        self.parcel_box.setCurrentIndex(self.parcel_box.findData(ref))

    def _parcel_picked(self) -> None:
        ref = self.parcel_box.currentData()
        lines = {line.ref: line for line in open_parcels(self.ctx.db)}
        self.parcel = lines.get(str(ref)) if ref else None
        self.in_box = []
        self.checked_in = False
        self._show()

    def _show(self) -> None:
        self.pieces.set_rows(self.parcel.pieces if self.parcel else [])
        self.check_in_button.setEnabled(bool(self.in_box))
        if self.parcel is None:
            self.summary.setText("No parcel is out.")
            return
        waiting = [p.number for p in self.parcel.pieces
                   if p.returned_at is None and p.number not in self.in_box]
        if self.checked_in and waiting:
            self.summary.setStyleSheet(f"color: {PROBLEM_COLOUR};")
            self.summary.setText(f"{self.parcel.ref} came back short — MISSING: "
                                 f"{', '.join(waiting)}. The parcel stays open for it.")
            return
        self.summary.setStyleSheet("")
        self.summary.setText(f"{len(self.in_box)} scanned"
                             + (f" · not in the box yet: {', '.join(waiting)}" if waiting
                                else " · everything sent is here"))

    def _state(self, piece: ParcelPiece) -> str:
        if piece.returned_at is not None:
            return f"back {day(piece.returned_at.date())}"
        if piece.number in self.in_box:
            return "in the box"
        return "MISSING" if self.checked_in else "not scanned yet"

    def _missing(self, piece: ParcelPiece) -> bool:
        return self.checked_in and piece.returned_at is None and piece.number not in self.in_box

    def _colour(self, piece: ParcelPiece) -> QColor | None:
        if self._missing(piece):
            return LATE_RED
        return QUIET_GREY if piece.returned_at is not None else None

    def _scanned(self) -> None:
        typed = self.scan_box.text().strip()
        self.scan_box.clear()
        if not typed or self.parcel is None:
            return
        sent = {p.number.upper(): p for p in self.parcel.pieces}
        piece = sent.get(typed.upper())
        if piece is None:
            self.summary.setStyleSheet(f"color: {PROBLEM_COLOUR};")
            self.summary.setText(self._not_this_parcels(typed))
            return
        if piece.returned_at is not None:
            self.summary.setText(f"{piece.number} was already checked in "
                                 f"{day(piece.returned_at.date())}.")
            return
        if piece.number not in self.in_box:
            self.in_box.append(piece.number)
        self._show()

    def _not_this_parcels(self, typed: str) -> str:
        """Where a piece scanned into the wrong check-in really went out."""
        assert self.parcel is not None
        try:
            holding = parcel_holding(self.ctx.db, typed)
        except NotFound:
            return f"There is no ticket {typed}; put the envelope aside and look it up."
        number = typed.upper()
        if holding is not None:
            return (f"{number} went out in {holding}, not {self.parcel.ref}. Pick {holding} "
                    "above to check it in.")
        return (f"{number} was not sent in {self.parcel.ref}, nor is it out in any parcel; "
                "put it aside and look it up.")

    def check_in(self) -> None:
        if self.parcel is None or not self.in_box:
            return
        try:
            got = receive_parcel(self.ctx.db, self.parcel.ref, self.in_box, self.ctx.user.code)
        except ServiceError as exc:
            self.summary.setStyleSheet(f"color: {PROBLEM_COLOUR};")
            self.summary.setText(str(exc))
            return
        self.in_box = []
        self.check_in_button.setEnabled(False)  # nothing scanned is left to check in
        lines = {line.ref: line for line in open_parcels(self.ctx.db)}
        if got.closed:
            self.summary.setStyleSheet(f"color: {DONE_COLOUR};")
            self.summary.setText(f"{got.ref} is complete: "
                                 f"{days_text(len(got.returned), 'envelope')} back to the bench.")
            return
        self.parcel = lines.get(got.ref)
        self.checked_in = True
        self._show()
