"""A stacked bar chart painted with QPainter: one bar per category, one coloured part per series.

The lead's screen has one chart (open tickets by utility and status); it does not need
QtCharts, whose wheel (PySide6-Addons, ~160 MB) would otherwise ship with every counter.
Each colour comes with its word in the legend, and hovering a part names it with its count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QToolTip, QWidget

_MARGIN = 8
_SWATCH = 10


@dataclass(frozen=True)
class Series:
    label: str
    colour: str
    values: tuple[int, ...]  # one per category


class StackedBars(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.categories: list[str] = []
        self.series: list[Series] = []
        self._parts: list[tuple[QRectF, str]] = []  # painted rectangles and what they show

    def set_data(self, categories: Sequence[str], series: Sequence[Series]) -> None:
        self.categories = list(categories)
        self.series = [s for s in series if len(s.values) == len(self.categories)]
        self.update()

    def top(self) -> int:
        """The value axis' upper end: the tallest bar, at least 1."""
        totals = [sum(s.values[i] for s in self.series) for i in range(len(self.categories))]
        return max([*totals, 1])

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        line = metrics.height()
        area = QRectF(self.rect()).adjusted(_MARGIN, _MARGIN, -_MARGIN, -_MARGIN)
        painter.drawText(
            area, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self.title
        )
        legend_width = max([metrics.horizontalAdvance(s.label) for s in self.series] + [0])
        legend_width += _SWATCH + 3 * _MARGIN
        for row, series in enumerate(self.series):
            y = area.top() + 2 * line + row * (line + 2)
            x = area.right() - legend_width + 2 * _MARGIN
            painter.fillRect(
                QRectF(x, y + (line - _SWATCH) / 2, _SWATCH, _SWATCH), QColor(series.colour)
            )
            painter.drawText(QPointF(x + _SWATCH + 4, y + metrics.ascent()), series.label)
        top = self.top()
        step = max(1, -(-top // 8))  # at most about eight ticks
        axis_width = metrics.horizontalAdvance(str(top)) + _MARGIN
        plot = QRectF(
            area.left() + axis_width,
            area.top() + 2 * line,
            area.width() - axis_width - legend_width,
            area.height() - 3 * line,
        )
        if plot.width() <= 0 or plot.height() <= 0:
            return
        grid = QColor(self.palette().mid().color())
        for value in range(0, top + 1, step):
            y = plot.bottom() - plot.height() * value / top
            painter.setPen(grid)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRectF(area.left(), y - line / 2, axis_width - 4, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )
        self._parts = []
        slot = plot.width() / max(len(self.categories), 1)
        for index, category in enumerate(self.categories):
            left = plot.left() + slot * (index + 0.2)
            bottom = plot.bottom()
            for series in self.series:
                value = series.values[index]
                if value <= 0:
                    continue
                height = plot.height() * value / top
                part = QRectF(left, bottom - height, slot * 0.6, height)
                painter.fillRect(part, QColor(series.colour))
                self._parts.append((part, f"{category} · {series.label}: {value}"))
                bottom -= height
            painter.drawText(
                QRectF(plot.left() + slot * index, plot.bottom() + 2, slot, line),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                category,
            )

    def part_at(self, point: QPointF) -> str:
        """What the painted part under `point` shows ("供水 · 已受理: 3"), or ""."""
        return next((text for rect, text in self._parts if rect.contains(point)), "")

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.part_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
