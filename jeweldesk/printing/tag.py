"""The envelope tag: a 4 x 2 inch label that travels with the piece from intake to pickup."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import inch
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from jeweldesk.domain import writing
from jeweldesk.printing.barcode import code128
from jeweldesk.printing.fonts import SANS_BOLD, bold, markup, plain_width, register_fonts
from jeweldesk.printing.model import PaperTicket
from jeweldesk.printing.parts import PLAIN, as_stated
from jeweldesk.printing.styles import Styles, make_styles, para, rich
from jeweldesk.printing.templates import FRAME_PADDING, Out, target

TAG_SIZE = (4 * inch, 2 * inch)
TAG_MARGIN = 0.08 * inch


def render_tags(tickets: Sequence[PaperTicket], out: Out) -> None:
    """One tag per ticket, one tag per page, for a label printer loaded with 4 x 2 in labels."""
    if not tickets:
        raise ValueError("no tickets to print tags for")
    register_fonts()
    document = SimpleDocTemplate(
        target(out),
        pagesize=TAG_SIZE,
        leftMargin=TAG_MARGIN,
        rightMargin=TAG_MARGIN,
        topMargin=TAG_MARGIN,
        bottomMargin=TAG_MARGIN,
        title="Envelope tags " + ", ".join(t.number for t in tickets),
        author="JewelDesk",
    )
    width = TAG_SIZE[0] - 2 * (TAG_MARGIN + FRAME_PADDING)
    height = TAG_SIZE[1] - 2 * (TAG_MARGIN + FRAME_PADDING)
    styles = make_styles(8.4)
    story: list[Flowable] = []
    for index, ticket in enumerate(tickets):
        if index:
            story.append(PageBreak())
        # Shrunk, never clipped, when a long name or service list would not fit the label.
        story.append(KeepInFrame(width, height, _tag(ticket, styles, width), mode="shrink"))
    document.build(story)


def _tag(ticket: PaperTicket, styles: Styles, width: float) -> list[Flowable]:
    promised_width = 1.25 * inch
    promised = [
        para("PROMISED FOR", styles.label.clone("pr", alignment=2)),
        rich(f"<b>{writing.short_day(ticket.promised_for, year=True)}</b>", styles.right),
    ]
    head = Table(
        [[para(ticket.number, styles.number.clone("n", fontSize=21, leading=23)), promised]],
        colWidths=[width - promised_width, promised_width],
        style=TableStyle([*PLAIN.getCommands(), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]),
    )
    customer = bold(ticket.customer_name)
    if ticket.customer_phone:
        customer += f" · {markup(ticket.customer_phone)}"
    people = f"Bench: {bold(ticket.jeweler or 'not assigned')}"
    people += f" · Taken in by {markup(ticket.taken_in_by)}"
    if ticket.occasion is not None:
        people += f" · Needed for {writing.short_day(ticket.occasion.date, year=True)}"
    story: list[Flowable] = [
        head,
        Spacer(1, 2),
        code128(ticket.number, width, bar_height=0.45 * inch),
        Spacer(1, 2),
        rich(customer, styles.body),
        rich(_piece_in_short(ticket, styles, width), styles.small),
    ]
    stones = as_stated(ticket.item_stones)
    if stones:
        story.append(rich(f"Stones, as stated: {markup(stones)}", styles.small))
    story += [para(_services_in_short(ticket), styles.small), rich(people, styles.small)]
    return story


def _piece_in_short(ticket: PaperTicket, styles: Styles, width: float) -> str:
    """ "14k white gold ring: Solitaire engagement ring, cathedral…" on one line of the tag:
    the piece in a few words, its description cut short where the line ends."""
    piece = " ".join(x for x in (ticket.item_metal, ticket.item_kind) if x)
    lead = f"{piece}: " if piece else ""
    text = " ".join(ticket.item_description.split())
    style = styles.small
    room = width - plain_width(lead, SANS_BOLD, style.fontSize)
    if plain_width(text, style.fontName, style.fontSize) > room:
        while text and plain_width(text + "…", style.fontName, style.fontSize) > room:
            text = text[:-1]
        text = text.rstrip(" ,;:.-") + "…"
    return f"{bold(lead)}{markup(text)}"


def _services_in_short(ticket: PaperTicket) -> str:
    parts = []
    for service in ticket.services:
        text = service.description
        if service.vendor:
            text += f" (to {service.vendor})"
        parts.append(text)
    return "Work: " + " · ".join(parts) if parts else ""
