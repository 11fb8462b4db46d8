"""Page shapes, footers with "page x of y", and building a PDF into a path or a file."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.units import inch, mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from jeweldesk.printing.fonts import SANS, register_fonts, runs
from jeweldesk.printing.styles import MUTED

Out = str | os.PathLike[str] | BinaryIO

SHEETS = {"letter": letter, "a4": A4}
ROLL_WIDTH = 80 * mm
ROLL_MARGIN = 4 * mm
# Long enough for any receipt; the real page is cut to the content after a first pass.
ROLL_PROBE_HEIGHT = 4000 * mm
FRAME_PADDING = 6  # ReportLab's default padding inside every frame, in points


def numbered_canvas(footer: str) -> type[Canvas]:
    """A canvas that writes the footer and "Page x of y" once the page count is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._draw_footer(number, total)
                super().showPage()
            super().save()

        def _draw_footer(self, number: int, total: int) -> None:
            width, _ = self._pagesize
            margin = 0.6 * inch
            y = 0.4 * inch
            self.setFillColor(MUTED)
            draw_runs(self, margin, y, footer, 7.5)
            self.setFont(SANS, 7.5)
            self.drawRightString(width - margin, y, f"Page {number} of {total}")

    return NumberedCanvas


def target(out: Out) -> str | BinaryIO:
    """ReportLab takes a file name or an open binary file, not a Path."""
    return os.fspath(out) if isinstance(out, os.PathLike) else out


def draw_runs(canvas: Canvas, x: float, y: float, text: str, size: float) -> None:
    """One line of text on a canvas, each run in the font that has its glyphs."""
    for font, piece in runs(text, SANS):
        canvas.setFont(font, size)
        canvas.drawString(x, y, piece)
        x += canvas.stringWidth(piece, font, size)


def sheet_document(
    out: Out, pagesize: tuple[float, float], title: str, margin: float = 0.6 * inch
) -> SimpleDocTemplate:
    register_fonts()
    return SimpleDocTemplate(
        target(out),
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin + 0.25 * inch,
        title=title,
        author="JewelDesk",
    )


def build_on_sheets(
    out: Out,
    pagesize: tuple[float, float],
    title: str,
    footer: str,
    flowables: Sequence[Flowable],
    margin: float = 0.6 * inch,
) -> None:
    document = sheet_document(out, pagesize, title, margin)
    document.build(list(flowables), canvasmaker=numbered_canvas(footer))


def build_on_roll(out: Out, title: str, make_flowables: Callable[[], list[Flowable]]) -> None:
    """An 80 mm receipt whose page is exactly as long as what it holds.

    Laid out once on a very long page to learn the height used, then again on a page cut to
    that height, so a thermal printer feeds no blank paper and nothing is clipped.
    """
    register_fonts()
    probe = _roll_document(io.BytesIO(), ROLL_PROBE_HEIGHT, title)
    probe.build(make_flowables())
    used = ROLL_PROBE_HEIGHT - ROLL_MARGIN - probe.frame._y
    height = used + 2 * ROLL_MARGIN + FRAME_PADDING + 2 * mm
    _roll_document(out, height, title).build(make_flowables())


def _roll_document(out: Out, height: float, title: str) -> SimpleDocTemplate:
    return SimpleDocTemplate(
        target(out),
        pagesize=(ROLL_WIDTH, height),
        leftMargin=ROLL_MARGIN,
        rightMargin=ROLL_MARGIN,
        topMargin=ROLL_MARGIN,
        bottomMargin=ROLL_MARGIN,
        title=title,
        author="JewelDesk",
    )


def frame_width(pagesize: tuple[float, float], margin: float = 0.6 * inch) -> float:
    """The width flowables get: the page less its margins and the frame's own padding."""
    return pagesize[0] - 2 * margin - 2 * FRAME_PADDING


ROLL_CONTENT_WIDTH = frame_width((ROLL_WIDTH, ROLL_PROBE_HEIGHT), ROLL_MARGIN)
