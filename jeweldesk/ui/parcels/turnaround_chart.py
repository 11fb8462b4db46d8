"""A vendor's turnaround over time, drawn by hand: one dot per parcel, the quote as a line."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from jeweldesk.domain import writing
from jeweldesk.services.vendors import TurnaroundPoint

BACK = QColor("#2f5d8a")
STILL_OUT = QColor("#b3261e")
QUOTE = QColor("#1e6b34")
MEDIAN = QColor("#8a6d2f")
GRID = QColor("#dcdcdc")
TEXT = QColor("#444444")


class TurnaroundChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: tuple[TurnaroundPoint, ...] = ()
        self.quoted_days = 0
        self.median_days: float | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(520, 240)

    def set_record(self, points: Sequence[TurnaroundPoint], quoted_days: int,
                   median_days: float | None) -> None:
        self.points = tuple(points)
        self.quoted_days = quoted_days
        self.median_days = median_days
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = painter.fontMetrics()
        line = metrics.height()
        plot = QRectF(12 + metrics.horizontalAdvance("00 d"), line * 2 + 4,
                      0, 0)
        plot.setRight(self.width() - 24)
        plot.setBottom(self.height() - line - 10)
        if not self.points:
            painter.setPen(TEXT)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "No parcels yet: the record starts with the first one back.")
            painter.end()
            return
        top_days = max([p.days for p in self.points] + [self.quoted_days, 1])
        top_days = ((top_days + 4) // 5) * 5
        first = self.points[0].sent.toordinal()
        last = max(self.points[-1].sent.toordinal(), first + 1)

        def x_of(day: date) -> float:
            return plot.left() + (day.toordinal() - first) / (last - first) * plot.width()

        def y_of(days: float) -> float:
            return plot.bottom() - days / top_days * plot.height()

        self._grid(painter, plot, top_days, y_of)
        self._legend(painter, line)
        for label_day in (self.points[0].sent, self.points[-1].sent):
            text = writing.short_day(label_day)
            width = metrics.horizontalAdvance(text)
            x = min(max(x_of(label_day) - width / 2, plot.left()), plot.right() - width)
            painter.drawText(QPointF(x, plot.bottom() + line + 2), text)
        self._level(painter, plot, y_of(self.quoted_days), QUOTE, Qt.PenStyle.DashLine)
        if self.median_days is not None:
            self._level(painter, plot, y_of(self.median_days), MEDIAN, Qt.PenStyle.DotLine)
        for point in self.points:
            colour = BACK if point.back else STILL_OUT
            painter.setPen(QPen(colour, 2))
            painter.setBrush(colour if point.back else Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(x_of(point.sent), y_of(point.days)), 4.5, 4.5)
        painter.end()

    def _grid(self, painter: QPainter, plot: QRectF, top_days: int,
              y_of: Callable[[float], float]) -> None:
        step = 5 if top_days > 10 else 2
        for days in range(0, top_days + 1, step):
            y = y_of(days)
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(TEXT)
            painter.drawText(QRectF(0, y - 8, plot.left() - 6, 16),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{days} d")

    def _level(self, painter: QPainter, plot: QRectF, y: float, colour: QColor,
               style: Qt.PenStyle) -> None:
        painter.setPen(QPen(colour, 1.5, style))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))

    def _legend(self, painter: QPainter, line: int) -> None:
        x = 12.0
        items = [(BACK, "parcel back (days out)", True), (STILL_OUT, "still out", False),
                 (QUOTE, f"quoted {self.quoted_days} d", None)]
        if self.median_days is not None:
            items.append((MEDIAN, f"real median {self.median_days:g} d", None))
        for colour, text, filled in items:
            y = line * 0.9
            if filled is None:
                painter.setPen(QPen(colour, 1.5, Qt.PenStyle.DashLine))
                painter.drawLine(QPointF(x, y), QPointF(x + 16, y))
            else:
                painter.setPen(QPen(colour, 2))
                painter.setBrush(colour if filled else Qt.BrushStyle.NoBrush)
                painter.drawEllipse(QPointF(x + 8, y), 4, 4)
            painter.setPen(TEXT)
            painter.drawText(QPointF(x + 22, y + line * 0.35), text)
            x += 22 + painter.fontMetrics().horizontalAdvance(text) + 18
