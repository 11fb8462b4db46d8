"""The numbers, for the manager: the day's takings, repair revenue, the bench, what the
store holds, for any range of days, each table with its bar chart, and saved as CSV."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain.errors import ServiceError
from jeweldesk.services.reports import Figures, Kind, Report, as_csv, report, shown
from jeweldesk.services.store import store_today
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.day_edit import DayEdit
from jeweldesk.ui.common.fields import from_qdate, to_qdate
from jeweldesk.ui.common.widgets import ProblemLabel, heading
from jeweldesk.ui.ticket.tables import read_only_table, set_rows

REPORTS = {"End of day": "end-of-day", "Repair revenue": "revenue", "The bench": "bench",
           "What the store holds": "holdings"}
BAR = "#7a5c2e"
LONGEST_LABEL = 18


class NumbersScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.shown: Report | None = None
        today = store_today(ctx.db)
        self.which = QComboBox()
        for label, name in REPORTS.items():
            self.which.addItem(label, name)
        self.start = DayEdit(today)
        self.end = DayEdit(today)
        self.show_button = QPushButton("Show")
        self.show_button.clicked.connect(self.refresh)
        self.csv_button = QPushButton("Save as CSV…")
        self.csv_button.clicked.connect(self._choose_csv)
        self.problem = ProblemLabel()
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.body = QVBoxLayout()
        holder = QWidget()
        holder.setLayout(self.body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        row = QHBoxLayout()
        for widget in (self.which, QLabel("from"), self.start, QLabel("to"), self.end,
                       self.show_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.csv_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading("The numbers"))
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)
        self.which.currentIndexChanged.connect(self._report_chosen)

    def _report_chosen(self) -> None:
        today = store_today(self.ctx.db)
        back = 0 if self.which.currentData() in ("end-of-day", "holdings") else 89
        self.start.setDate(to_qdate(today - timedelta(days=back)))
        self.end.setDate(to_qdate(today))
        self.start.setEnabled(self.which.currentData() != "holdings")
        self.end.setEnabled(self.which.currentData() != "holdings")
        self.refresh()

    def refresh(self) -> None:
        self.problem.show_problem(self.start.problem or self.end.problem or None)
        if self.start.problem or self.end.problem:
            return
        try:
            found = report(self.ctx.db, str(self.which.currentData()), self.ctx.user.code,
                           from_qdate(self.start.date()), from_qdate(self.end.date()))
        except ServiceError as exc:
            self.problem.show_problem(exc.said)
            return
        self.shown = found
        self.title.setText(found.title)
        while self.body.count():
            item = self.body.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone at once, not only once the event loop comes round
                widget.deleteLater()
        for table in found.tables:
            self.body.addWidget(_figures(table))
        self.body.addStretch(1)

    def _choose_csv(self) -> None:
        if self.shown is None:
            self.refresh()
        if self.shown is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save the figures", f"{self.shown.name}-{self.shown.end.isoformat()}.csv",
            "CSV (*.csv)")
        if path:
            self.save_csv(Path(path))

    def save_csv(self, path: Path) -> None:
        assert self.shown is not None
        path.write_text(as_csv(self.shown), encoding="utf-8", newline="")
        self.problem.setStyleSheet("color: #1e6b35;")
        self.problem.show_problem(f"Saved {path.name}.")


def _figures(table: Figures) -> QGroupBox:
    box = QGroupBox(table.title)
    layout = QHBoxLayout(box)
    rows = [[shown(v, k) for v, (_t, k) in zip(row, table.columns, strict=True)]
            for row in table.rows]
    right = [n for n, (_t, kind) in enumerate(table.columns) if kind is not Kind.TEXT]
    view = read_only_table([t for t, _k in table.columns], right=right)
    view.setWordWrap(False)  # one line a row, so the table is as tall as its rows
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    set_rows(view, rows)
    row_height = view.verticalHeader().defaultSectionSize()
    view.setMinimumHeight(0)
    view.setFixedHeight(header.sizeHint().height() + row_height * min(max(len(rows), 1), 12)
                        + 2 * view.frameWidth() + 2)
    layout.addWidget(view, 3)
    if table.chart is not None and table.rows:
        layout.addWidget(bar_chart(table), 2)
    return box


def bar_chart(table: Figures) -> pg.PlotWidget:
    """The chart column, one bar for each row (a total row is left out: it would dwarf
    the rest)."""
    assert table.chart is not None
    rows = [r for r in table.rows if r[0] != "In all" and isinstance(r[table.chart], int | Decimal)]
    kind = table.columns[table.chart][1]
    values = [float(r[table.chart] * (100 if kind is Kind.PERCENT else 1))  # type: ignore[operator]
              for r in rows]
    chart = pg.PlotWidget(background="w")
    chart.setObjectName("chart")
    chart.setMinimumHeight(200)
    chart.setMouseEnabled(x=False, y=False)
    chart.hideButtons()
    # Bars across, the first row on top: a label per row stays readable however many.
    places = [float(len(values) - 1 - n) for n in range(len(values))]
    chart.addItem(pg.BarGraphItem(x0=0, y=places, width=values, height=0.6, brush=BAR,
                                  pen=BAR))
    labels = [(place, _short(str(r[0]))) for place, r in zip(places, rows, strict=True)]
    chart.getAxis("left").setTicks([labels])
    chart.getAxis("bottom").setLabel(table.columns[table.chart][0]
                                     + (" (%)" if kind is Kind.PERCENT else ""))
    chart.setXRange(min(0.0, *values), max(1.0, *values) * 1.1)
    chart.setYRange(-0.6, len(values) - 0.4)
    return chart


def _short(label: str) -> str:
    return label if len(label) <= LONGEST_LABEL else label[: LONGEST_LABEL - 1] + "…"
