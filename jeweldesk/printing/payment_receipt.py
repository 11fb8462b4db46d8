"""The payment receipt: what the customer paid on their tickets, how, who took it, and what
is left to pay. Letter or A4, or the 80 mm roll."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from html import escape

from reportlab.lib.units import inch, mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from jeweldesk.domain import writing
from jeweldesk.printing.model import PaperPayment, PaperTicket, StoreHeader
from jeweldesk.printing.parts import letterhead, logo, thin_rule
from jeweldesk.printing.styles import RULE, SHADE, Styles, make_styles, para, rich
from jeweldesk.printing.templates import (
    ROLL_CONTENT_WIDTH,
    SHEETS,
    Out,
    build_on_roll,
    build_on_sheets,
    frame_width,
)

TITLE = "PAYMENT RECEIPT"


def render_payment_receipt(store: StoreHeader, tickets: Sequence[PaperTicket],
                           payments: Sequence[PaperPayment], printed_at: datetime,
                           layout: str, out: Out) -> None:
    if not tickets:
        raise ValueError("a payment receipt needs at least one ticket")
    numbers = ", ".join(t.number for t in tickets)
    title = f"Payment receipt {numbers}"
    if layout == "roll80":
        def flowables() -> list[Flowable]:
            styles = make_styles(8.2)
            width = ROLL_CONTENT_WIDTH
            story: list[Flowable] = []
            image = logo(store, width * 0.6, 18 * mm)
            if image is not None:
                story.append(image)
            story += [para(line, styles.center)
                      for line in (store.name, store.address, store.phone) if line]
            story.append(rich(f"<b>{TITLE}</b>", styles.center))
            story.append(thin_rule())
            return story + _body(store, tickets, payments, printed_at, styles, width, True)
        build_on_roll(out, title, flowables)
    elif layout in SHEETS:
        pagesize = SHEETS[layout]
        width = frame_width(pagesize)
        styles = make_styles(9.5)
        story = letterhead(store, styles, width, TITLE)
        story += _body(store, tickets, payments, printed_at, styles, width, False)
        build_on_sheets(out, pagesize, title, f"{store.name} · Payment receipt {numbers}",
                        story)
    else:
        raise ValueError(f"unknown layout {layout!r}")


def _body(store: StoreHeader, tickets: Sequence[PaperTicket],
          payments: Sequence[PaperPayment], printed_at: datetime, styles: Styles,
          width: float, narrow: bool) -> list[Flowable]:
    first = tickets[0]
    story: list[Flowable] = [
        para(first.customer_name, styles.heading),
        para(f"Printed {writing.moment(printed_at, year=True)}", styles.small),
        Spacer(1, 6),
        rich("<b>Paid</b>", styles.body),
    ]
    rows: list[list[Flowable]] = []
    for p in payments:
        given_back = p.amount < 0
        said = ("Cash rounding" if p.cash_rounding
                else f"{'Given back' if given_back else 'Paid'} by {escape(p.method)}")
        words = (f"{p.ticket_number} · {writing.moment(p.at, year=True)}"
                 f"{'<br/>' if narrow else ' · '}{said}, {escape(p.taken_by)}")
        if p.reason:
            words += f": {escape(p.reason)}"
        rows.append([rich(words, styles.body), _money(p.amount, store, styles)])
    for t in tickets:
        if t.deposit:
            how = f" by {escape(t.deposit_method)}" if t.deposit_method else ""
            rows.insert(0, [rich(f"{t.number} · deposit at intake{how}, "
                                 f"{writing.day(t.received_at.date(), year=True)}",
                                 styles.body), _money(t.deposit, store, styles)])
    if not rows:
        rows.append([para("Nothing paid yet.", styles.body), para("", styles.body)])
    story.append(_table(rows, width))
    story.append(Spacer(1, 8))
    story.append(rich("<b>The work</b>", styles.body))
    bill: list[list[Flowable]] = []
    for t in tickets:
        bill.append([rich(f"<b>{t.number}</b> {escape(t.item_description)}", styles.body),
                     para("", styles.body)])
        for service in t.services:
            bill.append([para(f"   {service.description}", styles.body),
                         _money(service.price, store, styles)])
        for words, amount in t.reductions:
            bill.append([para(f"   {words}", styles.body), _money(-amount, store, styles)])
        for words, amount in t.taxes:
            bill.append([para(f"   {words}", styles.body), _money(amount, store, styles)])
    story.append(_table(bill, width))
    left = sum((t.balance for t in tickets), Decimal("0.00"))
    paid = sum((t.payments_total for t in tickets), Decimal("0.00"))
    totals = [[rich("Paid in all", styles.right), _money(paid, store, styles)],
              [rich("<b>Left to pay</b>", styles.right), _money(left, store, styles, True)]]
    story.append(_table(totals, width, shaded=True))
    story.append(Spacer(1, 10))
    story.append(para("Thank you. Keep this receipt with your claim receipt.", styles.small))
    return story


def _money(amount: Decimal, store: StoreHeader, styles: Styles, bold: bool = False) -> Flowable:
    text = writing.money(amount)
    return rich(f"<b>{text}</b>" if bold else text, styles.right)


def _table(rows: list[list[Flowable]], width: float, shaded: bool = False) -> Table:
    price = min(1.1 * inch, width * 0.3)
    table = Table(rows, colWidths=[width - price, price], splitInRow=1)
    commands = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE)]
    if shaded:
        commands.append(("BACKGROUND", (0, -1), (-1, -1), SHADE))
    table.setStyle(TableStyle(commands))
    return table
