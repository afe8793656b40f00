"""Printing PDF bytes through Qt: each page rendered by QtPdf at the printer's resolution.

What is previewed, saved and printed is the same PDF the core made. QPdfDocument renders
onto a transparent image, so every page is composited on white first (else it prints black
on some drivers and shows black in a preview).
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QObject, QRect, QSize, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

MAX_PRINT_DPI = 300


class PdfBytes(QObject):
    """A PDF held in memory and opened with QtPdf (the buffer lives as long as the document)."""

    def __init__(self, data: bytes, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(data))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self.buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            raise ValueError(f"not a readable PDF: {self.document.error()}")

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def page_image(self, index: int, dpi: float) -> QImage:
        """Page `index` at `dpi`, on an opaque white background."""
        points = self.document.pagePointSize(index)
        size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        rendered = self.document.render(index, size)
        page = QImage(size, QImage.Format.Format_RGB32)
        page.fill(Qt.GlobalColor.white)
        painter = QPainter(page)
        painter.drawImage(0, 0, rendered)
        painter.end()
        return page


def prepare(printer: QPrinter, pdf: PdfBytes) -> None:
    """Paper as the PDF's first page (A4, or the 80 mm roll's length), no extra margins."""
    points = pdf.document.pagePointSize(0)
    printer.setPageSize(
        QPageSize(points, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    )
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Print every page of the PDF on `printer`; returns the number of pages printed."""
    return print_pdfs([data], printer)


def print_pdfs(documents: list[bytes], printer: QPrinter) -> int:
    """Print several PDFs of the same paper size as one job (a receipt and its notice, so
    the applicant gets them together); returns the number of pages printed."""
    pdfs = [PdfBytes(data) for data in documents]
    prepare(printer, pdfs[0])
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("打印机无法开始打印 / the printer refused the job")
    pages = 0
    try:
        # Receipts are text and codes: 300 dpi is sharp on laser paper and above a thermal
        # head's 203; a 1200 dpi A4 bitmap would take seconds for nothing.
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        for pdf in pdfs:
            for index in range(pdf.page_count):
                if pages:
                    printer.newPage()
                image = pdf.page_image(index, dpi)
                target = painter.viewport()
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.topLeft(), scaled), image)
                pages += 1
    finally:
        painter.end()
    return pages
