"""The combined form (一张表单): applicant and site on the left, a card per utility on the right.

The whole form is checked by the core's `check_form` on every change, so the rules live in
one place; each problem shows under its field (in the UI's language) and every right field
gets a tick. Submitting is possible only when nothing is left to fix. Keyboard-first: the tab
order follows the form, Ctrl+Enter submits.

Signals: `submit_requested(dict)` with the form as the core reads it (only when valid).
"""

from __future__ import annotations

import itertools
import re
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from onewindow.config import UTILITIES
from onewindow.intake.catalogue import MaterialCatalogue, VisitFacts
from onewindow.papers.fonts import describe, unprintable
from ui import i18n
from ui.form_fields import FieldBox
from ui.intake_cards import UtilityCard
from ui.intake_checklist import MaterialsChecklist
from ui.status_names import id_type_name

ID_TYPES = ("resident_id", "uscc", "passport", "hk_macao_taiwan_permit", "other")

_DATE_AS_SAID = re.compile(r"(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?")
_DATE_DIGITS = re.compile(r"(\d{4})(\d{2})(\d{2})")


def iso_date(text: str) -> str:
    """A date as a clerk types it (2022年5月10日, 2022/5/10, 2022.5.10, 20220510) in the
    ISO form the core reads; anything else is passed on as typed, for the core to name."""
    value = text.strip()
    match = _DATE_AS_SAID.fullmatch(value) or _DATE_DIGITS.fullmatch(value)
    if match is None:
        return value
    year, month, day = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


class IntakeForm(QWidget):
    submit_requested = Signal(dict)

    def __init__(
        self,
        catalogue: MaterialCatalogue,
        checker: Any,
        parent: QWidget | None = None,
    ) -> None:
        """`checker(data) -> CheckResult` runs the core's check with today's date."""
        super().__init__(parent)
        self.setObjectName("intakeForm")
        self.checker = checker
        self.fields: dict[str, FieldBox] = {}
        self.errors: tuple[Any, ...] = ()
        self.reveal_all = False
        self._filling = False
        self._following = False  # the checklist is following the rules, not the clerk
        self.id_type_chosen = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 8, 10, 8)
        columns = QHBoxLayout()
        outer.addLayout(columns, 1)

        left = QWidget(self)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(self._applicant_group(left))
        left_column.addWidget(self._site_group(left))
        # Below the site, where the clerk looks once the utilities are ticked (the cards grow
        # long on the right); in the tab order it comes after the cards.
        left_column.addWidget(self._materials_group(left, catalogue))
        left_column.addStretch(1)
        columns.addWidget(self._scroll(left), 5)

        right = QWidget(self)
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        self.services_error = QLabel("", right)
        self.services_error.setObjectName("fieldError")
        self.services_error.hide()
        right_column.addWidget(self.services_error)
        self.cards: dict[str, UtilityCard] = {}
        for utility in UTILITIES:
            card = UtilityCard(utility, right)
            card.changed.connect(self._recheck)
            for box in card.fields.values():
                self._register(box)
            self.cards[utility] = card
            right_column.addWidget(card)
        right_column.addStretch(1)
        columns.addWidget(self._scroll(right), 6)

        outer.addWidget(self._footer())
        self.submit_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        self.submit_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.submit_shortcut.activated.connect(self.request_submit)
        self.submit_shortcut_enter = QShortcut(QKeySequence("Ctrl+Enter"), self)
        self.submit_shortcut_enter.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.submit_shortcut_enter.activated.connect(self.request_submit)

        self._kind_changed()
        self._chain_tab_order()
        self._recheck()

    # Building.

    def _scroll(self, inner: QWidget) -> QScrollArea:
        area = QScrollArea(self)
        area.setWidget(inner)
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        # Not a stop of its own in the Tab chain: the fields inside it are.
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return area

    def _register(self, box: FieldBox) -> None:
        self.fields[box.path] = box
        box.edited.connect(self._recheck)

    def _line(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        return edit

    def _text_row(self, form: QFormLayout, path: str, label: str, edit: QLineEdit) -> FieldBox:
        box = FieldBox(path, [edit])
        edit.textEdited.connect(box.mark_edited)
        edit.textChanged.connect(self._recheck)
        form.addRow(label, box)
        self._register(box)
        return box

    def _applicant_group(self, parent: QWidget) -> QGroupBox:
        group = QGroupBox(self.tr("申请人"), parent)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        kinds = QWidget()
        row = QHBoxLayout(kinds)
        row.setContentsMargins(0, 0, 0, 0)
        self.person = QRadioButton(self.tr("个人"), kinds)
        self.person.setObjectName("kind_person")
        self.organization = QRadioButton(self.tr("单位"), kinds)
        self.organization.setObjectName("kind_organization")
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.person)
        self.kind_group.addButton(self.organization)
        self.person.setChecked(True)
        row.addWidget(self.person)
        row.addWidget(self.organization)
        row.addStretch(1)
        kind_box = FieldBox("applicant.kind", [kinds], tick=False)
        form.addRow(self.tr("类型"), kind_box)
        self._register(kind_box)
        self.person.toggled.connect(self._kind_changed)

        self.name = self._line("applicant_name")
        self._text_row(form, "applicant.name", self.tr("姓名/名称"), self.name)
        # A character no paper font has would be refused at printing: say so as it is typed.
        self.name_warning = QLabel("")
        self.name_warning.setObjectName("fieldError")
        self.name_warning.setWordWrap(True)
        self.name_warning.setVisible(False)
        form.addRow("", self.name_warning)
        self.name.textChanged.connect(self._warn_unprintable)
        self.id_type = QComboBox()
        self.id_type.setObjectName("id_type")
        for code in ID_TYPES:
            self.id_type.addItem(id_type_name(code), code)
        self.id_number = self._line("id_number")
        self.id_number.setMinimumWidth(200)
        id_box = FieldBox("applicant.id_number", [self.id_type, self.id_number], stretch=(0, 1))
        self.id_type.activated.connect(self._id_type_chosen)
        self.id_number.textEdited.connect(id_box.mark_edited)
        self.id_number.textChanged.connect(self._recheck)
        self.id_type.currentIndexChanged.connect(self._recheck)
        form.addRow(self.tr("证件"), id_box)
        self._register(id_box)
        self.fields["applicant.id_type"] = id_box
        self.contact_name = self._line("contact_name")
        self.contact_box = self._text_row(
            form, "applicant.contact_name", self.tr("联系人"), self.contact_name
        )
        self.applicant_form = form
        self.phone = self._line("phone")
        self._text_row(form, "applicant.phone", self.tr("联系电话"), self.phone)
        self.by_agent = QCheckBox(self.tr("代办人办理（需授权委托书）"))
        self.by_agent.setObjectName("by_agent")
        agent_box = FieldBox("applicant.by_agent", [self.by_agent], tick=False)
        self.by_agent.toggled.connect(agent_box.mark_edited)
        form.addRow("", agent_box)
        self._register(agent_box)
        return group

    def _materials_group(self, parent: QWidget, catalogue: MaterialCatalogue) -> QGroupBox:
        """One checklist for the visit: a document is one, whatever utilities need it."""
        group = QGroupBox(self.tr("材料（本次办理需要）"), parent)
        column = QVBoxLayout(group)
        self.checklist = MaterialsChecklist(catalogue, group)
        self.checklist.changed.connect(self._materials_changed)
        self.checklist.rebuilt.connect(self._chain_tab_order)
        box = FieldBox("materials_waived", [self.checklist], tick=False)
        column.addWidget(box)
        self._register(box)
        # The rules about documents are reported at the utility that needs them; the
        # checklist is where each of them is fixed.
        for utility in UTILITIES:
            self.fields[f"services.{utility}.materials"] = box
        self.materials_box = box
        return group

    def _materials_changed(self) -> None:
        if not self._following:
            self.materials_box.mark_edited()

    def _facts(self) -> VisitFacts:
        """What the materials rules look at, as the form stands."""
        return VisitFacts(
            applicant_kind="organization" if self.organization.isChecked() else "person",
            services={u: c.service_code for u, c in self.cards.items() if c.ticked},
            permit_no=bool(self.permit_no.text().strip()),
            by_agent=self.by_agent.isChecked(),
        )

    def _site_group(self, parent: QWidget) -> QGroupBox:
        group = QGroupBox(self.tr("报装地址与项目"), parent)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.address = self._line("address")
        self._text_row(form, "site.address", self.tr("报装地址"), self.address)
        self.project_name = self._line("project_name")
        self._text_row(form, "site.project_name", self.tr("项目名称"), self.project_name)
        self.permit_no = self._line("permit_no")
        self.permit_no.setPlaceholderText(self.tr("规划或施工许可证号（可选）"))
        self._text_row(form, "site.permit_no", self.tr("许可证号"), self.permit_no)
        self.land_date = self._line("land_acquired_on")
        self.land_date.setPlaceholderText(self.tr("如 2022-05-10 或 2022年5月10日（可选）"))
        self._text_row(form, "site.land_acquired_on", self.tr("取得土地日期"), self.land_date)
        return group

    def _footer(self) -> QWidget:
        footer = QWidget(self)
        footer.setObjectName("formFooter")
        row = QHBoxLayout(footer)
        row.setContentsMargins(0, 6, 0, 0)
        self.consent = QCheckBox(
            self.tr("申请人同意将本表信息提供给所选供水/供电/供气单位"), footer
        )
        self.consent.setObjectName("consent")
        consent_box = FieldBox("consent", [self.consent], tick=False)
        self.consent.toggled.connect(consent_box.mark_edited)
        self._register(consent_box)
        row.addWidget(consent_box, 1)
        status = QVBoxLayout()
        self.ticket_count = QLabel("", footer)
        self.ticket_count.setObjectName("ticketCount")
        self.error_summary = QLabel("", footer)
        self.error_summary.setObjectName("errorSummary")
        status.addWidget(self.ticket_count)
        status.addWidget(self.error_summary)
        row.addLayout(status)
        self.submit_button = QPushButton(self.tr("提交 Ctrl+Enter"), footer)
        self.submit_button.setObjectName("primary")
        self.submit_button.clicked.connect(self.request_submit)
        row.addWidget(self.submit_button)
        return footer

    def _kind_changed(self, *_args: Any) -> None:
        organization = self.organization.isChecked()
        self.applicant_form.setRowVisible(self.contact_box, organization)
        wanted = "uscc" if organization else "resident_id"
        if not self.id_type_chosen:
            self.id_type.setCurrentIndex(ID_TYPES.index(wanted))
        self.name.setPlaceholderText(self.tr("单位全称") if organization else self.tr("申请人姓名"))
        self._recheck()

    def _id_type_chosen(self, *_args: Any) -> None:
        # The clerk picked the document type: a later change of kind must not undo it.
        self.id_type_chosen = True

    def _chain_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.person,
            self.name,
            self.id_type,
            self.id_number,
            self.contact_name,
            self.phone,
            self.by_agent,
            self.address,
            self.project_name,
            self.permit_no,
            self.land_date,
        ]
        for utility in UTILITIES:
            chain.extend(self.cards[utility].focus_chain())
        chain.extend(self.checklist.focus_chain())
        chain.extend([self.consent, self.submit_button])
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # The form's value and its check.

    def data(self) -> dict[str, Any]:
        """The combined form as the core reads it (combined-form.md)."""
        applicant: dict[str, Any] = {
            "kind": "organization" if self.organization.isChecked() else "person",
            "name": self.name.text(),
            "id_type": self.id_type.currentData(),
            "id_number": self.id_number.text(),
            "phone": self.phone.text(),
        }
        if self.organization.isChecked():
            applicant["contact_name"] = self.contact_name.text()
        if self.by_agent.isChecked():
            applicant["by_agent"] = True
        site: dict[str, Any] = {"address": self.address.text()}
        for key, edit in (("project_name", self.project_name), ("permit_no", self.permit_no)):
            if edit.text().strip():
                site[key] = edit.text().strip()
        if self.land_date.text().strip():
            site["land_acquired_on"] = iso_date(self.land_date.text())
        services = {
            u: card.data() | {"materials": self.checklist.materials_for(u)}
            for u, card in self.cards.items()
            if card.ticked
        }
        form: dict[str, Any] = {"applicant": applicant, "site": site, "services": services}
        waived = self.checklist.waived()
        if waived:
            form["materials_waived"] = waived
        form["consent"] = self.consent.isChecked()
        return form

    @property
    def valid(self) -> bool:
        return not self.errors

    def _warn_unprintable(self, text: str) -> None:
        chars = unprintable(text)
        self.name_warning.setText(
            self.tr("回执上无法打印 {0}：请核对，或改用可打印的写法").format(describe(chars))
            if chars
            else ""
        )
        self.name_warning.setVisible(bool(chars))

    def _recheck(self, *_args: Any) -> None:
        if self._filling or not hasattr(self, "submit_button"):
            return
        # The rules decide the documents from what the form says now.
        self._following = True
        try:
            self.checklist.follow(self._facts())
        finally:
            self._following = False
        result = self.checker(self.data())
        self.show_errors(tuple(result.errors))

    def _box_for(self, path: str) -> FieldBox | None:
        """The field an error belongs to: its own, or the nearest enclosing one shown."""
        candidate = path
        while candidate:
            if candidate in self.fields:
                return self.fields[candidate]
            cut = max(candidate.rfind("."), candidate.rfind("["))
            candidate = candidate[:cut] if cut > 0 else ""
        return None

    def show_errors(self, errors: tuple[Any, ...]) -> None:
        self.errors = errors
        english = i18n.is_english()
        by_box: dict[FieldBox, list[str]] = {}
        loose: list[str] = []
        for error in errors:
            text = error.message_en if english else error.message
            box = self._box_for(error.field)
            if box is None:
                loose.append(text)
            else:
                by_box.setdefault(box, []).append(text)
        for box in set(self.fields.values()):
            messages = by_box.get(box, [])
            shown = (box.touched or self.reveal_all) and box.isVisibleTo(self)
            if messages:
                box.show_error("\n".join(dict.fromkeys(messages)) if shown else "")
                box.show_ok(False)
            else:
                box.show_error("")
                box.show_ok((box.touched or self.reveal_all) and self._has_value(box))
        self.services_error.setText("\n".join(loose))
        self.services_error.setVisible(bool(loose) and self.reveal_all)
        count = sum(1 for card in self.cards.values() if card.ticked)
        self.ticket_count.setText(self.tr("将生成 %n 张工单", "", count))
        self.error_summary.setText(
            self.tr("还有 %n 处需要修改", "", len(errors)) if errors else self.tr("可以提交")
        )
        self.error_summary.setObjectName("errorSummary" if errors else "fieldOk")
        self.error_summary.style().unpolish(self.error_summary)
        self.error_summary.style().polish(self.error_summary)
        self.submit_button.setEnabled(not errors)

    def _has_value(self, box: FieldBox) -> bool:
        for editor in box.editors:
            if isinstance(editor, QLineEdit) and not editor.text().strip():
                return False
            if isinstance(editor, QCheckBox) and not editor.isChecked():
                return False
        return True

    def request_submit(self) -> None:
        """Ctrl+Enter: submit when valid; otherwise show every problem and go to the first."""
        self._recheck()
        if self.errors:
            self.reveal_all = True
            self._recheck()
            first = self._box_for(self.errors[0].field)
            if first is not None and first.editors:
                first.editors[-1].setFocus()
            return
        self.submit_requested.emit(self.data())

    def set_supplement_due(self, due: date | None) -> None:
        self.checklist.set_supplement_due(due)

    def set_catalogue(self, catalogue: MaterialCatalogue) -> None:
        self.checklist.set_catalogue(catalogue)
        self._recheck()

    def clear(self) -> None:
        """A new visit: an empty form, the cursor in the applicant's name."""
        self._filling = True
        try:
            # Focus first: leaving a field marks it touched, and the new visit starts clean.
            self.name.setFocus()
            self.id_type_chosen = False
            self.person.setChecked(True)
            for edit in (
                self.name,
                self.id_number,
                self.contact_name,
                self.phone,
                self.address,
                self.project_name,
                self.permit_no,
                self.land_date,
            ):
                edit.clear()
            for card in self.cards.values():
                card.clear()
            self.by_agent.setChecked(False)
            self.checklist.clear()
            self.consent.setChecked(False)
            for box in self.fields.values():
                box.touched = False
            self.reveal_all = False
        finally:
            self._filling = False
        self.id_type_chosen = False
        self._kind_changed()
        self.name.setFocus()

    @property
    def dirty(self) -> bool:
        return any(box.touched for box in self.fields.values()) or any(
            card.ticked for card in self.cards.values()
        )
