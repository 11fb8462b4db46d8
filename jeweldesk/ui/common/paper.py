"""The paper on screen: a preview of any printed document, then print it or save it as PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

PREVIEW_DPI = 96
PRINT_DPI = 300


def page_images(pdf: bytes, dpi: int) -> list[QImage]:
    """Each page of a PDF as an image at ``dpi``."""
    document = pdfium.PdfDocument(pdf)
    try:
        images = []
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / 72)
            pil = bitmap.to_pil().convert("RGB")
            data = pil.tobytes("raw", "RGB")
            image = QImage(data, pil.width, pil.height, pil.width * 3, QImage.Format.Format_RGB888)
            images.append(image.copy())  # copy: the buffer goes away with ``pil``
            page.close()
        return images
    finally:
        document.close()


class PaperPreview(QDialog):
    """Shows the pages as they will print; Print goes through Qt's print dialog."""

    def __init__(self, title: str, pdf: bytes, file_name: str,
                 parent: QWidget | None = None,
                 layouts: dict[str, Callable[[], bytes]] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.title = title
        self.pdf = pdf
        self.file_name = file_name
        self.saved_to: Path | None = None
        self.layouts = layouts or {}
        self.page_labels: list[QLabel] = []
        self.heading = QLabel()

        self.pages = QWidget()
        self.pages.setObjectName("pages")
        self.column = QVBoxLayout(self.pages)
        self.column.setSpacing(16)
        self.column.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea()
        scroll.setWidget(self.pages)
        scroll.setWidgetResizable(True)
        scroll.setStyleSheet("QScrollArea { background: #ece9e4; } #pages { background: #ece9e4; }")

        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton("&Print…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button = buttons.addButton("&Save as PDF…",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.print_button.clicked.connect(self.print_pages)
        self.save_button.clicked.connect(self.ask_where_to_save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_pages)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        self.layout_choice = QComboBox()
        if self.layouts:
            self.layout_choice.addItems(list(self.layouts))
            self.layout_choice.currentTextChanged.connect(self.choose_layout)
            top.addWidget(QLabel("Paper:"))
            top.addWidget(self.layout_choice)
        else:
            self.layout_choice.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.show_pages()
        self.resize(QSize(900, 860))
        self.print_button.setFocus()

    def show_pages(self) -> None:
        for label in self.page_labels:
            label.deleteLater()
        self.page_labels = []
        for image in page_images(self.pdf, PREVIEW_DPI):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("background: white; border: 1px solid #c9c4bb;")
            self.column.addWidget(label)
            self.page_labels.append(label)
        count = len(self.page_labels)
        self.heading.setText(f"<b>{self.title}</b> — {count} page{'s' if count != 1 else ''}")

    def choose_layout(self, name: str) -> None:
        self.pdf = self.layouts[name]()
        self.show_pages()

    def save_to(self, path: Path) -> None:
        path.write_bytes(self.pdf)
        self.saved_to = path

    def ask_where_to_save(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Save as PDF", self.file_name,
                                                "PDF documents (*.pdf)")
        if chosen:
            try:
                self.save_to(Path(chosen))
            except OSError as exc:
                QMessageBox.warning(self, "Not saved", f"Could not save the PDF: {exc}")

    def print_pages(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.file_name)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, "Not printed", "The printer could not be started.")
            return
        page = printer.pageLayout().paintRectPixels(printer.resolution())
        try:
            for n, image in enumerate(page_images(self.pdf, PRINT_DPI)):
                if n:
                    printer.newPage()
                size = image.size().scaled(page.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(0, 0, size.width(), size.height()), image)
        finally:
            painter.end()
