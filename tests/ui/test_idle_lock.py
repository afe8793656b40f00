"""The workstation locks itself after the idle time and opens only for the same user."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.conftest import PASSWORD
from ui.app import Counter
from ui.idle_lock import IdleWatch
from ui.main_window import MainWindow


def test_idle_watch_fires_after_the_idle_time_and_input_rearms_it(qtbot, qapp):
    watch = IdleWatch(minutes=0.001)  # 60 ms
    qapp.installEventFilter(watch)
    try:
        watch.start()
        with qtbot.waitSignal(watch.idle, timeout=2000):
            pass
        assert not watch.timer.isActive()
        edit = QLineEdit()
        qtbot.addWidget(edit)
        QApplication.sendEvent(
            edit, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
        )
        assert watch.timer.isActive(), "a key press must restart the idle timer"
        watch.pause()
        QApplication.sendEvent(
            edit, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_B, Qt.KeyboardModifier.NoModifier, "b")
        )
        assert not watch.timer.isActive(), "input on the lock screen must not re-arm it"
    finally:
        qapp.removeEventFilter(watch)


def test_idle_time_comes_from_the_configuration():
    assert IdleWatch(minutes=10).timer.interval() == 600_000


def window(qtbot, shift, form_context):
    win = MainWindow(shift, form_context)
    qtbot.addWidget(win)
    win.show()
    return win


def unlock_with(qtbot, win, runner, password):
    screen = win.lock_screen
    screen.password.setText(password)
    with qtbot.waitSignal(runner.finished, timeout=10_000):
        qtbot.keyClick(screen.password, Qt.Key.Key_Return)


def test_lock_hides_the_work_and_only_the_password_opens_it(qtbot, shift, runner, form_context):
    win = window(qtbot, shift, form_context)
    win.intake.form.name.setText("李娜")
    win.lock()
    assert win.locked and win.stack.currentWidget() is win.lock_screen
    assert not win.new_visit_action.isEnabled(), "Ctrl+N must not work on a locked workstation"
    assert "张伟" in win.lock_screen.who.text()

    unlock_with(qtbot, win, runner, "wrong-password")
    assert win.locked
    assert win.lock_screen.message.text() == "张伟（zhangwei）的密码不正确，请重新输入。"

    with qtbot.waitSignal(win.locked_changed, timeout=10_000) as changed:
        unlock_with(qtbot, win, runner, PASSWORD)
    assert changed.args == [False]
    assert not win.locked and win.new_visit_action.isEnabled()
    assert win.intake.form.name.text() == "李娜", "unlocking keeps the clerk's work"


def test_the_idle_timer_locks_the_main_window(
    qtbot, qapp, ui_hall, clerk, runner, settings, form_context
):
    counter = Counter(qapp, None, settings)
    counter.hall = ui_hall
    counter._open_main_window(clerk, form_context)
    qtbot.addWidget(counter.window)
    try:
        assert counter.idle is not None and counter.idle.timer.interval() == 600_000
        counter.idle.timer.setInterval(30)
        counter.idle.start()
        with qtbot.waitSignal(counter.window.locked_changed, timeout=2000):
            pass
        assert counter.window.locked
        assert counter.idle.paused
    finally:
        counter.shutdown()


def test_locking_cancels_an_open_dialog(qtbot, shift, form_context):
    from PySide6.QtWidgets import QDialog

    win = window(qtbot, shift, form_context)
    dialog = QDialog(win)
    dialog.open()
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        win.lock()
    assert not dialog.isVisible()


def test_another_clerk_can_take_over_by_signing_out_from_the_lock(
    qtbot, shift, runner, form_context
):
    win = window(qtbot, shift, form_context)
    win.lock()
    assert win.lock_screen.sign_out_button.text() == "注销/换人"
    with qtbot.waitSignal(win.sign_out_requested, timeout=2000):
        qtbot.mouseClick(win.lock_screen.sign_out_button, Qt.MouseButton.LeftButton)


def test_the_lock_says_who_locked_it_and_why(qtbot, shift, runner, form_context):
    win = window(qtbot, shift, form_context)
    # The header's visible button (Ctrl+L is not the only way to find it).
    assert win.lock_button.isVisible() and "Ctrl+L" in win.lock_button.text()
    qtbot.mouseClick(win.lock_button, Qt.MouseButton.LeftButton)
    assert win.locked
    said = win.lock_screen.who.text()
    assert "张伟（zhangwei）锁定了工作站" in said and "长时间未操作" not in said
    unlock_with(qtbot, win, runner, PASSWORD)
    assert not win.locked
    win.lock_idle()
    assert "张伟（zhangwei）长时间未操作" in win.lock_screen.who.text()


def test_a_wrong_unlock_names_the_user_it_was_for(qtbot, shift, runner, form_context):
    win = window(qtbot, shift, form_context)
    win.lock()
    unlock_with(qtbot, win, runner, "wrong-password")
    said = win.lock_screen.message.text()
    assert said == "张伟（zhangwei）的密码不正确，请重新输入。"
    assert "用户名或密码" not in said


def test_an_administrator_gets_no_intake_page(qtbot, shift_of, form_context):
    from dataclasses import replace

    from onewindow.desk.counter_work import SignedIn

    admin = SignedIn(user_id=99, username="admin", display_name="管理员", role="admin",
                     must_change_password=False)  # fmt: skip
    win = MainWindow(shift_of(admin), form_context)
    qtbot.addWidget(win)
    assert win.intake is None and "intake" not in win.pages
    win.new_visit()  # Ctrl+N does nothing rather than fail
    lead_window = MainWindow(shift_of(replace(admin, role="lead")), form_context)
    qtbot.addWidget(lead_window)
    assert lead_window.intake is not None
