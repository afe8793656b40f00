"""The ticket screens in the main window: tabs (待办 with its count), indicators in the header,
the delivery count opening the filtered list, and a change from the delivery loop."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from onewindow.hall import Hall
from onewindow.store.models import Ticket
from tests.ui import ticket_fixtures
from tests.ui.ticket_fixtures import Desk, keep, settle
from ui.main_window import MainWindow
from ui.shift import Shift
from ui.tasks import TaskRunner
from ui.ticket_screens import TicketScreens

desk = ticket_fixtures.desk


@pytest.fixture
def screens(
    qtbot: QtBot,
    shift: Shift,
    runner: TaskRunner,
    form_context: Any,
    desk: Desk,
) -> Iterator[TicketScreens]:
    window = MainWindow(shift, form_context)
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
    # The footer's 需处理 opens the same query as the 需处理 chip (a refusal's mark included).
    assert screens.tickets.attention.isChecked()
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


def test_a_new_application_is_in_the_list_at_once(
    qtbot: QtBot, screens: TicketScreens, samples: Any
) -> None:
    """Issue 10.2: after a submit the list queries again; no search or filter is touched."""
    import json

    window = screens.window
    model = screens.tickets.model
    qtbot.waitUntil(lambda: model.rowCount() == 6, timeout=10_000)
    form = json.loads((samples / "gas-water-power-organization.json").read_text("utf-8"))
    assert window.intake is not None
    with qtbot.waitSignal(window.intake.submitted, timeout=20_000) as submitted:
        window.intake.submit(form)
    number = submitted.args[0].application_no
    qtbot.waitUntil(lambda: model.rowCount() == 9, timeout=10_000)
    assert [model.index(r, 0).data() for r in range(9)].count(number) == 3
    qtbot.waitUntil(lambda: screens.tickets.count.text() == "共 9 张", timeout=10_000)


def test_the_detail_never_shows_a_ticket_the_list_no_longer_shows(
    qtbot: QtBot, screens: TicketScreens, desk: Desk
) -> None:
    page = screens.tickets
    qtbot.waitUntil(lambda: page.model.rowCount() == 6, timeout=10_000)
    row = page.model.row_of(desk.ids["overdue"])  # a water ticket
    assert row is not None
    page.browser.table.selectRow(row)
    detail = page.browser.detail
    qtbot.waitUntil(
        lambda: detail.detail is not None and detail.detail.ticket_id == desk.ids["overdue"],
        timeout=10_000,
    )
    with qtbot.waitSignal(page.model.loaded, timeout=10_000):
        page.utility_chips["gas"].setChecked(True)
    assert page.model.row_of(desk.ids["overdue"]) is None
    assert detail.detail is None, "the pane still shows a ticket the list no longer has"


def test_a_failed_action_stays_in_view_until_dismissed(
    qtbot: QtBot, screens: TicketScreens, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 10.7: not ten seconds in the status bar, but a bar at the top until closed."""
    from ui.ticket_dialogs import MaterialDialog

    window = screens.window
    window.show()
    page = screens.tickets
    qtbot.waitUntil(lambda: page.model.rowCount() == 6, timeout=10_000)
    detail = page.browser.detail
    detail.show_ticket(desk.ids["paused"])
    qtbot.waitUntil(lambda: detail.detail is not None, timeout=10_000)
    # A material the ticket never asked for: the core refuses it.
    monkeypatch.setattr(MaterialDialog, "ask", classmethod(lambda cls, missing, p: ["no_such"]))
    detail.record_material()
    bar = window.message_bar
    qtbot.waitUntil(bar.isVisible, timeout=10_000)
    assert bar.text.text().startswith("未完成：")
    assert window.statusBar().currentMessage() == ""
    qtbot.wait(200)
    assert bar.isVisible()
    qtbot.mouseClick(bar.close_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()


def test_the_ticket_dialogs_are_finished_from_the_keyboard(qtbot: QtBot) -> None:
    """Issue 10.5: Tab leaves the reason box, Ctrl+Enter accepts."""
    from onewindow.desk.lead_work import Assignee
    from tests.ui.keyboard import focused, press, type_text
    from ui.reassign_dialog import ReassignDialog
    from ui.ticket_dialogs import CancelDialog

    cancel = CancelDialog("LBGX-20261120-0001")
    qtbot.addWidget(cancel)
    cancel.show()
    qtbot.waitUntil(cancel.reason.hasFocus)
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert cancel.isVisible(), "no reason yet: Ctrl+Enter must not accept"
    type_text("申请人不再需要")
    press(Qt.Key.Key_Tab)
    assert cancel.reason.toPlainText() == "申请人不再需要", "Tab typed into the reason"
    assert focused() is not cancel.reason
    with qtbot.waitSignal(cancel.accepted, timeout=2000):
        press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    reassign = ReassignDialog(1, [Assignee("lina", "李娜"), Assignee("zhangwei", "张伟")])
    qtbot.addWidget(reassign)
    reassign.show()
    reassign.target.setFocus()
    qtbot.waitUntil(reassign.target.hasFocus)
    press(Qt.Key.Key_Tab)
    assert focused() is reassign.reason
    type_text("均衡工作量")
    with qtbot.waitSignal(reassign.submitted, timeout=2000) as submitted:
        press(Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    assert submitted.args == ["lina", "均衡工作量"]
    # It shows that it is working until the caller says how it went.
    assert reassign.isVisible() and reassign.hint.text() == "正在改派…"
    assert not reassign.reason.isEnabled()
    reassign.failed("网络中断")
    assert reassign.reason.isEnabled() and "网络中断" in reassign.hint.text()
    with qtbot.waitSignal(reassign.accepted, timeout=2000):
        reassign.accept()
        reassign.succeeded()


def test_a_change_made_elsewhere_shows_when_the_clerk_opens_the_page(
    qtbot: QtBot, screens: TicketScreens, ui_hall: Hall, desk: Desk
) -> None:
    """Another counter or the lead moved a ticket: 待办 asks again when it is opened."""
    window = screens.window
    qtbot.waitUntil(lambda: "待办 3" in tab_titles(window), timeout=10_000)
    with ui_hall.unit() as (s, _ctx):
        ticket = s.get(Ticket, desk.ids["overdue"])
        assert ticket is not None
        ticket.assignee_id = None  # reassigned away, as by the lead in another client
    window.show_page("tickets")
    with qtbot.waitSignal(screens.todo.model.loaded, timeout=10_000):
        window.show_page("todo")
    assert "待办 2" in tab_titles(window)
