"""管理 → 时限政策: the SLA policy table (P4–P8, P10) an administrator keeps.

Rules are tried top to bottom; the first whose utility, service and conditions match a ticket
gives its limit in working days. Every cell is a choice in words (供气, 新装, 居民生活, 需要…)
from the one vocabulary (onewindow.codes); "不限" leaves a condition out. Saving moves every
open ticket's committed date at once (the core recomputes them in the same transaction).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from onewindow.codes import SERVICES, USAGES, VOLTAGES
from onewindow.config import UTILITIES
from onewindow.desk import lead_work
from ui.status_names import service_name, usage_name, utility_name

if TYPE_CHECKING:
    from ui.shift import Shift
    from ui.tasks import Failure

# One column per condition the core knows (onewindow.clocks.policy), each a choice in words:
# the administrator never types a code or a key=value.
UTILITY, SERVICE, USAGE, VOLTAGE, EXTERNAL, WORKDAYS, SOURCE = range(7)
COLUMNS = 7
_ANY = None


def _choice(parent: QWidget, choices: list[tuple[str, object]], current: object) -> QComboBox:
    box = QComboBox(parent)
    for text, value in choices:
        box.addItem(text, value)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


class AdminPolicy(QWidget):
    """Signals: `loaded()`; `saved(int)` with the number of open tickets recomputed;
    `message(str)` for the status bar; `failed(str)` when something did not go through."""

    loaded = Signal()
    saved = Signal(int)
    message = Signal(str)
    failed = Signal(str)

    def __init__(self, shift: Shift, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shift = shift
        column = QVBoxLayout(self)
        clocks = QGroupBox(self.tr("子时限"), self)
        form = QFormLayout(clocks)
        self.approval = QSpinBox(clocks)
        self.approval.setRange(1, 60)
        self.approval.setSuffix(self.tr(" 个工作日"))
        self.construction = QSpinBox(clocks)
        self.construction.setRange(1, 365)
        self.construction.setSuffix(self.tr(" 天"))
        self.short_line = QDoubleSpinBox(clocks)
        self.short_line.setRange(1, 100_000)
        self.short_line.setSuffix(" m")
        self.supplement = QSpinBox(clocks)
        self.supplement.setRange(1, 60)
        self.supplement.setSuffix(self.tr(" 个工作日"))
        form.addRow(self.tr("红线外行政审批（材料齐全起）"), self.approval)
        form.addRow(self.tr("短距离外线施工（取得许可起）"), self.construction)
        form.addRow(self.tr("短距离外线的长度上限"), self.short_line)
        form.addRow(self.tr("容缺材料补交期限"), self.supplement)
        column.addWidget(clocks)

        rules = QGroupBox(self.tr("办结时限规则（自上而下，第一条匹配的规则生效）"), self)
        rules_column = QVBoxLayout(rules)
        self.rules = QTableWidget(0, COLUMNS, rules)
        self.rules.setHorizontalHeaderLabels(
            [
                self.tr("单位"),
                self.tr("业务"),
                self.tr("用途"),
                self.tr("电压"),
                self.tr("需新建外线"),
                self.tr("工作日"),
                self.tr("依据"),
            ]
        )
        self.rules.horizontalHeader().setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)
        self.rules.verticalHeader().setVisible(False)
        self.rules.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        rules_column.addWidget(self.rules, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("添加规则"), rules)
        self.remove_button = QPushButton(self.tr("删除选中规则"), rules)
        self.save_button = QPushButton(self.tr("保存时限政策"), rules)
        self.add_button.clicked.connect(
            lambda: self.add_rule({"utility": "gas", "workdays": 1, "when": {}, "source": ""})
        )
        self.remove_button.clicked.connect(self.remove_rules)
        self.save_button.clicked.connect(self.save)
        for button in (self.add_button, self.remove_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        rules_column.addLayout(buttons)
        column.addWidget(rules, 1)

    def add_rule(self, rule: dict[str, Any]) -> None:
        row = self.rules.rowCount()
        self.rules.insertRow(row)
        when = rule.get("when") or {}
        anything = self.tr("不限")
        table = self.rules
        cells: dict[int, QWidget] = {
            UTILITY: _choice(table, [(utility_name(u), u) for u in UTILITIES], rule.get("utility")),
            SERVICE: _choice(
                table,
                [(self.tr("全部业务"), _ANY)] + [(service_name(c), c) for c in SERVICES],
                rule.get("service"),
            ),
            USAGE: _choice(
                table,
                [(anything, _ANY)] + [(usage_name(c), c) for c in USAGES],
                when.get("usage"),
            ),
            VOLTAGE: _choice(
                table, [(anything, _ANY)] + [(v, v) for v in VOLTAGES], when.get("voltage")
            ),
            EXTERNAL: _choice(
                table,
                [(anything, _ANY), (self.tr("需要"), True), (self.tr("不需要"), False)],
                when.get("external_works"),
            ),
        }
        days = QSpinBox(table)
        days.setRange(1, 365)
        days.setSuffix(self.tr(" 个工作日"))
        days.setValue(max(1, int(rule.get("workdays") or 1)))
        cells[WORKDAYS] = days
        for column, widget in cells.items():
            table.setCellWidget(row, column, widget)
        table.setItem(row, SOURCE, QTableWidgetItem(str(rule.get("source") or "")))

    def remove_rules(self) -> None:
        for row in sorted({i.row() for i in self.rules.selectedIndexes()}, reverse=True):
            self.rules.removeRow(row)

    def policy_data(self) -> dict[str, Any]:
        """What is on screen, in the shape the core checks (it names any wrong value)."""
        rules = []
        for row in range(self.rules.rowCount()):

            def chosen(column: int, r: int = row) -> Any:
                widget = self.rules.cellWidget(r, column)
                assert isinstance(widget, QComboBox)
                return widget.currentData()

            when = {
                key: chosen(column)
                for key, column in (
                    ("usage", USAGE),
                    ("voltage", VOLTAGE),
                    ("external_works", EXTERNAL),
                )
                if chosen(column) is not _ANY
            }
            days = self.rules.cellWidget(row, WORKDAYS)
            source = self.rules.item(row, SOURCE)
            assert isinstance(days, QSpinBox)
            rules.append(
                {
                    "utility": chosen(UTILITY),
                    "service": chosen(SERVICE),
                    "when": when,
                    "workdays": days.value(),
                    "source": source.text().strip() if source is not None else "",
                }
            )
        return {
            "approval_workdays": self.approval.value(),
            "construction_days": self.construction.value(),
            "construction_short_line_m": self.short_line.value(),
            "supplement_workdays": self.supplement.value(),
            "rules": rules,
        }

    def refresh(self) -> None:
        hall = self.shift.hall
        self.shift.tasks.run(lambda: lead_work.load_policy(hall), self._show, self._failed)

    def _show(self, data: dict[str, Any]) -> None:
        self.approval.setValue(int(data["approval_workdays"]))
        self.construction.setValue(int(data["construction_days"]))
        self.short_line.setValue(float(data["construction_short_line_m"]))
        self.supplement.setValue(int(data["supplement_workdays"]))
        self.rules.setRowCount(0)
        for rule in data["rules"]:
            self.add_rule(rule)
        for col in range(SOURCE):
            self.rules.resizeColumnToContents(col)
        self.loaded.emit()

    def save(self) -> None:
        data = self.policy_data()
        hall, user = self.shift.hall, self.shift.user

        def done(moved: int) -> None:
            self.message.emit(
                self.tr("时限政策已保存，{0} 张在办工单的承诺日期已重新计算").format(moved)
            )
            self.saved.emit(moved)

        self.shift.tasks.run(lambda: lead_work.save_policy(hall, user, data), done, self._failed)

    def _failed(self, failure: Failure) -> None:
        self.failed.emit(failure.message)
