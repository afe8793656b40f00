"""The sign-in window: user name, password, language; opens the main window when it succeeds.

The database opens in the background while the clerk types, so the window shows at once.
Signals: `signed_in(SignedIn)` after a successful sign-in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSettings, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import i18n, look
from ui.tasks import Failure, TaskRunner

if TYPE_CHECKING:
    from onewindow.config import Config
    from onewindow.desk.counter_work import Opened, SignedIn
    from onewindow.hall import Hall


def lockout_text(locked_until: datetime) -> str:
    return QCoreApplication.translate(
        "sign_in", "密码连续错误 5 次，账户已锁定，请于 {0} 后再登录，或请管理员解锁。"
    ).format(i18n.clock_time(locked_until))


def failure_text(failure: Failure) -> str:
    locked_until = getattr(failure.exception, "locked_until", None)
    if isinstance(locked_until, datetime):
        return lockout_text(locked_until)
    return failure.message


class SignInDialog(QDialog):
    signed_in = Signal(object)

    def __init__(
        self,
        tasks: TaskRunner,
        settings: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.config: Config | None = None
        self.tasks = tasks
        self.settings = settings
        self.opened: Opened | None = None
        self._typed = ""
        self.setObjectName("signIn")
        self.setMinimumWidth(520)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 16)
        self.column = layout
        body = QVBoxLayout()
        body.setContentsMargins(28, 16, 28, 0)
        layout.addLayout(body)
        # Centred by the style sheet: touching PySide's `Qt` namespace here would build its
        # hundred enums before the window shows (about 40 ms of start-up).
        self.title = QLabel(self)
        self.title.setObjectName("signInTitle")
        self.title.setWordWrap(True)
        self.place = QLabel(self)
        self.place.setObjectName("signInPlace")
        body.addWidget(self.title)
        body.addWidget(self.place)

        form = QFormLayout()
        form.setContentsMargins(0, 12, 0, 0)
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.language = QComboBox(self)
        self.language.addItem("中文", i18n.ZH)
        self.language.addItem("English", i18n.EN)
        self.language.setCurrentIndex(1 if i18n.is_english() else 0)
        self.username_label = QLabel(self)
        self.password_label = QLabel(self)
        self.language_label = QLabel(self)
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        form.addRow(self.language_label, self.language)
        # Shown only when an administrator reset the password: the clerk chooses a new one.
        self.new_password = QLineEdit(self)
        self.new_password.setObjectName("newPassword")
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_password = QLineEdit(self)
        self.confirm_password.setObjectName("confirmPassword")
        self.confirm_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_label = QLabel(self)
        self.confirm_label = QLabel(self)
        form.addRow(self.new_label, self.new_password)
        form.addRow(self.confirm_label, self.confirm_password)
        form.setRowVisible(self.new_password, False)
        form.setRowVisible(self.confirm_password, False)
        self.form = form
        body.addLayout(form)

        self.message = QLabel(self)
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(44)
        body.addWidget(self.message)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.quit_button = QPushButton(self)
        self.sign_in_button = QPushButton(self)
        self.sign_in_button.setObjectName("primary")
        self.sign_in_button.setDefault(True)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.sign_in_button)
        body.addLayout(buttons)

        self.setTabOrder(self.username, self.password)
        self.setTabOrder(self.password, self.sign_in_button)
        self.setTabOrder(self.sign_in_button, self.language)
        self.setTabOrder(self.language, self.quit_button)

        self.sign_in_button.clicked.connect(self.attempt)
        self.quit_button.clicked.connect(self.reject)
        self.language.currentIndexChanged.connect(self._language_picked)
        self.username.textChanged.connect(self._update_button)
        self.password.textChanged.connect(self._update_button)
        self.new_password.textChanged.connect(self._update_button)
        self.confirm_password.textChanged.connect(self._update_button)
        self.confirm_password.returnPressed.connect(self.attempt)
        self._busy = False
        self._opening = False
        # While a reset password is being replaced: who signed in, and with what.
        self._changing: tuple[SignedIn, str] | None = None
        self.band: QLabel | None = None
        self._note: Callable[[], str] | None = None
        self.retranslate()
        self.username.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("一窗通办 — 登录"))
        self.title.setText(self.tr("一窗通办 · 水电气联合报装"))
        if self.config is not None:
            self.place.setText(
                f"{self.config.hall.name} · {i18n.counter_label(self.config.counter_id)}"
            )
        self.username_label.setText(self.tr("用户名"))
        self.password_label.setText(self.tr("密码"))
        self.language_label.setText(self.tr("界面语言"))
        self.new_label.setText(self.tr("新密码"))
        self.confirm_label.setText(self.tr("再输一次"))
        self.sign_in_button.setText(
            self.tr("修改密码并登录") if self._changing else self.tr("登录")
        )
        self.quit_button.setText(self.tr("退出"))
        if self._opening:
            self.message.setText(self.tr("正在打开数据库…"))
        # What was shown before the clerk picked another language follows it.
        if self.band is not None:
            self.band.setText(look.training_text())
            self.band.setAccessibleName(self.band.text())
        if self._note is not None:
            self.message.setText(self._note())
        QTimer.singleShot(0, self._fit_height)

    def _fit_height(self) -> None:
        """A longer language wraps the title onto two lines: grow rather than squash."""
        layout = self.column
        layout.activate()
        needed = max(layout.minimumSize().height(), layout.totalHeightForWidth(self.width()))
        self.setMinimumHeight(needed)
        if self.height() < needed:
            self.resize(self.width(), needed)

    @property
    def hall(self) -> Hall | None:
        return self.opened.hall if self.opened is not None else None

    def open_hall(self, opener: Callable[[], Opened]) -> None:
        """Read the configuration and open the hall on the worker (the window is already
        showing); sign-in is possible once it is open."""
        self._opening = True
        self.message.setObjectName("hint")
        self.message.setText(self.tr("正在打开数据库…"))
        self._update_button()
        self.tasks.run(opener, self._hall_opened, self._hall_failed)

    def set_opened(self, opened: Opened) -> None:
        self.opened = opened
        self.config = opened.hall.config
        if self.config.training and self.band is None:
            self.band = look.training_band(self)
            self.column.insertWidget(0, self.band)
        self._opening = False
        self.retranslate()
        self._update_button()

    def _hall_opened(self, opened: Any) -> None:
        self.set_opened(opened)
        if opened.training_accounts:
            self._show_note(
                lambda: self.tr(
                    "培训账户：trainee 受理员、lead 班组长、admin 管理员，密码均为 training"
                )
            )
        elif not opened.has_users:
            self._show_note(
                lambda: self.tr(
                    "还没有任何用户。请管理员先在命令行创建：onewindow user add 用户名 --role admin"
                )
            )
        elif self.message.text() == self.tr("正在打开数据库…"):
            self._show_message("")

    def _hall_failed(self, failure: Failure) -> None:
        self._opening = False
        self._show_message(self.tr("无法启动：{0}").format(failure.message))
        self._update_button()

    def _show_note(self, text: Callable[[], str]) -> None:
        """A calm hint that stays until another message, in whichever language is chosen."""
        self._show_message(text(), error=False)
        self._note = text

    def _show_message(self, text: str, *, error: bool = True) -> None:
        self._note = None
        self.message.setObjectName("signInMessage" if error else "hint")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        # After the new text's layout request is handled, or the old height is measured.
        QTimer.singleShot(0, self._fit_height)

    def _update_button(self) -> None:
        ready = self.hall is not None and not self._busy
        if self._changing is not None:
            filled = bool(self.new_password.text()) and bool(self.confirm_password.text())
        else:
            filled = bool(self.username.text().strip()) and bool(self.password.text())
        self.sign_in_button.setEnabled(ready and filled)

    def _language_picked(self, index: int) -> None:
        language = str(self.language.itemData(index))
        i18n.remember_language(self.settings, language)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            i18n.install(app, language)
        self.retranslate()

    def attempt(self) -> None:
        if self.hall is None or self._busy or not self.sign_in_button.isEnabled():
            return
        if self._changing is not None:
            self._change_password()
            return
        hall = self.hall
        username, password = self.username.text().strip(), self.password.text()
        self._typed = password
        self._busy = True
        self._update_button()
        self._show_message(self.tr("正在登录…"), error=False)
        from onewindow.desk import counter_work

        self.tasks.run(
            lambda: counter_work.sign_in(hall, username, password), self._succeeded, self._failed
        )

    def _succeeded(self, result: Any) -> None:
        self._busy = False
        typed, self._typed = self._typed, ""
        self.password.clear()
        if result.must_change_password:
            self._ask_new_password(result, typed)
            return
        self._show_message("")
        self.signed_in.emit(result)
        self.accept()

    def _failed(self, failure: Failure) -> None:
        self._busy = False
        self._typed = ""
        self.password.clear()
        self.password.setFocus()
        self._show_message(failure_text(failure))
        self._update_button()

    def signed_out(self, reason: str) -> None:
        """Back after the core refused the signed-in user: ready for a sign-in, saying why."""
        if self._changing is not None:
            self._show_sign_in_rows()
        self._busy = False
        self.password.clear()
        self._show_message(self.tr("已退出登录：{0}").format(reason))
        self._update_button()
        self.show()
        (self.password if self.username.text() else self.username).setFocus()

    def _show_sign_in_rows(self) -> None:
        self._changing = None
        for line in (self.new_password, self.confirm_password):
            line.clear()
            self.form.setRowVisible(line, False)
        for field in (self.username, self.password, self.language):
            self.form.setRowVisible(field, True)
        self.retranslate()

    def _ask_new_password(self, user: SignedIn, old: str) -> None:
        self._changing = (user, old)
        for widget in (self.username, self.password, self.language):
            self.form.setRowVisible(widget, False)
        for widget in (self.new_password, self.confirm_password):
            self.form.setRowVisible(widget, True)
        self.retranslate()
        self._show_message(self.tr("管理员重置了您的密码。请设置新密码（至少 8 位）后继续。"))
        self.new_password.setFocus()
        self._update_button()

    def _change_password(self) -> None:
        assert self._changing is not None and self.hall is not None
        user, old = self._changing
        new = self.new_password.text()
        if new != self.confirm_password.text():
            self._show_message(self.tr("两次输入的新密码不一致，请重新输入。"))
            self.confirm_password.clear()
            self.confirm_password.setFocus()
            return
        from dataclasses import replace

        from onewindow.desk import counter_work

        hall = self.hall
        self._busy = True
        self._update_button()
        self.tasks.run(
            lambda: counter_work.change_password(hall, user.user_id, old, new),
            lambda _none: self._password_changed(replace(user, must_change_password=False)),
            self._change_failed,
        )

    def _password_changed(self, user: SignedIn) -> None:
        self._busy = False
        self._changing = None
        self.new_password.clear()
        self.confirm_password.clear()
        self._show_message("")
        self.signed_in.emit(user)
        self.accept()

    def _change_failed(self, failure: Failure) -> None:
        self._busy = False
        self._show_message(failure.message)
        self.new_password.setFocus()
        self._update_button()


__all__ = ["SignInDialog", "failure_text", "lockout_text"]
