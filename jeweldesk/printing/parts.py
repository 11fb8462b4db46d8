"""Pieces several documents share: the store's letterhead, signature lines, the cut line."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, HRFlowable, Image, Paragraph, Table, TableStyle

from jeweldesk.printing.fonts import SANS
from jeweldesk.printing.model import StoreHeader
from jeweldesk.printing.styles import ACCENT, MUTED, RULE, Styles, para, rich

GUTTER = 10

PLAIN = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        # A gutter between side-by-side columns, so a long name never runs into its neighbour.
        ("RIGHTPADDING", (0, 0), (-2, -1), GUTTER),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]
)


def logo(store: StoreHeader, max_width: float, max_height: float) -> Image | None:
    if not store.logo:
        return None
    width, height = ImageReader(io.BytesIO(store.logo)).getSize()
    scale = min(max_width / width, max_height / height)
    return Image(io.BytesIO(store.logo), width=width * scale, height=height * scale)


def store_lines(store: StoreHeader, styles: Styles) -> list[Flowable]:
    return [
        para(store.name, styles.store_name),
        para(store.address, styles.small),
        para(store.phone, styles.small),
    ]


def letterhead(store: StoreHeader, styles: Styles, width: float, title: str) -> list[Flowable]:
    """Logo, store name, address and phone on the left; the document's title on the right."""
    title_width = min(2.4 * inch, width * 0.35)
    image = logo(store, 1.1 * inch, 0.75 * inch)
    left: list[Flowable] = store_lines(store, styles)
    if image is not None:
        image_cell = Table([[image]], colWidths=[image.drawWidth + 10], style=PLAIN)
        left = [
            Table(
                [[image_cell, left]],
                colWidths=[image.drawWidth + 10, width - title_width - image.drawWidth - 10],
                style=PLAIN,
            )
        ]
    head = Table(
        [[left, rich(title, styles.title)]],
        colWidths=[width - title_width, title_width],
        style=PLAIN,
    )
    return [
        head,
        HRFlowable(width="100%", thickness=1.2, color=ACCENT, spaceBefore=6, spaceAfter=8),
    ]


def signature_lines(
    captions: Sequence[str], styles: Styles, width: float, room: float = 0.45 * inch
) -> Table:
    """Blank lines to sign on, side by side, each with its caption underneath; ``room`` is
    the height left above each line for the signature."""
    gap = 0.3 * inch
    count = len(captions)
    column = (width - gap * (count - 1)) / count
    widths: list[float] = []
    blanks: list[str] = []
    labels: list[Paragraph | str] = []
    for index, caption in enumerate(captions):
        if index:
            widths.append(gap)
            blanks.append("")
            labels.append("")
        widths.append(column)
        blanks.append("")
        labels.append(para(caption, styles.label))
    table = Table([blanks, labels], colWidths=widths, rowHeights=[room, None])
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]
    for index in range(0, len(widths), 2):
        commands.append(("LINEBELOW", (index, 0), (index, 0), 0.7, colors.black))
    table.setStyle(TableStyle(commands))
    return table


class CutLine(Flowable):
    """A dashed line across the page with scissors and a word on where the piece goes."""

    def __init__(self, caption: str, height: float = 14) -> None:
        super().__init__()
        self.caption = caption
        self.height = height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.height

    def draw(self) -> None:
        canvas = self.canv
        y = self.height / 2
        text = f"\u2702  {self.caption}"
        size = 7.5
        text_width = canvas.stringWidth(text, SANS, size)
        left = (self.width - text_width) / 2 - 6
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(0.6)
        canvas.setDash(4, 3)
        canvas.line(0, y, left, y)
        canvas.line(left + text_width + 12, y, self.width, y)
        canvas.setDash()
        canvas.setFillColor(MUTED)
        canvas.setFont(SANS, size)
        canvas.drawString(left + 6, y - size / 3, text)


def thin_rule(space_before: float = 4, space_after: float = 4) -> HRFlowable:
    return HRFlowable(
        width="100%", thickness=0.5, color=RULE, spaceBefore=space_before, spaceAfter=space_after
    )


class Whole(Flowable):
    """A flowable that is never split: it moves on to the next page whole instead, unless it
    is taller than a whole page (``page_height``) and so has to be."""

    def __init__(self, content: Flowable, page_height: float) -> None:
        super().__init__()
        self.content = content
        self.page_height = page_height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = self.content.wrap(available_width, available_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if self.content.wrap(available_width, self.page_height)[1] <= self.page_height:
            return []
        return self.content.split(available_width, available_height)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        self.content.drawOn(canvas, x, y, _sW)


# Words a customer's own text may already carry that the label beside it says.
_SAID_STATED = re.compile(
    r"\s*\((?=[^)]*\bcustomer)(?=[^)]*\b(?:stated|states|says|said|per|according)\b)[^)]*\)",
    re.IGNORECASE,
)


def as_stated(text: str) -> str:
    """The text without a "(customer stated)" that the label "as stated by the customer"
    already says."""
    return _SAID_STATED.sub("", text).strip()
