"""The morning list: promises at risk, with whom to call and why, for the manager's first coffee."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape, letter
from reportlab.platypus import Flowable, LongTable, Spacer, TableStyle

from jeweldesk.printing.fonts import markup
from jeweldesk.printing.model import MorningRow, StoreHeader
from jeweldesk.printing.parts import letterhead
from jeweldesk.printing.styles import RULE, SHADE, Styles, day, make_styles, para, rich, short_day
from jeweldesk.printing.templates import Out, build_on_sheets, frame_width

LEVEL_COLOURS = {
    "late": colors.HexColor("#b3261e"),
    "at risk": colors.HexColor("#b36b00"),
    "at_risk": colors.HexColor("#b36b00"),
}
HEADINGS = ("LEVEL", "TICKET", "CUSTOMER", "PHONE", "PROMISED", "OCCASION", "READY BY", "WHY")
# Share of the width for each column; the reasons get what is left.
SHARES = (0.06, 0.075, 0.15, 0.11, 0.085, 0.085, 0.085)


def render_morning_list(
    store: StoreHeader, rows: Sequence[MorningRow], as_of: date, out: Out
) -> None:
    """The promises at risk on as_of, in the order given (the engine sorts them)."""
    pagesize = landscape(letter)
    width = frame_width(pagesize)
    styles = make_styles(8.6)
    story: list[Flowable] = letterhead(store, styles, width, f"MORNING LIST<br/>{day(as_of)}")
    story.append(para(_summary(rows), styles.body))
    story.append(Spacer(1, 8))
    if rows:
        story.append(_table(rows, styles, width))
    footer = f"{store.name} · Morning list for {day(as_of)}"
    build_on_sheets(out, pagesize, f"Morning list {as_of.isoformat()}", footer, story)


def _summary(rows: Sequence[MorningRow]) -> str:
    if not rows:
        return "No promise is at risk this morning."
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.level] = counts.get(row.level, 0) + 1
    parts = ", ".join(f"{count} {level}" for level, count in counts.items())
    noun = "promise needs" if len(rows) == 1 else "promises need"
    return f"{len(rows)} {noun} a call or a plan today: {parts}."


def _table(rows: Sequence[MorningRow], styles: Styles, width: float) -> LongTable:
    widths = [width * share for share in SHARES]
    widths.append(width - sum(widths))
    data: list[list[Flowable | list[Flowable]]] = [[para(h, styles.label) for h in HEADINGS]]
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for index, row in enumerate(rows, start=1):
        data.append(_row(row, styles))
        if index % 2 == 0:
            commands.append(("BACKGROUND", (0, index), (-1, index), SHADE))
    return LongTable(data, colWidths=widths, repeatRows=1, style=TableStyle(commands))


def _row(row: MorningRow, styles: Styles) -> list[Flowable | list[Flowable]]:
    colour = LEVEL_COLOURS.get(row.level.lower())
    level = f"<b>{markup(row.level)}</b>"
    if colour is not None:
        level = f'<font color="{colour.hexval()}">{level}</font>'
    reason_style = styles.body.clone("reason", leftIndent=8, bulletIndent=0)
    reasons = [para(reason, reason_style) for reason in row.reasons] or [para("—", styles.body)]
    for reason in reasons if row.reasons else []:
        reason.bulletText = "•"
    return [
        rich(level, styles.body),
        rich(f"<b>{markup(row.ticket)}</b>", styles.body),
        para(row.customer, styles.body),
        para(row.phone, styles.body),
        para(short_day(row.promised_for), styles.body),
        para(short_day(row.occasion_date) if row.occasion_date else "", styles.body),
        para(short_day(row.expected_ready), styles.body),
        reasons,
    ]
