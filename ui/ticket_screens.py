"""Plugs the ticket screens into the main window: 工单, 待办 (with its count), the delivery
indicators in the header and the count in the status bar, and live updates.

The screens listen to the window's `TicketEvents` (ui.ticket_events): the delivery loop's
changes refresh rows in place; a change made here (a submit, an action in a ticket's detail,
a reassignment) makes every list query again. A failure goes to the window's message bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from onewindow.desk.ticket_work import HallTicketSource
from ui.delivery_status import DeliveryStatus
from ui.ticket_table import TicketListPage
from ui.todo_page import TodoPage

if TYPE_CHECKING:
    from onewindow.tickets.queries import TicketFilter
    from ui.main_window import MainWindow


class TicketScreens(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        shift = window.shift
        self.events = events = window.events
        source = HallTicketSource(shift.hall, shift.user.user_id)
        self.tickets = TicketListPage(shift, source, window.tabs)
        self.todo = TodoPage(shift, source, window.tabs)
        window.add_page("tickets", self.tickets, self.tr("工单"))
        window.add_page("todo", self.todo, self.tr("待办"))
        self.delivery = DeliveryStatus(shift, self)
        for utility, indicator in self.delivery.indicators.items():
            window.set_indicator(utility, indicator)
        window.statusBar().addPermanentWidget(self.delivery.count)
        # A click target at the window's foot, not a stop between the form's last field and
        # its first (the 需处理 chip on 工单 is the keyboard's way to the same list).
        self.delivery.count.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        events.tickets_changed.connect(self.tickets.browser.tickets_changed)
        events.tickets_changed.connect(self.todo.tickets_changed)
        events.tickets_changed.connect(self.delivery.refresh)
        events.acted.connect(self.tickets.browser.tickets_acted)
        events.acted.connect(self.todo.tickets_changed)
        events.acted.connect(self.delivery.refresh)
        for browser in (self.tickets.browser, self.todo.browser):
            browser.detail.changed.connect(lambda ticket_id: events.notify_acted([ticket_id]))
        if window.intake is not None:
            window.intake.submitted.connect(lambda _submitted: events.notify_acted())
        for page in (self.tickets, self.todo):
            page.message.connect(self._status_message)
            page.failed.connect(window.report_failure)
        self.todo.count_changed.connect(self._todo_count)
        self.delivery.open_filter.connect(self.open_filter)
        window.closing.connect(self.delivery.stop)

        # Coming back to a list queries it again: what another counter or the lead changed
        # (a reassignment, a cancel) shows without waiting for the delivery loop.
        window.tabs.currentChanged.connect(self._page_shown)
        self.tickets.apply()
        self.todo.reload()
        self.delivery.start()

    def _page_shown(self, index: int) -> None:
        shown = self.window.tabs.widget(index)
        if shown is self.todo:
            self.todo.reload()
        elif shown is self.tickets:
            self.tickets.refresh()

    def _status_message(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10_000)

    def _todo_count(self, count: int) -> None:
        title = self.tr("待办 {0}").format(count) if count else self.tr("待办")
        self.window.set_page_title("todo", title)

    def open_filter(self, flt: TicketFilter) -> None:
        self.tickets.show_filter(flt)
        self.window.show_page("tickets")
