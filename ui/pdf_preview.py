"""A PDF shown as it will print: its pages rendered by QtPdf, fitted to the pane's width."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from ui.print_service import PdfBytes

_PREVIEW_DPI = 110
_PREVIEW_MARGIN = 12


class PdfPreview(QScrollArea):
    """Pages of a PDF as images, top to bottom, on a grey desk."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptPreview")
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.inner = QWidget(self)
        self.inner.setObjectName("receiptPreviewPages")
        self.pages = QVBoxLayout(self.inner)
        self.pages.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self.inner)
        self.page_count = 0
        self.data: bytes | None = None
        self.rendered_width = 0

    def show_pdf(self, data: bytes) -> None:
        self.data = data
        self.clear()
        pdf = PdfBytes(data, self)
        # As wide as the pane allows (the roll is narrow: never above screen size).
        width_in = pdf.document.pagePointSize(0).width() / 72
        room = max(self.viewport().width() - 4 * _PREVIEW_MARGIN, 200)
        dpi = min(room / width_in, _PREVIEW_DPI)
        for index in range(pdf.page_count):
            label = QLabel(self.inner)
            label.setPixmap(QPixmap.fromImage(pdf.page_image(index, dpi)))
            self.pages.addWidget(label)
        self.page_count = pdf.page_count
        self.rendered_width = self.viewport().width()
        pdf.deleteLater()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.data is not None and abs(self.viewport().width() - self.rendered_width) > 40:
            self.show_pdf(self.data)

    def clear(self) -> None:
        while self.pages.count():
            item = self.pages.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.page_count = 0
