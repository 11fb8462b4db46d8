"""The Today view: what is due, what is waiting, what is coming back, what is at risk."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain import writing
from jeweldesk.services.today import TodayLists, today_lists
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.rows import KEY_ROLE, Column, RowsModel
from jeweldesk.ui.common.widgets import (
    DUE_TODAY_TINT,
    OVERDUE_TINT,
    day_text,
    days_text,
    heading,
    list_look,
    muted,
)
from jeweldesk.ui.today.at_risk_list import AtRiskList
from jeweldesk.ui.today.away_notice import AwayNotice
from jeweldesk.ui.today.to_tell import ToTellPanel

MIN_LIST_HEIGHT = 110  # a header and three rows: the rest of the height goes where it helps
LONG_TEXT = 24  # the column may cut a longer text short: the whole of it on hover
# Columns are sized to the first rows only (Qt reads a thousand by default): more than a
# panel shows at once, and the two hundred of a long list are not each measured at start.
SIZED_BY_ROWS = 40
Cell = tuple[str, QColor | None]
Row = tuple[str | None, Sequence[Cell]]  # the ticket number a row opens, if any, and its cells


def _cell_column(title: str, n: int) -> Column:
    return Column(title, lambda row: row[1][n][0], tint=lambda row: row[1][n][1],
                  tip=lambda row: row[1][n][0] if len(row[1][n][0]) > LONG_TEXT else None)


class ListPanel(QWidget):
    """A titled list of rows; a row that carries a ticket number opens it."""

    def __init__(self, title: str, headers: Sequence[str], empty: str,
                 open_ticket: Callable[[str], object], stretch: int = 2) -> None:
        super().__init__()
        self._open_ticket = open_ticket
        self.title = heading(title, 1)
        self.counter = muted("")
        self.model = RowsModel([_cell_column(title, n) for n, title in enumerate(headers)],
                               self, key=lambda row: row[0])
        self.table = list_look(QTableView())
        self.table.setModel(self.model)
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        header.setResizeContentsPrecision(SIZED_BY_ROWS)
        self.table.activated.connect(self._activated)
        self.empty = muted(empty)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        _shares_the_height(self.stack)

        _lay_out_panel(self, self.title, self.counter, self.stack)

    def set_title(self, title: str) -> None:
        self.title.setText(title)

    def set_rows(self, rows: Sequence[Row]) -> None:
        # Columns sized to their contents are measured again once the rows are in: setting
        # their mode back is what asks for it.
        header = self.table.horizontalHeader()
        modes = [header.sectionResizeMode(c) for c in range(self.model.columnCount())]
        for c, mode in enumerate(modes):
            if mode == QHeaderView.ResizeMode.ResizeToContents:
                header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
        self.model.refill(rows)
        for c, mode in enumerate(modes):
            header.setSectionResizeMode(c, mode)
        self.counter.setText(f"{len(rows)}" if rows else "")
        self.stack.setCurrentWidget(self.table if rows else self.empty)

    def numbers(self) -> list[str | None]:
        return [number for number, _cells in self.model.rows]

    def _activated(self, index: QModelIndex) -> None:
        number = index.data(KEY_ROLE)
        if number:
            self._open_ticket(number)


def _plain(*texts: str) -> list[Cell]:
    return [(t, None) for t in texts]


class TodayView(QWidget):
    def __init__(self, ctx: AppContext, open_ticket: Callable[[str], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = heading("Today", 6)
        self.subtitle = muted("")
        due_headers = ("Ticket", "Customer", "Piece", "Status", "Jeweler")
        self.due_today = ListPanel("Due today", due_headers,
                                   "Nothing still to finish is promised for today.", open_ticket)
        self.due_next = ListPanel("Due tomorrow", due_headers,
                                  "Nothing still to finish is promised for that day.", open_ticket)
        self.past_promise = ListPanel(
            "Past their promise", ("Ticket", "Customer", "Piece", "Promised", "Status"),
            "Every promise so far has been kept.", open_ticket)
        self.ready = ListPanel("Ready, waiting for the customer",
                               ("Ticket", "Customer", "Phone", "Piece", "Waiting"),
                               "No finished pieces are waiting.", open_ticket, stretch=3)
        self.parcels = ListPanel("Parcels due back",
                                 ("Parcel", "Vendor", "Expected", "Pieces out", "When"),
                                 "No parcels are due back in the next few days.", open_ticket,
                                 stretch=1)
        self.at_risk = AtRiskPanel(ctx)
        self.away = AwayNotice(ctx)
        self.to_tell = ToTellPanel(ctx, open_ticket)

        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(16)
        for panel, row, column in ((self.due_today, 0, 0), (self.at_risk, 0, 1),
                                   (self.due_next, 1, 0), (self.ready, 1, 1),
                                   (self.past_promise, 2, 0), (self.parcels, 2, 1)):
            grid.addWidget(panel, row, column)
        grid.addWidget(self.to_tell, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        # The promises at risk read out the chosen one's reasons below their list: more room.
        for row, stretch in enumerate((4, 2, 2, 1)):
            grid.setRowStretch(row, stretch)

        header = QVBoxLayout()
        header.setSpacing(0)
        header.addWidget(self.title)
        header.addWidget(self.subtitle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(self.away)
        layout.addLayout(grid, 1)
        ctx.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        lists = today_lists(self.ctx.db)
        today = lists.today
        self.subtitle.setText(writing.long_day(today, year=True))
        self._fill_due(lists)
        self.ready.set_rows([
            (p.number, [*_plain(p.number, p.customer_name, p.customer_phone or "", p.item),
                        (f"ready {days_text(p.days_waiting)}" if p.days_waiting else
                         "ready today", None)])
            for p in lists.ready_waiting
        ])
        self.parcels.set_rows([
            (None, [*_plain(p.ref, p.vendor_name, day_text(p.expected_back, today),
                            str(p.pieces_out)),
                    (f"{days_text(p.days_late)} late", OVERDUE_TINT) if p.days_late else
                    ("due today", DUE_TODAY_TINT) if p.expected_back == today else
                    ("on time", None)])
            for p in lists.parcels_due
        ])

    def _fill_due(self, lists: TodayLists) -> None:
        today = lists.today
        self.due_next.set_title(
            "Due tomorrow" if (lists.next_open_day - today).days == 1
            else f"Due {writing.weekday(lists.next_open_day)} (next open day)"
        )
        for panel, tickets in ((self.due_today, lists.due_today),
                               (self.due_next, lists.due_next)):
            panel.set_rows([
                (t.number, _plain(t.number, t.customer_name, t.item, t.status.label,
                                  t.jeweler or "—"))
                for t in tickets
            ])
        self.past_promise.set_rows([
            (t.number, [*_plain(t.number, t.customer_name, t.item),
                        (f"{day_text(t.promised_for, today)} · "
                         f"{days_text((today - t.promised_for).days)} late", OVERDUE_TINT),
                        (t.status.label, None)])
            for t in lists.past_promise
        ])


class AtRiskPanel(QWidget):
    """The promises at risk, each a click from preparing the customer; the morning list
    prints from here."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.title = heading("Promises at risk", 1)
        self.list = AtRiskList(ctx, compact=True)
        _shares_the_height(self.list.table)
        self.print_morning = QPushButton("Print the morning list…")
        self.print_morning.setAutoDefault(False)
        self.print_morning.clicked.connect(self.show_morning_list)
        # How far to trust the list: how the warnings have done at this store lately.
        self.track = muted("")
        self.track.setObjectName("track")
        self.track.setWordWrap(True)
        _lay_out_panel(self, self.title, self.print_morning, self.list)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.track)
        ctx.risk.track.connect(self._show_track)
        self._show_track(ctx.risk.track_said)

    def _show_track(self, said: str) -> None:
        self.track.setText(said)

    def show_morning_list(self) -> None:
        # The paper (and ReportLab) loads when it is first asked for, not at start-up.
        from jeweldesk.ui.common.documents import show_morning_list

        show_morning_list(self.ctx, self)


def _shares_the_height(body: QWidget) -> None:
    """A list that takes the height its row of the grid is given, not what it asks for."""
    body.setMinimumHeight(MIN_LIST_HEIGHT)
    body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)


def _lay_out_panel(panel: QWidget, title: QWidget, corner: QWidget, body: QWidget) -> None:
    """A Today panel: its title with something in the right corner, the list below."""
    top = QHBoxLayout()
    top.addWidget(title)
    top.addStretch(1)
    top.addWidget(corner)
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    layout.addLayout(top)
    layout.addWidget(body, 1)
