"""The ticket screens in the main window: tabs (待办 with its count), indicators in the header,
the delivery count opening the filtered list, and a change from the delivery loop."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from onewindow.desk.counter_work import SignedIn
from onewindow.hall import Hall
from onewindow.store.models import Ticket
from tests.ui import ticket_fixtures
from tests.ui.ticket_fixtures import Desk, keep, settle
from ui.main_window import MainWindow
from ui.tasks import TaskRunner
from ui.ticket_screens import TicketScreens

desk = ticket_fixtures.desk


@pytest.fixture
def screens(
    qtbot: QtBot,
    ui_hall: Hall,
    clerk: SignedIn,
    runner: TaskRunner,
    settings: QSettings,
    form_context: Any,
    desk: Desk,
) -> Iterator[TicketScreens]:
    window = MainWindow(ui_hall, clerk, runner, settings, form_context)
    keep(qtbot, window, runner)
    screens = TicketScreens(window)
    yield screens
    screens.delivery.stop()
    settle(qtbot, runner)


def tab_titles(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def test_pages_count_and_indicators(qtbot: QtBot, screens: TicketScreens) -> None:
    window = screens.window
    qtbot.waitUntil(lambda: "待办 3" in tab_titles(window), timeout=10_000)
    assert "工单" in tab_titles(window)
    qtbot.waitUntil(lambda: screens.tickets.model.rowCount() == 6, timeout=10_000)
    qtbot.waitUntil(lambda: screens.delivery.overview is not None, timeout=10_000)
    # No utility is configured in the tests' hall: each says so, in words.
    for utility in ("water", "power", "gas"):
        indicator = screens.delivery.indicators[utility]
        assert indicator.parent().objectName() == f"indicator_{utility}"
        assert indicator.plain_text() == "○ 未配置"
    assert screens.delivery.count.text() == "需处理 1 · 发送延迟 0"


def test_the_count_opens_the_filtered_list(qtbot: QtBot, screens: TicketScreens) -> None:
    qtbot.waitUntil(lambda: screens.delivery.overview is not None, timeout=10_000)
    with qtbot.waitSignal(screens.tickets.model.loaded, timeout=10_000):
        screens.delivery.count.click()
    assert screens.window.tabs.currentWidget() is screens.tickets
    assert screens.tickets.status_actions["needs_attention"].isChecked()
    model = screens.tickets.model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["LBGX-20261126-0004"]


def test_a_change_reaches_every_open_screen(
    qtbot: QtBot, screens: TicketScreens, ui_hall: Hall, desk: Desk
) -> None:
    window = screens.window
    qtbot.waitUntil(lambda: "待办 3" in tab_titles(window), timeout=10_000)
    with ui_hall.unit() as (s, _ctx):
        ticket = s.get(Ticket, desk.ids["overdue"])
        assert ticket is not None
        ticket.status = "connected"
    screens.events.notify([desk.ids["overdue"]])
    # Connected: off the to-do list, and shown as connected in the list.
    qtbot.waitUntil(lambda: "待办 2" in tab_titles(window), timeout=10_000)
    model = screens.tickets.model
    row = model.row_of(desk.ids["overdue"])
    assert row is not None
    qtbot.waitUntil(lambda: model.index(row, 4).data() == "已开通", timeout=10_000)
