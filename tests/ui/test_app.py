"""The whole client in one process: configuration → sign-in → main window → clean shutdown."""

from __future__ import annotations

from PySide6.QtCore import Qt

from onewindow.access.users import Actor, create_user
from onewindow.hall import Hall
from tests.conftest import AUDIT_KEY_FILE, PASSWORD, make_config
from ui.app import Counter, config_argument


def test_config_argument():
    assert config_argument(["--config", "a.toml"]) == "a.toml"
    assert config_argument(["--config=b.toml"]) == "b.toml"
    assert config_argument([]) is None


def test_sign_in_opens_the_main_window_and_quitting_stops_every_thread(
    qtbot, qapp, tmp_path, settings
):
    url = f"sqlite:///{tmp_path / 'hall.db'}"
    hall = Hall.open(make_config(url))
    with hall.unit() as (session, ctx):
        create_user(session, Actor.system(), username="lina", password=PASSWORD, role="clerk",
                    display_name="李娜", now=ctx.now)  # fmt: skip
    hall.close()
    config = tmp_path / "onewindow.toml"
    config.write_text(
        f'[database]\nurl = "{url}"\n[hall]\ncode = "LBGX"\nname = "灵宝市水电气共享营业厅"\n'
        'supervision_hotline = "0398-12345"\n[counter]\nid = "3"\nidle_lock_minutes = 5\n'
        f'[audit]\nkey_file = "{AUDIT_KEY_FILE}"\n',
        encoding="utf-8",
    )
    counter = Counter(qapp, str(config), settings)
    try:
        counter.start()
        dialog = counter.sign_in
        qtbot.waitUntil(lambda: dialog.hall is not None, timeout=20_000)
        assert "3号窗口" in dialog.place.text()
        qtbot.keyClicks(dialog.username, "lina")
        qtbot.keyClicks(dialog.password, PASSWORD)
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        qtbot.waitUntil(
            lambda: counter.window is not None and counter.window.isVisible(), timeout=20_000
        )
        window = counter.window
        assert not dialog.isVisible()
        assert set(window.pages) >= {"intake", "tickets", "todo"}
        assert counter.idle.timer.interval() == 5 * 60_000
        assert counter.delivery.isRunning()
        assert window.intake.form.name.hasFocus() or window.intake.form.name.isVisible()
    finally:
        counter.shutdown()
    assert not counter.delivery.isRunning()
    assert counter.tasks.pool.activeThreadCount() == 0


def test_training_mode_end_to_end_a_visit_reaches_the_simulators(
    qtbot, qapp, tmp_path, settings, monkeypatch, samples
):
    """No configuration file: training mode with the bundled simulators; a submitted visit
    is delivered by the background loop and the open window hears of it."""
    import json

    from onewindow.config import training_config

    monkeypatch.delenv("ONEWINDOW_CONFIG", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    hall = Hall.open(training_config())
    with hall.unit() as (session, ctx):
        create_user(session, Actor.system(), username="trainee", password=PASSWORD,
                    role="clerk", display_name="学员", now=ctx.now)  # fmt: skip
    hall.close()

    counter = Counter(qapp, None, settings)
    try:
        counter.start()
        dialog = counter.sign_in
        qtbot.waitUntil(lambda: dialog.hall is not None, timeout=30_000)
        assert dialog.findChild(type(dialog.message), "trainingBand") is not None
        dialog.username.setText("trainee")
        dialog.password.setText(PASSWORD)
        dialog.attempt()
        qtbot.waitUntil(lambda: counter.window is not None, timeout=20_000)
        window = counter.window
        assert set(counter.hall.config.utilities) == {"water", "power", "gas"}
        form = json.loads((samples / "gas-water-power-organization.json").read_text("utf-8"))
        with qtbot.waitSignal(window.delivery_changed, timeout=30_000) as delivered:
            window.intake.submit(form)
        assert delivered.args[0].changed, "the loop reports the tickets it delivered"
    finally:
        counter.shutdown()
    assert not counter.delivery.isRunning()


def test_a_failure_nobody_handles_still_reaches_the_clerk(qtbot, qapp, settings):
    from onewindow.errors import BadInput

    counter = Counter(qapp, None, settings)
    try:

        def work() -> None:
            raise BadInput("设置没有保存 / not saved")

        with qtbot.waitSignal(counter.tasks.finished, timeout=5000):
            counter.tasks.run(work)
        assert counter.sign_in.message.text() == "设置没有保存"
    finally:
        counter.shutdown()


def test_a_clerk_disabled_meanwhile_is_taken_back_to_the_sign_in_window(
    qtbot, qapp, tmp_path, settings, samples
):
    import json

    import shiboken6

    from onewindow.access.users import set_active

    url = f"sqlite:///{tmp_path / 'hall.db'}"
    hall = Hall.open(make_config(url))
    with hall.unit() as (session, ctx):
        create_user(session, Actor.system(), username="lina", password=PASSWORD, role="clerk",
                    display_name="李娜", now=ctx.now)  # fmt: skip
    config = tmp_path / "onewindow.toml"
    config.write_text(
        f'[database]\nurl = "{url}"\n[hall]\ncode = "LBGX"\nname = "灵宝市水电气共享营业厅"\n'
        'supervision_hotline = "0398-12345"\n[counter]\nid = "3"\n'
        f'[audit]\nkey_file = "{AUDIT_KEY_FILE}"\n',
        encoding="utf-8",
    )
    counter = Counter(qapp, str(config), settings)
    try:
        counter.start()
        dialog = counter.sign_in
        qtbot.waitUntil(lambda: dialog.hall is not None, timeout=20_000)
        dialog.username.setText("lina")
        dialog.password.setText(PASSWORD)
        dialog.attempt()
        qtbot.waitUntil(lambda: counter.window is not None, timeout=20_000)
        window = counter.window
        with hall.unit() as (session, ctx):
            set_active(session, Actor.system(), "lina", False, now=ctx.now)
        form = json.loads((samples / "gas-only-resident.json").read_text("utf-8"))
        window.intake.submit(form)
        qtbot.waitUntil(lambda: dialog.isVisible(), timeout=20_000)
        assert counter.window is None
        qtbot.waitUntil(lambda: not shiboken6.isValid(window), timeout=5_000)  # closed, deleted
        assert "已退出登录" in dialog.message.text() and "停用" in dialog.message.text()
        assert counter.delivery is None and counter.idle is None
        # Nothing was saved in the disabled clerk's name; enabled again, she signs in again.
        with hall.unit() as (session, ctx):
            from sqlalchemy import func, select

            from onewindow.store.models import Application

            assert session.scalar(select(func.count()).select_from(Application)) == 0
            set_active(session, Actor.system(), "lina", True, now=ctx.now)
        dialog.password.setText(PASSWORD)
        dialog.attempt()
        qtbot.waitUntil(lambda: counter.window is not None, timeout=20_000)
        assert counter.window is not window and counter.delivery.isRunning()
    finally:
        counter.shutdown()
        hall.close()
