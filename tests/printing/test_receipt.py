"""The claim receipt, read back the way the customer and the counter would read it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from jeweldesk.printing import LAYOUTS, render_receipt
from jeweldesk.printing.model import PaperTicket, StoreHeader
from tests.support.paper import (
    CUSTOMER,
    LAST_WORDS,
    barcodes,
    flat,
    long_description,
    page_sizes_mm,
    pdf_pages,
    pdf_text,
    ring_ticket,
)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_receipt_names_the_tickets_the_customer_and_the_dates(
    store: StoreHeader, visit: list[PaperTicket], pdf_path: Path, layout: str
) -> None:
    render_receipt(store, visit, layout, pdf_path)

    text = flat(pdf_text(pdf_path))
    for expected in (
        "R-10001",
        "R-10002",
        CUSTOMER,
        "Sat, Jun 14, 2025",
        "Fri, Jun 6, 2025",
        "Tue, Jun 3, 2025",
        "$4,800.00",
        "$110.00",
        "AS STATED BY THE CUSTOMER",
        store.name,
        store.phone,
    ):
        assert expected in text, expected


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_ticket_number_scans_back_from_the_receipt(
    store: StoreHeader, visit: list[PaperTicket], pdf_path: Path, layout: str
) -> None:
    render_receipt(store, visit, layout, pdf_path)

    scanned = [code for page in barcodes(pdf_path) for code in page]
    assert {"R-10001", "R-10002"} <= set(scanned)
    if layout != "roll80":
        # The ticket block and the tear-off stub each carry one.
        assert scanned.count("R-10001") == 2


def test_terms_carry_the_stores_unclaimed_days(store: StoreHeader, pdf_path: Path) -> None:
    render_receipt(store, [ring_ticket()], "letter", pdf_path)

    text = flat(pdf_text(pdf_path))
    assert f"within {store.unclaimed_days} days" in text
    assert "{unclaimed_days}" not in text


def test_the_stores_own_terms_replace_the_default(store: StoreHeader, pdf_path: Path) -> None:
    own = StoreHeader(
        name=store.name,
        address=store.address,
        phone=store.phone,
        terms="We keep unclaimed pieces for {unclaimed_days} days.\n\nCash only.",
        unclaimed_days=30,
    )
    render_receipt(own, [ring_ticket()], "a4", pdf_path)

    text = flat(pdf_text(pdf_path))
    assert "We keep unclaimed pieces for 30 days." in text
    assert "Cash only." in text


@pytest.mark.parametrize("layout", ["letter", "a4"])
def test_a_long_description_flows_onto_a_second_page_whole(
    store: StoreHeader, pdf_path: Path, layout: str
) -> None:
    description = long_description()
    assert len(description) == 2000
    render_receipt(store, [ring_ticket(description)], layout, pdf_path)

    pages = pdf_pages(pdf_path)
    assert len(pages) >= 2
    text = flat("\n".join(pages))
    assert LAST_WORDS in text
    assert "Page 2 of" in text


def test_the_roll_receipt_is_80_mm_wide_and_as_long_as_its_content(
    store: StoreHeader, pdf_path: Path
) -> None:
    render_receipt(store, [ring_ticket(long_description())], "roll80", pdf_path)

    sizes = page_sizes_mm(pdf_path)
    assert len(sizes) == 1, "a roll receipt is one continuous strip"
    width, height = sizes[0]
    assert width == pytest.approx(80, abs=0.1)
    assert height > 300
    assert LAST_WORDS in flat(pdf_text(pdf_path))


def test_a_short_roll_receipt_feeds_little_paper(store: StoreHeader, pdf_path: Path) -> None:
    render_receipt(store, [ring_ticket()], "roll80", pdf_path)
    short = page_sizes_mm(pdf_path)[0][1]
    render_receipt(store, [ring_ticket(long_description())], "roll80", pdf_path)
    long = page_sizes_mm(pdf_path)[0][1]

    assert short < long < 2000


def test_receipt_writes_to_an_open_file(store: StoreHeader, visit: list[PaperTicket]) -> None:
    buffer = io.BytesIO()
    render_receipt(store, visit, "letter", buffer)

    assert buffer.getvalue().startswith(b"%PDF")


def test_a_logo_prints_without_disturbing_the_text(
    store: StoreHeader, visit: list[PaperTicket], pdf_path: Path
) -> None:
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (300, 120), (122, 92, 46)).save(png, format="PNG")
    with_logo = StoreHeader(
        name=store.name, address=store.address, phone=store.phone, logo=png.getvalue()
    )
    for layout in LAYOUTS:
        render_receipt(with_logo, visit, layout, pdf_path)
        assert store.name in flat(pdf_text(pdf_path))


def test_an_unknown_layout_is_refused(store: StoreHeader, visit, pdf_path: Path) -> None:
    with pytest.raises(ValueError, match="layout"):
        render_receipt(store, visit, "legal", pdf_path)  # type: ignore[arg-type]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_with_no_value_declared_the_receipt_and_its_terms_say_what_the_store_answers_for(
    store: StoreHeader, visit: list[PaperTicket], pdf_path: Path, layout: str
) -> None:
    render_receipt(store, visit, layout, pdf_path)  # the watch has no declared value

    text = flat(pdf_text(pdf_path))
    assert "No value declared" not in text
    assert "None declared: the terms say what we are responsible for then" in text
    assert "If no value is declared, we are responsible for it up to the price of the work" in text


def test_a_stones_text_that_says_customer_stated_is_not_said_twice(
    store: StoreHeader, pdf_path: Path
) -> None:
    from dataclasses import replace

    stones = "1 round diamond, approx. 0.50 ct (customer stated)"
    for layout in LAYOUTS:
        render_receipt(store, [replace(ring_ticket(), item_stones=stones)], layout, pdf_path)
        text = flat(pdf_text(pdf_path))
        assert "STONES, AS STATED BY THE CUSTOMER" in text
        assert "1 round diamond, approx. 0.50 ct" in text
        assert "customer stated" not in text


def test_the_bold_part_of_a_cjk_or_korean_name_is_set_in_a_bold_face(
    store: StoreHeader, pdf_path: Path
) -> None:
    from dataclasses import replace

    from tests.support.paper import fonts_of

    ticket = replace(ring_ticket(), customer_name="김민준 " + CUSTOMER)
    render_receipt(store, [ticket], "letter", pdf_path)

    fonts = fonts_of(pdf_path, "李김Z")
    # The name is bold at the head of the receipt and plain on the stub.
    assert fonts["李"] == {"DroidSansFallback-Bold", "DroidSansFallback"}
    assert fonts["김"] == {"NanumSquareB", "NanumSquareR"}
    assert fonts["Z"] == {"DejaVuSans-Bold", "DejaVuSans"}
