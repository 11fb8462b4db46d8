"""The bare baseline for the claim receipt: the same ticket read raw from SQLite and the same
words set with ReportLab's canvas alone, in the same embedded fonts, with the same two
Code 128 barcodes, rules and shaded balance line — everything the receipt holds, without
JewelDesk's layout. It imports nothing of JewelDesk, so as a script
(``python benchmarks/bare_paper.py DB NUMBER OUT FONTS TERMS``) it is also the floor for
the whole ``print receipt`` command.
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

SANS, BOLD = "Bare-Sans", "Bare-Sans-Bold"
MARGIN = 43.2
INK, MUTED, ACCENT, SHADE = (HexColor(c) for c in ("#1a1a1a", "#666666", "#8a6a2a", "#f3efe6"))


def register(fonts: Path) -> None:
    """The same two DejaVu faces the receipt embeds, read once per process."""
    if SANS not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(SANS, str(fonts / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(fonts / "DejaVuSans-Bold.ttf")))


def _money(value: Any) -> str:
    return f"${Decimal(str(value or 0)):,.2f}"


def _day(value: str) -> str:
    return f"{date.fromisoformat(value[:10]):%a, %b} {int(value[8:10])}, {value[:4]}"


def _phone(kept: str | None) -> str:
    digits = "".join(ch for ch in kept or "" if ch.isdigit())
    digits = digits[1:] if len(digits) == 11 and digits[0] == "1" else digits
    if len(digits) == 10:
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    return kept or ""


def read(conn: sqlite3.Connection, number: str, terms_file: Path) -> dict[str, Any]:
    """What the receipt says, read with a handful of plain selects."""
    store = conn.execute("SELECT name, address, phone, receipt_terms, unclaimed_days "
                         "FROM store").fetchone()
    ticket = conn.execute(
        "SELECT t.id, t.number, t.received_at, t.promised_for, t.item_kind, "
        "t.item_description, t.item_metal, t.item_stones, t.item_condition, t.declared_value, "
        "t.deposit, t.deposit_method, t.occasion_what, t.occasion_date, c.name, c.phone, "
        "c.email, s.name FROM ticket t JOIN customer c ON c.id = t.customer_id "
        "JOIN staff s ON s.id = t.taken_in_by_id WHERE t.number = ?", (number,)).fetchone()
    services = conn.execute("SELECT description, price FROM ticket_service WHERE ticket_id = ?"
                            " ORDER BY position", (ticket[0],)).fetchall()
    discounts = conn.execute("SELECT reason, amount, courtesy FROM ticket_discount "
                             "WHERE ticket_id = ?", (ticket[0],)).fetchall()
    (paid,) = conn.execute("SELECT coalesce(sum(amount), 0) FROM payment WHERE ticket_id = ?",
                           (ticket[0],)).fetchone()
    terms = (store[3] or "").strip() or terms_file.read_text(encoding="utf-8")
    terms = terms.replace("{unclaimed_days}", str(store[4]))
    return {"store": store, "ticket": ticket, "services": services, "discounts": discounts,
            "paid": paid, "terms": [" ".join(b.split()) for b in terms.split("\n\n")
                                    if b.strip()]}


def draw(content: dict[str, Any], out: Any) -> None:
    store, t = content["store"], content["ticket"]
    width, height = letter
    right = width - MARGIN
    c = Canvas(out, pagesize=letter)
    y = height - MARGIN - 14
    c.setFont(BOLD, 15)
    c.drawString(MARGIN, y, store[0])
    c.setFillColor(ACCENT)
    c.setFont(BOLD, 9)
    c.drawRightString(right, y, "CLAIM RECEIPT")
    c.setFillColor(INK)
    c.setFont(SANS, 7.5)
    for line in (store[1] or "", _phone(store[2])):
        y -= 10
        c.drawString(MARGIN, y, line)
    y -= 12
    c.line(MARGIN, y, right, y)
    y -= 16
    received = datetime.fromisoformat(t[2])
    for x, label, value in (
            (MARGIN, "CUSTOMER", t[14]),
            (MARGIN + 270, "RECEIVED",
             f"{_day(t[2])}, {received:%I:%M %p}".replace(", 0", ", ")),
            (MARGIN + 430, "TAKEN IN BY", t[17])):
        c.setFont(SANS, 6.5)
        c.drawString(x, y, label)
        c.setFont(BOLD if label == "CUSTOMER" else SANS, 9.5)
        c.drawString(x, y - 12, value)
    c.setFont(SANS, 9.5)
    c.drawString(MARGIN, y - 26, " · ".join(x for x in (_phone(t[15]), t[16]) if x))
    y -= 40
    c.line(MARGIN, y, right, y)
    y -= 34
    c.setFont(BOLD, 20)
    c.drawString(MARGIN, y, t[1])
    Code128(t[1], barWidth=1.0, barHeight=30, humanReadable=False).drawOn(c, MARGIN + 190, y - 6)
    c.setFont(SANS, 6.5)
    c.drawString(MARGIN + 410, y + 14, "PROMISED FOR")
    c.setFont(BOLD, 9.5)
    c.drawString(MARGIN + 410, y, _day(t[3]))
    piece = " · ".join(x for x in (str(t[4]).capitalize(), t[6]) if x)
    declared = (_money(t[9]) if t[9] is not None
                else "None declared: the terms say what we are responsible for then")
    fields = [("DESCRIPTION", t[5]), ("THE PIECE", piece),
              ("VALUE DECLARED BY THE CUSTOMER", declared),
              ("STONES, AS STATED BY THE CUSTOMER", t[7] or "None stated"),
              ("CONDITION SEEN AT INTAKE", t[8] or "")]
    if t[12] and t[13]:
        fields.append(("NEEDED FOR", f"{t[12]}, {_day(t[13])}"))
    y -= 20
    for n, (label, value) in enumerate(fields):
        x = MARGIN + (n % 3) * 175
        c.setFont(SANS, 6.5)
        c.drawString(x, y, label)
        c.setFont(SANS, 9.5)
        for k, line in enumerate(simpleSplit(value, SANS, 9.5, 165)):
            c.drawString(x, y - 11 - 11 * k, line)
        if n % 3 == 2 or n == len(fields) - 1:
            y -= 36
    services_total = sum((Decimal(str(p)) for _d, p in content["services"]), Decimal(0))
    c.setFont(SANS, 6.5)
    c.drawString(MARGIN + 3, y, "SERVICE")
    c.drawRightString(right - 3, y, "PRICE")
    y -= 4
    c.line(MARGIN, y, right, y)
    c.setFont(SANS, 9.5)
    for description, price in content["services"]:
        y -= 13
        c.drawString(MARGIN + 3, y, description)
        c.drawRightString(right - 3, y, _money(price))
    y -= 4
    c.line(MARGIN, y, right, y)
    deposit = f"Deposit paid, {t[11]}" if t[11] and t[10] else "Deposit paid"
    balance = services_total
    sums = [("Services", services_total)]
    for reason, amount, courtesy in content["discounts"]:
        sums.append((("Courtesy: " if courtesy else "Discount: ") + reason, -Decimal(str(amount))))
        balance -= Decimal(str(amount))
    paid = Decimal(str(t[10] or 0)) + Decimal(str(content["paid"]))
    sums += [(deposit, t[10]), ("Paid so far, deposit included", paid)]
    for label, amount in sums:
        y -= 13
        c.drawRightString(right - 90, y, label)
        c.drawRightString(right - 3, y, _money(amount))
    y -= 13
    c.setFillColor(SHADE)
    c.rect(MARGIN, y - 3, right - MARGIN, 12, stroke=0, fill=1)
    c.setFillColor(INK)
    c.setFont(BOLD, 9.5)
    c.drawRightString(right - 90, y, "Balance due at pickup")
    c.drawRightString(right - 3, y, _money(balance - paid))
    y -= 26
    c.setFillColor(ACCENT)
    c.setFont(BOLD, 9.5)
    c.drawString(MARGIN, y, "Terms")
    c.setFillColor(INK)
    c.setFont(SANS, 7)
    for paragraph in content["terms"]:
        for line in simpleSplit(paragraph, SANS, 7, right - MARGIN):
            y -= 8.6
            c.drawString(MARGIN, y, line)
        y -= 2
    y -= 40
    c.setFillColor(MUTED)
    c.setFont(SANS, 6.5)
    for x, words in ((MARGIN, "Customer, on leaving the piece: I agree to the terms above · Date"),
                     (MARGIN + 270, "Customer, on collecting: I received the piece in good "
                                    "order · Date")):
        c.line(x, y + 10, x + 250, y + 10)
        c.drawString(x, y, words)
    y = 130
    c.setDash(4, 3)
    c.line(MARGIN, y, right, y)
    c.setDash()
    c.drawCentredString(width / 2, y + 3, "✂ Cut here · the stub stays with the envelope")
    c.setFillColor(INK)
    c.setFont(BOLD, 15)
    c.drawString(MARGIN + 10, y - 36, t[1])
    c.setFont(SANS, 9.5)
    c.drawString(MARGIN + 110, y - 28, t[14])
    c.drawString(MARGIN + 110, y - 40, f"Promised for {_day(t[3])}")
    Code128(t[1], barWidth=0.9, barHeight=26, humanReadable=False).drawOn(c, right - 150, y - 46)
    c.setFillColor(MUTED)
    c.setFont(SANS, 7.5)
    c.drawString(MARGIN, 28.8, f"{store[0]} · Claim receipt {t[1]}")
    c.drawRightString(right, 28.8, "Page 1 of 1")
    c.showPage()
    c.save()


def receipt(conn: sqlite3.Connection, number: str, out: Any, terms_file: Path) -> None:
    draw(read(conn, number, terms_file), out)


if __name__ == "__main__":
    database, ticket_number, pdf, font_dir, terms = sys.argv[1:6]
    register(Path(font_dir))
    with sqlite3.connect(database) as connection:
        receipt(connection, ticket_number, pdf, Path(terms))
