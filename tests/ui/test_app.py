"""The whole client in one process: configuration → sign-in → main window → clean shutdown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from onewindow.access.users import Actor, create_user
from onewindow.codes import Text
from onewindow.hall import Hall
from tests.conftest import AUDIT_KEY_FILE, PASSWORD, make_config
from ui.app import Counter, config_argument


def _configured_hall(
    tmp_path: Path, clerks: dict[str, str], counter_settings: str = ""
) -> tuple[Hall, Path]:
    """A hall on SQLite with these clerks (username: display name), and the configuration
    file a counter starts from (counter 3; `counter_settings` adds lines to [counter])."""
    url = f"sqlite:///{tmp_path / 'hall.db'}"
    hall = Hall.open(make_config(url))
    with hall.unit() as (session, ctx):
        for name, shown in clerks.items():
            create_user(session, Actor.system(), username=name, password=PASSWORD,
                        role="clerk", display_name=shown, now=ctx.now)  # fmt: skip
    config = tmp_path / "onewindow.toml"
    config.write_text(
        f'[database]\nurl = "{url}"\n[hall]\ncode = "LBGX"\nname = "灵宝市水电气共享营业厅"\n'
        f'supervision_hotline = "0398-12345"\n[counter]\nid = "3"\n{counter_settings}'
        f'[audit]\nkey_file = "{AUDIT_KEY_FILE}"\n',
        encoding="utf-8",
    )
    return hall, config


def test_config_argument():
    assert config_argument(["--config", "a.toml"]) == "a.toml"
    assert config_argument(["--config=b.toml"]) == "b.toml"
    assert config_argument([]) is None


def test_sign_in_opens_the_main_window_and_quitting_stops_every_thread(
    qtbot, qapp, tmp_path, settings
):
    hall, config = _configured_hall(tmp_path, {"lina": "李娜"}, "idle_lock_minutes = 5\n")
    hall.close()
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
            raise BadInput(Text("设置没有保存", "not saved"))

        with qtbot.waitSignal(counter.tasks.finished, timeout=5000):
            counter.tasks.run(work)
        assert counter.sign_in.message.text() == "设置没有保存"
    finally:
        counter.shutdown()


def _sign_in(qtbot, counter, username):
    dialog = counter.sign_in
    qtbot.waitUntil(lambda: dialog.hall is not None, timeout=20_000)
    dialog.username.setText(username)
    dialog.password.setText(PASSWORD)
    dialog.attempt()
    qtbot.waitUntil(
        lambda: counter.window is not None and counter.window.shift.user.username == username,
        timeout=20_000,
    )
    return counter.window


def test_sign_out_returns_to_the_sign_in_window_and_the_next_clerk_signs_in(
    qtbot, qapp, tmp_path, settings
):
    hall, config = _configured_hall(tmp_path, {"lina": "李娜", "zhangwei": "张伟"})
    hall.close()
    quits = []
    qapp.aboutToQuit.connect(lambda: quits.append(True))
    counter = Counter(qapp, str(config), settings)
    try:
        counter.start()
        first = _sign_in(qtbot, counter, "lina")
        delivery = counter.delivery
        assert first.sign_out_button.isVisible()
        qtbot.mouseClick(first.sign_out_button, Qt.MouseButton.LeftButton)
        # Back at the sign-in window, the program still running, the session's threads gone.
        qtbot.waitUntil(lambda: counter.sign_in.isVisible(), timeout=5000)
        assert counter.window is None and not first.isVisible()
        assert counter.delivery is None and not delivery.isRunning()
        assert counter.idle is None
        assert counter.sign_in.username.text() == "" and counter.sign_in.hall is not None
        second = _sign_in(qtbot, counter, "zhangwei")
        assert "张伟" in second.findChild(type(second.clock_label), "headerHall").text()
        assert counter.delivery is not None and counter.delivery.isRunning()
        assert quits == []
    finally:
        counter.shutdown()


def test_a_second_copy_brings_the_first_to_the_front(qtbot, qapp):
    import uuid

    from ui.single_instance import SingleInstance, instance_key

    key = f"onewindow-test-{uuid.uuid4().hex[:12]}"
    first = SingleInstance(key)
    second = SingleInstance(key)
    try:
        assert first.claim()
        with qtbot.waitSignal(first.knocked, timeout=5000):
            assert not second.claim(), "the second copy must not start"
        first.release()
        # Once the first has gone (or crashed and its lock went stale), the next copy runs.
        third = SingleInstance(key)
        assert third.claim()
        third.release()
    finally:
        first.release()
        second.release()
    assert instance_key("a.toml") == instance_key("./a.toml") != instance_key("b.toml")


def test_a_clerk_disabled_meanwhile_is_taken_back_to_the_sign_in_window(
    qtbot, qapp, tmp_path, settings, samples
):
    import json

    import shiboken6
    from sqlalchemy import func, select

    from onewindow.access.users import set_active
    from onewindow.store.models import Application

    hall, config = _configured_hall(tmp_path, {"lina": "李娜"})
    quits = []
    qapp.aboutToQuit.connect(lambda: quits.append(True))
    counter = Counter(qapp, str(config), settings)
    try:
        counter.start()
        window = _sign_in(qtbot, counter, "lina")
        with hall.unit() as (session, ctx):
            set_active(session, Actor.system(), "lina", False, now=ctx.now)
        form = json.loads((samples / "gas-only-resident.json").read_text("utf-8"))
        window.intake.submit(form)
        qtbot.waitUntil(lambda: counter.sign_in.isVisible(), timeout=20_000)
        assert counter.window is None and counter.delivery is None and counter.idle is None
        qtbot.waitUntil(lambda: not shiboken6.isValid(window), timeout=5_000)  # closed, deleted
        message = counter.sign_in.message.text()
        assert "已退出登录" in message and "停用" in message
        assert quits == []
        # Nothing was saved in the disabled clerk's name; enabled again, she signs in again.
        with hall.unit() as (session, ctx):
            assert session.scalar(select(func.count()).select_from(Application)) == 0
            set_active(session, Actor.system(), "lina", True, now=ctx.now)
        again = _sign_in(qtbot, counter, "lina")
        assert again is not window and counter.delivery.isRunning()
    finally:
        counter.shutdown()
        hall.close()
