"""Page shapes, footers with "page x of y", and building a PDF into a path or a file."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.units import inch, mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, SimpleDocTemplate

from jeweldesk.printing.fonts import SANS, SANS_BOLD, register_fonts, runs
from jeweldesk.printing.styles import ACCENT, INK, MUTED, RULE

Out = str | os.PathLike[str] | BinaryIO

SHEETS = {"letter": letter, "a4": A4}
ROLL_WIDTH = 80 * mm
ROLL_MARGIN = 4 * mm
# Long enough for any receipt; the real page is cut to the content after a first pass.
ROLL_PROBE_HEIGHT = 4000 * mm
FRAME_PADDING = 6  # ReportLab's default padding inside every frame, in points
RUNNING_HEAD = 0.42 * inch  # room the running head takes at the top of a later page
HEADED_FOOT = 0.1 * inch  # room under the frame, beyond the margin, for the footer line


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
            page = f"Page {number} of {total}"
            self.setFillColor(MUTED)
            draw_runs(self, margin, y, footer, 7.5,
                      room=width - 2 * margin - stringWidth(page, SANS, 7.5) - 12)
            self.setFont(SANS, 7.5)
            self.drawRightString(width - margin, y, page)

    return NumberedCanvas


def target(out: Out) -> str | BinaryIO:
    """ReportLab takes a file name or an open binary file, not a Path."""
    return os.fspath(out) if isinstance(out, os.PathLike) else out


def draw_runs(canvas: Canvas, x: float, y: float, text: str, size: float,
              base: str = SANS, room: float | None = None) -> None:
    """One line of text on a canvas, each run in the font that has its glyphs; given
    ``room``, cut short with "…" to stay within that width."""
    if room is not None:
        text = fitted(text, size, base, room)
    for font, piece in runs(text, base):
        canvas.setFont(font, size)
        canvas.drawString(x, y, piece)
        x += stringWidth(piece, font, size)


def runs_width(text: str, size: float, base: str = SANS) -> float:
    return sum(stringWidth(piece, font, size) for font, piece in runs(text, base))


def fitted(text: str, size: float, base: str, room: float) -> str:
    """The text, or as much of it as fits ``room`` followed by "…"."""
    if runs_width(text, size, base) <= room:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest start that fits with its ellipsis
        middle = (low + high + 1) // 2
        if runs_width(text[:middle].rstrip() + "…", size, base) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


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
    running_head: tuple[str, str] | None = None,
) -> None:
    """Flowables on as many sheets as they take, each with the footer and its page number;
    with ``running_head`` (the store's name, the document's), every page after the first
    opens with it, so a loose second sheet still says whose and what it is."""
    if running_head is None:
        document = sheet_document(out, pagesize, title, margin)
    else:
        document = _headed_document(out, pagesize, title, margin, running_head)
    document.build(list(flowables), canvasmaker=numbered_canvas(footer))


def _headed_document(
    out: Out, pagesize: tuple[float, float], title: str, margin: float, head: tuple[str, str]
) -> BaseDocTemplate:
    register_fonts()
    document = BaseDocTemplate(
        target(out),
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        # The footer is one line at 0.4 in: the frame may come down to just above it.
        bottomMargin=margin + HEADED_FOOT,
        title=title,
        author="JewelDesk",
    )
    left, bottom, width, height = (
        document.leftMargin, document.bottomMargin, document.width, document.height
    )

    def draw_head(canvas: Canvas, _document: BaseDocTemplate) -> None:
        store, what = head
        top = pagesize[1] - margin - 11
        line = width - 2 * FRAME_PADDING
        # The document's name keeps at least half the line; the store's name what is left.
        what = fitted(what, 9, SANS_BOLD, line / 2) \
            if runs_width(what, 9, SANS_BOLD) > line / 2 else what
        canvas.saveState()
        canvas.setFillColor(INK)
        draw_runs(canvas, left + FRAME_PADDING, top, store, 11, SANS_BOLD,
                  room=line - runs_width(what, 9, SANS_BOLD) - 14)
        canvas.setFillColor(ACCENT)
        canvas.setFont(SANS_BOLD, 9)
        canvas.drawRightString(left + width - FRAME_PADDING, top, what)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.8)
        canvas.line(left + FRAME_PADDING, top - 7, left + width - FRAME_PADDING, top - 7)
        canvas.restoreState()

    document.addPageTemplates(
        [
            PageTemplate("first", [Frame(left, bottom, width, height, id="first")],
                         autoNextPageTemplate="later"),
            PageTemplate("later",
                         [Frame(left, bottom, width, height - RUNNING_HEAD, id="later")],
                         onPage=draw_head),
        ]
    )
    return document


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


def frame_height(pagesize: tuple[float, float], margin: float = 0.6 * inch) -> float:
    """The height flowables get on the first page of a sheet document with a running head
    (later pages give the head its room)."""
    return pagesize[1] - 2 * margin - HEADED_FOOT - 2 * FRAME_PADDING


ROLL_CONTENT_WIDTH = frame_width((ROLL_WIDTH, ROLL_PROBE_HEIGHT), ROLL_MARGIN)
