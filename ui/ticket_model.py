"""The ticket list's table model: SQL-side filtering and paging, loaded off the GUI thread.

The model knows how many rows the filter matches and holds a window of pages of 200 rows; a
row that is not loaded yet shows "…" and asks for its page on the background worker. Pages
asked for while the clerk drags the scroll bar past them are dropped before they are read.
Changing the filter or the order starts a new generation: answers to an older one are ignored.

Signals: `loaded(int)` with the row count whenever a filter's first page arrives;
`loading_changed(bool)`; `failed(str)` with a message for the clerk.
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from onewindow.desk.ticket_work import Page
from onewindow.tickets.queries import Order, TicketFilter, TicketRow
from ui import (
    i18n,
    look,
)
from ui.look import KIND_COLOURS
from ui.status_names import (
    service_name,
    status_colour,
    status_name,
    utility_name,
)
from ui.tasks import Failure, TaskRunner

PAGE_SIZE = 200
# Pages kept in memory (the rows around what is on screen); about 8,000 rows.
MAX_PAGES = 40
# Pages that may wait for the worker; older requests are dropped when the view moves on.
MAX_WAITING = 3

AnyIndex = QModelIndex | QPersistentModelIndex

_AMBER_BG = QColor(look.AMBER_ROW)
# Sortable columns (application number, utility, status, due date, days left) and their order.
_SORT_KEYS: dict[int, Order] = {0: "newest", 2: "utility", 4: "status", 5: "due", 6: "due"}
_RED_BG = QColor(look.RED_ROW)


class TicketSource(Protocol):
    def first_page(self, flt: TicketFilter, limit: int, order: Order, descending: bool) -> Page: ...
    def page(
        self, flt: TicketFilter, offset: int, limit: int, order: Order, descending: bool
    ) -> Page: ...
    def rows(self, ticket_ids: list[str]) -> list[TicketRow]: ...


class TicketTableModel(QAbstractTableModel):
    loaded = Signal(int)
    loading_changed = Signal(bool)
    failed = Signal(str)

    # The due date and days left come before the utility's number: beside the detail pane, the
    # columns a clerk acts on stay in view.
    APPLICATION_NO, APPLICANT, UTILITY, SERVICE, STATUS, DUE, DAYS_LEFT, UTILITY_NO, ASSIGNEE = (
        range(9)
    )

    def __init__(self, source: TicketSource, tasks: TaskRunner, parent: Any = None) -> None:
        super().__init__(parent)
        self.source = source
        self.tasks = tasks
        self.filter = TicketFilter()
        self.order: Order = "newest"
        self.descending = False
        self._generation = 0
        self._count = 0
        self._pages: OrderedDict[int, list[TicketRow]] = OrderedDict()
        # Page number -> the token of its request still wanted.
        self._waiting: OrderedDict[int, int] = OrderedDict()
        self._tokens = itertools.count(1)
        self._loading = False

    # Loading.

    def set_filter(self, flt: TicketFilter) -> None:
        self.filter = flt
        self.reload()

    def set_order(self, order: Order, descending: bool = False) -> None:
        self.order, self.descending = order, descending
        self.reload()

    def reload(self) -> None:
        """Read the list again from its first page (after a filter or order change)."""
        self._generation += 1
        generation = self._generation
        flt, order, descending = self.filter, self.order, self.descending
        self._waiting.clear()
        self._set_loading(True)
        self.tasks.run(
            lambda: self.source.first_page(flt, PAGE_SIZE, order, descending),
            lambda page: self._first_page_loaded(generation, page),
            lambda failure: self._failed(generation, failure),
        )

    def _first_page_loaded(self, generation: int, page: Page) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._count = page.total or 0
        self._pages = OrderedDict({0: page.rows})
        self.endResetModel()
        self._set_loading(False)
        self.loaded.emit(self._count)

    def _request(self, number: int) -> None:
        if number in self._waiting:
            self._waiting.move_to_end(number)
            return
        token = next(self._tokens)
        self._waiting[number] = token
        while len(self._waiting) > MAX_WAITING:
            self._waiting.popitem(last=False)
        generation = self._generation
        flt, order, descending = self.filter, self.order, self.descending

        def work() -> Page | None:
            # The view may have moved on while this waited for the worker.
            if generation != self._generation or self._waiting.get(number) != token:
                return None
            return self.source.page(flt, number * PAGE_SIZE, PAGE_SIZE, order, descending)

        self.tasks.run(
            work,
            lambda page: self._page_loaded(generation, number, token, page),
            lambda failure: self._failed(generation, failure),
        )

    def _page_loaded(self, generation: int, number: int, token: int, page: Page | None) -> None:
        if generation != self._generation or page is None:
            return
        if self._waiting.get(number) == token:
            del self._waiting[number]
        self._pages[number] = page.rows
        self._pages.move_to_end(number)
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        first = number * PAGE_SIZE
        last = min(first + PAGE_SIZE, self._count) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    def _failed(self, generation: int, failure: Failure) -> None:
        if generation == self._generation:
            self._set_loading(False)
            self.failed.emit(failure.message)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    @property
    def loading(self) -> bool:
        return self._loading

    def refresh_tickets(self, ticket_ids: list[str]) -> None:
        """Show the current state of these tickets where they are on screen (live updates).

        Rows stay where they are, so the clerk's selection and scroll position hold; a ticket
        that no longer matches the filter leaves at the next reload.
        """
        where = self._positions()
        shown = [t for t in ticket_ids if t in where]
        if not shown:
            return
        generation = self._generation
        self.tasks.run(
            lambda: self.source.rows(shown),
            lambda rows: self._rows_refreshed(generation, rows),
            lambda failure: self._failed(generation, failure),
        )

    def _rows_refreshed(self, generation: int, rows: list[TicketRow]) -> None:
        if generation != self._generation:
            return
        where = self._positions()
        for fresh in rows:
            row = where.get(fresh.ticket_id)
            if row is None:
                continue
            self._pages[row // PAGE_SIZE][row % PAGE_SIZE] = fresh
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # Looking rows up.

    def row_at(self, row: int) -> TicketRow | None:
        """The row's ticket if its page is loaded (no request is made)."""
        page = self._pages.get(row // PAGE_SIZE)
        if page is None or row % PAGE_SIZE >= len(page):
            return None
        return page[row % PAGE_SIZE]

    def _positions(self) -> dict[str, int]:
        """Row of every loaded ticket (one pass for a whole batch of changes)."""
        return {
            r.ticket_id: number * PAGE_SIZE + offset
            for number, rows in self._pages.items()
            for offset, r in enumerate(rows)
        }

    def row_of(self, ticket_id: str) -> int | None:
        for number, rows in self._pages.items():
            for offset, r in enumerate(rows):
                if r.ticket_id == ticket_id:
                    return number * PAGE_SIZE + offset
        return None

    # Qt's model interface.

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 9

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 9:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers()[section]
        return None

    def _headers(self) -> list[str]:
        return [
            self.tr("受理编号"),
            self.tr("申请人"),
            self.tr("单位"),
            self.tr("业务"),
            self.tr("状态"),
            self.tr("承诺办结"),
            self.tr("剩余"),
            self.tr("单位工单号"),
            self.tr("经办人"),
        ]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    @staticmethod
    def sortable(column: int) -> bool:
        return column in _SORT_KEYS

    @staticmethod
    def order_for(column: int, order: Qt.SortOrder) -> tuple[Order, bool]:
        """The SQL order of a sortable column in a header direction."""
        key = _SORT_KEYS[column]
        descending = order == Qt.SortOrder.DescendingOrder
        if key == "newest":
            # Application numbers follow the time of receipt: descending is newest first.
            return ("newest" if descending else "oldest"), False
        return key, descending

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self.sortable(column):
            self.set_order(*self.order_for(column, order))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._count or index.column() >= 9:
            return None
        row = self.row_at(index.row())
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole:
                self._request(index.row() // PAGE_SIZE)
                return "…" if index.column() == 0 else ""
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, column)
        if role == Qt.ItemDataRole.FontRole and column in (self.APPLICATION_NO, self.DUE):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return row.ticket_id
        return None

    def _text(self, row: TicketRow, column: int) -> str:
        if column == self.APPLICATION_NO:
            return row.application_no
        if column == self.APPLICANT:
            return f"{row.applicant_name}  {row.phone_masked}"
        if column == self.UTILITY:
            return utility_name(row.utility)
        if column == self.SERVICE:
            return service_name(row.service)
        if column == self.STATUS:
            return status_name(row.status)
        if column == self.UTILITY_NO:
            return row.utility_ticket_no or self.tr("待分配")
        if column == self.DUE:
            if row.due_date is None:
                return "—"
            text = i18n.long_date(row.due_date)
            # tr() outside the f-string: pyside6-lupdate does not look inside f-strings.
            return text + " " + self.tr("暂定") if row.due_provisional else text
        if column == self.DAYS_LEFT:
            return self.days_left_text(row)
        return row.assignee_name or self.tr("未分派")

    def days_left_text(self, row: TicketRow) -> str:
        if row.urgency == "closed":
            return "—"
        if row.urgency == "paused":
            return self.tr("计时暂停")
        if row.days_left is None:
            return "—"
        if row.urgency == "overdue" or row.days_left < 0:
            return self.tr("已超期 {0} 个工作日").format(-row.days_left)
        if row.urgency == "due_today" or row.days_left == 0:
            return self.tr("今日到期")
        return self.tr("剩 {0} 个工作日").format(row.days_left)

    def _tooltip(self, row: TicketRow, column: int) -> str | None:
        if column == self.APPLICANT:
            return row.applicant_name
        if column == self.DUE and row.due_provisional:
            return self.tr("办结日所在年份的放假安排尚未公布，日期按法定假日推算，为暂定")
        if column == self.DAYS_LEFT and row.urgency == "paused":
            return self.tr("等待申请人、审批或施工期间不计入办理时限")
        if column == self.UTILITY_NO and not row.utility_ticket_no:
            return self.tr("单位尚未返回工单号")
        return None

    def _foreground(self, row: TicketRow, column: int) -> QColor | None:
        if column == self.UTILITY:
            return QColor(look.UTILITY_COLOURS.get(row.utility, look.INK_COLOUR))
        if column == self.STATUS:
            return QColor(status_colour(row.status))
        if column == self.DAYS_LEFT:
            if row.urgency == "overdue":
                return QColor(KIND_COLOURS["alarm"])
            if row.urgency in ("due_today", "paused"):
                return QColor(KIND_COLOURS["paused"])
        return None

    def _background(self, row: TicketRow, column: int) -> QColor | None:
        if column not in (self.DUE, self.DAYS_LEFT):
            return None
        if row.urgency == "overdue":
            return _RED_BG
        if row.urgency == "due_today":
            return _AMBER_BG
        return None
