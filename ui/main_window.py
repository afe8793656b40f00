"""The main window: header (hall · counter · clerk · delivery indicators · time), pages, lock.

Other screens plug in through `add_page(key, widget, title)` and `set_indicator(utility,
widget)`; the window knows nothing about what they show. `lock()` replaces every page with
the lock screen until the signed-in user's password is given again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from onewindow.access.users import Actor, Permission, Role
from onewindow.config import UTILITIES
from ui import i18n, look
from ui.about_box import AboutBox
from ui.idle_lock import LockScreen
from ui.intake_page import IntakePage
from ui.message_bar import MessageBar
from ui.status_names import utility_short
from ui.ticket_events import TicketEvents
from ui.training_controls import TrainingControls

if TYPE_CHECKING:
    from onewindow.hall import Context
    from ui.shift import Shift

_CLOCK_TICK_MS = 10_000


class MainWindow(QMainWindow):
    """Emits `locked_changed(bool)` when the workstation locks or unlocks, `closing()` on close,
    `sign_out_requested()` when the clerk signs out (注销/换人) to hand the desk over."""

    locked_changed = Signal(bool)
    # Re-emitted from the delivery loop (a PassReport): pages showing tickets refresh on it.
    delivery_changed = Signal(object)
    closing = Signal()
    sign_out_requested = Signal()

    def __init__(
        self,
        shift: Shift,
        context: Context,
        *,
        events: TicketEvents | None = None,
    ) -> None:
        super().__init__()
        self.shift = shift
        # The app's one "tickets changed" signal (ui.app passes it; a lone window makes its own).
        self.events = events if events is not None else TicketEvents(self)
        self.delivery_changed.connect(lambda report: self.events.notify(report.changed))
        self.pages: dict[str, QWidget] = {}
        self.resize(1366, 768)

        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        work = QWidget(self.stack)
        column = QVBoxLayout(work)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        # In training mode the band carries 培训设置 (pace, a utility down): ui.training_controls.
        self.training: TrainingControls | None = None
        if shift.hall.config.training:
            self.training = TrainingControls(self, work)
            column.addWidget(self.training.strip(work))
        column.addWidget(self._header(work))
        self.message_bar = MessageBar(work)
        column.addWidget(self.message_bar)
        self.tabs = QTabWidget(work)
        self.tabs.setObjectName("pages")
        self.tabs.setDocumentMode(True)
        # Pages change with Ctrl+Tab / Ctrl+PgDown (turn_page): a focusable tab bar is an
        # invisible stop in the form's Tab chain whose arrow keys switch the screen.
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        column.addWidget(self.tabs, 1)
        self.stack.addWidget(work)
        self.lock_screen: LockScreen | None = None

        # An administrator does not accept applications (onewindow.access.users): no 受理 page.
        self.intake: IntakePage | None = None
        if Actor(shift.user.username, Role(shift.user.role)).may(Permission.ACCEPT):
            self.intake = IntakePage(shift, context, self.tabs)
            self.add_page("intake", self.intake, self.tr("受理"))
        self.new_visit_action = self._action(self.tr("新受理"), "Ctrl+N", self.new_visit)
        self.new_visit_action.setVisible(self.intake is not None)
        self.lock_action = self._action(self.tr("锁定工作站"), "Ctrl+L", self.lock)
        self.sign_out_action = self._action(self.tr("注销/换人"), "Ctrl+Shift+L", self.sign_out)
        # The pages by keyboard, wherever the focus is (the tab bar itself takes no focus).
        for keys, step in (("Ctrl+Tab", 1), ("Ctrl+PgDown", 1), ("Ctrl+Shift+Tab", -1),
                           ("Ctrl+PgUp", -1)):  # fmt: skip
            self._action(self.tr("切换页面"), keys, lambda _=False, s=step: self.turn_page(s))
        self.lock_button.clicked.connect(self.lock)
        self.sign_out_button.clicked.connect(self.sign_out)
        if self.intake is not None:
            self.tabs.setTabToolTip(self.tabs.indexOf(self.intake), self.tr("新受理 Ctrl+N"))
        self.statusBar().setObjectName("statusBar")

        self._tick()
        self.clock_timer = QTimer(self)
        self.clock_timer.timeout.connect(self._tick)
        self.clock_timer.start(_CLOCK_TICK_MS)

    def _header(self, parent: QWidget) -> QWidget:
        header = QWidget(parent)
        header.setObjectName("header")
        header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(header)
        row.setContentsMargins(14, 6, 14, 6)
        self.place = QLabel(header)
        self.place.setObjectName("headerHall")
        self.show_hall()
        row.addWidget(self.place)
        row.addStretch(1)
        self.indicator_slots: dict[str, QHBoxLayout] = {}
        for utility in UTILITIES:
            slot = QWidget(header)
            slot.setObjectName(f"indicator_{utility}")
            layout = QHBoxLayout(slot)
            layout.setContentsMargins(8, 0, 8, 0)
            label = QLabel(utility_short(utility), slot)
            label.setStyleSheet(f"color: {look.UTILITY_COLOURS[utility]}; font-weight: bold;")
            layout.addWidget(label)
            self.indicator_slots[utility] = layout
            row.addWidget(slot)
        # Shown only while the database cannot be reached (ui/live_updates.py says when).
        self.database_state = QLabel(self.tr("✕ 数据库连接中断，正在重连…"), header)
        self.database_state.setObjectName("headerDatabase")
        self.database_state.setObjectName("databaseState")
        self.database_state.setVisible(False)
        row.addWidget(self.database_state)
        self.clock_label = QLabel(header)
        self.clock_label.setObjectName("headerClock")
        row.addSpacing(16)
        row.addWidget(self.clock_label)
        row.addSpacing(16)
        self.lock_button = QPushButton(self.tr("锁定 Ctrl+L"), header)
        self.lock_button.setObjectName("lockButton")
        self.lock_button.setToolTip(self.tr("离开工作台时锁定；输入密码继续"))
        self.sign_out_button = QPushButton(self.tr("注销/换人"), header)
        self.sign_out_button.setObjectName("signOutButton")
        self.sign_out_button.setToolTip(
            self.tr("回到登录窗口，由其他人登录（Ctrl+Shift+L）；已受理的内容都已保存")
        )
        for button in (self.lock_button, self.sign_out_button):
            # Reached by their shortcuts: no stop in the Tab chain of the page below.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            row.addWidget(button)
        self.about_button = QToolButton(header)
        self.about_button.setObjectName("aboutButton")
        self.about_button.setText(self.tr("关于"))
        self.about_button.setToolTip(self.tr("版本、数据和配置的位置、许可证（F1）"))
        # Like the lock buttons: reached by its key (F1), not a stop in the form's Tab chain.
        self.about_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.about_button.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.about_button.clicked.connect(self.show_about)
        row.addWidget(self.about_button)
        return header

    def show_about(self) -> AboutBox:
        about = AboutBox(self.shift.hall.config, self)
        about.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        about.open()
        return about

    def _action(self, text: str, keys: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _tick(self) -> None:
        self.clock_label.setText(i18n.clock_time(self.shift.hall.now()))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.clock_timer.stop()
        self.closing.emit()
        super().closeEvent(event)

    # Plug-in points for the other screens.

    def show_hall(self) -> None:
        """The hall's name in the title and the header (again after the administrator saves
        it: the configuration the shift holds is the saved one)."""
        config = self.shift.hall.config
        self.setWindowTitle(self.tr("一窗通办 — {0}").format(config.hall.name))
        self.place.setText(
            f"{config.hall.name} · {i18n.counter_label(config.counter_id)} · "
            f"{self.shift.user.display_name}"
        )

    def add_page(self, key: str, widget: QWidget, title: str) -> int:
        """Add a page as a tab; the key names it for `show_page` and `set_page_title`."""
        if key in self.pages:
            raise ValueError(f"page {key!r} added twice")
        self.pages[key] = widget
        return self.tabs.addTab(widget, title)

    def turn_page(self, step: int) -> None:
        """The next (1) or previous (-1) page, round the end."""
        if self.locked or not self.tabs.count():
            return
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def show_page(self, key: str) -> None:
        self.tabs.setCurrentWidget(self.pages[key])

    def set_page_title(self, key: str, title: str) -> None:
        """E.g. the to-do tab's count: "待办 3"."""
        self.tabs.setTabText(self.tabs.indexOf(self.pages[key]), title)

    def set_database_reachable(self, reachable: bool) -> None:
        """Say plainly in the header when the database cannot be reached; what the clerk is
        typing stays, and a submit meanwhile is refused with a message (not a hang)."""
        self.database_state.setVisible(not reachable)

    def set_indicator(self, utility: str, widget: QWidget) -> None:
        """Put a utility's delivery indicator after its name in the header."""
        self.indicator_slots[utility].addWidget(widget)

    def report_failure(self, message: str) -> None:
        """An action did not go through: say so at the top until the clerk closes it."""
        self.message_bar.show_failure(message)

    # Visits and locking.

    def new_visit(self) -> None:
        if self.locked or self.intake is None:
            return
        self.show_page("intake")
        self.intake.new_visit()

    @property
    def locked(self) -> bool:
        return self.lock_screen is not None

    def sign_out(self) -> None:
        """注销/换人: back to the sign-in window; the program keeps running (ui.app)."""
        self._close_dialogs()
        self.sign_out_requested.emit()

    def lock(self) -> None:
        """The clerk locks the workstation (Ctrl+L, the header's button)."""
        self._lock(idle=False)

    def lock_idle(self) -> None:
        """The idle timer locks it."""
        self._lock(idle=True)

    def _lock(self, *, idle: bool) -> None:
        if self.locked:
            return
        self.lock_screen = LockScreen(
            self.shift,
            training=self.shift.hall.config.training,
            idle=idle,
            parent=self.stack,
        )
        self.lock_screen.unlocked.connect(self.unlock)
        self.lock_screen.sign_out_requested.connect(self.sign_out)
        self.stack.addWidget(self.lock_screen)
        self.stack.setCurrentWidget(self.lock_screen)
        for action in self.actions():
            action.setEnabled(False)
        self._close_dialogs()
        self.lock_screen.password.setFocus()
        self.locked_changed.emit(True)

    def _close_dialogs(self) -> None:
        """A dialog left open (print, discard, reassign…) would show over the lock: cancel it."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()

    def unlock(self) -> None:
        if self.lock_screen is None:
            return
        self.stack.setCurrentIndex(0)
        self.stack.removeWidget(self.lock_screen)
        self.lock_screen.deleteLater()
        self.lock_screen = None
        for action in self.actions():
            action.setEnabled(True)
        self.locked_changed.emit(False)
        if self.intake is not None:
            self.intake.restore_focus()
