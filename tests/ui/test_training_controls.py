"""培训设置 and 培训场景 in a real window (issue 10 item 8): only in training mode; the pace
menu changes the running simulators and is remembered; a utility taken down refuses the
deliveries, which go out once when it is back; a failure is said where the trainer looks."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from onewindow.config import TRAINING_PACE_SECONDS
from onewindow.desk.counter_work import SignedIn
from onewindow.hall import Hall
from onewindow.simulator import Simulator
from onewindow.store.models import AuditEvent
from tests.helpers.delivery_support import created, deliver
from tests.ui import ticket_fixtures, training_fixtures
from tests.ui.conftest import ShiftOf
from tests.ui.ticket_fixtures import Desk, open_ticket
from tests.ui.training_fixtures import ticket
from ui.app import option_argument, run
from ui.launcher import wants_desktop
from ui.main_window import MainWindow
from ui.shift import Shift
from ui.ticket_detail import TicketDetailPane
from ui.ticket_screens import TicketScreens
from ui.training_pace import PACE_KEY, remembered_pace

desk = ticket_fixtures.desk
pane = ticket_fixtures.pane
training_hall = training_fixtures.training_hall
submitted = training_fixtures.submitted
training_pane = training_fixtures.training_pane


def window(qtbot: QtBot, shift: Shift, form_context: Any) -> MainWindow:
    win = MainWindow(shift, form_context)
    qtbot.addWidget(win, before_close_func=lambda _w: ticket_fixtures.settle(qtbot, shift.tasks))
    win.show()
    return win


def entry(win: MainWindow, name: str) -> QAction:
    button = win.findChild(QPushButton, "trainingSettings")
    assert button is not None and button.isVisibleTo(win)
    found = [a for a in button.menu().actions() if a.objectName() == name]
    assert len(found) == 1, name
    return found[0]


def audited(hall: Hall, action: str) -> int:
    with hall.sessions() as session:
        return len(session.scalars(select(AuditEvent).where(AuditEvent.action == action)).all())


def test_no_training_controls_outside_training_mode(
    qtbot: QtBot,
    shift_of: ShiftOf,
    clerk: SignedIn,
    form_context: Any,
    pane: TicketDetailPane,
    desk: Desk,
) -> None:
    win = window(qtbot, shift_of(clerk), form_context)
    assert win.training is None and win.findChild(QPushButton, "trainingSettings") is None
    open_ticket(qtbot, pane, desk.ids["today"])
    assert pane.findChild(QPushButton, "trainingScenarios") is None


def test_the_scenario_menu_names_its_entries_for_the_tests_that_walk_a_day(
    qtbot: QtBot, training_pane: TicketDetailPane, submitted: dict[str, str]
) -> None:
    open_ticket(qtbot, training_pane, submitted["gas"])
    button = training_pane.findChild(QPushButton, "trainingScenarios")
    assert button is not None and button.text() == "培训场景"
    assert [(a.objectName(), a.text()) for a in button.menu().actions()] == [
        ("scenario_refuse_cancel", "受理单位拒绝下一次撤销"),
        ("scenario_overdue", "使工单超期"),
        ("scenario_returned", "退回补正"),
        ("scenario_refused", "不予受理"),
    ]


def test_a_scenario_the_core_refuses_is_said_in_the_pane(
    qtbot: QtBot, training_pane: TicketDetailPane, training_hall: Hall, submitted: dict[str, str]
) -> None:
    deliver(training_hall)
    open_ticket(qtbot, training_pane, submitted["water"])
    button = training_pane.findChild(QPushButton, "trainingScenarios")
    assert button is not None
    overdue = next(a for a in button.menu().actions() if a.objectName() == "scenario_overdue")
    with qtbot.waitSignal(training_pane.changed, timeout=10_000):
        overdue.trigger()
    # The pane shows the ticket again after the change, with a new menu.
    qtbot.waitUntil(
        lambda: training_pane.findChild(QPushButton, "trainingScenarios") not in (None, button)
    )
    again = training_pane.findChild(QPushButton, "trainingScenarios")
    assert again is not None
    with qtbot.waitSignal(training_pane.failed, timeout=10_000) as said:
        next(a for a in again.menu().actions() if a.objectName() == "scenario_overdue").trigger()
    assert said.args == ["该工单已经超期"]

    def offered_again() -> bool:
        shown = training_pane.findChild(QPushButton, "trainingScenarios")
        return shown is not None and shown is not again and shown.isEnabled()

    qtbot.waitUntil(offered_again, timeout=10_000)  # another scenario may be tried


def test_the_pace_menu_changes_the_running_simulators_and_is_remembered(
    qtbot: QtBot,
    training_hall: Hall,
    sims: dict[str, Simulator],
    clerk: SignedIn,
    shift_of: ShiftOf,
    settings: QSettings,
    form_context: Any,
) -> None:
    assert remembered_pace(settings) == ""
    win = window(qtbot, shift_of(clerk, training_hall), form_context)
    button = win.findChild(QPushButton, "trainingSettings")
    assert button is not None and button.focusPolicy() == Qt.FocusPolicy.NoFocus  # no Tab stop
    keys = win.findChild(QAction, "trainingSettingsShortcut")
    assert keys is not None and keys.shortcut().toString() == "Ctrl+Shift+T"
    assert entry(win, "pace_realtime").isChecked()  # the default: hours, not seconds
    entry(win, "pace_seconds").trigger()
    qtbot.waitUntil(lambda: settings.value(PACE_KEY) == "seconds", timeout=10_000)
    assert {s.step_seconds for s in sims.values()} == {TRAINING_PACE_SECONDS["seconds"]}
    assert entry(win, "pace_seconds").isChecked() and not entry(win, "pace_realtime").isChecked()
    assert audited(training_hall, "training.pace") == 1
    # The next window (a restart) starts with the pace chosen last.
    assert remembered_pace(settings) == "seconds"
    settings.setValue(PACE_KEY, "warp")
    assert remembered_pace(settings) == ""


def test_a_utility_taken_down_from_the_menu_holds_deliveries_until_it_is_back(
    qtbot: QtBot,
    training_hall: Hall,
    sims: dict[str, Simulator],
    clerk: SignedIn,
    shift_of: ShiftOf,
    form_context: Any,
    submitted: dict[str, str],
) -> None:
    win = window(qtbot, shift_of(clerk, training_hall), form_context)
    assert win.training is not None
    woken: list[bool] = []
    win.training.acted.connect(lambda: woken.append(True))
    down = entry(win, "utility_down_gas")
    assert down.text() == "供气停止服务" and not down.isChecked()
    down.trigger()
    qtbot.waitUntil(lambda: sims["gas"].down, timeout=10_000)
    deliver(training_hall)
    assert ticket(training_hall, "gas").status == "queued"
    assert ticket(training_hall, "water").status == "accepted"
    assert created(sims["gas"]) == {}
    down.trigger()  # untick: back in service
    qtbot.waitUntil(lambda: not sims["gas"].down and len(woken) == 2, timeout=10_000)
    deliver(training_hall)
    assert ticket(training_hall, "gas").status == "accepted"
    assert list(created(sims["gas"]).values()) == [1]
    assert (audited(training_hall, "training.utility_down"),
            audited(training_hall, "training.utility_up")) == (1, 1)  # fmt: skip


def test_the_delivery_indicator_shows_a_utility_down_and_back(
    qtbot: QtBot,
    training_hall: Hall,
    sims: dict[str, Simulator],
    clerk: SignedIn,
    shift_of: ShiftOf,
    form_context: Any,
    submitted: dict[str, str],
) -> None:
    win = window(qtbot, shift_of(clerk, training_hall), form_context)
    screens = TicketScreens(win)
    gas = screens.delivery.indicators["gas"]
    # Its first look (at start) done: a refresh asked for meanwhile would be skipped.
    qtbot.waitUntil(lambda: screens.delivery.overview is not None, timeout=10_000)
    entry(win, "utility_down_gas").trigger()
    qtbot.waitUntil(lambda: sims["gas"].down, timeout=10_000)
    deliver(training_hall)  # what the delivery thread does when the controls wake it
    win.events.notify([])
    qtbot.waitUntil(lambda: gas.plain_text() == "◐ 重试中", timeout=10_000)
    assert "503" in gas.toolTip() and "待发送请求 1 个" in gas.toolTip()
    entry(win, "utility_down_gas").trigger()
    qtbot.waitUntil(lambda: not sims["gas"].down, timeout=10_000)
    deliver(training_hall)
    win.events.notify([])
    qtbot.waitUntil(lambda: gas.plain_text() == "● 正常", timeout=10_000)
    screens.delivery.stop()


def test_a_new_window_shows_what_the_simulators_are_doing(
    qtbot: QtBot,
    training_hall: Hall,
    sims: dict[str, Simulator],
    clerk: SignedIn,
    shift_of: ShiftOf,
    form_context: Any,
) -> None:
    """After 换人 the simulators run on as the last window left them."""
    sims["water"].down = True
    for sim in sims.values():
        sim.set_step_seconds(TRAINING_PACE_SECONDS["minutes"])
    win = window(qtbot, shift_of(clerk, training_hall), form_context)
    qtbot.waitUntil(lambda: entry(win, "utility_down_water").isChecked(), timeout=10_000)
    qtbot.waitUntil(lambda: entry(win, "pace_minutes").isChecked(), timeout=10_000)
    assert not entry(win, "utility_down_gas").isChecked()
    assert not entry(win, "pace_realtime").isChecked()
    # Unticking brings it back (nothing was sent by showing the state).
    assert audited(training_hall, "training.utility_down") == 0
    entry(win, "utility_down_water").trigger()
    qtbot.waitUntil(lambda: not sims["water"].down, timeout=10_000)


def test_a_utility_that_cannot_be_reached_says_so_and_stays_unticked(
    qtbot: QtBot,
    training_hall: Hall,
    sims: dict[str, Simulator],
    clerk: SignedIn,
    shift_of: ShiftOf,
    settings: QSettings,
    form_context: Any,
) -> None:
    sims["power"].stop()
    win = window(qtbot, shift_of(clerk, training_hall), form_context)
    down = entry(win, "utility_down_power")
    down.trigger()
    qtbot.waitUntil(lambda: win.message_bar.isVisible(), timeout=10_000)
    assert win.message_bar.text.text().startswith("未完成：模拟器未执行")
    assert not down.isChecked()
    assert audited(training_hall, "training.utility_down") == 0
    win.message_bar.dismiss()
    entry(win, "pace_minutes").trigger()
    qtbot.waitUntil(lambda: win.message_bar.isVisible(), timeout=10_000)
    assert entry(win, "pace_realtime").isChecked() and not entry(win, "pace_minutes").isChecked()
    assert settings.value(PACE_KEY) is None and audited(training_hall, "training.pace") == 0
    # The utility reached before the one that failed went back: they keep one pace.
    assert sims["water"].step_seconds == 0


def test_the_desktop_takes_a_pace_on_its_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert wants_desktop(["--pace", "seconds"])
    assert wants_desktop(["--config", "hall.toml", "--pace=minutes"])
    assert not wants_desktop(["--pace"])
    assert not wants_desktop(["--pace", "seconds", "show", "X"])
    assert option_argument(["--config=a.toml", "--pace", "minutes"], "--pace") == "minutes"
    # A wrong one is bad input before any window opens.
    assert run(["--pace", "warp"]) == 2
    assert "--pace must be one of realtime、minutes、seconds" in capsys.readouterr().err


def test_the_remembered_pace_is_read_before_anything_heavy_is_imported() -> None:
    """ui.app reads it while the sign-in window comes up; the database layer comes later."""
    probe = (
        "import sys, ui.app\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'sqlalchemy', 'alembic', 'requests'}))\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", probe], stdout=subprocess.PIPE, text=True
    ) as process:
        out, _ = process.communicate(timeout=60)
    assert process.returncode == 0 and out.strip() == "[]"
