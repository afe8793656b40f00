"""Delivery at a glance: an indicator per utility with a word and a tooltip, and the count of
tickets needing a person that opens the filtered list."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from onewindow.config import UtilitySettings
from onewindow.desk.counter_work import SignedIn
from onewindow.hall import Hall
from onewindow.store.models import UtilityLink
from onewindow.tickets.queries import DeliveryOverview, TicketFilter, UtilityDelivery
from tests.ui import ticket_fixtures
from tests.ui.conftest import ShiftOf
from tests.ui.ticket_fixtures import Desk, keep, settle
from ui.delivery_status import DeliveryStatus
from ui.shift import Shift
from ui.tasks import TaskRunner

desk = ticket_fixtures.desk

MOMENT = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)


def info(utility: str, state: str, **counts: int) -> UtilityDelivery:
    return UtilityDelivery(
        utility=utility,
        state=state,  # type: ignore[arg-type]
        pending=counts.get("pending", 0),
        last_ok_at=MOMENT,
        last_error="HTTP 503" if state != "connected" else None,
        needs_attention=counts.get("attention", 0),
        delayed=counts.get("delayed", 0),
    )


def hosted(qtbot: QtBot, status: DeliveryStatus, runner: TaskRunner) -> QWidget:
    """The indicators in a widget the test owns (in the client, the header holds them)."""
    host = QWidget()
    row = QHBoxLayout(host)
    for indicator in status.indicators.values():
        row.addWidget(indicator)
    row.addWidget(status.count)
    keep(qtbot, host, runner)
    return host


def test_each_state_has_a_symbol_a_word_and_a_tooltip(
    qtbot: QtBot, shift: Shift, runner: TaskRunner
) -> None:
    status = DeliveryStatus(shift, runner)
    host = hosted(qtbot, status, runner)
    status.show_overview(
        DeliveryOverview(
            (
                info("water", "connected"),
                info("power", "retrying", pending=3, delayed=1),
                info("gas", "refused", attention=2),
            )
        )
    )
    water, power, gas = (status.indicators[u] for u in ("water", "power", "gas"))
    assert water.plain_text() == "● 正常"
    assert power.plain_text() == "◐ 重试中"
    assert gas.plain_text() == "✕ 凭据被拒"
    assert "凭据被拒" in gas.text() and "✕" in gas.text()
    assert "供电：暂时连不上，正在自动重试" in power.toolTip()
    assert "待发送请求 3 个" in power.toolTip()
    assert "最近的错误：HTTP 503" in power.toolTip()
    assert "请管理员检查接口设置" in gas.toolTip()
    assert "最近一次成功：2026年11月27日（周五） 09:00" in water.toolTip()
    assert status.count.text() == "需处理 2 · 发送延迟 1"

    with qtbot.waitSignal(status.open_filter) as opened:
        status.count.click()
    assert opened.args == [TicketFilter(needs_attention=True)]
    with qtbot.waitSignal(status.open_filter) as opened:
        qtbot.mouseClick(gas, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    flt = opened.args[0]
    assert flt.utilities == {"gas"} and "needs_attention" in flt.statuses
    host.close()


def test_reads_the_hall_state_in_the_background(
    qtbot: QtBot, ui_hall: Hall, runner: TaskRunner, desk: Desk, clerk: SignedIn, shift_of: ShiftOf
) -> None:
    configured = {
        u: UtilitySettings(u, u, f"http://127.0.0.1:9/{u}/", token="t")
        for u in ("water", "power", "gas")
    }
    hall = ui_hall.with_config(replace(ui_hall.config, utilities=configured))
    with hall.unit() as (s, _ctx):
        s.add(
            UtilityLink(
                utility="gas",
                last_seq=0,
                refused_fingerprint=configured["gas"].fingerprint,
                refused_at=MOMENT,
                last_error="HTTP 401",
                updated_at=MOMENT,
            )
        )
    status = DeliveryStatus(shift_of(clerk, hall), runner)
    host = hosted(qtbot, status, runner)
    status.refresh()
    qtbot.waitUntil(lambda: status.overview is not None, timeout=10_000)
    assert status.indicators["gas"].plain_text() == "✕ 凭据被拒"
    assert status.indicators["water"].plain_text() == "● 正常"
    # The desk holds one needs_attention ticket and no delayed one.
    assert status.count.text() == "需处理 1 · 发送延迟 0"
    settle(qtbot, runner)
    host.close()
