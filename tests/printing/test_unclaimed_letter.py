"""The final notice of a piece left uncollected: a letter with the customer's address where
the envelope's window shows it, read back from the PDF."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from jeweldesk.cli import main
from jeweldesk.domain import writing
from jeweldesk.domain.errors import Invalid, NotReady
from jeweldesk.domain.kinds import Channel
from jeweldesk.domain.status import Status
from jeweldesk.printing.letter import WINDOWS
from jeweldesk.services.customers import CustomerDetails
from jeweldesk.services.documents import letter_pdf
from jeweldesk.services.intake import Visit, take_in
from jeweldesk.services.moves import move
from jeweldesk.services.notices import notices_due
from jeweldesk.services.sending import mark_done
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import calendar, store_now
from tests.support.paper import flat, page_sizes_mm, pdf_text, text_off_the_page
from tests.support.store import BENCH, COUNTER, ring

HARRIS = CustomerDetails("Barbara Harris", "601 555 0142", "barbara@example.com",
                         preferred_channel=Channel.EMAIL,
                         postal_address="12 Oak Street\nJackson, MS 39201")


def _now(db: Database) -> datetime:
    with db.session(write=False) as session:
        return store_now(session)


def _ready(db: Database, days_ago: int, customer: CustomerDetails = HARRIS) -> str:
    ready_at = _now(db) - timedelta(days=days_ago)
    (number,) = take_in(db, Visit(pieces=(ring(description="Solitaire ring"),),
                                  new_customer=customer), by=COUNTER,
                        at=ready_at - timedelta(days=10))
    move(db, number, Status.AT_BENCH, BENCH, at=ready_at - timedelta(days=9))
    move(db, number, Status.READY, BENCH, at=ready_at)
    return number


def _in_window(path: Path, layout: str) -> str:
    window = WINDOWS[layout]
    document = pdfium.PdfDocument(path)
    try:
        page = document[0]
        _width, height = page.get_size()
        return page.get_textpage().get_text_bounded(
            window.left, height - window.top - window.height,
            window.left + window.width, height - window.top)
    finally:
        document.close()


def test_the_final_letter_is_addressed_through_the_window_with_the_date_to_collect_by(
        sqlite_store: Database, tmp_path: Path) -> None:
    number = _ready(sqlite_store, days_ago=95)
    out = tmp_path / "letter.pdf"
    out.write_bytes(letter_pdf(sqlite_store, number))

    assert page_sizes_mm(out) == [pytest.approx((215.9, 279.4), abs=0.2)]  # a US store
    through = flat(_in_window(out, "letter"))
    assert through.endswith("Barbara Harris 12 Oak Street Jackson, MS 39201"), through
    text = flat(pdf_text(out))
    today = _now(sqlite_store).date()
    with sqlite_store.session(write=False) as session:
        open_day = calendar(session).next_open(today + timedelta(days=30))
    assert open_day.isoweekday() != 7  # the store is shut on Sundays: never the day given
    collect_by = writing.long_day(open_day, year=True)
    assert f"Please collect your solitaire ring by {collect_by}" in text
    assert f"Please collect it by {collect_by}." in text
    assert "may dispose of it as the law allows" in text
    assert "Dear Barbara Harris," in text and f"claim {number}" in text
    assert writing.long_day(today, year=True) in text  # dated today
    assert "Harbor Lane Jewelers" in text  # the letterhead
    assert text_off_the_page(out) == []


def test_on_a4_the_address_sits_in_the_din_window(sqlite_store: Database,
                                                   tmp_path: Path) -> None:
    number = _ready(sqlite_store, days_ago=91)
    out = tmp_path / "letter.pdf"
    out.write_bytes(letter_pdf(sqlite_store, number, "a4"))
    assert page_sizes_mm(out) == [pytest.approx((210, 297), abs=0.2)]
    assert "Barbara Harris 12 Oak Street Jackson, MS 39201" in flat(_in_window(out, "a4"))


def test_a_letter_given_already_prints_again_as_it_was(sqlite_store: Database,
                                                        tmp_path: Path) -> None:
    number = _ready(sqlite_store, days_ago=95)
    (letter,) = [n for n in notices_due(sqlite_store)[1] if n.channel == Channel.LETTER]
    mark_done(sqlite_store, letter, COUNTER)
    assert [n for n in notices_due(sqlite_store)[1] if n.channel == Channel.LETTER] == []
    out = tmp_path / "again.pdf"
    out.write_bytes(letter_pdf(sqlite_store, number))
    assert letter.subject in flat(pdf_text(out))


def test_no_letter_before_its_day_nor_without_an_address(sqlite_store: Database) -> None:
    early = _ready(sqlite_store, days_ago=12)
    with pytest.raises(NotReady) as refused:
        letter_pdf(sqlite_store, early)
    assert "its final letter is due after 90 days" in str(refused.value)
    nowhere = _ready(sqlite_store, days_ago=95, customer=CustomerDetails("Ana Ruiz",
                                                                         "601 555 0199"))
    with pytest.raises(Invalid) as refused_too:
        letter_pdf(sqlite_store, nowhere)
    assert "Ana Ruiz has no postal address on record" in str(refused_too.value)


def test_print_letter_on_the_command_line(sqlite_store: Database, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    number = _ready(sqlite_store, days_ago=95)
    out = tmp_path / "letter.pdf"
    assert main(["--db", sqlite_store.url, "print", "letter", number, "--layout", "a4",
                 "--out", str(out)]) == 0
    assert "Barbara Harris" in flat(_in_window(out, "a4"))
    early = _ready(sqlite_store, days_ago=3)
    assert main(["--db", sqlite_store.url, "print", "letter", early, "--out",
                 str(tmp_path / "no.pdf")]) != 0
    assert not (tmp_path / "no.pdf").exists()
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and early in lines[0]
