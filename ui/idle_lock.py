"""Locks the workstation after a spell without input: the hall is public, the desk is shared.

`IdleWatch` is an event filter on the application: any key, click, wheel or mouse movement
restarts its timer; when the timer runs out it emits `idle`. `LockScreen` covers the main
window's content and opens only with the password of the user who is signed in (a failed
unlock counts towards the five-failure lock-out like any sign-in).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from onewindow.access.users import WRONG_NAME_OR_PASSWORD
from onewindow.desk import counter_work
from ui import look
from ui.sign_in import failure_text
from ui.tasks import Failure

if TYPE_CHECKING:
    from ui.shift import Shift

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatch(QObject):
    """Emits `idle` after `minutes` without user input anywhere in the application."""

    idle = Signal()

    def __init__(self, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, round(minutes * 60_000)))
        self.timer.timeout.connect(self.idle)
        self.paused = False

    def start(self) -> None:
        self.paused = False
        self.timer.start()

    def pause(self) -> None:
        """While locked, input goes to the lock screen and must not re-arm the timer."""
        self.paused = True
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.paused and event.type() in _ACTIVITY:
            self.timer.start()
        return False


class LockScreen(QWidget):
    """The page shown while the workstation is locked. Emits `unlocked` on the right password."""

    unlocked = Signal()
    # Another clerk takes over the desk: sign out (everything is saved) and sign in afresh.
    sign_out_requested = Signal()

    def __init__(
        self,
        shift: Shift,
        *,
        training: bool,
        idle: bool = False,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.shift = shift
        self.setObjectName("lockScreen")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        if training:
            outer.addWidget(look.training_band(self))
        outer.addStretch(1)
        box = QWidget(self)
        box.setMinimumWidth(420)
        box.setMaximumWidth(520)
        layout = QVBoxLayout(box)
        title = QLabel(self.tr("工作站已锁定"), box)
        title.setObjectName("lockTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Say why it is locked: a clerk who pressed Ctrl+L was not idle.
        reason = (
            self.tr("{0}（{1}）长时间未操作，工作站已自动锁定。请输入密码继续。")
            if idle
            else self.tr("{0}（{1}）锁定了工作站。请输入密码继续。")
        )
        self.who = who = QLabel(reason.format(shift.user.display_name, shift.user.username), box)
        who.setWordWrap(True)
        who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.password = QLineEdit(box)
        self.password.setObjectName("unlockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("密码"))
        self.message = QLabel(box)
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.button = QPushButton(self.tr("解锁"), box)
        self.button.setObjectName("primary")
        self.sign_out_button = QPushButton(self.tr("注销/换人"), box)
        self.sign_out_button.setObjectName("lockSignOut")
        self.sign_out_button.setToolTip(self.tr("已受理的内容都已保存；回到登录窗口，由其他人登录"))
        for widget in (title, who, self.password, self.message, self.button, self.sign_out_button):
            layout.addWidget(widget)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.password.returnPressed.connect(self.attempt)
        self.button.clicked.connect(self.attempt)
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        self._busy = False

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.password.setFocus()

    def attempt(self) -> None:
        if self._busy or not self.password.text():
            return
        self._busy = True
        hall, username, password = self.shift.hall, self.shift.user.username, self.password.text()
        self.password.clear()
        self.message.setText("")
        self.shift.tasks.run(
            lambda: counter_work.sign_in(hall, username, password), self._succeeded, self._failed
        )

    def _succeeded(self, _result: Any) -> None:
        self._busy = False
        self.unlocked.emit()

    def _failed(self, failure: Failure) -> None:
        self._busy = False
        self.message.setText(self.failure_text(failure))
        self.password.setFocus()

    def failure_text(self, failure: Failure) -> str:
        """The user is known here: a wrong password names them, not "用户名或密码"."""
        if str(failure.exception) == str(WRONG_NAME_OR_PASSWORD):
            return self.tr("{0}（{1}）的密码不正确，请重新输入。").format(
                self.shift.user.display_name, self.shift.user.username
            )
        return failure_text(failure)
