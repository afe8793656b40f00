"""管理 → 用户: add users, disable and enable them, reset a password, change a role.

Every change goes through the core's service functions (administrators only, audited); the
screen only offers what the core will accept, and shows its answer when it does not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from onewindow.access.users import MIN_PASSWORD_LENGTH, Role
from onewindow.clock import hall_time
from onewindow.desk import lead_work
from onewindow.desk.lead_work import UserRow
from ui import i18n
from ui.read_only_table import Resize, Selection, read_only_table
from ui.rows_model import Column, RowsModel
from ui.status_names import role_name

if TYPE_CHECKING:
    from ui.shift import Shift
    from ui.tasks import Failure


class PasswordFields:
    """Two password boxes that must agree and be long enough (shared by two dialogs, so its
    texts have their own translation context)."""

    def __init__(self, parent: QWidget, form: QFormLayout) -> None:
        self.first = QLineEdit(parent)
        self.second = QLineEdit(parent)
        for edit in (self.first, self.second):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(QCoreApplication.translate("PasswordFields", "密码"), self.first)
        form.addRow(QCoreApplication.translate("PasswordFields", "再次输入"), self.second)

    def problem(self) -> str:
        if len(self.first.text()) < MIN_PASSWORD_LENGTH:
            return QCoreApplication.translate("PasswordFields", "密码至少 {0} 位").format(
                MIN_PASSWORD_LENGTH
            )
        if self.first.text() != self.second.text():
            return QCoreApplication.translate("PasswordFields", "两次输入的密码不一致")
        return ""


class _FormDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.column = QVBoxLayout(self)
        self.form = QFormLayout()
        self.column.addLayout(self.form)
        self.hint = QLabel(self)
        self.hint.setObjectName("fieldError")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish(self) -> None:
        self.column.addWidget(self.hint)
        self.column.addWidget(self.buttons)
        self.check()

    def problem(self) -> str:
        raise NotImplementedError

    def check(self) -> None:
        problem = self.problem()
        self.hint.setText(problem)
        self.hint.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)


@dataclass(frozen=True)
class NewUser:
    username: str
    display_name: str
    role: str
    password: str


class NewUserDialog(_FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("新增用户"), parent)
        self.username = QLineEdit(self)
        self.display_name = QLineEdit(self)
        self.role = QComboBox(self)
        for role in Role:
            self.role.addItem(role_name(role.value), role.value)
        self.form.addRow(self.tr("用户名"), self.username)
        self.form.addRow(self.tr("姓名"), self.display_name)
        self.form.addRow(self.tr("角色"), self.role)
        self.password = PasswordFields(self, self.form)
        for edit in (self.username, self.password.first, self.password.second):
            edit.textChanged.connect(self.check)
        self.finish()

    def problem(self) -> str:
        name = self.username.text().strip()
        if not name or any(c.isspace() for c in name):
            return self.tr("请填写用户名（不含空格）")
        return self.password.problem()

    @classmethod
    def ask(cls, parent: QWidget) -> NewUser | None:
        """The new user as typed, or None when the administrator cancelled."""
        dialog = cls(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return NewUser(
            dialog.username.text().strip(),
            dialog.display_name.text().strip(),
            str(dialog.role.currentData()),
            dialog.password.first.text(),
        )


class ResetPasswordDialog(_FormDialog):
    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("重置 {0} 的密码").format(username), parent)
        self.form.addRow(QLabel(self.tr("用户下次登录时须修改密码。"), self))
        self.password = PasswordFields(self, self.form)
        for edit in (self.password.first, self.password.second):
            edit.textChanged.connect(self.check)
        self.finish()

    def problem(self) -> str:
        return self.password.problem()

    @classmethod
    def ask(cls, username: str, parent: QWidget) -> str | None:
        """The new password, or None when the administrator cancelled."""
        dialog = cls(username, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.password.first.text()


class AdminUsers(QWidget):
    """Signals: `loaded()` after the list is shown; `message(str)` for the status bar;
    `failed(str)` when something did not go through."""

    loaded = Signal()
    message = Signal(str)
    failed = Signal(str)

    def __init__(self, shift: Shift, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shift = shift
        column = QVBoxLayout(self)
        self.model = RowsModel[UserRow](
            [
                Column(self.tr("用户名"), lambda u: u.username),
                Column(self.tr("姓名"), lambda u: u.display_name),
                Column(self.tr("角色"), lambda u: role_name(u.role)),
                Column(self.tr("状态"), self._state),
            ],
            self,
        )
        self.table = read_only_table(
            self.model, self, selection=Selection.SingleSelection, resize=Resize.Stretch
        )
        column.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("新增用户…"), self)
        self.toggle_button = QPushButton(self.tr("停用"), self)
        self.reset_button = QPushButton(self.tr("重置密码…"), self)
        self.role_choice = QComboBox(self)
        for role in Role:
            self.role_choice.addItem(role_name(role.value), role.value)
        self.role_button = QPushButton(self.tr("修改角色"), self)
        self.add_button.clicked.connect(self.add)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.reset_button.clicked.connect(self.reset_password)
        self.role_button.clicked.connect(self.change_role)
        for widget in (
            self.add_button,
            self.toggle_button,
            self.reset_button,
            self.role_choice,
            self.role_button,
        ):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self._selected()

    def _state(self, row: UserRow) -> str:
        if not row.active:
            return self.tr("已停用")
        if row.locked_until is not None and row.locked_until > self.shift.hall.now():
            return self.tr("锁定至 {0:%H:%M}").format(hall_time(row.locked_until))
        return self.tr("正常")

    def selected(self) -> UserRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _selected(self, *_: object) -> None:
        row = self.selected()
        for button in (self.toggle_button, self.reset_button, self.role_button):
            button.setEnabled(row is not None)
        if row is not None:
            self.toggle_button.setText(self.tr("启用") if not row.active else self.tr("停用"))
            self.role_choice.setCurrentIndex(self.role_choice.findData(row.role))

    def refresh(self) -> None:
        hall, user = self.shift.hall, self.shift.user
        self.shift.tasks.run(lambda: lead_work.list_users(hall, user), self._show, self._failed)

    def _show(self, rows: list[UserRow]) -> None:
        chosen = self.selected()
        self.model.set_rows(rows)
        if chosen is not None:
            for i, row in enumerate(rows):
                if row.username == chosen.username:
                    self.table.selectRow(i)
        self._selected()
        self.loaded.emit()

    def _failed(self, failure: Failure) -> None:
        self.failed.emit(failure.message)

    def _apply(self, work: Callable[[], object], done: str) -> None:
        def finished(_: object) -> None:
            self.message.emit(done)
            self.refresh()

        self.shift.tasks.run(work, finished, self._failed)

    def add(self) -> None:
        new = NewUserDialog.ask(self)
        if new is None:
            return
        hall, user = self.shift.hall, self.shift.user
        self._apply(
            lambda: lead_work.add_user(
                hall, user, new.username, new.display_name, new.role, new.password
            ),
            self.tr("已新增用户 {0}").format(i18n.person(new.display_name, new.username)),
        )

    def toggle_active(self) -> None:
        row = self.selected()
        if row is None:
            return
        hall, user, active = self.shift.hall, self.shift.user, not row.active
        done = self.tr("已启用 {0}") if active else self.tr("已停用 {0}")
        self._apply(
            lambda: lead_work.set_active(hall, user, row.username, active),
            done.format(i18n.person(row.display_name, row.username)),
        )

    def reset_password(self) -> None:
        row = self.selected()
        if row is None:
            return
        password = ResetPasswordDialog.ask(row.username, self)
        if password is None:
            return
        hall, user = self.shift.hall, self.shift.user
        self._apply(
            lambda: lead_work.reset_password(hall, user, row.username, password),
            self.tr("已重置 {0} 的密码").format(i18n.person(row.display_name, row.username)),
        )

    def change_role(self) -> None:
        row = self.selected()
        if row is None:
            return
        hall, user, role = self.shift.hall, self.shift.user, str(self.role_choice.currentData())
        self._apply(
            lambda: lead_work.change_role(hall, user, row.username, role),
            self.tr("已将 {0} 的角色改为 {1}").format(
                i18n.person(row.display_name, row.username), self.role_choice.currentText()
            ),
        )
