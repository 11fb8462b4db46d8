"""The thank-you note handed over at pickup: a half-letter card in the store's own voice."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
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
from jeweldesk.printing.fonts import SANS, SANS_BOLD, SERIF, SERIF_ITALIC, register_fonts
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
    wording_text: str | None = None,
) -> None:
    """One card per ticket, signed by whoever hands the piece back (the intake clerk if
    unsaid), in the store's edited wording (TOML text) where it has one."""
    if not tickets:
        raise ValueError("no tickets to write a thank-you note for")
    register_fonts(SANS, SANS_BOLD, SERIF, SERIF_ITALIC)
    wording = load_note_wording(wording_text)
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
    return {
        "customer": ticket.addressed_as or writing.addressed(ticket.customer_name),
        "piece": piece_said(ticket),
        "work": _work(ticket, care),
        "occasion": _lower_first(occasion.what) if occasion else "",
        "occasion_date": writing.short_day(occasion.date, year=True) if occasion else "",
        "jeweler": ticket.bench_jeweler or "",
        "workshop": _and(ticket.workshops),
        "store": store.name,
        "return_when": _months_later(picked_up_on, min(months, default=12)),
    }


def credit_line(ticket: PaperTicket) -> str:
    """Which wording credits the work: the bench, the vendor's workshop, or both."""
    if ticket.bench_jeweler and ticket.workshops:
        return "bench_and_workshop"
    return "workshop" if ticket.workshops else "bench"


def occasion_line(ticket: PaperTicket, picked_up_on: date) -> str | None:
    """Which wording the occasion gets: a wish while it is ahead, a word of regret when the
    piece was ready only after it, nothing when it passed with the piece ready in time."""
    occasion = ticket.occasion
    if occasion is None:
        return None
    ready = ticket.ready_on or ticket.promised_for
    if ready > occasion.date:
        return "occasion_missed"
    return "occasion" if occasion.date >= picked_up_on else None


def care_advice(ticket: PaperTicket, wording: dict[str, Any]) -> list[str]:
    """The care tip for each piece of work, in the words for the piece's own materials where
    the wording has them (a leather band's tip is not a steel bracelet's)."""
    said = _material_words(ticket)
    advice: list[str] = []
    for service in ticket.services:
        entry = _care_entry(wording["care"], service)
        text = entry.get("advice", "")
        for material, words in entry.get("materials", {}).items():
            if re.search(rf"\b{re.escape(material.lower())}", said):
                text = words
                break
        if text and text not in advice:
            advice.append(text)
    return advice or [wording["note"]["generic_care"]]


def _material_words(ticket: PaperTicket) -> str:
    return " ".join((ticket.item_metal, ticket.item_stones, ticket.item_description,
                     ticket.item_kind)).lower()


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
    keys = ["greeting", "opening", credit_line(ticket), occasion_line(ticket, picked_up_on)]
    for key in keys:
        line = fill(note[key], values) if key else None
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
    if service.agreed:  # its words are the bench's question, not a thing done
        return care.get("_agreed") or care.get("_other", {})
    listed = care.get(service.code) if service.as_listed else None
    return listed or care.get("_other", {})


# Words a description may open with that the note's "your" already says.
_OPENERS = ("a ", "an ", "the ", "my ", "her ", "his ", "their ", "our ", "your ")
_CLAUSE_END = re.compile(r"[,;:.(\n\u3001\u3002\uff0c\uff1b\uff1a]| - | \u2014 ")
PIECE_WORDS_AT_MOST = 8
PIECE_CHARS_AT_MOST = 60


def piece_said(ticket: PaperTicket) -> str:
    """The piece as the customer knows it: the description's first words ("three-stone
    anniversary ring"); the metal and kind only when the description is too long to say in
    a sentence or says nothing on its own."""
    head = _CLAUSE_END.split(ticket.item_description.strip(), maxsplit=1)[0]
    head = " ".join(head.split())
    if head.lower().startswith(_OPENERS):
        head = head.split(" ", 1)[1]
    words = head.split()
    if head and len(words) <= PIECE_WORDS_AT_MOST and len(head) <= PIECE_CHARS_AT_MOST and (
            len(words) > 1 or not head.isascii()):
        return _lower_first(head)
    metal = _lower_first(ticket.item_metal.strip())
    return " ".join(x for x in (metal, ticket.item_kind.strip()) if x) or "piece"


def _lower_first(text: str) -> str:
    """ "Three-stone ring" is "three-stone ring" mid-sentence; "18K gold", "GIA" stay."""
    if text[:1].isupper() and text[1:2].islower() and text.split(" ", 1)[0][1:].islower():
        return text[0].lower() + text[1:]
    return text


def _and(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


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
