"""待办: the clerk's own tickets that are due today, overdue, or need a person, oldest first.

The list reloads whole when a ticket changes (it is short, and a ticket may enter or leave
it); the selected ticket and the scroll position stay. Signals: `count_changed(int)` for the
tab's title; `message(str)` for the status bar; `failed(str)` when something did not go
through.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from onewindow.tickets.queries import todo_filter
from ui.ticket_model import TicketSource
from ui.ticket_table import TicketBrowser

if TYPE_CHECKING:
    from ui.shift import Shift


class TodoPage(QWidget):
    count_changed = Signal(int)
    message = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        shift: Shift,
        source: TicketSource,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 8, 10, 4)
        self.summary = QLabel(self)
        self.summary.setObjectName("todoSummary")
        column.addWidget(self.summary)
        self.browser = TicketBrowser(shift, source, self)
        self.model = self.browser.model
        column.addWidget(self.browser, 1)
        self.browser.message.connect(self.message)
        self.browser.failed.connect(self.failed)
        self.model.loaded.connect(self._loaded)
        self.model.filter = todo_filter(shift.user.user_id)
        # Oldest first: the longest-waiting applicant comes first.
        self.browser.preset_order(0, Qt.SortOrder.AscendingOrder)
        self.count = 0

    def reload(self) -> None:
        self.model.reload()

    def tickets_changed(self, ticket_ids: list[str]) -> None:
        # Any change may move a ticket in or out of the to-do list: query it again.
        self.browser.tickets_acted(ticket_ids)

    def _loaded(self, count: int) -> None:
        self.count = count
        self.summary.setText(
            self.tr("我的待办：今日到期、已超期和需处理的工单，共 {0} 张，最早受理的在前").format(
                count
            )
            if count
            else self.tr("我的待办：没有今日到期、已超期或需处理的工单")
        )
        self.count_changed.emit(count)
