"""改派: choose the clerk who takes the selected tickets and say why (the reason is required).

Accepting (the button, or Ctrl+Enter) does not close the dialog: it emits `submitted(user
name, reason)` and says "正在改派…" until the caller reports `succeeded()` (it closes) or
`failed(message)` (the message shows, the lead may try again).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from onewindow.desk.lead_work import Assignee
from onewindow.tickets.reassignment import MAX_REASON
from ui import i18n
from ui.ticket_dialogs import finish_from_keyboard


class ReassignDialog(QDialog):
    submitted = Signal(str, str)

    def __init__(
        self, ticket_count: int, assignees: Sequence[Assignee], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("改派工单"))
        self.setMinimumWidth(420)
        column = QVBoxLayout(self)
        column.addWidget(QLabel(self.tr("将选中的 {0} 张工单改派给：").format(ticket_count), self))
        form = QFormLayout()
        self.target = QComboBox(self)
        self.target.setObjectName("reassignTarget")
        for a in assignees:
            self.target.addItem(i18n.person(a.display_name, a.username), a.username)
        form.addRow(self.tr("受理人"), self.target)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("reassignReason")
        self.reason.setPlaceholderText(self.tr("必填，例如：张伟下午请假，由李娜跟进"))
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(80)
        form.addRow(self.tr("改派原因"), self.reason)
        column.addLayout(form)
        self.hint = QLabel(self.tr("请填写改派原因"), self)
        self.hint.setObjectName("fieldError")
        column.addWidget(self.hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("改派"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        self.reason.textChanged.connect(self._check)
        self.working = False
        self._check()
        finish_from_keyboard(self)

    @classmethod
    def ask(
        cls,
        ticket_count: int,
        assignees: Sequence[Assignee],
        parent: QWidget,
        submit: Callable[[str, str, ReassignDialog], None],
    ) -> None:
        """Ask whom to and why; `submit(to, reason, dialog)` does the work while the dialog
        stays open and says it is working, and closes it with `succeeded()`."""
        dialog = cls(ticket_count, assignees, parent)
        dialog.submitted.connect(lambda to, reason: submit(to, reason, dialog))
        dialog.exec()

    def accept(self) -> None:
        if self.working or not self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            return
        self._set_working(True)
        self.submitted.emit(*self.chosen())

    def succeeded(self) -> None:
        self._set_working(False)
        super().accept()

    def failed(self, message: str) -> None:
        self._set_working(False)
        self.hint.setText(self.tr("没有改派：{0}").format(message))
        self.hint.setObjectName("fieldError")
        self._repolish(self.hint)
        self.hint.show()

    def _set_working(self, working: bool) -> None:
        self.working = working
        for widget in (self.target, self.reason, self.buttons):
            widget.setEnabled(not working)
        if working:
            self.hint.setText(self.tr("正在改派…"))
            self.hint.setObjectName("hint")
            self._repolish(self.hint)
            self.hint.show()
        else:
            self._check()

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    def _check(self) -> None:
        if self.working:
            return
        text = self.reason.toPlainText().strip()
        too_long = len(text) > MAX_REASON
        ok = bool(text) and not too_long and self.target.count() > 0
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        if too_long:
            self.hint.setText(self.tr("改派原因最多 {0} 字").format(MAX_REASON))
        elif not text:
            self.hint.setText(self.tr("请填写改派原因"))
        self.hint.setVisible(not ok)

    def chosen(self) -> tuple[str, str]:
        """(user name, reason) once accepted."""
        return str(self.target.currentData()), self.reason.toPlainText().strip()
