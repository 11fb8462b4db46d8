"""Type, colour and the small formatting rules every document shares."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from jeweldesk.printing.fonts import SANS, SANS_BOLD, SERIF, SERIF_ITALIC, markup, register_fonts

INK = colors.HexColor("#1d1d1f")
MUTED = colors.HexColor("#66625c")
ACCENT = colors.HexColor("#7a5c2e")
RULE = colors.HexColor("#c9bda8")
SHADE = colors.HexColor("#f4f0e8")


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    heading: ParagraphStyle
    store_name: ParagraphStyle
    title: ParagraphStyle
    number: ParagraphStyle
    right: ParagraphStyle
    center: ParagraphStyle
    note: ParagraphStyle
    note_big: ParagraphStyle


def make_styles(size: float = 9.5) -> Styles:
    """Styles scaled from one body size: 9.5 pt on sheets, a little less on the 80 mm roll."""
    register_fonts()
    lead = size * 1.3
    body = ParagraphStyle(
        "body", fontName=SANS, fontSize=size, leading=lead, textColor=INK, splitLongWords=True
    )
    return Styles(
        body=body,
        small=ParagraphStyle("small", body, fontSize=size * 0.8, leading=size * 1.05),
        label=ParagraphStyle(
            "label", body, fontSize=size * 0.72, leading=size * 0.95, textColor=MUTED
        ),
        heading=ParagraphStyle(
            "heading",
            body,
            fontName=SANS_BOLD,
            fontSize=size * 1.05,
            leading=lead * 1.1,
            textColor=ACCENT,
            spaceBefore=size * 0.9,
            spaceAfter=size * 0.3,
        ),
        store_name=ParagraphStyle(
            "store_name", body, fontName=SANS_BOLD, fontSize=size * 1.75, leading=size * 2.1
        ),
        title=ParagraphStyle(
            "title",
            body,
            fontName=SANS_BOLD,
            fontSize=size * 1.2,
            leading=size * 1.5,
            textColor=ACCENT,
            alignment=TA_RIGHT,
        ),
        number=ParagraphStyle(
            "number", body, fontName=SANS_BOLD, fontSize=size * 2.4, leading=size * 2.8
        ),
        right=ParagraphStyle("right", body, alignment=TA_RIGHT),
        center=ParagraphStyle("center", body, alignment=TA_CENTER),
        note=ParagraphStyle("note", body, fontName=SERIF, fontSize=size * 1.1, leading=size * 1.55),
        note_big=ParagraphStyle(
            "note_big", body, fontName=SERIF_ITALIC, fontSize=size * 1.6, leading=size * 2.0
        ),
    )


class Text(Paragraph):
    """A Paragraph that breaks its lines once for each width it is given in a row. A table
    asks every cell's height again to size its rows, to keep a block together and to draw
    it, and ReportLab breaks the lines anew each time: most of a receipt's time."""

    # The width asked, the lines broken for it, and the size they came to.
    _wrapped: tuple[float, object, float, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # Breaking lines depends on the width only, not the height offered; a split may
        # drop or replace the lines, and then they are broken again.
        kept = self._wrapped
        if kept is not None and kept[0] == availWidth and kept[1] is getattr(self, "blPara",
                                                                              None):
            self.width, self.height = kept[2], kept[3]
            return kept[2], kept[3]
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, self.blPara, width, height)
        return width, height


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of user text: escaped, set in the font that has each character."""
    return Text(markup(text, style.fontName), style)


def rich(html: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of our own markup with user text already passed through fonts.markup."""
    return Text(html, style)


def labelled(label: str, value: str, styles: Styles, style: ParagraphStyle | None = None) -> list:
    """A small caption over its value, the way a printed form reads."""
    return [para(label.upper(), styles.label), para(value or "—", style or styles.body)]

