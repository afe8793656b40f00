"""One card per utility on the combined form: ticked or not, its service and details.

A card shows only what its service needs: the account number for every service but a new
connection; for gas, the external line's length and the permits the utility obtains on the
applicant's behalf (代办) once external works are ticked. The documents are not the card's:
one checklist serves the whole visit (`ui.intake_checklist`).

Signals: `changed()` whenever anything on the card changes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from onewindow.codes import USAGES_BY_UTILITY, VOLTAGES
from onewindow.intake.form import AGENCY_PERMITS, NEEDS_ACCOUNT, NEEDS_DETAILS, SERVICES
from ui import look
from ui.form_fields import FieldBox
from ui.status_names import permit_name, service_name, usage_name, utility_name

NEW = "new_connection"


def number_or_text(text: str) -> int | float | str | None:
    """What the clerk typed in a number field: a number when it is one, else the text as typed
    (so that the core's check names the problem), None when empty."""
    value = text.strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        pass
    try:
        return float(value)
    except ValueError:
        return value


class UtilityCard(QFrame):
    changed = Signal()

    def __init__(self, utility: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.utility = utility
        self.fields: dict[str, FieldBox] = {}
        self.setObjectName(f"utilityCard_{utility}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 6, 10, 6)

        self.tick = QCheckBox(self._title(), self)
        self.tick.setObjectName(f"tick_{utility}")
        self.tick.setStyleSheet(
            f"QCheckBox {{ color: {look.UTILITY_COLOURS[utility]}; font-weight: bold;"
            " font-size: 12pt; }"
        )
        column.addWidget(self.tick)

        self.body = QWidget(self)
        column.addWidget(self.body)
        form = QFormLayout(self.body)
        form.setContentsMargins(22, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form = form

        self.service = self._combo([(code, self._service_label(code)) for code in SERVICES])
        self.service.setCurrentIndex(0)
        self._row(form, "service", self.tr("业务"), [self.service])
        self.account_no = QLineEdit()
        self._row(form, "account_no", self.tr("原户号"), [self.account_no])
        self._details(form)

        self.tick.toggled.connect(self._toggled)
        self.service.currentIndexChanged.connect(self._service_changed)
        self.body.setVisible(False)
        self._service_changed()

    def _title(self) -> str:
        return utility_name(self.utility)

    def _service_label(self, code: str) -> str:
        return service_name(code)

    def _usage_combo(self) -> QComboBox:
        usages = USAGES_BY_UTILITY[self.utility]
        return self._combo([self._choose(), *((u, usage_name(u)) for u in usages)])

    def _combo(self, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        for code, label in items:
            combo.addItem(label, code)
        return combo

    def _choose(self) -> tuple[str, str]:
        # An empty code, not None: an item without data makes PySide drop a None reference.
        return ("", self.tr("请选择"))

    def _row(self, form: QFormLayout, key: str, label: str, editors: list[QWidget]) -> FieldBox:
        path = f"services.{self.utility}.{key}"
        # A check box shows its own state: no tick beside it.
        box = FieldBox(path, editors, tick=isinstance(editors[0], QLineEdit | QComboBox))
        form.addRow(label, box)
        self.fields[key] = box
        for editor in editors:
            if isinstance(editor, QLineEdit):
                editor.textEdited.connect(box.mark_edited)
                editor.textChanged.connect(self.changed)
            elif isinstance(editor, QComboBox):
                editor.activated.connect(box.mark_edited)
                editor.currentIndexChanged.connect(self.changed)
            elif isinstance(editor, QCheckBox):
                editor.toggled.connect(self.changed)
        return box

    def _details(self, form: QFormLayout) -> None:
        u = self.utility
        self.detail_editors: dict[str, QWidget] = {}
        if u == "water":
            usage = self._usage_combo()
            self._detail(form, "usage", self.tr("用水性质"), usage)
            self._detail(form, "diameter_dn", self.tr("口径 DN"), QLineEdit())
            self._detail(form, "daily_volume_m3", self.tr("日用水量 m³"), QLineEdit())
        elif u == "power":
            usage = self._usage_combo()
            self._detail(form, "usage", self.tr("用电类别"), usage)
            self._detail(form, "capacity_kw", self.tr("报装容量 kW"), QLineEdit())
            voltage = self._combo([self._choose(), *((v, v) for v in VOLTAGES)])
            self._detail(form, "voltage", self.tr("电压等级"), voltage)
        else:
            usage = self._usage_combo()
            self._detail(form, "usage", self.tr("用气性质"), usage)
            self._detail(form, "monthly_volume_m3", self.tr("月用气量 m³"), QLineEdit())
            self.external_works = QCheckBox(self.tr("需新建外线（建筑区划红线外）"))
            self.external_works.setObjectName("external_works_gas")
            self._detail(form, "external_works", "", self.external_works)
            self._detail(form, "external_length_m", self.tr("外线长度 m"), QLineEdit())
            permits = QWidget()
            row = QHBoxLayout(permits)
            row.setContentsMargins(0, 0, 0, 0)
            self.permit_checks: dict[str, QCheckBox] = {}
            for kind in AGENCY_PERMITS:
                check = QCheckBox(permit_name(kind), permits)
                check.setObjectName(f"permit_{kind}")
                check.toggled.connect(self.changed)
                self.permit_checks[kind] = check
                row.addWidget(check)
            row.addStretch(1)
            box = self._row(form, "agency_permits", self.tr("代办许可"), [permits])
            box.setToolTip(self.tr("由供气单位代为办理的行政许可"))
            self.external_works.toggled.connect(self._external_toggled)
            self._external_toggled(False)

    def _detail(self, form: QFormLayout, key: str, label: str, editor: QWidget) -> None:
        editor.setObjectName(f"{key}_{self.utility}")
        self.detail_editors[key] = editor
        self._row(form, f"details.{key}", label, [editor])

    def _set_row_visible(self, key: str, visible: bool) -> None:
        box = self.fields[key]
        self.form.setRowVisible(box, visible)

    def _external_toggled(self, on: bool) -> None:
        shown = on and self.service_code in NEEDS_DETAILS
        self._set_row_visible("details.external_length_m", shown)
        self._set_row_visible("agency_permits", shown)

    def _toggled(self, on: bool) -> None:
        self.body.setVisible(on)
        self.changed.emit()

    def _service_changed(self, *_args: Any) -> None:
        self._set_row_visible("account_no", self.service_code in NEEDS_ACCOUNT)
        # Transfer, repair and disconnection concern an existing account: no details asked.
        with_details = self.service_code in NEEDS_DETAILS
        for key in self.detail_editors:
            external = key == "external_length_m"
            shown = with_details and (not external or self.external_works.isChecked())
            self._set_row_visible(f"details.{key}", shown)
        if self.utility == "gas":
            self._set_row_visible(
                "agency_permits", with_details and self.external_works.isChecked()
            )
        self.changed.emit()

    @property
    def service_code(self) -> str:
        return str(self.service.currentData())

    @property
    def ticked(self) -> bool:
        return self.tick.isChecked()

    def focus_chain(self) -> list[QWidget]:
        """The card's focusable widgets in the order the clerk meets them."""
        chain: list[QWidget] = [self.tick, self.service, self.account_no]
        chain.extend(self.detail_editors.values())
        if self.utility == "gas":
            chain.extend(self.permit_checks.values())
        return chain

    def data(self) -> dict[str, Any]:
        """This utility's part of the combined form, as the core reads it."""
        details: dict[str, Any] = {}
        for key, editor in self.detail_editors.items():
            if isinstance(editor, QComboBox):
                if editor.currentData():
                    details[key] = editor.currentData()
            elif isinstance(editor, QCheckBox):
                details[key] = editor.isChecked()
            elif isinstance(editor, QLineEdit):
                if key == "external_length_m" and not self.external_works.isChecked():
                    continue
                value = number_or_text(editor.text())
                if value is not None:
                    details[key] = value
        part: dict[str, Any] = {
            "service": self.service_code,
        }
        if self.service_code in NEEDS_DETAILS:
            part["details"] = details
        if self.service_code in NEEDS_ACCOUNT:
            part["account_no"] = self.account_no.text()
        if (
            self.utility == "gas"
            and self.external_works.isChecked()
            and self.service_code in NEEDS_DETAILS
        ):
            permits = [kind for kind, check in self.permit_checks.items() if check.isChecked()]
            if permits:
                part["agency_permits"] = permits
        return part

    def clear(self) -> None:
        self.tick.setChecked(False)
        self.service.setCurrentIndex(0)
        self.account_no.clear()
        for editor in self.detail_editors.values():
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(0)
            elif isinstance(editor, QCheckBox):
                editor.setChecked(False)
            elif isinstance(editor, QLineEdit):
                editor.clear()
        if self.utility == "gas":
            for check in self.permit_checks.values():
                check.setChecked(False)
        for box in self.fields.values():
            box.touched = False
