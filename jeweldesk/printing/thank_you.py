"""The thank-you note handed over at pickup: a half-letter card in the store's own voice."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from string import Template
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
)

from jeweldesk.domain import writing
from jeweldesk.printing.fonts import SANS, register_fonts
from jeweldesk.printing.model import PaperTicket, ServiceLine, StoreHeader
from jeweldesk.printing.parts import logo, thin_rule
from jeweldesk.printing.resources import load_note_wording
from jeweldesk.printing.styles import ACCENT, RULE, Styles, make_styles, para
from jeweldesk.printing.templates import FRAME_PADDING, Out, target

CARD_SIZE = (5.5 * inch, 8.5 * inch)
CARD_MARGIN = 0.55 * inch


def render_thank_you(
    store: StoreHeader,
    tickets: Sequence[PaperTicket],
    out: Out,
    *,
    picked_up_on: date,
    signed_by: str | None = None,
    wording_path: Path | None = None,
) -> None:
    """One card per ticket, signed by whoever hands the piece back (the intake clerk if unsaid)."""
    if not tickets:
        raise ValueError("no tickets to write a thank-you note for")
    register_fonts()
    wording = load_note_wording(wording_path)
    document = SimpleDocTemplate(
        target(out),
        pagesize=CARD_SIZE,
        leftMargin=CARD_MARGIN,
        rightMargin=CARD_MARGIN,
        topMargin=CARD_MARGIN,
        bottomMargin=CARD_MARGIN,
        title="Thank you, " + tickets[0].customer_name,
        author="JewelDesk",
    )
    width = CARD_SIZE[0] - 2 * (CARD_MARGIN + FRAME_PADDING)
    height = CARD_SIZE[1] - 2 * (CARD_MARGIN + FRAME_PADDING)
    styles = make_styles(9.5)
    story: list[Flowable] = []
    for index, ticket in enumerate(tickets):
        if index:
            story.append(PageBreak())
        card = _card(store, ticket, wording, styles, picked_up_on, signed_by)
        # A card is one page: a long care list makes the type smaller, never a second card.
        story.append(KeepInFrame(width, height, card, mode="shrink"))
    document.build(story, onFirstPage=_border, onLaterPages=_border)


def _border(canvas: Canvas, _document: object) -> None:
    width, height = CARD_SIZE
    canvas.saveState()
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(1.1)
    canvas.rect(0.25 * inch, 0.25 * inch, width - 0.5 * inch, height - 0.5 * inch)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.rect(0.31 * inch, 0.31 * inch, width - 0.62 * inch, height - 0.62 * inch)
    canvas.restoreState()


def note_values(
    store: StoreHeader, ticket: PaperTicket, wording: dict[str, Any], picked_up_on: date
) -> dict[str, str]:
    care = wording["care"]
    months = [_care_entry(care, s).get("check_after_months", 12) for s in ticket.services]
    occasion = ticket.occasion
    if occasion is not None and occasion.date < picked_up_on:
        occasion = None  # the day has passed; wishing the customer well for it would ring false
    return {
        "customer": ticket.customer_name,
        "piece": _piece(ticket),
        "work": _work(ticket, care),
        "occasion": occasion.what if occasion else "",
        "occasion_date": writing.short_day(occasion.date, year=True) if occasion else "",
        "jeweler": ticket.jeweler or "",
        "store": store.name,
        "return_when": _months_later(picked_up_on, min(months, default=12)),
    }


def care_advice(ticket: PaperTicket, wording: dict[str, Any]) -> list[str]:
    advice: list[str] = []
    for service in ticket.services:
        text = _care_entry(wording["care"], service).get("advice", "")
        if text and text not in advice:
            advice.append(text)
    return advice or [wording["note"]["generic_care"]]


def _card(
    store: StoreHeader,
    ticket: PaperTicket,
    wording: dict[str, Any],
    styles: Styles,
    picked_up_on: date,
    signed_by: str | None,
) -> list[Flowable]:
    note = wording["note"]
    values = note_values(store, ticket, wording, picked_up_on)
    story: list[Flowable] = []
    image = logo(store, 1.4 * inch, 0.7 * inch)
    if image is not None:
        story += [image, Spacer(1, 6)]
    story += [
        para(store.name.upper(), styles.heading.clone("store", alignment=TA_CENTER, fontSize=9)),
        para(
            "Thank you",
            styles.note_big.clone(
                "big", alignment=TA_CENTER, fontSize=24, leading=30, textColor=ACCENT
            ),
        ),
        thin_rule(4, 12),
    ]
    body = styles.note.clone("body", spaceAfter=7)
    for key in ("greeting", "opening", "bench", "occasion"):
        line = fill(note[key], values)
        if line:
            story.append(para(line, body))
    story.append(para(note["care_heading"], styles.heading.clone("care", fontName=SANS)))
    small = styles.note.clone(
        "advice", fontSize=9, leading=12.5, spaceAfter=5, leftIndent=10, bulletIndent=0
    )
    for advice in care_advice(ticket, wording):
        story.append(para(advice, small))
        story[-1].bulletText = "•"
    invitation = fill(note["invitation"], values)
    if invitation:
        story += [Spacer(1, 4), para(invitation, body)]
    story += [
        Spacer(1, 6),
        para(note["closing"], styles.note),
        para(signed_by or ticket.taken_in_by, styles.note_big),
        para(f"{store.name} · {store.phone}", styles.small),
    ]
    return story


def fill(template: str, values: dict[str, str]) -> str | None:
    """The template with values put in; None when a placeholder it needs has no value."""
    text = Template(template)
    if any(not values.get(name) for name in text.get_identifiers()):
        return None
    return text.safe_substitute(values)


def _care_entry(care: dict[str, Any], service: ServiceLine) -> dict[str, Any]:
    """The wording for the work as the ticket's line says it: the catalog service's own
    when the line still names it, else the words for work the store describes itself."""
    listed = care.get(service.code) if service.as_listed else None
    return listed or care.get("_other", {})


def _piece(ticket: PaperTicket) -> str:
    metal = ticket.item_metal.strip()
    if metal[:1].isupper() and metal[1:2].islower():
        metal = metal[0].lower() + metal[1:]
    return " ".join(x for x in (metal, ticket.item_kind.strip()) if x) or "piece"


def _work(ticket: PaperTicket, care: dict[str, Any]) -> str:
    done: list[str] = []
    for service in ticket.services:
        template = _care_entry(care, service).get("done", "worked on it")
        phrase = Template(template).safe_substitute(description=service.description.lower())
        if phrase not in done:
            done.append(phrase)
    if not done:
        return "looked after it"
    return done[0] if len(done) == 1 else ", ".join(done[:-1]) + " and " + done[-1]


def _months_later(start: date, months: int) -> str:
    index = start.month - 1 + months
    return writing.month(date(start.year + index // 12, index % 12 + 1, 1))
