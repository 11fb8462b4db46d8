"""Code 128 barcodes that a counter scanner reads off an envelope or a receipt."""

from __future__ import annotations

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import inch

# Wide enough for a thermal printer (203 dpi) to print each bar as whole dots; narrower
# only when the label is too small for the number.
WIDEST_BAR = 1.2
NARROWEST_BAR = 0.7


QUIET_MODULES = 10


def _modules(value: str) -> float:
    return Code128(value, barWidth=1, quiet=0).width + 2 * QUIET_MODULES


def code128(
    value: str, max_width: float, bar_height: float = 0.42 * inch, align: str = "LEFT"
) -> Code128:
    """A barcode for value no wider than max_width, quiet zones included."""
    bar_width = max(NARROWEST_BAR, min(WIDEST_BAR, max_width / _modules(value)))
    quiet_zone = QUIET_MODULES * bar_width
    barcode = Code128(
        value,
        barWidth=bar_width,
        barHeight=bar_height,
        quiet=1,
        lquiet=quiet_zone,
        rquiet=quiet_zone,
        humanReadable=False,
    )
    barcode.hAlign = align
    return barcode
