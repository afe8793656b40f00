"""Plugs the ticket screens into the main window: 工单, 待办 (with its count), the delivery
indicators in the header and the count in the status bar, and live updates.

`TicketEvents.notify(ticket_ids)` is the delivery loop's "something changed" callback: it may
be called from any thread, and the screens refresh on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from onewindow.desk.ticket_work import HallTicketSource
from ui.delivery_status import DeliveryStatus
from ui.ticket_table import TicketListPage
from ui.todo_page import TodoPage

if TYPE_CHECKING:
    from onewindow.tickets.queries import TicketFilter
    from ui.main_window import MainWindow


class TicketEvents(QObject):
    """Signals: `tickets_changed(list)` with the ids of tickets whose state changed."""

    tickets_changed = Signal(list)

    def notify(self, ticket_ids: Iterable[str]) -> None:
        # A signal emitted on another thread reaches GUI-thread receivers queued, in order.
        self.tickets_changed.emit(list(ticket_ids))


class TicketScreens(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        hall, user, tasks, settings = window.hall, window.user, window.tasks, window.settings
        self.events = TicketEvents(self)
        source = HallTicketSource(hall, user.user_id)
        self.tickets = TicketListPage(hall, user, tasks, settings, source, window.tabs)
        self.todo = TodoPage(hall, user, tasks, settings, source, window.tabs)
        window.add_page("tickets", self.tickets, self.tr("工单"))
        window.add_page("todo", self.todo, self.tr("待办"))
        self.delivery = DeliveryStatus(hall, tasks, self)
        for utility, indicator in self.delivery.indicators.items():
            window.set_indicator(utility, indicator)
        window.statusBar().addPermanentWidget(self.delivery.count)

        self.events.tickets_changed.connect(self.tickets.browser.tickets_changed)
        self.events.tickets_changed.connect(self.todo.tickets_changed)
        self.events.tickets_changed.connect(self.delivery.refresh)
        for browser in (self.tickets.browser, self.todo.browser):
            browser.detail.changed.connect(lambda ticket_id: self.events.notify([ticket_id]))
        for page in (self.tickets, self.todo):
            page.message.connect(self._status_message)
        self.todo.count_changed.connect(self._todo_count)
        self.delivery.open_filter.connect(self.open_filter)
        window.closing.connect(self.delivery.stop)

        self.tickets.apply()
        self.todo.reload()
        self.delivery.start()

    def _status_message(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10_000)

    def _todo_count(self, count: int) -> None:
        title = self.tr("待办 {0}").format(count) if count else self.tr("待办")
        self.window.set_page_title("todo", title)

    def open_filter(self, flt: TicketFilter) -> None:
        self.tickets.show_filter(flt)
        self.window.show_page("tickets")
