"""Each document is one call away in the window, previewed from the real store."""

import pypdfium2 as pdfium
from PySide6.QtWidgets import QMessageBox

from jeweldesk.domain.status import Status
from jeweldesk.services.moves import move
from jeweldesk.ui.common.documents import show_receipt, show_tags, show_thank_you
from tests.support.store import BENCH, take_in_ring


def _width_mm(pdf: bytes) -> float:
    return pdfium.PdfDocument(pdf)[0].get_width() / 72 * 25.4


def test_the_receipt_preview_switches_between_paper_sizes(ctx, qtbot):
    number = take_in_ring(ctx.db)
    preview = show_receipt(ctx, [number])
    qtbot.addWidget(preview)
    assert round(_width_mm(preview.pdf)) == 216  # Letter
    preview.layout_choice.setCurrentText("80 mm roll")
    assert round(_width_mm(preview.pdf)) == 80
    assert len(preview.page_labels) == 1
    text = pdfium.PdfDocument(preview.pdf)[0].get_textpage().get_text_range()
    assert number in text and "Dana Whitfield" in text


def test_tags_and_the_thank_you_note_are_signed_by_whoever_is_serving(ctx, qtbot):
    number = take_in_ring(ctx.db)
    move(ctx.db, number, Status.AT_BENCH, by=BENCH)
    move(ctx.db, number, Status.READY, by=BENCH)
    tags = show_tags(ctx, [number])
    qtbot.addWidget(tags)
    assert number in pdfium.PdfDocument(tags.pdf)[0].get_textpage().get_text_range()
    note = show_thank_you(ctx, [number])
    qtbot.addWidget(note)
    assert "Kate Pruitt" in pdfium.PdfDocument(note.pdf)[0].get_textpage().get_text_range()


def test_a_missing_ticket_says_so_instead_of_a_preview(ctx, qtbot, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: said.append(args[2]))
    assert show_receipt(ctx, ["R-99999"]) is None
    assert "R-99999" in said[0]


def test_a_thank_you_note_for_a_piece_not_ready_says_why_instead(ctx, qtbot, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: said.append(args[2]))
    number = take_in_ring(ctx.db)
    assert show_thank_you(ctx, [number]) is None
    assert said == [f"{number} is only just received: a thank-you note is only for a piece "
                    "that is ready or picked up"]
