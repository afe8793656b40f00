"""管理 → 收费清单: the published fee list shown on receipts, a table (utility, service or every
service, item). The materials catalogue has its own structured editor (`ui.admin_catalogue`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from onewindow.admin.hall_settings import FeeItem, FeeList
from onewindow.config import UTILITIES
from onewindow.desk import lead_work
from onewindow.lead.indicators import SERVICES
from ui.status_names import service_name, utility_name

if TYPE_CHECKING:
    from ui.shift import Shift
    from ui.tasks import Failure


class AdminLists(QWidget):
    """Signals: `loaded()` once the list is shown; `message(str)` for the status bar;
    `failed(str)` when something did not go through."""

    loaded = Signal()
    message = Signal(str)
    failed = Signal(str)

    def __init__(self, shift: Shift, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shift = shift
        column = QVBoxLayout(self)

        fees = QGroupBox(self.tr("收费清单（回执上列出的公示收费项目）"), self)
        fee_column = QVBoxLayout(fees)
        where = QFormLayout()
        self.where = QLineEdit(fees)
        where.addRow(self.tr("公示位置"), self.where)
        fee_column.addLayout(where)
        self.fees = QTableWidget(0, 3, fees)
        self.fees.setHorizontalHeaderLabels([self.tr("单位"), self.tr("业务"), self.tr("收费项目")])
        self.fees.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.fees.verticalHeader().hide()
        fee_column.addWidget(self.fees, 1)
        fee_buttons = QHBoxLayout()
        self.add_fee_button = QPushButton(self.tr("添加一项"), fees)
        self.remove_fee_button = QPushButton(self.tr("删除选中项"), fees)
        self.save_fees_button = QPushButton(self.tr("保存收费清单"), fees)
        self.add_fee_button.clicked.connect(lambda: self.add_fee_row(FeeItem("gas", None, "")))
        self.remove_fee_button.clicked.connect(self.remove_fee_rows)
        self.save_fees_button.clicked.connect(self.save_fees)
        for button in (self.add_fee_button, self.remove_fee_button, self.save_fees_button):
            fee_buttons.addWidget(button)
        fee_buttons.addStretch(1)
        fee_column.addLayout(fee_buttons)
        column.addWidget(fees, 1)

    # Fee list.

    def add_fee_row(self, item: FeeItem) -> None:
        row = self.fees.rowCount()
        self.fees.insertRow(row)
        utility = QComboBox(self.fees)
        for code in UTILITIES:
            utility.addItem(utility_name(code), code)
        utility.setCurrentIndex(utility.findData(item.utility))
        service = QComboBox(self.fees)
        service.addItem(self.tr("全部业务"), None)
        for code in SERVICES:
            service.addItem(service_name(code), code)
        service.setCurrentIndex(max(0, service.findData(item.service)))
        self.fees.setCellWidget(row, 0, utility)
        self.fees.setCellWidget(row, 1, service)
        self.fees.setItem(row, 2, QTableWidgetItem(item.name))

    def remove_fee_rows(self) -> None:
        for row in sorted({i.row() for i in self.fees.selectedIndexes()}, reverse=True):
            self.fees.removeRow(row)

    def fee_list(self) -> FeeList:
        items = []
        for row in range(self.fees.rowCount()):
            utility = self.fees.cellWidget(row, 0)
            service = self.fees.cellWidget(row, 1)
            name = self.fees.item(row, 2)
            assert isinstance(utility, QComboBox) and isinstance(service, QComboBox)
            items.append(
                FeeItem(
                    str(utility.currentData()),
                    service.currentData(),
                    name.text() if name is not None else "",
                )
            )
        return FeeList(self.where.text(), tuple(items))

    def _show_fees(self, fees: FeeList) -> None:
        self.where.setText(fees.where)
        self.fees.setRowCount(0)
        for item in fees.items:
            self.add_fee_row(item)

    def save_fees(self) -> None:
        fees = self.fee_list()
        hall, user = self.shift.hall, self.shift.user

        def saved(stored: FeeList) -> None:
            self._show_fees(stored)
            self.message.emit(self.tr("收费清单已保存（{0} 项）").format(len(stored.items)))

        self.shift.tasks.run(lambda: lead_work.save_fee_list(hall, user, fees), saved, self._failed)

    # Loading and answers.

    def refresh(self) -> None:
        hall = self.shift.hall
        self.shift.tasks.run(
            lambda: lead_work.load_fee_list(hall),
            self._show,
            self._failed,
        )

    def _show(self, fees: FeeList) -> None:
        self._show_fees(fees)
        self.loaded.emit()

    def _failed(self, failure: Failure) -> None:
        self.failed.emit(failure.message)
