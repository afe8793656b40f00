"""The one way a paper leaves the desk — printed or saved as PDF — and printing PDF bytes
through Qt.

`PaperCopies` is used by every screen that prints (the visit result, a ticket's detail): it
asks for a printer in a dialog that says what it prints, has the core make the copies at
that moment (counted and logged: the first copy ever is the original, every later one says
补打（第N次）and the time it was made), then sends them to the printer or the file.

Each page is rendered by QtPdf at the printer's resolution, so what is previewed, saved and
printed is the PDF the core made. QPdfDocument renders onto a transparent image, so every
page is composited on white first (else it prints black on some drivers).

Signals of `PaperCopies`: `done(str)` with a line saying what was printed or saved,
`failed(str)` with a line saying what went wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QObject,
    QRect,
    QSettings,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from onewindow.desk import counter_work
from ui.tasks import Failure

if TYPE_CHECKING:
    from ui.shift import Shift

MAX_PRINT_DPI = 300
LAYOUTS = ("a4", "roll80")


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


class PrintSettings:
    """The receipt layout and the printers this workstation uses (QSettings): one for
    receipts (perhaps an 80 mm roll) and one for the A4 papers (notice, application form)."""

    RECEIPT = "print/printer"
    A4 = "print/notice_printer"

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    @property
    def layout(self) -> str:
        value = str(self.settings.value("print/layout", "a4"))
        return value if value in LAYOUTS else "a4"

    @layout.setter
    def layout(self, value: str) -> None:
        self.settings.setValue("print/layout", value)

    def printer_name(self, key: str) -> str:
        return str(self.settings.value(key, ""))

    def remember(self, key: str, printer: QPrinter) -> None:
        if printer.printerName():
            self.settings.setValue(key, printer.printerName())

    def printer(self, key: str) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.printer_name(key):
            printer.setPrinterName(self.printer_name(key))
        return printer


class PrintDialog:
    """The system print dialog, titled with what it prints; tests replace `ask`."""

    @classmethod
    def ask(cls, printer: QPrinter, parent: QWidget, title: str) -> bool:
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(title)
        return dialog.exec() == QPrintDialog.DialogCode.Accepted


class SaveDialog:
    """Where to save a PDF; tests replace `ask`."""

    @classmethod
    def ask(cls, parent: QWidget, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("SaveDialog", "另存为 PDF"),
            suggested,
            QCoreApplication.translate("SaveDialog", "PDF 文件 (*.pdf)"),
        )
        return path or None


class PaperCopies(QObject):
    """Prints and saves copies of an application's papers, each counted by the core."""

    done = Signal(str)
    failed = Signal(str)

    def __init__(self, shift: Shift, parent: QWidget) -> None:
        super().__init__(parent)
        self.shift = shift
        self.settings = PrintSettings(shift.settings)
        self.parent_widget = parent

    def describe(self, papers: list[tuple[str, str]]) -> str:
        """What a job prints, as its dialog and messages say it: 受理回执和一次性告知书（A4）.
        The papers of one job share one paper size."""
        names = {
            "receipt": self.tr("受理回执"),
            "notice": self.tr("一次性告知书"),
            "application_form": self.tr("报装申请表"),
        }
        size = self.tr("80毫米卷纸") if papers[0][1] == "roll80" else self.tr("A4")
        joined = self.tr("和").join(names.get(paper, paper) for paper, _fmt in papers)
        return self.tr("{0}（{1}）").format(joined, size)

    def print_papers(
        self,
        application_no: str,
        papers: list[tuple[str, str]],
        then: Callable[[], None] | None = None,
    ) -> bool:
        """Ask for a printer (the dialog names the papers), then make and print the copies
        as one job. False when the clerk cancelled the dialog: nothing is made or logged.
        `then` runs after the job was sent (or failed)."""
        key = PrintSettings.RECEIPT if papers[0][0] == "receipt" else PrintSettings.A4
        what = self.describe(papers)
        printer = self.settings.printer(key)
        if not PrintDialog.ask(printer, self.parent_widget, self.tr("打印{0}").format(what)):
            return False
        hall, user_id, copies = self.shift.hall, self.shift.user.user_id, tuple(papers)

        def send(documents: Any) -> None:
            try:
                pages = print_pdfs(list(documents), printer)
            except OSError as exc:
                self.failed.emit(self.tr("{0}没有打印：{1}").format(what, exc))
            else:
                self.settings.remember(key, printer)
                self.done.emit(self.tr("{0}已送打印机（{1} 页）").format(what, pages))
            if then is not None:
                then()

        self.shift.tasks.run(
            lambda: counter_work.paper_copies(hall, user_id, application_no, copies, "print"),
            send,
            self._failed,
        )
        return True

    def save_paper(self, application_no: str, paper: str, fmt: str) -> bool:
        """Ask where, then make the copy (counted like a print) and write it there."""
        suggested = str(Path.home() / f"{application_no}.pdf")
        path = SaveDialog.ask(self.parent_widget, suggested)
        if not path:
            return False
        hall, user_id = self.shift.hall, self.shift.user.user_id
        what = self.describe([(paper, fmt)])
        self.shift.tasks.run(
            lambda: counter_work.paper_copies(
                hall, user_id, application_no, ((paper, fmt),), "pdf", out=path
            ),
            lambda _documents: self.done.emit(self.tr("{0}已保存到 {1}").format(what, path)),
            self._failed,
        )
        return True

    def _failed(self, failure: Failure) -> None:
        self.failed.emit(failure.message)
