"""The whole client in one process: configuration → sign-in → main window → clean shutdown."""

from __future__ import annotations

from PySide6.QtCore import Qt

from onewindow.hall import Hall
from onewindow.users import Actor, create_user
from tests.conftest import PASSWORD, make_config
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
        'supervision_hotline = "0398-12345"\n[counter]\nid = "3"\nidle_lock_minutes = 5\n',
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
