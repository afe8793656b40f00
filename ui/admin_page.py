"""管理: the administrator's page, one tab per kind of setting; each loads when first shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ui.admin_catalogue import AdminCatalogue
from ui.admin_endpoints import AdminEndpoints
from ui.admin_holidays import AdminHolidays
from ui.admin_lists import AdminLists
from ui.admin_policy import AdminPolicy
from ui.admin_users import AdminUsers

if TYPE_CHECKING:
    from ui.shift import Shift


class AdminPage(QWidget):
    """Signals: `message(str)` from any of its tabs, for the status bar; `failed(str)` when
    something a tab did failed."""

    message = Signal(str)
    failed = Signal(str)

    def __init__(self, shift: Shift, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        column.addWidget(self.tabs)
        self.users = AdminUsers(shift, self.tabs)
        self.endpoints = AdminEndpoints(shift, self.tabs)
        self.lists = AdminLists(shift, self.tabs)
        self.catalogue = AdminCatalogue(shift, self.tabs)
        self.policy = AdminPolicy(shift, self.tabs)
        self.holidays = AdminHolidays(shift, self.tabs)
        for widget, title in (
            (self.users, self.tr("用户")),
            (self.endpoints, self.tr("营业厅与单位接口")),
            (self.lists, self.tr("收费清单")),
            (self.catalogue, self.tr("材料目录")),
            (self.policy, self.tr("时限政策")),
            (self.holidays, self.tr("节假日")),
        ):
            self.tabs.addTab(widget, title)
            widget.message.connect(self.message)
            widget.failed.connect(self.failed)
        self._loaded: set[int] = set()
        self.tabs.currentChanged.connect(self.load_tab)

    def load_tab(self, index: int) -> None:
        """Load a tab's data the first time it is shown (the endpoints tab needs none)."""
        if index in self._loaded:
            return
        self._loaded.add(index)
        widget = self.tabs.widget(index)
        refresh = getattr(widget, "refresh", None)
        if refresh is not None:
            refresh()
