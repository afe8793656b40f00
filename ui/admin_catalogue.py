"""管理 → 材料目录: the materials catalogue, edited as documents and rules, never as text.

On the left the documents; on the right the chosen one — its code (fixed once saved), name,
whether it may follow (容缺), why it is needed — and its rules: each rule names the utilities
that need the document when it matches, the services and kinds of applicant it is limited to
(none ticked: any), the conditions that must hold (a permit number on the form, 代办人办理) and
its source. 保存 sends the document to the core, which checks it, stores the catalogue and
audits the change; the history below shows who changed which document, when, and what.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from onewindow.admin.catalogue import CatalogueChange
from onewindow.clock import hall_date
from onewindow.codes import APPLICANT_KINDS, SERVICES, UTILITIES
from onewindow.desk import lead_work
from onewindow.intake.catalogue import APPLICATION_FORM, CONDITIONS, MaterialInfo, MaterialRule
from ui import i18n
from ui.read_only_table import read_only_table
from ui.rows_model import Column, RowsModel

if TYPE_CHECKING:
    from onewindow.desk.lead_work import CatalogueView
    from ui.shift import Shift
    from ui.tasks import Failure


class RuleEditor(QGroupBox):
    """One rule: ticks for utilities, services, kinds of applicant and conditions; its source."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("规则"), parent)
        form = QFormLayout(self)
        self.boxes: dict[str, dict[str, QCheckBox]] = {}
        conditions = {
            "permit_no": self.tr("填有许可证号（建设项目）"),
            "by_agent": self.tr("代办人办理"),
        }
        for group, label, choices in (
            ("utilities", self.tr("需要的单位"), {u: i18n.text(t) for u, t in UTILITIES.items()}),
            ("services", self.tr("限于业务"), {s: i18n.text(t) for s, t in SERVICES.items()}),
            (
                "applicant_kinds",
                self.tr("限于申请人"),
                {k: i18n.text(t) for k, t in APPLICANT_KINDS.items()},
            ),
            ("conditions", self.tr("条件（均须满足）"), conditions),
        ):
            row = QWidget(self)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            self.boxes[group] = {}
            for code, text in choices.items():
                box = QCheckBox(text, row)
                box.setObjectName(f"rule_{group}_{code}")
                box.toggled.connect(self.changed)
                line.addWidget(box)
                self.boxes[group][code] = box
            line.addStretch(1)
            form.addRow(label, row)
        self.source = QLineEdit(self)
        self.source.setObjectName("rule_source")
        self.source.setPlaceholderText(self.tr("来源，如：营业厅惯例，待供水单位确认"))
        self.source.textChanged.connect(self.changed)
        form.addRow(self.tr("来源"), self.source)
        hint = QLabel(self.tr("业务、申请人都不勾选表示不限；条件都勾选时须同时满足"), self)
        hint.setObjectName("dueNote")
        form.addRow("", hint)

    def show_rule(self, rule: dict[str, Any]) -> None:
        self.blockSignals(True)
        try:
            for group, boxes in self.boxes.items():
                for code, box in boxes.items():
                    box.blockSignals(True)
                    box.setChecked(code in rule.get(group, ()))
                    box.blockSignals(False)
            self.source.blockSignals(True)
            self.source.setText(str(rule.get("source", "")))
            self.source.blockSignals(False)
        finally:
            self.blockSignals(False)

    def rule(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            group: [code for code, box in boxes.items() if box.isChecked()]
            for group, boxes in self.boxes.items()
        }
        data["source"] = self.source.text()
        return data


def rule_summary(rule: dict[str, Any]) -> str:
    """A rule in one line: 供水、供电 · 新装 · 单位 · 许可证号."""
    parts = ["、".join(i18n.text(UTILITIES[u]) for u in rule.get("utilities", ()))]
    for group, table in (("services", SERVICES), ("applicant_kinds", APPLICANT_KINDS)):
        if rule.get(group):
            parts.append("、".join(i18n.text(table[c]) for c in rule[group]))
    labels = {
        "permit_no": QCoreApplication.translate("AdminCatalogue", "许可证号"),
        "by_agent": QCoreApplication.translate("AdminCatalogue", "代办"),
    }
    if rule.get("conditions"):
        parts.append("、".join(labels[c] for c in rule["conditions"] if c in CONDITIONS))
    return " · ".join(p for p in parts if p) or "—"


class AdminCatalogue(QWidget):
    """Signals: `loaded()` once the catalogue is shown; `message(str)` for the status bar;
    `failed(str)` when a change did not go through (the core's reason)."""

    loaded = Signal()
    message = Signal(str)
    failed = Signal(str)

    def __init__(self, shift: Shift, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shift = shift
        self.view: CatalogueView | None = None
        self.rules: list[dict[str, Any]] = []
        column = QVBoxLayout(self)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        column.addWidget(split, 3)

        left = QWidget(split)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        self.documents = QListWidget(left)
        self.documents.setObjectName("catalogueDocuments")
        self.documents.currentItemChanged.connect(self._document_chosen)
        left_column.addWidget(self.documents, 1)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("新增材料"), left)
        self.new_button.clicked.connect(self.new_document)
        self.remove_button = QPushButton(self.tr("删除材料"), left)
        self.remove_button.clicked.connect(self.remove_document)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.remove_button)
        left_column.addLayout(buttons)

        right = QWidget(split)
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.code = QLineEdit(right)
        self.code.setObjectName("catalogue_code")
        self.code.setPlaceholderText(self.tr("英文代码，如 fire_plan（保存后不可改）"))
        self.name = QLineEdit(right)
        self.name.setObjectName("catalogue_name")
        self.may_follow = QCheckBox(self.tr("可以容缺（申请人以后补交）"), right)
        self.may_follow.setObjectName("catalogue_may_follow")
        self.why = QLineEdit(right)
        self.why.setObjectName("catalogue_why")
        form.addRow(self.tr("代码"), self.code)
        form.addRow(self.tr("名称"), self.name)
        form.addRow("", self.may_follow)
        form.addRow(self.tr("为什么需要"), self.why)
        right_column.addLayout(form)
        self.rule_list = QListWidget(right)
        self.rule_list.setObjectName("catalogueRules")
        self.rule_list.currentRowChanged.connect(self._rule_chosen)
        right_column.addWidget(self.rule_list, 1)
        rule_buttons = QHBoxLayout()
        self.add_rule_button = QPushButton(self.tr("添加规则"), right)
        self.add_rule_button.clicked.connect(self.add_rule)
        self.remove_rule_button = QPushButton(self.tr("删除规则"), right)
        self.remove_rule_button.clicked.connect(self.remove_rule)
        rule_buttons.addWidget(self.add_rule_button)
        rule_buttons.addWidget(self.remove_rule_button)
        rule_buttons.addStretch(1)
        right_column.addLayout(rule_buttons)
        self.rule_editor = RuleEditor(right)
        self.rule_editor.changed.connect(self._rule_edited)
        right_column.addWidget(self.rule_editor)
        self.save_button = QPushButton(self.tr("保存该材料"), right)
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)
        right_column.addWidget(self.save_button)
        split.setStretchFactor(1, 2)

        history = QGroupBox(self.tr("修改记录"), self)
        history_column = QVBoxLayout(history)
        self.changes = RowsModel[CatalogueChange](
            [
                Column(
                    self.tr("时间"),
                    lambda c: f"{i18n.long_date(hall_date(c.at))} {i18n.clock_time(c.at)}",
                ),
                Column(self.tr("修改人"), lambda c: c.by),
                Column(self.tr("材料"), lambda c: f"{c.name}（{c.code}）" if c.code else "—"),
                Column(self.tr("操作"), lambda c: c.what),
                Column(self.tr("改动"), lambda c: "、".join(c.fields)),
            ],
            self,
        )
        self.history = read_only_table(self.changes, history)
        self.history.setObjectName("catalogueHistory")
        history_column.addWidget(self.history)
        column.addWidget(history, 2)
        self._show_rules()

    # Loading.

    def refresh(self) -> None:
        hall, user = self.shift.hall, self.shift.user
        self.shift.tasks.run(
            lambda: lead_work.load_catalogue_editor(hall, user), self._show, self._failed
        )

    def _show(self, view: CatalogueView, keep: str | None = None) -> None:
        self.view = view
        current = keep or self._current_code()
        self.documents.blockSignals(True)
        self.documents.clear()
        for code, info in view.catalogue.items.items():
            item = QListWidgetItem(f"{info.name}（{code}）", self.documents)
            item.setData(Qt.ItemDataRole.UserRole, code)
        self.documents.blockSignals(False)
        codes = list(view.catalogue.items)
        self.documents.setCurrentRow(codes.index(current) if current in codes else 0)
        self.changes.set_rows(view.history)
        self.loaded.emit()

    def _current_code(self) -> str | None:
        item = self.documents.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _document_chosen(self, *_args: Any) -> None:
        code = self._current_code()
        if self.view is None or code is None:
            return
        self.show_document(self.view.catalogue.items[code])

    def show_document(self, info: MaterialInfo | None) -> None:
        """Fill the editor with a document (None: an empty new one)."""
        self.code.setText(info.code if info else "")
        self.code.setReadOnly(info is not None)
        self.name.setText(info.name if info else "")
        self.may_follow.setChecked(info.may_follow if info else True)
        self.why.setText(info.why if info else "")
        self.rules = [r.to_data() for r in info.rules] if info else []
        self.remove_button.setEnabled(info is not None and info.code != APPLICATION_FORM)
        self._show_rules()

    # Rules.

    def _show_rules(self, select: int = 0) -> None:
        self.rule_list.blockSignals(True)
        self.rule_list.clear()
        for rule in self.rules:
            self.rule_list.addItem(rule_summary(rule))
        self.rule_list.blockSignals(False)
        has_rules = bool(self.rules)
        self.rule_editor.setEnabled(has_rules)
        self.remove_rule_button.setEnabled(has_rules)
        if has_rules:
            self.rule_list.setCurrentRow(min(select, len(self.rules) - 1))
            self._rule_chosen(self.rule_list.currentRow())
        else:
            self.rule_editor.show_rule({})

    def _rule_chosen(self, row: int) -> None:
        if 0 <= row < len(self.rules):
            self.rule_editor.show_rule(self.rules[row])

    def _rule_edited(self) -> None:
        row = self.rule_list.currentRow()
        if 0 <= row < len(self.rules):
            self.rules[row] = self.rule_editor.rule()
            item = self.rule_list.item(row)
            if item is not None:
                item.setText(rule_summary(self.rules[row]))

    def add_rule(self) -> None:
        self.rules.append(MaterialRule(("water", "power")).to_data())
        self._show_rules(len(self.rules) - 1)

    def remove_rule(self) -> None:
        row = self.rule_list.currentRow()
        if 0 <= row < len(self.rules):
            del self.rules[row]
            self._show_rules(row)

    # Changes.

    def new_document(self) -> None:
        self.documents.blockSignals(True)
        self.documents.setCurrentRow(-1)
        self.documents.blockSignals(False)
        self.show_document(None)
        self.code.setFocus()

    def entry(self) -> dict[str, Any]:
        """The document as the core reads it (`MaterialInfo.to_data`)."""
        return {
            "name": self.name.text(),
            "may_follow": self.may_follow.isChecked(),
            "why": self.why.text(),
            "rules": [dict(rule) for rule in self.rules],
        }

    def save(self) -> None:
        code, entry = self.code.text().strip(), self.entry()
        hall, user = self.shift.hall, self.shift.user

        def saved(view: CatalogueView) -> None:
            self._show(view, keep=code)
            self.message.emit(
                self.tr("材料目录已保存：{0}。新受理的申请按新目录核对").format(entry["name"])
            )

        self.shift.tasks.run(
            lambda: lead_work.save_material(hall, user, code, entry), saved, self._failed
        )

    def remove_document(self) -> None:
        code = self._current_code()
        if code is None:
            return
        hall, user = self.shift.hall, self.shift.user

        def removed(view: CatalogueView) -> None:
            self._show(view)
            self.message.emit(self.tr("已从材料目录删除：{0}").format(code))

        self.shift.tasks.run(
            lambda: lead_work.remove_material(hall, user, code), removed, self._failed
        )

    def _failed(self, failure: Failure) -> None:
        self.failed.emit(failure.message)
