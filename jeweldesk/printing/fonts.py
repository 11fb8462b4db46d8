"""The shipped fonts, and text turned into Paragraph markup that any language prints in.

DejaVu covers Latin (Polish, Vietnamese …), Greek and Cyrillic but not Chinese, Japanese or
Korean; Droid Sans Fallback covers those. A piece of text is cut into runs by which font has
the glyph, and each run outside DejaVu is wrapped in a <font> tag.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfbase.ttfonts import TTFont

# Shipped in the package as jeweldesk.resources (the repository's top-level resources/).
FONTS_DIR = Path(str(resources.files("jeweldesk.resources"))) / "fonts"

SANS = "JD-Sans"
SANS_BOLD = "JD-Sans-Bold"
SERIF = "JD-Serif"
SERIF_ITALIC = "JD-Serif-Italic"
FALLBACK = "JD-Fallback"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SERIF: "DejaVuSerif.ttf",
    SERIF_ITALIC: "DejaVuSerif-Italic.ttf",
    FALLBACK: "DroidSansFallbackFull.ttf",
}


@cache
def register_fonts() -> None:
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / filename)))
    # <b> and <i> inside a paragraph pick the family member; the fallback has only one face.
    registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS, boldItalic=SANS_BOLD)
    registerFontFamily(
        SERIF, normal=SERIF, bold=SERIF, italic=SERIF_ITALIC, boldItalic=SERIF_ITALIC
    )
    registerFontFamily(
        FALLBACK, normal=FALLBACK, bold=FALLBACK, italic=FALLBACK, boldItalic=FALLBACK
    )


def _covers(font_name: str, char: str) -> bool:
    font = pdfmetrics.getFont(font_name)
    return ord(char) in font.face.charToGlyph


def _font_for(char: str, base: str) -> str:
    if char.isspace() or _covers(base, char) or not _covers(FALLBACK, char):
        return base
    return FALLBACK


def runs(text: str, base: str = SANS) -> list[tuple[str, str]]:
    """(font name, text) pieces in order; neighbours sharing a font are joined."""
    register_fonts()
    pieces: list[tuple[str, str]] = []
    for char in text:
        font = _font_for(char, base)
        if pieces and pieces[-1][0] == font:
            pieces[-1] = (font, pieces[-1][1] + char)
        else:
            pieces.append((font, char))
    return pieces


def markup(text: str, base: str = SANS) -> str:
    """User text as safe Paragraph markup: escaped, line breaks kept, fonts by coverage."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br/>".join(_line_markup(line, base) for line in lines)


def _line_markup(line: str, base: str) -> str:
    parts = []
    for font, piece in runs(line, base):
        escaped = escape(piece)
        parts.append(escaped if font == base else f'<font name="{font}">{escaped}</font>')
    return "".join(parts)


def plain_width(text: str, font: str, size: float) -> float:
    """Width of text set in runs, for sizing a single line (names on a tag, a number)."""
    return sum(pdfmetrics.stringWidth(piece, f, size) for f, piece in runs(text, font))
