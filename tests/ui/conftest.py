"""UI fixtures: a hall on SQLite in tmp_path, a signed-in clerk, the task runner, the `Shift`
every screen takes, and a guard that fails any test leaving a thread running (napari's
`_dangling_qthreads`, copied in idea).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest
import shiboken6
from PySide6.QtCore import QSettings, QThread
from PySide6.QtWidgets import QApplication

from onewindow.access.users import Actor, create_user
from onewindow.desk import counter_work
from onewindow.desk.counter_work import SignedIn
from onewindow.hall import Hall
from tests.conftest import PASSWORD, FixedClock, make_config
from ui import i18n
from ui.refcount_guard import protect_singletons
from ui.shift import Shift
from ui.tasks import TaskRunner

# The client does this at start-up (ui.app); the tests run as long as a working day.
protect_singletons()

_started: list[QThread] = []
# Daemon threads that serve the whole process by design, started by whichever test comes first:
# the watchdog that holds every HTTP request to its deadline (onewindow.exchange.deadline).
_PROCESS_WIDE = frozenset({"http-deadlines"})
_original_start = QThread.start


def _tracking_start(self: QThread, *args: Any) -> None:
    _started.append(self)
    _original_start(self, *args)


@pytest.fixture(autouse=True)
def no_dangling_threads(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail the test if it leaves a QThread running (it would outlive its objects)."""
    monkeypatch.setattr(QThread, "start", _tracking_start)
    _started.clear()
    before = set(threading.enumerate())
    yield
    # A thread already deleted was stopped first (Qt warns, and so fails the test, otherwise).
    running = [thread for thread in _started if shiboken6.isValid(thread) and thread.isRunning()]
    _started.clear()
    if running:
        for thread in running:
            thread.quit()
            thread.wait(5000)
        pytest.fail(f"test left {len(running)} QThread(s) running: {running}")
    # Python threads too (the simulators, the delivery lanes); Qt's pool threads show up as
    # dummy threads once they ran Python code and are checked above through the runner.
    left = [
        thread
        for thread in set(threading.enumerate()) - before
        if not isinstance(thread, threading._DummyThread)
        and thread.is_alive()
        and thread.name not in _PROCESS_WIDE
    ]
    for thread in left:
        thread.join(5)
    left = [thread for thread in left if thread.is_alive()]
    if left:
        pytest.fail(f"test left {len(left)} thread(s) running: {left}")


@pytest.fixture
def ui_hall(tmp_path: Path, clock: FixedClock) -> Iterator[Hall]:
    hall = Hall.open(make_config(f"sqlite:///{tmp_path / 'counter.db'}"), clock=clock)
    yield hall
    hall.close()


@pytest.fixture
def clerk(ui_hall: Hall) -> SignedIn:
    with ui_hall.unit() as (session, ctx):
        create_user(
            session,
            Actor.system(),
            username="zhangwei",
            password=PASSWORD,
            role="clerk",
            display_name="张伟",
            now=ctx.now,
        )
    return counter_work.sign_in(ui_hall, "zhangwei", PASSWORD)


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    assert tasks.shutdown(10_000), "background work still running at the end of the test"
    assert not tasks.busy, "a job's callbacks never ran"
    tasks.deleteLater()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "workstation.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def form_context(ui_hall: Hall) -> Any:
    return counter_work.form_context(ui_hall)


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    i18n.install(qapp, i18n.EN)
    yield
    i18n.install(qapp, i18n.ZH)


class ShiftOf(Protocol):
    def __call__(self, user: SignedIn, hall: Hall | None = None) -> Shift: ...


@pytest.fixture
def shift_of(ui_hall: Hall, runner: TaskRunner, settings: QSettings) -> ShiftOf:
    """A screen's `Shift` for this user, on the UI hall unless another is given; the test's
    runner and workstation settings."""

    def build(user: SignedIn, hall: Hall | None = None) -> Shift:
        return Shift(ui_hall if hall is None else hall, user, runner, settings)

    return build


@pytest.fixture
def shift(shift_of: ShiftOf, clerk: SignedIn) -> Shift:
    """The signed-in clerk's shift on the UI hall."""
    return shift_of(clerk)
