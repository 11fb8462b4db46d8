"""The preview shows every page and prints them through a real QPrinter."""

import io

import pypdfium2 as pdfium
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from jeweldesk.ui.common.paper import PaperPreview


def _two_page_pdf() -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=letter)
    page.drawString(72, 700, "R-10001 page one")
    page.showPage()
    page.drawString(72, 700, "R-10001 page two")
    page.showPage()
    page.save()
    return out.getvalue()


def test_preview_shows_each_page_and_prints_them_all(qtbot, tmp_path):
    preview = PaperPreview("Claim receipt R-10001", _two_page_pdf(), "R-10001.pdf")
    qtbot.addWidget(preview)
    assert len(preview.page_labels) == 2
    assert preview.page_labels[0].pixmap().width() > 700  # letter at 96 dpi is 816 px wide

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    preview.print_to(printer)

    assert len(pdfium.PdfDocument(printed.read_bytes())) == 2


def test_save_as_pdf_writes_the_document(qtbot, tmp_path):
    pdf = _two_page_pdf()
    preview = PaperPreview("Claim receipt", pdf, "R-10001.pdf")
    qtbot.addWidget(preview)
    preview.save_to(tmp_path / "copy.pdf")
    assert (tmp_path / "copy.pdf").read_bytes() == pdf
