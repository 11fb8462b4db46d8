"""The tear-off stubs at the foot of a sheet receipt: one per envelope, under a cut line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Table, TableStyle

from jeweldesk.domain import writing
from jeweldesk.printing.barcode import code128
from jeweldesk.printing.model import PaperTicket
from jeweldesk.printing.parts import PLAIN, CutLine
from jeweldesk.printing.styles import MUTED, Styles, para, rich

CELL_PADDING = 8


def stub_strip(tickets: Sequence[PaperTicket], styles: Styles, width: float) -> Table:
    """Tear-off stubs for the envelopes: two to a row under a dashed cut line, each the
    number, name and promise beside the barcode, so the strip stays short."""
    per_row = 2 if len(tickets) > 1 else 1
    cell_width = width / per_row
    cells: list[Any] = [_stub(t, styles, cell_width - 2 * CELL_PADDING, across=per_row == 1)
                        for t in tickets]
    rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
    if len(rows[-1]) < per_row:
        rows[-1].append("")
    grid = Table(rows, colWidths=[cell_width] * per_row, hAlign="LEFT")
    grid.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("INNERGRID", (0, 0), (-1, -1), 0.6, MUTED, None, (4, 3)),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ]
        )
    )
    return Table(
        [[CutLine("Cut here · the stub stays with the envelope")], [grid]],
        colWidths=[width],
        style=PLAIN,
    )


def _stub(ticket: PaperTicket, styles: Styles, width: float, across: bool) -> Table:
    """The number, the customer and the promise beside the barcode; ``across`` the sheet
    (one envelope) the number stands apart, the name and promise in the middle."""
    number = para(ticket.number, styles.store_name)
    # Two to a row the day goes without its weekday, to stay on one line.
    day = writing.day if across else writing.short_day
    words: list[Flowable] = [
        para(ticket.customer_name, styles.body),
        rich(f"Promised for <b>{day(ticket.promised_for, year=True)}</b>", styles.body),
    ]
    barcode_width = min(1.9 * inch, width * 0.42)
    barcode = code128(ticket.number, barcode_width, bar_height=0.38 * inch, align="RIGHT")
    if across:
        number_width = 1.3 * inch
        cells: list[Any] = [number, words, barcode]
        widths = [number_width, width - number_width - barcode_width, barcode_width]
    else:
        cells = [[number, *words], barcode]
        widths = [width - barcode_width, barcode_width]
    return Table(
        [cells],
        colWidths=widths,
        style=TableStyle([*PLAIN.getCommands(), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]),
    )
