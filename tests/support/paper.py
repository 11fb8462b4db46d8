"""Realistic paper data (a store, a visit of two pieces, a parcel, a morning list) and the
ways a person checks a printed PDF: its text, its barcodes, its pages."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import zxingcpp

from jeweldesk.domain.levels import Level
from jeweldesk.printing.model import (
    MorningRow,
    Occasion,
    PaperParcel,
    PaperTicket,
    ParcelLine,
    ServiceLine,
    StoreHeader,
)

CUSTOMER = "Zoë Łukasz-Nguyễn 李小龍"
LAST_WORDS = "and the owner asked us to keep the original hallmark untouched"

STORE = StoreHeader(
    name="Marlow & Finch Jewelers",
    address="418 Harbor Street, Suite 2, Portland, ME 04101",
    phone="(207) 555-0148",
    unclaimed_days=120,
)


def long_description() -> str:
    sentence = (
        "Victorian rose gold locket with hand-chased floral border, hinge slightly loose, "
        "glass insert cracked at the lower edge, faint initials inside the back cover; "
    )
    text = sentence * (2000 // len(sentence) + 2)
    head = text[: 2000 - len(LAST_WORDS) - 1]
    if head.endswith(" "):
        head = head[:-1] + ";"
    return head + " " + LAST_WORDS


def ring_ticket(description: str = "Solitaire engagement ring, cathedral setting") -> PaperTicket:
    return PaperTicket(
        number="R-10001",
        received_at=datetime(2025, 6, 3, 10, 42),
        promised_for=date(2025, 6, 14),
        customer_name=CUSTOMER,
        customer_phone="+1 207 555 0199",
        customer_email="zoe.ln@example.com",
        item_kind="ring",
        item_description=description,
        item_metal="14k white gold",
        item_stones="One round diamond about 0.75 ct, two tapered baguettes",
        item_condition="Two prongs worn thin, shank thin at the back, light surface scratches",
        declared_value=Decimal("4800.00"),
        services=(
            ServiceLine("ring_sizing", "Ring sizing, 6 to 7", Decimal("65.00")),
            ServiceLine("prong_retip", "Prong retipping (2 prongs)", Decimal("90.00")),
            ServiceLine("rhodium_plating", "Rhodium plating", Decimal("55.00"), "Casco Plating"),
        ),
        deposit=Decimal("100.00"),
        payments_total=Decimal("100.00"),
        balance=Decimal("110.00"),
        taken_in_by="Ana Ruiz",
        jeweler="Tomás Beck",
        occasion=Occasion("tenth wedding anniversary", date(2025, 6, 21)),
    )


def watch_ticket() -> PaperTicket:
    return PaperTicket(
        number="R-10002",
        received_at=datetime(2025, 6, 3, 10, 49),
        promised_for=date(2025, 6, 6),
        customer_name=CUSTOMER,
        customer_phone="+1 207 555 0199",
        customer_email="zoe.ln@example.com",
        item_kind="watch",
        item_description="Ladies' quartz wristwatch, mother-of-pearl dial",
        item_metal="Stainless steel",
        item_stones="",
        item_condition="Crystal scratched at 3 o'clock; stopped",
        declared_value=None,
        services=(ServiceLine("watch_battery", "Watch battery", Decimal("18.00")),),
        deposit=Decimal("0.00"),
        payments_total=Decimal("0.00"),
        balance=Decimal("18.00"),
        taken_in_by="Ana Ruiz",
    )


def parcel(lines: int = 3) -> PaperParcel:
    kinds = [
        ("R-10001", "14k white gold solitaire ring", "Rhodium plating", Decimal("4800.00")),
        ("R-10007", "Sterling silver cuff, hammered", "Rhodium plating", Decimal("350.00")),
        ("R-10012", f"Pendant for {CUSTOMER}", "Stone setting, 6 mm sapphire", None),
    ]
    return PaperParcel(
        ref="S-12",
        vendor_name="Casco Plating & Finishing",
        vendor_phone="(207) 555-0111",
        carrier="UPS",
        tracking="1Z999AA10123456784",
        sent_at=datetime(2025, 6, 4, 15, 30),
        expected_back=date(2025, 6, 11),
        lines=tuple(ParcelLine(*kinds[i % 3]) for i in range(lines)),
    )


def morning_rows(count: int = 60) -> list[MorningRow]:
    base = date(2025, 6, 10)
    levels = (Level.LATE, Level.AT_RISK, Level.WATCH)
    return [
        MorningRow(
            ticket=f"R-{10100 + i}",
            customer=CUSTOMER if i == 0 else f"Customer number {i}",
            phone=f"(207) 555-{1000 + i}",
            promised_for=base + timedelta(days=i % 5),
            occasion_date=base + timedelta(days=7) if i % 4 == 0 else None,
            level=levels[i % 3],
            expected_ready=base + timedelta(days=i % 5 + 3),
            reasons=(
                "Casco Plating takes 9 days on average, quoted 5",
                "Waiting for a clasp ordered on Jun 2",
            )[: 1 + i % 2],
        )
        for i in range(count)
    ]


def pdf_pages(path: Path) -> list[str]:
    """The text of each page, as a copy-and-paste from a PDF viewer would give it."""
    document = pdfium.PdfDocument(path)
    try:
        return [page.get_textpage().get_text_bounded() for page in document]
    finally:
        document.close()


def pdf_text(path: Path) -> str:
    return "\n".join(pdf_pages(path))


def page_sizes_mm(path: Path) -> list[tuple[float, float]]:
    document = pdfium.PdfDocument(path)
    try:
        return [(p.get_width() * 25.4 / 72, p.get_height() * 25.4 / 72) for p in document]
    finally:
        document.close()


def barcodes(path: Path, dpi: int = 300) -> list[list[str]]:
    """Each page's barcodes, read from a rendering the way a counter scanner would."""
    document = pdfium.PdfDocument(path)
    try:
        found = []
        for page in document:
            image = page.render(scale=dpi / 72).to_pil()
            found.append([r.text for r in zxingcpp.read_barcodes(image)])
        return found
    finally:
        document.close()


def flat(text: str) -> str:
    """Text with its line breaks and runs of spaces made single spaces."""
    return " ".join(text.split())


def fonts_of(path: Path, chars: str) -> dict[str, set[str]]:
    """The fonts each of chars is set in, anywhere in the PDF, as the PDF names them."""
    import ctypes

    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(path)
    found: dict[str, set[str]] = {}
    try:
        for page in document:
            textpage = page.get_textpage()
            for index in range(textpage.count_chars()):
                char = chr(raw.FPDFText_GetUnicode(textpage, index))
                if char in chars:
                    name = ctypes.create_string_buffer(256)
                    flags = ctypes.c_int()
                    raw.FPDFText_GetFontInfo(textpage, index, name, 256, ctypes.byref(flags))
                    found.setdefault(char, set()).add(name.value.decode().split("+")[-1])
        return found
    finally:
        document.close()


def text_off_the_page(path: Path) -> list[tuple[int, str]]:
    """Text that runs past a page's edges, page by page (1 is the first): nothing should."""
    document = pdfium.PdfDocument(path)
    outside = []
    try:
        for number, page in enumerate(document, start=1):
            width, height = page.get_size()
            textpage = page.get_textpage()
            for index in range(textpage.count_rects()):
                left, bottom, right, top = textpage.get_rect(index)
                if left < -0.5 or bottom < -0.5 or right > width + 0.5 or top > height + 0.5:
                    said = textpage.get_text_bounded(left, bottom, right, top)
                    outside.append((number, said))
        return outside
    finally:
        document.close()


def visit_of(count: int) -> list[PaperTicket]:
    """One customer's visit of ``count`` pieces, numbered on from R-10001."""
    from dataclasses import replace

    return [replace(ring_ticket(), number=f"R-{10001 + i}") for i in range(count)]


def fullest_ordinary_ticket() -> PaperTicket:
    """The most an ordinary ticket holds: three services, a 300-character description, an
    occasion, stones and condition of a few lines, no value declared, paid beyond the
    deposit, and a name in three scripts."""
    from dataclasses import replace

    description = ("Solitaire engagement ring, cathedral setting, milgrain edge, "
                   "hand-engraved gallery, " * 4)[:300]
    return replace(
        ring_ticket(description),
        declared_value=None,
        payments_total=Decimal("150.00"),
        item_stones=("1 round diamond, approx. 0.50 ct (customer stated), two tapered "
                     "baguettes and four small side diamonds in pavé"),
        item_condition=("Two prongs worn thin, shank thin at the back, light surface "
                        "scratches, one baguette loose in its channel"),
    )
