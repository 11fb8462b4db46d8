"""The claim receipt: what the customer left with the store, in what condition, on what terms."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch, mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus.flowables import TopPadder

from jeweldesk.domain import writing
from jeweldesk.printing.barcode import code128
from jeweldesk.printing.model import PaperTicket, StoreHeader
from jeweldesk.printing.parts import (
    PLAIN,
    Whole,
    as_stated,
    letterhead,
    logo,
    signature_lines,
    store_lines,
    thin_rule,
)
from jeweldesk.printing.resources import terms_paragraphs
from jeweldesk.printing.stub import stub_strip
from jeweldesk.printing.styles import (
    MUTED,
    RULE,
    SHADE,
    Styles,
    labelled,
    make_styles,
    para,
    rich,
)
from jeweldesk.printing.templates import (
    ROLL_CONTENT_WIDTH,
    RUNNING_HEAD,
    SHEETS,
    Out,
    build_on_roll,
    build_on_sheets,
    frame_height,
    frame_width,
)

Layout = Literal["letter", "a4", "roll80"]
LAYOUTS: tuple[Layout, ...] = ("letter", "a4", "roll80")


def render_receipt(
    store: StoreHeader, tickets: Sequence[PaperTicket], layout: Layout, out: Out
) -> None:
    """One claim receipt for one visit: every ticket the customer left, on one document."""
    if not tickets:
        raise ValueError("a claim receipt needs at least one ticket")
    numbers = ", ".join(t.number for t in tickets)
    title = f"Claim receipt {numbers}"
    if layout == "roll80":
        build_on_roll(out, title, lambda: _roll_flowables(store, tickets))
    elif layout in SHEETS:
        pagesize = SHEETS[layout]
        flowables = _sheet_flowables(store, tickets, frame_width(pagesize),
                                     frame_height(pagesize))
        build_on_sheets(out, pagesize, title, f"{store.name} · Claim receipt {numbers}",
                        flowables, running_head=(store.name, f"CLAIM RECEIPT {_span(tickets)}"))
    else:
        raise ValueError(f"unknown receipt layout {layout!r}; choose one of {LAYOUTS}")


def _span(tickets: Sequence[PaperTicket]) -> str:
    """The visit's numbers for the head of a later sheet: all of them when few."""
    if len(tickets) <= 2:
        return ", ".join(t.number for t in tickets)
    return f"{tickets[0].number} … {tickets[-1].number} ({len(tickets)} pieces)"


def _sheet_flowables(
    store: StoreHeader, tickets: Sequence[PaperTicket], width: float, height: float
) -> list[Flowable]:
    """The receipt on Letter or A4: an ordinary ticket, stub and signatures included, on one
    sheet; a long one flows on, the stub always whole at the foot of the last page."""
    # A visit of several pieces is set closer, each piece's sums on one line (the visit's
    # totals follow), so two or three ordinary pieces still leave with one sheet.
    several = len(tickets) > 1
    styles = make_styles(8.5 if several else 9.5)
    story: list[Flowable] = letterhead(store, styles, width, "CLAIM RECEIPT")
    story.append(_visit(tickets[0], styles, width, columns=3))
    for ticket in tickets:
        story += _ticket(ticket, store, styles, width, barcode_width=2.6 * inch, page=height,
                         compact=several)
    if several:
        story.append(_visit_totals(tickets, store, styles, width, gap=4))
    story += _terms(store, styles, styles.small.clone("fine", fontSize=7, leading=8.6,
                                                      spaceAfter=1.2 if several else 2))
    signatures = _signatures(styles, width, stacked=False,
                             room=(0.3 if several else 0.36) * inch)
    story.append(CondPageBreak(_height(signatures, width) + 8))
    story.append(Spacer(1, 6 if several else 8))
    story.append(signatures)
    stubs = Whole(stub_strip(tickets, styles, width), height - RUNNING_HEAD)
    story.append(CondPageBreak(_height(stubs, width) + (6 if several else 10)))
    story.append(TopPadder(stubs))
    return story


def _height(flowables: Flowable | Sequence[Flowable], width: float) -> float:
    """How tall flowables stand on a page ``width`` wide, the space around them included."""
    if isinstance(flowables, KeepTogether):
        flowables = flowables._content
    if isinstance(flowables, Flowable):
        flowables = [flowables]
    return sum(
        f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables
    )


def _roll_flowables(store: StoreHeader, tickets: Sequence[PaperTicket]) -> list[Flowable]:
    styles = make_styles(8.2)
    width = ROLL_CONTENT_WIDTH
    story: list[Flowable] = []
    image = logo(store, width * 0.6, 18 * mm)
    if image is not None:
        story.append(image)
    story += [_centered(f, styles) for f in store_lines(store, styles)]
    story.append(rich("<b>CLAIM RECEIPT</b>", styles.center))
    story.append(thin_rule())
    story.append(_visit(tickets[0], styles, width, columns=1))
    for ticket in tickets:
        story += _ticket(ticket, store, styles, width, barcode_width=width)
    if len(tickets) > 1:
        story.append(_visit_totals(tickets, store, styles, width))
    story += _terms(store, styles)
    story.append(Spacer(1, 6))
    story.append(_signatures(styles, width, stacked=True))
    return story


def _centered(flowable: Flowable, styles: Styles) -> Flowable:
    flowable.style = flowable.style.clone("centered", alignment=styles.center.alignment)
    return flowable


def _visit(ticket: PaperTicket, styles: Styles, width: float, columns: int) -> Table:
    reach = " · ".join(x for x in (ticket.customer_phone, ticket.customer_email) if x)
    cells = [
        labelled("Customer", ticket.customer_name, styles, styles.heading.clone("c", spaceBefore=0))
        + [para(reach, styles.body)],
        labelled("Received", writing.moment(ticket.received_at, year=True), styles),
        labelled("Taken in by", ticket.taken_in_by, styles),
    ]
    if columns == 1:
        return Table([[c] for c in cells], colWidths=[width], style=_gap_style(4))
    widths = [width * 0.5, width * 0.3, width * 0.2]
    return Table([cells], colWidths=widths, style=_gap_style(0), splitInRow=1)


def _gap_style(bottom: float) -> TableStyle:
    return TableStyle([*PLAIN.getCommands(), ("BOTTOMPADDING", (0, 0), (-1, -1), bottom)])


def _ticket(
    ticket: PaperTicket,
    store: StoreHeader,
    styles: Styles,
    width: float,
    barcode_width: float,
    page: float | None = None,
    compact: bool = False,
) -> list[Flowable]:
    """The piece, its condition and its services; ``page`` is the sheet's frame height (none
    on the roll, which is one long strip)."""
    number = para(ticket.number, styles.number)
    barcode = code128(ticket.number, min(barcode_width, width),
                      bar_height=(0.32 if compact else 0.42) * inch)
    promised = labelled(
        "Promised for",
        writing.day(ticket.promised_for, year=True),
        styles,
        styles.heading.clone("p", spaceBefore=0, textColor=colors.black),
    )
    on_roll = barcode_width >= width
    if on_roll:
        head: list[Flowable] = [number, barcode, Spacer(1, 3), *promised]
    else:
        head = [
            Table(
                [[number, barcode, promised]],
                colWidths=[width - barcode_width - 1.6 * inch, barcode_width, 1.6 * inch],
                style=TableStyle([*PLAIN.getCommands(), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]),
            )
        ]
    if compact:
        body: list[Flowable] = [_field_grid(ticket, store, styles, width, with_description=True)]
    else:
        body = [*labelled("Description", ticket.item_description, styles), Spacer(1, 3)]
        if on_roll:
            body.append(_field_list(_fields(ticket, store), styles, width))
        else:
            body.append(_field_grid(ticket, store, styles, width))
    block = [
        thin_rule(5 if compact else 7 if page else 10, 3 if compact else 5 if page else 6),
        *head,
        Spacer(1, 2 if compact else 4 if page else 6),
        *body,
        _services(ticket, store, styles, width, tight=page is not None, one_line=compact),
    ]
    if page is None or _height(block, width) <= page * LONG_TICKET:
        # Kept on one page when it fits, so a piece's services never sit apart from it.
        return [KeepTogether(block)]
    # A long one starts where it is, with room for its number and the first lines, and
    # flows on, rather than leave most of a sheet blank.
    return [CondPageBreak(_height(head[0], width) + 1.2 * inch), *block]


def _fields(ticket: PaperTicket, store: StoreHeader) -> list[tuple[str, str]]:
    piece = " · ".join(x for x in (ticket.item_kind.capitalize(), ticket.item_metal) if x)
    fields = [
        ("The piece", piece),
        ("Value declared by the customer", _declared(ticket, store)),
        ("Stones, as stated by the customer", as_stated(ticket.item_stones)),
        ("Condition seen at intake", ticket.item_condition),
    ]
    if ticket.occasion is not None:
        needed = writing.day(ticket.occasion.date, year=True)
        fields.append(("Needed for", f"{ticket.occasion.what}, {needed}"))
    return fields


def _field_list(fields: list[tuple[str, str]], styles: Styles, width: float) -> Table:
    """The fields one under another, for the narrow roll; a long one still wraps."""
    table = Table([[labelled(label, value, styles)] for label, value in fields],
                  colWidths=[width], splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                *PLAIN.getCommands(),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _field_grid(ticket: PaperTicket, store: StoreHeader, styles: Styles, width: float,
                with_description: bool = False) -> Table:
    """On a sheet: the piece, its declared value and the occasion on one row, the stones and
    the condition (the longer ones) below; a long one wraps and may continue overleaf.
    ``with_description``: the description leads the first row (a visit of several pieces),
    and the occasion joins the second."""
    named = dict(_fields(ticket, store))
    cell = {label: labelled(label, value, styles) for label, value in named.items()}
    stones, condition = cell["Stones, as stated by the customer"], cell["Condition seen at intake"]
    spans: list[tuple[str, tuple[int, int], tuple[int, int]]] = []
    if with_description:
        widths = [width * 0.4, width * 0.3, width * 0.3]
        first: list[Any] = [labelled("Description", ticket.item_description, styles),
                            cell["The piece"], cell["Value declared by the customer"]]
        second: list[Any] = [stones, condition, cell.get("Needed for", [])]
    else:
        widths = [width / 3] * 3
        first = [cell["The piece"], cell["Value declared by the customer"],
                 cell.get("Needed for", [])]
        second = [stones, condition, []]
        spans.append(("SPAN", (1, 1), (2, 1)))
    table = Table([first, second], colWidths=widths, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                *PLAIN.getCommands(),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2 if with_description else 3),
                *spans,
            ]
        )
    )
    return table


# The terms say what the store answers for when no value is declared (see
# resources/terms/default_terms.txt); the receipt says where to read it.
NONE_DECLARED = "None declared: the terms say what we are responsible for then"
LONG_TICKET = 0.5  # share of a page above which a ticket's block may start mid-page


def _declared(ticket: PaperTicket, store: StoreHeader) -> str:
    if ticket.declared_value is None:
        return NONE_DECLARED
    return writing.money(ticket.declared_value)


def _services(
    ticket: PaperTicket, store: StoreHeader, styles: Styles, width: float, tight: bool = False,
    one_line: bool = False,
) -> Table:
    """The services and their prices, then the sums: a row each, or (``one_line``, a piece
    of a visit) all on one shaded line."""
    price_width = min(1.1 * inch, width * 0.32)
    # A piece of a visit goes without the column heads: a rule above its lines says enough.
    rows: list[list[Flowable | str]] = [] if one_line else [
        [para("SERVICE", styles.label), para("PRICE", styles.label.clone("r", alignment=2))]
    ]
    for service in ticket.services:
        rows.append([para(service.description, styles.body), _amount(service.price, store, styles)])
    totals = [
        ("Services", ticket.services_total),
        *((words, -amount) for words, amount in ticket.reductions),
        *ticket.taxes,
        (f"Deposit paid, {ticket.deposit_method}" if ticket.deposit_method and ticket.deposit
         else "Deposit paid", ticket.deposit),
    ]
    if ticket.payments_total != ticket.deposit:
        totals.append(("Paid so far, deposit included", ticket.payments_total))
    if one_line:
        sums = " · ".join(f"{label} {writing.money(amount) or '—'}"
                          for label, amount in totals)
        rows.append([rich(f"{sums} · <b>Balance due at pickup</b>", styles.right),
                     _amount(ticket.balance, store, styles, bold=True)])
    else:
        for label, amount in totals:
            rows.append([para(label, styles.right), _amount(amount, store, styles)])
        rows.append(
            [
                rich("<b>Balance due at pickup</b>", styles.right),
                _amount(ticket.balance, store, styles, bold=True),
            ]
        )
    heads = 0 if one_line else 1
    first_total = len(ticket.services) + heads
    table = Table(rows, colWidths=[width - price_width, price_width], splitInRow=1,
                  repeatRows=heads)
    padding = 1 if tight else 3
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), padding),
                ("BOTTOMPADDING", (0, 0), (-1, -1), padding + 0.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE) if heads else
                ("LINEABOVE", (0, 0), (-1, 0), 0.6, RULE),
                ("LINEABOVE", (0, first_total), (-1, first_total), 0.6, RULE),
                ("BACKGROUND", (0, -1), (-1, -1), SHADE),
            ]
        )
    )
    return table


def _amount(amount, store: StoreHeader, styles: Styles, bold: bool = False) -> Flowable:
    text = writing.money(amount) or "—"
    return rich(f"<b>{text}</b>" if bold else text, styles.right)


def _visit_totals(
    tickets: Sequence[PaperTicket], store: StoreHeader, styles: Styles, width: float,
    gap: float = 10,
) -> Flowable:
    balance = sum((t.balance for t in tickets), tickets[0].balance * 0)
    deposits = sum((t.deposit for t in tickets), tickets[0].deposit * 0)
    text = (
        f"<b>{len(tickets)} pieces</b> · deposits paid {writing.money(deposits)} · "
        f"<b>balance due at pickup {writing.money(balance)}</b>"
    )
    table = Table([[rich(text, styles.right)]], colWidths=[width])
    table.setStyle(
        TableStyle(
            [("BACKGROUND", (0, 0), (-1, -1), SHADE), ("LINEABOVE", (0, 0), (-1, 0), 1, MUTED)]
        )
    )
    return KeepTogether([Spacer(1, gap), table])


def _terms(
    store: StoreHeader, styles: Styles, style: ParagraphStyle | None = None
) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(0.8 * inch), para("Terms", styles.heading)]
    text = style or styles.small.clone("t", spaceAfter=3)
    story += [para(p, text) for p in terms_paragraphs(store)]
    return story


def _signatures(
    styles: Styles, width: float, stacked: bool, room: float = 0.45 * inch
) -> Flowable:
    drop_off = "Customer, on leaving the piece: I agree to the terms above · Date"
    pickup = "Customer, on collecting: I received the piece in good order · Date"
    if stacked:
        return KeepTogether(
            [
                signature_lines([drop_off], styles, width),
                signature_lines([pickup], styles, width),
            ]
        )
    return KeepTogether([signature_lines([drop_off, pickup], styles, width, room)])
