"""Delivery at a glance: one indicator per utility in the header and a count in the status bar.

Each indicator is a symbol with a word (● 正常, ◐ 重试中, ✕ 凭据被拒, ○ 未配置) and a tooltip
that says what it means and what to do; clicking one opens the list of that utility's tickets
still waiting to be delivered. The count of `needs_attention` and `delayed` tickets opens the
list filtered to them (需处理 first: every ticket marked for a person, whatever its status).

Signals: `open_filter(object)` with the `TicketFilter` to show.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from onewindow.clock import hall_date
from onewindow.desk import ticket_work
from onewindow.tickets.queries import (
    DELAYED,
    NEEDS_ATTENTION,
    DeliveryOverview,
    TicketFilter,
    UtilityDelivery,
)
from ui import i18n, look
from ui.status_names import utility_name
from ui.tasks import Failure

if TYPE_CHECKING:
    from ui.shift import Shift

REFRESH_MS = 30_000

_SYMBOLS = {"connected": "●", "retrying": "◐", "refused": "✕", "unconfigured": "○"}
WAITING = frozenset({"queued", DELAYED, NEEDS_ATTENTION})


class UtilityIndicator(QLabel):
    """Signals: `clicked(str)` with the utility."""

    clicked = Signal(str)

    def __init__(self, utility: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.utility = utility
        self.setObjectName(f"delivery_{utility}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.state = ""

    def state_word(self, state: str) -> str:
        return {
            "connected": self.tr("正常"),
            "retrying": self.tr("重试中"),
            "refused": self.tr("凭据被拒"),
            "unconfigured": self.tr("未配置"),
        }[state]

    def plain_text(self) -> str:
        """What the indicator says, without its markup (symbol and word)."""
        state = self.state
        return f"{_SYMBOLS[state]} {self.state_word(state)}" if state else ""

    def show_state(self, info: UtilityDelivery) -> None:
        self.state = info.state
        # The symbols are small in the bundled font: drawn larger than the word beside them.
        self.setText(
            f'<span style="font-size:15pt">{_SYMBOLS[info.state]}</span> '
            f"{html.escape(self.state_word(info.state))}"
        )
        colour = look.DELIVERY_STATE_COLOURS[info.state]
        self.setStyleSheet(f"color: {colour}; font-weight: bold;")
        name = utility_name(info.utility)
        lines = [
            {
                "connected": self.tr("{0}：工单正常发送"),
                "retrying": self.tr("{0}：暂时连不上，正在自动重试，工单不会丢失"),
                "refused": self.tr("{0}：接口凭据被拒绝，已停止向该单位发送；请管理员检查接口设置"),
                "unconfigured": self.tr("{0}：未配置接口，工单留在本机待发送"),
            }[info.state].format(name)
        ]
        if info.pending:
            lines.append(self.tr("待发送请求 {0} 个").format(info.pending))
        if info.needs_attention or info.delayed:
            lines.append(
                self.tr("需处理 {0} 张，发送延迟 {1} 张").format(info.needs_attention, info.delayed)
            )
        if info.last_ok_at is not None:
            lines.append(
                self.tr("最近一次成功：{0} {1}").format(
                    i18n.long_date(hall_date(info.last_ok_at)), i18n.clock_time(info.last_ok_at)
                )
            )
        if info.state in ("retrying", "refused") and info.last_error:
            lines.append(self.tr("最近的错误：{0}").format(info.last_error))
        lines.append(self.tr("点击查看该单位待发送的工单"))
        self.setToolTip("\n".join(lines))
        self.setAccessibleName(f"{name} {self.state_word(info.state)}")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.utility)
        super().mousePressEvent(event)


class DeliveryStatus(QObject):
    """Owns the indicators and the count, and keeps them current."""

    open_filter = Signal(object)

    def __init__(self, shift: Shift, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shift = shift
        self.indicators = {u: UtilityIndicator(u) for u in ("water", "power", "gas")}
        for indicator in self.indicators.values():
            indicator.clicked.connect(self._utility_clicked)
        self.count = QPushButton()
        self.count.setObjectName("deliveryCount")
        self.count.setFlat(True)
        self.count.setToolTip(self.tr("点击查看需处理和发送延迟的工单"))
        self.count.clicked.connect(self._count_clicked)
        self.overview: DeliveryOverview | None = None
        self._running = False
        self._again = False  # asked again while a refresh was running
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    def start(self) -> None:
        self.refresh()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def refresh(self) -> None:
        if self._running:
            # The running query may have read the tickets before the change that asks now
            # (an acknowledged refusal): one more follows it, else the count stays stale
            # until the next timer tick.
            self._again = True
            return
        self._running, self._again = True, False
        hall = self.shift.hall
        self.shift.tasks.run(lambda: ticket_work.overview(hall), self._show, self._failed)

    def _failed(self, failure: Failure) -> None:
        self.count.setText(self.tr("发送状态未知"))
        self.count.setToolTip(failure.message)
        self._refreshed()

    def _show(self, overview: DeliveryOverview) -> None:
        self.show_overview(overview)
        self._refreshed()

    def _refreshed(self) -> None:
        self._running = False
        if self._again and self.timer.isActive():  # not after stop()
            self.refresh()

    def show_overview(self, overview: DeliveryOverview) -> None:
        self.overview = overview
        for info in overview.utilities:
            self.indicators[info.utility].show_state(info)
        attention, delayed = overview.needs_attention, overview.delayed
        if attention or delayed:
            self.count.setText(self.tr("需处理 {0} · 发送延迟 {1}").format(attention, delayed))
            self.count.setStyleSheet(f"color: {look.ERROR_COLOUR}; font-weight: bold;")
        else:
            self.count.setText(self.tr("没有需处理或延迟的工单"))
            self.count.setStyleSheet(f"color: {look.OK_COLOUR};")

    def _count_clicked(self) -> None:
        # 需处理 is the same query as the list's chip and 待办 (a refused cancel of a connected
        # ticket included); with none, the delayed ones.
        overview = self.overview
        if overview is None or overview.needs_attention or not overview.delayed:
            self.open_filter.emit(TicketFilter(needs_attention=True))
        else:
            self.open_filter.emit(TicketFilter(statuses=frozenset({DELAYED})))

    def _utility_clicked(self, utility: str) -> None:
        self.open_filter.emit(TicketFilter(utilities=frozenset({utility}), statuses=WAITING))
