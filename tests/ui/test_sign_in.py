"""The sign-in window against a real database: messages, lock-out, success."""

from __future__ import annotations

from PySide6.QtCore import Qt

from onewindow.desk import counter_work
from onewindow.desk.counter_work import Opened
from tests.conftest import PASSWORD
from ui.sign_in import SignInDialog


def make_dialog(qtbot, ui_hall, runner, settings):
    dialog = SignInDialog(runner, settings)
    qtbot.addWidget(dialog)
    dialog.set_opened(Opened(ui_hall, None))
    dialog.show()
    return dialog


def attempt(qtbot, dialog, runner, username, password):
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, password)
    with qtbot.waitSignal(runner.finished, timeout=10_000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_wrong_password_says_so_without_telling_whether_the_name_exists(
    qtbot, ui_hall, clerk, runner, settings
):
    dialog = make_dialog(qtbot, ui_hall, runner, settings)
    attempt(qtbot, dialog, runner, "zhangwei", "not-the-password")
    assert dialog.message.text() == "用户名或密码不正确"
    assert dialog.password.text() == ""
    assert dialog.isVisible()


def test_unknown_user_gets_the_same_message(qtbot, ui_hall, clerk, runner, settings):
    dialog = make_dialog(qtbot, ui_hall, runner, settings)
    attempt(qtbot, dialog, runner, "nobody", "whatever-it-is")
    assert dialog.message.text() == "用户名或密码不正确"


def test_five_failures_lock_the_account_and_say_until_when(qtbot, ui_hall, clerk, runner, settings):
    dialog = make_dialog(qtbot, ui_hall, runner, settings)
    for _ in range(5):
        attempt(qtbot, dialog, runner, "zhangwei", "wrong-again")
    # A wrong password never says whether the account exists or is locked.
    assert dialog.message.text() == "用户名或密码不正确"
    # The right password now is refused; the test clock stands at 09:30: locked until 09:45.
    attempt(qtbot, dialog, runner, "zhangwei", PASSWORD)
    assert "账户已锁定" in dialog.message.text()
    assert "09:45" in dialog.message.text()
    assert dialog.isVisible()


def test_the_right_password_signs_in(qtbot, ui_hall, clerk, runner, settings):
    dialog = make_dialog(qtbot, ui_hall, runner, settings)
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000) as signed:
        attempt(qtbot, dialog, runner, "zhangwei", PASSWORD)
    assert signed.args[0].display_name == "张伟"
    assert not dialog.isVisible()


def test_sign_in_waits_for_the_database_and_for_both_fields(
    qtbot, ui_hall, clerk, runner, settings
):
    dialog = SignInDialog(runner, settings)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "zhangwei")
    qtbot.keyClicks(dialog.password, PASSWORD)
    assert not dialog.sign_in_button.isEnabled()
    with qtbot.waitSignal(runner.finished, timeout=10_000):
        dialog.open_hall(lambda: Opened(ui_hall, None))
    assert dialog.sign_in_button.isEnabled()
    dialog.password.clear()
    assert not dialog.sign_in_button.isEnabled()


def test_messages_follow_the_language(qtbot, ui_hall, clerk, runner, settings, english):
    dialog = make_dialog(qtbot, ui_hall, runner, settings)
    assert dialog.sign_in_button.text() == "Sign in"
    attempt(qtbot, dialog, runner, "zhangwei", "not-the-password")
    assert dialog.message.text() == "wrong user name or password"


def test_training_mode_shows_the_band_once_the_configuration_is_read(
    qtbot, ui_hall, runner, settings
):
    from dataclasses import replace

    dialog = SignInDialog(runner, settings)
    qtbot.addWidget(dialog)
    assert dialog.findChild(type(dialog.message), "trainingBand") is None
    dialog.set_opened(Opened(ui_hall.with_config(replace(ui_hall.config, training=True)), None))
    band = dialog.findChild(type(dialog.message), "trainingBand")
    assert band is not None and band.text() == "培训模式 — 数据不会发送到真实单位"


def test_a_broken_configuration_is_explained_in_the_window(qtbot, runner, settings, tmp_path):
    from onewindow.desk import counter_work

    broken = tmp_path / "onewindow.toml"
    broken.write_text("[database]\nurl = 'mysql://x'\n", encoding="utf-8")
    dialog = SignInDialog(runner, settings)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(runner.finished, timeout=10_000):
        dialog.open_hall(lambda: counter_work.open_configured(str(broken)))
    assert dialog.message.text().startswith("无法启动：[database] url")
    assert not dialog.sign_in_button.isEnabled()


def test_a_reset_password_must_be_replaced_before_work_starts(
    qtbot, ui_hall, clerk, runner, settings
):
    from onewindow.access.users import Actor, reset_password

    with ui_hall.unit() as (session, ctx):
        reset_password(session, Actor.system(), "zhangwei", "Temporary#1", now=ctx.now)
    dialog = make_dialog(qtbot, ui_hall, runner, settings)
    attempt(qtbot, dialog, runner, "zhangwei", "Temporary#1")
    assert dialog.isVisible() and dialog.new_password.isVisibleTo(dialog)
    assert not dialog.password.isVisibleTo(dialog)
    assert "请设置新密码" in dialog.message.text()
    assert dialog.sign_in_button.text() == "修改密码并登录"

    dialog.new_password.setText("Brand#New2026")
    dialog.confirm_password.setText("Brand#New2027")
    qtbot.keyClick(dialog.confirm_password, Qt.Key.Key_Return)
    assert dialog.message.text() == "两次输入的新密码不一致，请重新输入。"

    dialog.confirm_password.setText("Brand#New2026")
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000) as signed:
        qtbot.keyClick(dialog.confirm_password, Qt.Key.Key_Return)
    assert signed.args[0].must_change_password is False
    assert counter_work.sign_in(ui_hall, "zhangwei", "Brand#New2026").username == "zhangwei"


def test_the_chosen_language_is_remembered_for_the_workstation(qtbot, qapp, runner, settings):
    from ui import i18n

    dialog = SignInDialog(runner, settings)
    qtbot.addWidget(dialog)
    try:
        dialog.language.setCurrentIndex(dialog.language.findData(i18n.EN))
        assert settings.value("ui/language") == i18n.EN
        assert i18n.is_english()
        assert dialog.sign_in_button.text() == "Sign in"
        assert dialog.username_label.text() == "User name"
    finally:
        i18n.install(qapp, i18n.ZH)
    assert dialog.language.findData(i18n.EN) == 1


def test_a_fresh_database_says_how_to_create_the_first_user(qtbot, runner, settings, tmp_path):
    from tests.conftest import make_config

    config = make_config(f"sqlite:///{tmp_path / 'fresh.db'}")
    dialog = SignInDialog(runner, settings)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(runner.finished, timeout=20_000):
        dialog.open_hall(lambda: counter_work.open_hall(config))
    try:
        assert "onewindow user add" in dialog.message.text()
        assert dialog.opened is not None and not dialog.opened.has_users
    finally:
        dialog.opened.close()
