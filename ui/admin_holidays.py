"""管理 → 节假日: import a year's schedule (CSV date,kind,name) and see where each day comes from.

A year is imported, published (built into chinese-calendar) or statutory (not published yet:
its due dates are provisional). Importing moves every open ticket's committed date.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from onewindow.clock import hall_date
from onewindow.clocks.workdays import CalendarDay
from onewindow.desk import lead_work
from ui import i18n, look
from ui.read_only_table import read_only_table
from ui.rows_model import Column, RowsModel

if TYPE_CHECKING:
    from ui.shift import Shift
    from ui.tasks import Failure

OpenDialog = Callable[[QWidget, str, str], str]


def ask_open_path(parent: QWidget, title: str, filter_text: str) -> str:
    return QFileDialog.getOpenFileName(parent, title, "", filter_text)[0]


class AdminHolidays(QWidget):
    """Signals: `loaded()` after a year is shown; `imported(list)` with the years imported;
    `message(str)` for the status bar; `failed(str)` when something did not go through."""

    loaded = Signal()
    imported = Signal(list)
    message = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        shift: Shift,
        parent: QWidget | None = None,
        *,
        open_dialog: OpenDialog = ask_open_path,
    ) -> None:
        super().__init__(parent)
        self.shift = shift
        self.open_dialog = open_dialog
        column = QVBoxLayout(self)
        top = QHBoxLayout()
        self.year = QSpinBox(self)
        self.year.setRange(1901, 2100)
        self.year.setValue(hall_date(shift.hall.now()).year)
        self.year.valueChanged.connect(lambda _: self.refresh())
        self.import_button = QPushButton(self.tr("导入放假安排…"), self)
        self.import_button.clicked.connect(self.import_file)
        top.addWidget(QLabel(self.tr("年份"), self))
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.import_button)
        column.addLayout(top)
        self.source = QLabel(self)
        self.source.setWordWrap(True)
        column.addWidget(self.source)
        self.day_rows = RowsModel[CalendarDay](
            [
                Column(self.tr("日期"), lambda d: i18n.long_date(d.date)),
                Column(self.tr("休/班"), self._kind),
                Column(self.tr("名称"), lambda d: d.name),
                Column(self.tr("来源"), lambda d: d.source),
            ],
            self,
        )
        self.days = read_only_table(self.day_rows, self)
        column.addWidget(self.days, 1)

    def refresh(self) -> None:
        hall, year = self.shift.hall, self.year.value()
        self.shift.tasks.run(lambda: lead_work.holiday_year(hall, year), self._show, self._failed)

    def _show(self, view: lead_work.YearView) -> None:
        if view.year != self.year.value():
            return  # the administrator has moved on to another year meanwhile
        text = view.source
        if view.provisional:
            text = self.tr("暂定：") + text
            self.source.setStyleSheet(f"color: {look.ERROR_COLOUR};")
        else:
            self.source.setStyleSheet("")
        self.source.setText(text)
        self.day_rows.set_rows(view.days)
        self.loaded.emit()

    def _kind(self, day: CalendarDay) -> str:
        return self.tr("休") if day.kind == "holiday" else self.tr("班")

    def import_file(self) -> None:
        chosen = self.open_dialog(
            self, self.tr("导入放假安排"), self.tr("CSV 文件 (*.csv);;所有文件 (*)")
        )
        if not chosen:
            return
        hall, user, path = self.shift.hall, self.shift.user, Path(chosen)

        def done(result: tuple[list[int], int]) -> None:
            years, moved = result
            self.message.emit(
                self.tr("已导入 {0} 年放假安排，{1} 张在办工单的承诺日期已重新计算").format(
                    "、".join(str(y) for y in years), moved
                )
            )
            self.imported.emit(years)
            if years and years[0] != self.year.value():
                self.year.setValue(years[0])  # shows that year
            else:
                self.refresh()

        self.shift.tasks.run(
            lambda: lead_work.import_holidays(hall, user, path), done, self._failed
        )

    def _failed(self, failure: Failure) -> None:
        self.failed.emit(failure.message)
