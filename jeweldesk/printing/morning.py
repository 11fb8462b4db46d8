"""The morning list: promises at risk, with whom to call and why, for the manager's first coffee."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape, letter
from reportlab.platypus import Flowable, LongTable, TableStyle

from jeweldesk.domain import writing
from jeweldesk.domain.levels import Level
from jeweldesk.printing.fonts import SANS_BOLD, bold, markup
from jeweldesk.printing.model import MorningRow, StoreHeader
from jeweldesk.printing.parts import letterhead
from jeweldesk.printing.styles import RULE, SHADE, Styles, make_styles, para, rich
from jeweldesk.printing.templates import Out, build_on_sheets, frame_width

LEVEL_COLOURS = {
    Level.LATE: colors.HexColor("#b3261e"),
    Level.AT_RISK: colors.HexColor("#b36b00"),
}
CALL_HEADINGS = ("LEVEL", "TICKET", "CUSTOMER", "PHONE", "PROMISED", "OCCASION", "READY BY",
                 "WHY")
WATCH_HEADINGS = CALL_HEADINGS[1:]
# Share of the width for each column; the reasons get what is left.
CALL_SHARES = (0.055, 0.075, 0.12, 0.11, 0.06, 0.06, 0.06)
WATCH_SHARES = CALL_SHARES[1:]


def render_morning_list(
    store: StoreHeader, rows: Sequence[MorningRow], as_of: date, out: Out,
    notes: Sequence[str] = (),
    track: str = "",
) -> None:
    """The promises at risk on as_of, in the order given (the engine sorts them): first the
    ones still to call about, each reason on a line of its own; then those staff already
    called about and the ones to watch, their reasons run together so that a long list of
    them stays short on paper. ``notes`` (a jeweler away without notice) come first, after
    ``track``: how the warnings have done at this store lately, so the reader knows how far
    to trust them."""
    pagesize = landscape(letter)
    width = frame_width(pagesize)
    styles = make_styles(8.6)
    on = writing.day(as_of, year=True)
    story: list[Flowable] = letterhead(store, styles, width, f"MORNING LIST<br/>{on}")
    call = [r for r in rows if r.level.needs_call and not r.handled_by]
    called = [r for r in rows if r.level.needs_call and r.handled_by]
    watch = [r for r in rows if not r.level.needs_call]
    story.append(para(_summary(call, called, watch), styles.body))
    if track:
        story.append(para(track, styles.body.clone("track", textColor=colors.HexColor(
            "#555555"), spaceAfter=4)))
    for note in notes:
        story.append(rich(bold(note), styles.body))
    for title, part, compact, levels in (
        ("To call today", call, False, True),
        ("Already called: nothing has changed since", called, True, True),
        ("To watch: no call yet, but little room left", watch, True, False),
    ):
        if part:
            story.append(para(title, styles.heading))
            story.append(_table(part, styles, width, as_of, compact, levels))
    footer = f"{store.name} · Morning list for {on}"
    build_on_sheets(out, pagesize, f"Morning list {as_of.isoformat()}", footer, story)


def _summary(call: Sequence[MorningRow], called: Sequence[MorningRow],
             watch: Sequence[MorningRow]) -> str:
    if not call and not called and not watch:
        return "No promise is at risk this morning."
    counts: dict[Level, int] = {}
    for row in call:
        counts[row.level] = counts.get(row.level, 0) + 1
    said = []
    if call:
        levels = ", ".join(f"{count} {level.label.lower()}" for level, count in counts.items())
        said.append(f"{len(call)} to call today ({levels})")
    else:
        said.append("Nobody left to call today")
    if called:
        said.append(f"{len(called)} already called")
    if watch:
        said.append(f"{len(watch)} to watch")
    return "; ".join(said) + "."


def _table(rows: Sequence[MorningRow], styles: Styles, width: float, as_of: date,
           compact: bool, levels: bool) -> LongTable:
    """Reasons a line each, or ``compact``: run together; ``levels``: a column for them."""
    shares = CALL_SHARES if levels else WATCH_SHARES
    widths = [width * share for share in shares]
    widths.append(width - sum(widths))
    headings = CALL_HEADINGS if levels else WATCH_HEADINGS
    data: list[list[Flowable | list[Flowable]]] = [[para(h, styles.label) for h in headings]]
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for index, row in enumerate(rows, start=1):
        cells = _row(row, styles, as_of, compact)
        data.append(cells if levels else cells[1:])
        if index % 2 == 0:
            commands.append(("BACKGROUND", (0, index), (-1, index), SHADE))
    return LongTable(data, colWidths=widths, repeatRows=1, style=TableStyle(commands))


def _row(row: MorningRow, styles: Styles, as_of: date,
         compact: bool) -> list[Flowable | list[Flowable]]:
    colour = LEVEL_COLOURS.get(row.level)
    level = bold(row.level.label.lower())
    if colour is not None:
        level = f'<font color="{colour.hexval()}">{level}</font>'
    reasons: list[Flowable]
    if not row.reasons:
        reasons = [para("—", styles.body)]
    elif compact:
        said = " ".join(_sentence(r) for r in row.reasons)
        if row.handled_by:
            said = f"Called by {row.handled_by}, {_when(row.handled_on, as_of)}. {said}"
        reasons = [para(said, styles.body)]
    else:
        reason_style = styles.body.clone("reason", leftIndent=8, bulletIndent=0)
        reasons = [para(_sentence(reason), reason_style) for reason in row.reasons]
        for reason in reasons:
            reason.bulletText = "•"
        if row.offer is not None:
            reasons.append(rich(_offer(row, row.offer, as_of), reason_style))
    return [
        rich(level, styles.body),
        rich(bold(row.ticket), styles.body),
        para(row.customer, styles.body),
        para(row.phone, styles.body),
        para(_when(row.promised_for, as_of), styles.body),
        para(_when(row.occasion_date, as_of) if row.occasion_date else "", styles.body),
        para(_when(row.expected_ready, as_of), styles.body),
        reasons,
    ]


def _offer(row: MorningRow, new_date: date, as_of: date) -> str:
    """The new date to offer; where it misses the customer's occasion, said plainly, with
    the ways out to offer first."""
    offer = _when(new_date, as_of)
    sure = "(ready by then 9 times in 10)"
    occasion = row.occasion_date
    if occasion is None or not as_of <= occasion < new_date:
        return f"<b>A new date to offer: {offer}</b> {sure}"
    what = markup(writing.occasion(row.occasion), SANS_BOLD)  # inside the <b> below
    said = f"<b>{offer} misses {what} on {_when(occasion, as_of)}.</b> "
    if row.ways_out:
        ways = "; ".join(markup(w[:1].lower() + w[1:]) for w in row.ways_out)
        said += f"Offer instead: {ways}; or "
    else:
        said += "Offer "
    return f"{said}a new date, {offer} {sure}."


def _sentence(reason: str) -> str:
    return reason[:1].upper() + reason[1:] + ("" if reason.endswith(".") else ".")


def _when(value: date | None, as_of: date) -> str:
    """ "Nov 25", as the reasons say it; the year too when it is not the list's."""
    return "—" if value is None else writing.short_day(value, as_of)
