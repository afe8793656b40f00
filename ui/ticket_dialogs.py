"""The dialogs behind a ticket's actions: why it is cancelled (required), which late materials
came, and the corrections a utility asked for, each field beside the utility's message.

Each can be finished from the keyboard: Tab moves between its fields, Ctrl+Enter accepts.
Each has an `ask()` classmethod that tests replace (no test blocks on a modal `exec()`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from onewindow.tickets.queries import AttentionMessage, MaterialView

_FIELD_LABELS: dict[str, object] = {
    "applicant.name": QT_TRANSLATE_NOOP("TicketDetail", "申请人"),
    "applicant.id_number": QT_TRANSLATE_NOOP("TicketDetail", "证件号码"),
    "applicant.id_type": QT_TRANSLATE_NOOP("TicketDetail", "证件类型"),
    "applicant.phone": QT_TRANSLATE_NOOP("TicketDetail", "联系电话"),
    "applicant.contact_name": QT_TRANSLATE_NOOP("TicketDetail", "联系人"),
    "site.address": QT_TRANSLATE_NOOP("TicketDetail", "地址"),
    "site.project_name": QT_TRANSLATE_NOOP("TicketDetail", "项目名称"),
    "site.permit_no": QT_TRANSLATE_NOOP("TicketDetail", "许可证号"),
    "site.land_acquired_on": QT_TRANSLATE_NOOP("TicketDetail", "取得土地日期"),
    "account_no": QT_TRANSLATE_NOOP("TicketDetail", "户号"),
}


def finish_from_keyboard(dialog: QDialog) -> None:
    """Ctrl+Enter accepts the dialog (as Ctrl+Enter submits the form); `accept()` decides
    whether it may. Text boxes pass Tab on, so every field is reached without the mouse."""
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        shortcut = QShortcut(QKeySequence(keys), dialog)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(dialog.accept)
    for edit in dialog.findChildren(QPlainTextEdit):
        edit.setTabChangesFocus(True)


def field_label(path: str) -> str:
    """The form's name for a field path a utility's message names (else the path itself)."""
    source = _FIELD_LABELS.get(path)
    return QCoreApplication.translate("TicketDetail", str(source)) if source else path


class CancelDialog(QDialog):
    """Asks why a ticket is cancelled; OK only with a reason. Tests replace `ask`."""

    def __init__(self, application_no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("撤销工单"))
        column = QVBoxLayout(self)
        column.addWidget(
            QLabel(
                self.tr(
                    "撤销 {0} 的这张工单。请写明原因（必填），原因会告知单位并记入日志。"
                ).format(application_no),
                self,
            )
        )
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("cancelReason")
        self.reason.setPlaceholderText(self.tr("例如：申请人不再需要此项业务"))
        column.addWidget(self.reason)
        self.hint = QLabel(self.tr("请填写撤销原因"), self)
        self.hint.setObjectName("fieldError")
        column.addWidget(self.hint)
        self.buttons = QDialogButtonBox(self)
        self.ok = self.buttons.addButton(
            self.tr("撤销工单"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("返回"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        self.reason.textChanged.connect(self._check)
        self._check()
        finish_from_keyboard(self)
        self.reason.setFocus()

    def accept(self) -> None:
        if self.ok.isEnabled():
            super().accept()

    def _check(self) -> None:
        ok = bool(self.reason_text())
        self.ok.setEnabled(ok)
        self.hint.setVisible(not ok)

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    @classmethod
    def ask(cls, application_no: str, parent: QWidget) -> str | None:
        dialog = cls(application_no, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.reason_text():
            return dialog.reason_text()
        return None


class MaterialDialog(QDialog):
    """Which of the missing materials the applicant brought. Tests replace `ask`."""

    def __init__(self, missing: list[MaterialView], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("补交材料"))
        column = QVBoxLayout(self)
        column.addWidget(QLabel(self.tr("勾选申请人今天带来的材料："), self))
        self.boxes: dict[str, QCheckBox] = {}
        for material in missing:
            box = QCheckBox(material.name, self)
            self.boxes[material.code] = box
            column.addWidget(box)
        buttons = QDialogButtonBox(self)
        self.ok = buttons.addButton(self.tr("登记补交"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("返回"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        for box in self.boxes.values():
            box.toggled.connect(self._check)
        self._check()
        finish_from_keyboard(self)

    def accept(self) -> None:
        if self.ok.isEnabled():
            super().accept()

    def _check(self) -> None:
        self.ok.setEnabled(bool(self.codes()))

    def codes(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    @classmethod
    def ask(cls, missing: list[MaterialView], parent: QWidget) -> list[str] | None:
        dialog = cls(missing, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.codes():
            return dialog.codes()
        return None


class ResendDialog(QDialog):
    """The fields the utility refused, each with its message beside it, to correct and re-send.

    Tests replace `ask`.
    """

    def __init__(self, messages: tuple[AttentionMessage, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("更正后重新发送"))
        self.messages = messages
        column = QVBoxLayout(self)
        column.addWidget(
            QLabel(self.tr("单位退回了这张工单。按单位的意见更正下列内容，再重新发送："), self)
        )
        grid = QGridLayout()
        self.edits: dict[str, QLineEdit] = {}
        general: list[str] = []
        for row, message in enumerate(messages):
            if not message.field:
                general.append(message.message)
                continue
            grid.addWidget(QLabel(field_label(message.field), self), row, 0)
            edit = QLineEdit("" if message.current is None else str(message.current), self)
            edit.setObjectName(f"correct_{message.field}")
            edit.setMinimumWidth(240)
            self.edits[message.field] = edit
            grid.addWidget(edit, row, 1)
            note = QLabel(message.message, self)
            note.setObjectName("fieldError")
            note.setWordWrap(True)
            grid.addWidget(note, row, 2)
        column.addLayout(grid)
        for text in general:
            note = QLabel(text, self)
            note.setObjectName("fieldError")
            note.setWordWrap(True)
            column.addWidget(note)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.tr("重新发送"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("返回"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        finish_from_keyboard(self)

    def corrections(self) -> dict[str, object]:
        """Changed fields only, numbers kept numbers (the form's checks expect them so)."""
        changed: dict[str, object] = {}
        for message in self.messages:
            edit = self.edits.get(message.field)
            if edit is None:
                continue
            text = edit.text().strip()
            before = message.current
            if text == ("" if before is None else str(before)):
                continue
            value: object = text or None
            if isinstance(before, int | float) and not isinstance(before, bool) and text:
                try:
                    value = int(text) if isinstance(before, int) else float(text)
                except ValueError:
                    value = text
            changed[message.field] = value
        return changed

    @classmethod
    def ask(cls, messages: tuple[AttentionMessage, ...], parent: QWidget) -> dict[str, Any] | None:
        dialog = cls(messages, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.corrections()
        return None
