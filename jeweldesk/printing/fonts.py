"""The shipped fonts, and text turned into Paragraph markup that any language prints in.

DejaVu covers Latin (Polish, Vietnamese …), Greek and Cyrillic but not Chinese, Japanese or
Korean; Droid Sans Fallback covers Chinese and Japanese, NanumSquare Korean. A piece of text
is cut into runs by which font has the glyph, and each run outside DejaVu is wrapped in a
<font> tag. Every script printed has a bold: NanumSquare has its own, Droid Sans Fallback's is
made from it (scripts/make_bold_fallback.py), so a bold name in Chinese or Korean prints bold
like the Latin beside it.
"""

from __future__ import annotations

from functools import cache, lru_cache
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
FALLBACK_BOLD = "JD-Fallback-Bold"
HANGUL = "JD-Hangul"
HANGUL_BOLD = "JD-Hangul-Bold"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SERIF: "DejaVuSerif.ttf",
    SERIF_ITALIC: "DejaVuSerif-Italic.ttf",
    FALLBACK: "DroidSansFallbackFull.ttf",
    FALLBACK_BOLD: "DroidSansFallbackFull-Bold.ttf",
    HANGUL: "NanumSquareR.ttf",
    HANGUL_BOLD: "NanumSquareB.ttf",
}
# Text set in these takes the fallbacks' bold for what they lack.
_BOLD = {SANS_BOLD, FALLBACK_BOLD, HANGUL_BOLD}
# Hangul jamo, compatibility jamo, jamo extended A and B, and the syllables.
_HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF))


def register_fonts(*faces: str) -> None:
    """The faces named (the sans ones, which every paper uses, when none are), each read
    from its file once per process; any other face is read the first time text is set in
    it. Reading a face takes a tenth of a second, the Chinese and Korean ones most of one."""
    _families()
    for name in faces or (SANS, SANS_BOLD):
        _face(name)


@cache
def _families() -> None:
    # <b> and <i> inside a paragraph pick the family member (names only: no face is read).
    registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS, boldItalic=SANS_BOLD)
    registerFontFamily(
        SERIF, normal=SERIF, bold=SERIF, italic=SERIF_ITALIC, boldItalic=SERIF_ITALIC
    )
    for regular, bold in ((FALLBACK, FALLBACK_BOLD), (HANGUL, HANGUL_BOLD)):
        registerFontFamily(regular, normal=regular, bold=bold, italic=regular, boldItalic=bold)


@cache
def _face(name: str) -> None:
    pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / _FILES[name])))


def _covers(font_name: str, char: str) -> bool:
    _face(font_name)
    font = pdfmetrics.getFont(font_name)
    return ord(char) in font.face.charToGlyph


def _font_for(char: str, base: str) -> str:
    if char.isspace() or _covers(base, char):
        return base
    code = ord(char)
    # Korean in the Korean face, whole: never some syllables from the Chinese one.
    if any(low <= code <= high for low, high in _HANGUL) and _covers(HANGUL, char):
        return HANGUL_BOLD if base in _BOLD else HANGUL
    if _covers(FALLBACK, char):
        return FALLBACK_BOLD if base in _BOLD else FALLBACK
    return base


@lru_cache(maxsize=4096)  # the labels, the terms and the store's lines recur on every paper
def runs(text: str, base: str = SANS) -> tuple[tuple[str, str], ...]:
    """(font name, text) pieces in order; neighbours sharing a font are joined."""
    register_fonts()
    if _covered(base).issuperset(text):  # all of it in the base face: most text, at once
        return ((base, text),) if text else ()
    pieces: list[tuple[str, str]] = []
    for char in text:
        font = _font_for(char, base)
        _face(font)  # a bold fallback chosen for a letter its regular face was asked about
        if pieces and pieces[-1][0] == font:
            pieces[-1] = (font, pieces[-1][1] + char)
        else:
            pieces.append((font, char))
    return tuple(pieces)


@cache
def _covered(font_name: str) -> frozenset[str]:
    """Every character the face has a glyph for, and the spaces any face may set."""
    _face(font_name)
    glyphs = pdfmetrics.getFont(font_name).face.charToGlyph
    return frozenset(map(chr, glyphs)) | frozenset(" \t\n\r\u00a0\u2009\u202f")


@lru_cache(maxsize=4096)
def markup(text: str, base: str = SANS) -> str:
    """User text as safe Paragraph markup: escaped, line breaks kept, fonts by coverage."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br/>".join(_line_markup(line, base) for line in lines)


def bold(text: str) -> str:
    """User text as bold Paragraph markup. Not ``<b>`` round ``markup(text)``: a <font> tag
    inside <b> sets its own face and drops the bold, so the runs are chosen bold here."""
    return f"<b>{markup(text, SANS_BOLD)}</b>"


def _line_markup(line: str, base: str) -> str:
    parts = []
    for font, piece in runs(line, base):
        escaped = escape(piece)
        parts.append(escaped if font == base else f'<font name="{font}">{escaped}</font>')
    return "".join(parts)


def plain_width(text: str, font: str, size: float) -> float:
    """Width of text set in runs, for sizing a single line (names on a tag, a number)."""
    return sum(pdfmetrics.stringWidth(piece, f, size) for f, piece in runs(text, font))
