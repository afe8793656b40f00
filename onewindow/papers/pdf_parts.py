"""reportlab parts the paper layouts are built from: a canvas that
knows the page count, the QR code, the Code 128 barcode and the training watermark.

Nothing here may leave reportlab's default Helvetica in a PDF: every text is drawn in the
shipped font and the codes are drawn as plain rectangles.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import segno
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from onewindow.papers.fonts import cjk_font

WATERMARK_TEXT = "培训演示 TRAINING"


PageDecorator = Callable[[Canvas, int, int], None]


class NumberedCanvas(Canvas):
    """Holds every page back until the end, so each can be told the page count ("第X页/共Y页")."""

    def __init__(self, *args: Any, decorate: PageDecorator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decorate = decorate
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        count = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._decorate(self, number, count)
            super().showPage()
        super().save()


def numbered_canvas(decorate: PageDecorator) -> Callable[..., NumberedCanvas]:
    return functools.partial(NumberedCanvas, decorate=decorate)


class QrCode(Flowable):
    """A QR code (error level M, 4-module quiet zone) drawn as filled runs of modules."""

    def __init__(self, data: str, size: float) -> None:
        super().__init__()
        self._matrix = segno.make_qr(data, error="m", boost_error=False).matrix
        self.size = size
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        quiet = 4
        count = len(self._matrix)
        module = self.size / (count + 2 * quiet)
        canvas = self.canv
        path = canvas.beginPath()
        for row_no, row in enumerate(self._matrix):
            y = self.size - (quiet + row_no + 1) * module
            col = 0
            while col < count:
                if not row[col]:
                    col += 1
                    continue
                start = col
                while col < count and row[col]:
                    col += 1
                path.rect((quiet + start) * module, y, (col - start) * module, module)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.drawPath(path, fill=1, stroke=0)


def code128(value: str, max_width: float, bar_height: float, bar_width: float) -> Code128:
    """A Code 128 barcode no wider than `max_width` (quiet zones included).

    Bars narrower than 0.19 mm are beyond what counter scanners read reliably, so rather than
    shrink further this fails loudly.
    """
    narrowest = 0.19 * mm
    while True:
        barcode = Code128(value, barWidth=bar_width, barHeight=bar_height, humanReadable=False)
        if barcode.width <= max_width:
            return barcode
        if bar_width <= narrowest:
            raise ValueError(f"Code 128 of {value!r} does not fit in {max_width:.0f} pt")
        bar_width = max(narrowest, bar_width * 0.9)


def draw_watermark(canvas: Canvas, page_width: float, page_height: float, size: float) -> None:
    """The training mark, diagonal and half-transparent, repeated down the page.

    It is drawn over the content so that nothing printed can cover it.
    """
    canvas.saveState()
    canvas.setFont(cjk_font(), size)
    canvas.setFillColor(Color(0.85, 0.1, 0.1, alpha=0.22))
    step = max(page_width * 0.9, size * 8)
    y = page_height / 2
    centres = [y]
    while y - step > 0:
        y -= step
        centres.append(y)
    y = page_height / 2
    while y + step < page_height:
        y += step
        centres.append(y)
    for centre in sorted(centres, reverse=True):
        canvas.saveState()
        canvas.translate(page_width / 2, centre)
        canvas.rotate(35)
        canvas.drawCentredString(0, -size / 3, WATERMARK_TEXT)
        canvas.restoreState()
    canvas.restoreState()
