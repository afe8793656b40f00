"""The painted stacked bar chart of the lead's screen (ui/stacked_bars.py, instead of QtCharts)."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from ui.stacked_bars import Series, StackedBars

RED, BLUE = "#b3261e", "#1f5fa8"


def _chart(qtbot: QtBot) -> StackedBars:
    chart = StackedBars("在办工单")
    qtbot.addWidget(chart)
    chart.resize(480, 300)
    chart.set_data(
        ["供水", "供电"],
        [Series("已受理", BLUE, (3, 0)), Series("需处理", RED, (1, 2))],
    )
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def test_each_part_is_painted_in_its_colour_to_its_height(qtbot: QtBot) -> None:
    chart = _chart(qtbot)
    image = chart.grab().toImage()
    parts = {text: rect for rect, text in chart._parts}
    assert set(parts) == {"供水 · 已受理: 3", "供水 · 需处理: 1", "供电 · 需处理: 2"}
    for text, colour in [("供水 · 已受理: 3", BLUE), ("供电 · 需处理: 2", RED)]:
        centre = parts[text].center().toPoint()
        assert image.pixelColor(centre) == QColor(colour), text
    # Stacked: the first bar is 3 + 1 high, the tallest, so it reaches the top of the axis;
    # the second bar's single part is half of it.
    water_top = parts["供水 · 需处理: 1"].top()
    assert parts["供水 · 已受理: 3"].height() == 3 * parts["供水 · 需处理: 1"].height()
    assert (
        abs(parts["供电 · 需处理: 2"].top() - (water_top + parts["供电 · 需处理: 2"].height())) < 1
    )
    assert chart.top() == 4


def test_hover_names_the_part_and_its_count(qtbot: QtBot) -> None:
    chart = _chart(qtbot)
    chart.grab()  # paints, laying the parts out
    rect = next(r for r, t in chart._parts if t == "供电 · 需处理: 2")
    assert chart.part_at(rect.center()) == "供电 · 需处理: 2"
    assert chart.part_at(QPointF(2, 2)) == ""  # the margin shows nothing
