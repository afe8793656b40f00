"""Background work: answers come back on the GUI thread; failures become clerk-readable text."""

from __future__ import annotations

import stat
import threading

from onewindow.codes import Text
from onewindow.errors import BadInput
from ui import tasks
from ui.tasks import Failure, describe


def test_the_result_arrives_on_the_gui_thread_and_work_runs_off_it(qtbot, runner):
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.current_thread()
        return 42

    def done(value: object) -> None:
        seen["value"] = value
        seen["callback"] = threading.current_thread()

    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.run(work, done)
    assert seen["value"] == 42
    assert seen["callback"] is threading.main_thread()
    assert seen["worker"] is not threading.main_thread()


def test_a_core_error_reaches_the_clerk_as_its_message(qtbot, runner):
    failures: list[Failure] = []

    def work() -> None:
        raise BadInput(Text("受理编号 X 不存在", "no such application"))

    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.run(work, None, failures.append)
    assert failures[0].expected
    assert failures[0].message == "受理编号 X 不存在"


def test_an_unexpected_error_is_logged_and_the_clerk_gets_a_short_note(
    qtbot, runner, tmp_path, monkeypatch, caplog
):
    log_file = tmp_path / "logs" / "client.log"
    monkeypatch.setattr(tasks, "_log_path", None)
    tasks.log_to(log_file)
    failures: list[Failure] = []

    def work() -> None:
        raise ZeroDivisionError("division by zero in a pass")

    try:
        with qtbot.waitSignal(runner.finished, timeout=5000):
            runner.run(work, None, failures.append)
    finally:
        for handler in list(tasks.log.handlers):
            tasks.log.removeHandler(handler)
            handler.close()
    failure = failures[0]
    assert not failure.expected
    assert "出现意外错误" in failure.message and str(log_file) in failure.message
    assert "Traceback" not in failure.message
    logged = log_file.read_text(encoding="utf-8")
    assert "ZeroDivisionError: division by zero in a pass" in logged
    # What a clerk typed may be quoted there: private to the account that runs the client.
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(log_file.parent.stat().st_mode) == 0o700
    assert [r.levelname for r in caplog.records] == ["ERROR"]
    caplog.clear()


def test_jobs_on_the_database_worker_run_in_order(qtbot, runner):
    order: list[int] = []
    for n in range(5):
        runner.run(lambda n=n: n, order.append)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert order == [0, 1, 2, 3, 4]


def test_the_core_writes_both_languages_and_the_ui_shows_one(english):
    both = BadInput(Text("密码至少 8 位", "at least 8 characters"))
    assert str(both) == "密码至少 8 位 / at least 8 characters"  # the command line's one line
    assert describe(both).message == "at least 8 characters"
    assert describe(BadInput("只有中文")).message == "只有中文"


def test_a_failure_is_shown_in_chinese_by_default():
    assert describe(BadInput(Text("密码至少 8 位", "at least 8 characters"))).message == (
        "密码至少 8 位"
    )


def test_none_survives_qt_calls_that_return_nothing(qtbot):
    """PySide6 6.12 drops a reference to None on every such call (ui.refcount_guard)."""
    import sys

    from PySide6.QtWidgets import QComboBox

    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItem("请选择")
    for _ in range(50_000):
        combo.currentData()
    assert sys.getrefcount(None) > 1 << 39


def test_true_and_false_survive_signal_emits(qtbot):
    import sys

    from PySide6.QtCore import QObject, Signal

    class Source(QObject):
        fired = Signal(bool)

    source = Source()
    for _ in range(20_000):
        source.fired.emit(True)
    assert sys.getrefcount(True) > 1 << 39 and sys.getrefcount(False) > 1 << 39


def test_a_refused_user_goes_to_the_runner_not_to_the_screen(qtbot, runner):
    """NotActing (the signed-in user was disabled) is not a screen's to show: the runner
    says so once, and the program goes back to the sign-in window (ui.app)."""
    from onewindow.errors import NotActing

    shown: list[Failure] = []

    def work() -> None:
        raise NotActing(Text("用户 lina 已停用", "user lina is disabled"))

    with qtbot.waitSignal(runner.not_acting, timeout=5000) as refused:
        runner.run(work, None, shown.append)
    assert shown == []
    assert refused.args[0].message == "用户 lina 已停用"


def test_an_answer_for_a_deleted_widget_is_dropped(qtbot, runner):
    """A refresh still running when its window closes (quit, sign-out) answers no one: the
    callback of a deleted widget is not called (it raised "already deleted" in the event loop
    before), while the runner still counts the job done."""
    from PySide6.QtWidgets import QLabel

    release = threading.Event()
    shown: list[object] = []
    label = QLabel()

    class Screen(QLabel):
        def show_count(self, value: object) -> None:
            self.setText(str(value))
            shown.append(value)

    screen = Screen()

    def work() -> int:
        release.wait(5)
        return 7

    runner.run(work, screen.show_count)
    runner.run(work, lambda value: label.setText(str(value)))
    runner.run(work, None, lambda failure: label.setText(failure.message))
    screen.deleteLater()
    label.deleteLater()
    qtbot.waitUntil(lambda: not tasks.shiboken6.isValid(label), timeout=5000)
    with qtbot.waitSignal(runner.finished, timeout=5000):
        release.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert shown == []
    kept: list[object] = []
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.run(lambda: 1, kept.append)  # a plain callback still answers
    assert kept == [1]
