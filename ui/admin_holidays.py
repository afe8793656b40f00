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
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from onewindow.clock import hall_date
from onewindow.desk import lead_work
from ui import i18n, look

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
        self.days = QTableWidget(0, 4, self)
        self.days.setHorizontalHeaderLabels(
            [self.tr("日期"), self.tr("休/班"), self.tr("名称"), self.tr("来源")]
        )
        self.days.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.days.verticalHeader().hide()
        self.days.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
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
        self.days.setRowCount(len(view.days))
        for row, day in enumerate(view.days):
            kind = self.tr("休") if day.kind == "holiday" else self.tr("班")
            for col, value in enumerate((i18n.long_date(day.date), kind, day.name, day.source)):
                self.days.setItem(row, col, QTableWidgetItem(value))
        for col in range(3):
            self.days.resizeColumnToContents(col)
        self.loaded.emit()

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
