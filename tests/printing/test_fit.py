"""Every receipt fits the sheet it is made for: each ticket of a 300-ticket demo store on
Letter, A4 and the 80 mm roll, and the long tickets that flow on to a second sheet; and the
same store's thank-you notes (only where there is something to thank for) and manifests."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from sqlalchemy import select

from jeweldesk.domain.errors import NotReady
from jeweldesk.domain.status import THANK_YOU_STATUSES
from jeweldesk.interchange.common import drain
from jeweldesk.printing import render_receipt
from jeweldesk.printing.model import PaperTicket, StoreHeader
from jeweldesk.services.demo import fill_demo_store
from jeweldesk.services.documents import manifest_pdf, thank_you_pdf
from jeweldesk.services.paper import tickets_for_paper
from jeweldesk.storage.engine import Database
from jeweldesk.storage.tables import Parcel, Ticket
from tests.support.paper import (
    CUSTOMER,
    LAST_WORDS,
    STORE,
    barcodes,
    flat,
    fullest_ordinary_ticket,
    long_description,
    pdf_pages,
    ring_ticket,
    text_off_the_page,
    visit_of,
)

CUT_LINE = "Cut here · the stub stays with the envelope"
NOW = datetime(2026, 11, 20, 15, 30)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Database]:
    """A fresh 300-ticket demo store, made once for the module (it takes a few seconds)."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    shutil.copy(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    drain(fill_demo_store(db, 300, seed=11, now=NOW))
    yield db
    db.dispose()


@pytest.fixture(scope="module")
def demo_tickets(demo_db: Database) -> tuple[StoreHeader, list[PaperTicket]]:
    with demo_db.session(write=False) as session:
        numbers = list(session.scalars(select(Ticket.number).order_by(Ticket.number)))
    return tickets_for_paper(demo_db, numbers)


def _ordinary(ticket: PaperTicket) -> bool:
    return len(ticket.services) <= 3 and len(ticket.item_description) <= 300


def _receipt(store: StoreHeader, tickets: list[PaperTicket], layout: str) -> bytes:
    out = io.BytesIO()
    render_receipt(store, tickets, layout, out)  # type: ignore[arg-type]
    return out.getvalue()


def _page_texts(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [flat(page.get_textpage().get_text_bounded()) for page in document]
    finally:
        document.close()


def _check_sheets(pdf: bytes, ticket: PaperTicket) -> int:
    """The stub whole on the last page and nowhere else, no text off any page; the pages."""
    pages = _page_texts(pdf)
    assert CUT_LINE in pages[-1], ticket.number
    assert all(CUT_LINE not in page for page in pages[:-1]), ticket.number
    stub = pages[-1].split(CUT_LINE, 1)[1]
    assert ticket.number in stub and flat(ticket.customer_name) in stub, ticket.number
    assert "Promised for" in stub, ticket.number
    for number, page in enumerate(pages[1:], start=2):
        assert f"CLAIM RECEIPT {ticket.number}" in page, (ticket.number, number)
    return len(pages)


@pytest.mark.parametrize("layout", ["letter", "a4"])
def test_every_ordinary_demo_ticket_fits_one_sheet_with_its_stub(
    demo_tickets: tuple[StoreHeader, list[PaperTicket]], layout: str, tmp_path: Path
) -> None:
    store, tickets = demo_tickets
    assert len(tickets) == 300
    longer = []
    for ticket in tickets:
        pdf = _receipt(store, [ticket], layout)
        pages = _check_sheets(pdf, ticket)
        if _ordinary(ticket):
            assert pages == 1, f"{ticket.number} takes {pages} {layout} sheets"
        else:
            longer.append(ticket.number)
        path = tmp_path / "receipt.pdf"
        path.write_bytes(pdf)
        assert text_off_the_page(path) == [], ticket.number
    assert len(longer) < 30  # the demo's tickets are nearly all ordinary ones


def test_every_demo_ticket_prints_on_one_roll_strip(
    demo_tickets: tuple[StoreHeader, list[PaperTicket]], tmp_path: Path
) -> None:
    store, tickets = demo_tickets
    path = tmp_path / "roll.pdf"
    for ticket in tickets:
        path.write_bytes(_receipt(store, [ticket], "roll80"))
        pages = pdf_pages(path)
        assert len(pages) == 1, ticket.number
        assert ticket.number in flat(pages[0])
        assert text_off_the_page(path) == [], ticket.number


def test_every_demo_ticket_ready_or_picked_up_gets_its_note_on_one_card_and_no_other_does(
    demo_db: Database, demo_tickets: tuple[StoreHeader, list[PaperTicket]], tmp_path: Path
) -> None:
    _store, tickets = demo_tickets
    path = tmp_path / "note.pdf"
    noted = refused = 0
    for ticket in tickets:
        if ticket.status not in THANK_YOU_STATUSES:
            with pytest.raises(NotReady, match=ticket.number):
                thank_you_pdf(demo_db, [ticket.number])
            refused += 1
            continue
        path.write_bytes(thank_you_pdf(demo_db, [ticket.number]))
        pages = pdf_pages(path)
        assert len(pages) == 1, ticket.number
        assert text_off_the_page(path) == [], ticket.number
        assert "Thank you for trusting us with your" in flat(pages[0]), ticket.number
        noted += 1
    assert noted > 20 and refused > 20  # the demo has pieces in every state


def test_every_demo_parcels_manifest_fits_its_pages(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.session(write=False) as session:
        refs = list(session.scalars(select(Parcel.ref).order_by(Parcel.id)))
    assert refs
    path = tmp_path / "manifest.pdf"
    for ref in refs:
        path.write_bytes(manifest_pdf(demo_db, ref))
        pages = [flat(page) for page in pdf_pages(path)]
        assert text_off_the_page(path) == [], ref
        assert "Insured value:" in pages[-1], ref
        assert all(f"PARCEL MANIFEST {ref}" in page for page in pages[1:]), ref


@pytest.mark.parametrize("layout", ["letter", "a4"])
def test_the_fullest_ordinary_ticket_fits_one_sheet(layout: str, tmp_path: Path) -> None:
    ticket = fullest_ordinary_ticket()
    pdf = _receipt(STORE, [ticket], layout)

    assert _check_sheets(pdf, ticket) == 1
    path = tmp_path / "receipt.pdf"
    path.write_bytes(pdf)
    assert text_off_the_page(path) == []
    assert barcodes(path, dpi=200) == [["R-10001", "R-10001"]]


@pytest.mark.parametrize("layout", ["letter", "a4"])
def test_a_2000_character_description_flows_on_with_the_stub_whole_on_the_last_page(
    layout: str, tmp_path: Path
) -> None:
    ticket = ring_ticket(long_description())
    pdf = _receipt(STORE, [ticket], layout)

    pages = _check_sheets(pdf, ticket)
    assert pages == 2
    texts = _page_texts(pdf)
    # It starts on the first sheet rather than leaving it blank, and ends whole.
    assert "Victorian rose gold locket" in texts[0]
    assert LAST_WORDS in " ".join(texts)
    path = tmp_path / "receipt.pdf"
    path.write_bytes(pdf)
    assert text_off_the_page(path) == []
    assert "R-10001" in barcodes(path, dpi=200)[-1]  # the stub's, on the last page


@pytest.mark.parametrize("layout", ["letter", "a4"])
def test_a_long_cjk_name_and_description_flow_properly(layout: str, tmp_path: Path) -> None:
    name = "欧阳娜娜 김민준 " + CUSTOMER + " 長谷川 さくら"
    description = "翡翠手镯，边缘有细小裂纹，客户希望保留原有的金属扣。" * 40
    ticket = replace(ring_ticket(description), customer_name=name)
    pdf = _receipt(STORE, [ticket], layout)

    pages = _check_sheets(pdf, ticket)
    assert pages >= 2
    path = tmp_path / "receipt.pdf"
    path.write_bytes(pdf)
    assert text_off_the_page(path) == []
    assert "欧阳娜娜" in _page_texts(pdf)[0]


def test_a_visit_of_six_pieces_keeps_all_its_stubs_together_on_the_last_page(
    tmp_path: Path,
) -> None:
    visit = visit_of(6)
    pdf = _receipt(STORE, visit, "letter")

    pages = _page_texts(pdf)
    assert CUT_LINE in pages[-1] and all(CUT_LINE not in p for p in pages[:-1])
    stubs = pages[-1].split(CUT_LINE, 1)[1]
    assert all(t.number in stubs for t in visit)
    path = tmp_path / "receipt.pdf"
    path.write_bytes(pdf)
    assert text_off_the_page(path) == []


@pytest.mark.parametrize("layout", ["letter", "a4"])
def test_a_visit_of_two_ordinary_pieces_leaves_with_one_sheet_and_both_stubs(
    layout: str, tmp_path: Path
) -> None:
    visit = visit_of(2)
    pdf = _receipt(STORE, visit, layout)

    [page] = _page_texts(pdf)
    assert page.count("Balance due at pickup") == 2 and "2 pieces" in page
    stubs = page.split(CUT_LINE, 1)[1]
    assert all(t.number in stubs for t in visit)
    path = tmp_path / "receipt.pdf"
    path.write_bytes(pdf)
    assert text_off_the_page(path) == []
    [found] = barcodes(path)
    assert sorted(found) == sorted([t.number for t in visit] * 2)  # pieces and stubs


def _left_of(page: pdfium.PdfPage, words: str) -> tuple[float, float]:
    """Where the first run of ``words`` on the page starts and ends, left to right."""
    text = page.get_textpage()
    searcher = text.search(words)
    found = searcher.get_next()
    assert found is not None, words
    index, count = found
    return text.get_charbox(index)[0], text.get_charbox(index + count - 1)[2]


def test_a_long_store_name_is_cut_short_in_the_later_sheets_head_and_foot_not_overlapping(
) -> None:
    long_name = "The Harrowgate & Sons Fine Jewellery and Watch Repair Company of Old Town"
    pdf = _receipt(replace(STORE, name=long_name), visit_of(6), "letter")

    document = pdfium.PdfDocument(pdf)
    try:
        page = document[1]
        page_text = flat(page.get_textpage().get_text_range())
        assert "CLAIM RECEIPT R-10001 … R-10006 (6 pieces)" in page_text
        _, name_ends = _left_of(page, "The Harrowgate")
        head_starts, _ = _left_of(page, "CLAIM RECEIPT")
        name_run = page_text.split("CLAIM RECEIPT")[0]
        assert "…" in name_run
        _, store_ends = _left_of(page, name_run.strip()[-8:])
        assert store_ends < head_starts
        foot_ends = _left_of(page, "Claim receipt R-10001")[1]
        assert foot_ends < _left_of(page, "Page 2 of")[0]
    finally:
        document.close()
