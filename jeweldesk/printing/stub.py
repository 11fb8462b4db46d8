"""The tear-off stubs at the foot of a sheet receipt: one per envelope, under a cut line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from jeweldesk.domain import writing
from jeweldesk.printing.barcode import code128
from jeweldesk.printing.model import PaperTicket
from jeweldesk.printing.parts import PLAIN, CutLine
from jeweldesk.printing.styles import MUTED, Styles, para, rich


def stub_strip(tickets: Sequence[PaperTicket], styles: Styles, width: float) -> Table:
    """Tear-off stubs for the envelopes: two to a row under a dashed cut line."""
    per_row = 2 if len(tickets) > 1 else 1
    cell_width = width / 2
    cells: list[Any] = [_stub(t, styles, cell_width) for t in tickets]
    rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
    if len(rows[-1]) < per_row:
        rows[-1].append("")
    grid = Table(rows, colWidths=[cell_width] * per_row, hAlign="LEFT")
    grid.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("INNERGRID", (0, 0), (-1, -1), 0.6, MUTED, None, (4, 3)),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return Table(
        [[CutLine("Cut here · the stub stays with the envelope")], [grid]],
        colWidths=[width],
        style=PLAIN,
    )


def _stub(ticket: PaperTicket, styles: Styles, width: float) -> list[Flowable]:
    return [
        para(ticket.number, styles.store_name),
        code128(ticket.number, width - 24, bar_height=0.38 * inch),
        Spacer(1, 3),
        para(ticket.customer_name, styles.body),
        rich(f"Promised for <b>{writing.day(ticket.promised_for, year=True)}</b>", styles.body),
    ]
