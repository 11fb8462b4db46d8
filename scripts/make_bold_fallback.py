"""Make resources/fonts/DroidSansFallbackFull-Bold.ttf: Droid Sans Fallback emboldened.

Droid Sans Fallback, the face the paper sets Chinese, Japanese and Korean in, has no bold,
and the CJK faces that do (Noto Sans CJK) have PostScript outlines ReportLab cannot embed.
So the bold is made here once, from the regular: every outline is thickened by FreeType's
own emboldening (the synthetic bold it gives a face that lacks one), the advances kept so a
bold name takes the same room, the hinting dropped (it was drawn for the thinner strokes).

Run it with fonttools and freetype-py, which JewelDesk itself does not need:

    python -m venv /tmp/fontvenv && /tmp/fontvenv/bin/pip install fonttools freetype-py
    /tmp/fontvenv/bin/python scripts/make_bold_fallback.py
"""

from __future__ import annotations

import ctypes
from pathlib import Path

import freetype
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import GlyphCoordinates

FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"
REGULAR = FONTS / "DroidSansFallbackFull.ttf"
BOLD = FONTS / "DroidSansFallbackFull-Bold.ttf"
# How much thicker each stroke gets, as a share of the em: FreeType's synthetic bold is
# 1/24; a little less keeps the many strokes of a CJK character apart at 8 to 10 points.
STRENGTH = 1 / 28
NOTICE = (
    "Modified by JewelDesk: the outlines of Droid Sans Fallback emboldened with FreeType "
    "(FT_Outline_Embolden) to make a bold face; hinting removed. Licensed under the Apache "
    "License, Version 2.0."
)


def embolden() -> None:
    font = TTFont(REGULAR)
    face = freetype.Face(str(REGULAR))
    strength = round(font["head"].unitsPerEm * STRENGTH)
    glyf = font["glyf"]
    flags = freetype.FT_LOAD_NO_SCALE | freetype.FT_LOAD_NO_HINTING | freetype.FT_LOAD_NO_BITMAP
    for index, name in enumerate(font.getGlyphOrder()):
        glyph = glyf[name]
        # Composite glyphs are put together from simple ones (none scaled in this face):
        # emboldening the parts emboldens them.
        if glyph.isComposite() or glyph.numberOfContours <= 0:
            continue
        face.load_glyph(index, flags)
        outline = face.glyph.outline
        freetype.raw.FT_Outline_Embolden(ctypes.byref(outline._FT_Outline), strength)
        if outline.n_points != len(glyph.coordinates):
            raise RuntimeError(f"{name}: FreeType and fontTools disagree on its points")
        glyph.coordinates = GlyphCoordinates(outline.points)
        glyph.flags = bytearray(tag & 1 for tag in outline.tags)
        glyph.endPtsOfContours = list(outline.contours)
        glyph.program = _no_program()
    for table in ("fpgm", "prep", "cvt "):
        if table in font:
            del font[table]
    _name_it_bold(font)
    font.save(BOLD)


def _no_program():
    from fontTools.ttLib.tables.ttProgram import Program

    program = Program()
    program.fromBytecode(b"")
    return program


def _name_it_bold(font: TTFont) -> None:
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (2, 3, 4, 6, 17):
            names.removeNames(nameID=record.nameID)
    names.setName("Bold", 2, 3, 1, 0x409)
    names.setName("Droid Sans Fallback Bold (JewelDesk)", 3, 3, 1, 0x409)
    names.setName("Droid Sans Fallback Bold", 4, 3, 1, 0x409)
    names.setName("DroidSansFallback-Bold", 6, 3, 1, 0x409)
    names.setName(NOTICE, 10, 3, 1, 0x409)
    os2 = font["OS/2"]
    os2.usWeightClass = 700
    os2.fsSelection = (os2.fsSelection | 0x20) & ~0x40  # bold, not regular
    font["head"].macStyle |= 0x1


if __name__ == "__main__":
    embolden()
    print(f"wrote {BOLD} ({BOLD.stat().st_size // 1024} KiB)")
