"""Plugs the lead's and administrator's screens into the main window, by role.

A lead gets 统计 (with the overdue count on its tab, refreshed as tickets change) and 审计;
an administrator gets 统计, 审计 and 管理. A clerk gets none of them; the core would refuse
their queries anyway.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from onewindow.access.users import GRANTS, Permission, Role
from ui.admin_page import AdminPage
from ui.audit_view import AuditView
from ui.lead_view import LeadView

if TYPE_CHECKING:
    from ui.main_window import MainWindow

# Ticket changes arrive in bursts from the delivery loop: refresh the numbers at most this often.
_REFRESH_DELAY_MS = 3000


class LeadScreens(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        shift = window.shift
        grants = GRANTS[Role(shift.user.role)]
        self.stats: LeadView | None = None
        self.audit: AuditView | None = None
        self.admin: AdminPage | None = None
        if Permission.VIEW_REPORTS in grants:
            self.stats = LeadView(shift, window.tabs)
            window.add_page("stats", self.stats, self.tr("统计"))
            self.stats.message.connect(self._status_message)
            self.stats.failed.connect(window.report_failure)
            self.stats.loaded.connect(self._stats_title)
            self.pending = QTimer(self)
            self.pending.setSingleShot(True)
            self.pending.setInterval(_REFRESH_DELAY_MS)
            self.pending.timeout.connect(self.stats.refresh)
            window.events.tickets_changed.connect(self._tickets_changed)
            # A change made at this desk shows at once; the reassignment tells every list.
            window.events.acted.connect(self.stats.refresh)
            self.stats.reassigned.connect(window.events.notify_acted)
            self.stats.refresh()
        if Permission.VIEW_AUDIT in grants:
            self.audit = AuditView(shift, window.tabs)
            window.add_page("audit", self.audit, self.tr("审计"))
            self.audit.message.connect(self._status_message)
            self.audit.failed.connect(window.report_failure)
        if Permission.ADMINISTER in grants:
            self.admin = AdminPage(shift, window.tabs)
            window.add_page("admin", self.admin, self.tr("管理"))
            self.admin.message.connect(self._status_message)
            self.admin.failed.connect(window.report_failure)
            self.admin.endpoints.saved.connect(lambda _config: window.show_hall())
        window.tabs.currentChanged.connect(self._page_shown)

    def _tickets_changed(self, _ticket_ids: object) -> None:
        # Not restarted while waiting: a steady stream of changes still refreshes every 3 s.
        if not self.pending.isActive():
            self.pending.start()

    def _page_shown(self, index: int) -> None:
        widget = self.window.tabs.widget(index)
        if widget is self.stats and self.stats is not None:
            self.stats.refresh()
        elif widget is self.audit and self.audit is not None:
            self.audit.load_actions()
            self.audit.search()
        elif widget is self.admin and self.admin is not None:
            self.admin.load_tab(self.admin.tabs.currentIndex())

    def _stats_title(self) -> None:
        assert self.stats is not None and self.stats.data is not None
        overdue = self.stats.data.summary.overdue
        title = self.tr("统计 超期{0}").format(overdue) if overdue else self.tr("统计")
        self.window.set_page_title("stats", title)

    def _status_message(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10_000)
