"""The ticket list (工单): search, filter chips, the table, and the ticket's detail beside it.

`TicketBrowser` is the table with its detail pane, shared with the to-do page; it keeps the
selected ticket and the scroll position across reloads and live updates. `TicketListPage`
adds the search box and the chips (我的/全部, 水/电/气, 状态, 今日到期, 已超期, 需处理).

Signals: `message(str)` with a line for the status bar; `failed(str)` when loading or an
action did not go through.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QProxyStyle,
    QPushButton,
    QSplitter,
    QStyle,
    QStyleOption,
    QStyleOptionHeader,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from onewindow.config import UTILITIES
from onewindow.tickets.queries import TicketFilter
from ui import look
from ui.read_only_table import Resize, Selection, read_only_table
from ui.status_names import STATUS_ORDER, status_name, utility_short
from ui.ticket_detail import TicketDetailPane
from ui.ticket_model import TicketSource, TicketTableModel

if TYPE_CHECKING:
    from ui.shift import Shift

# Caps on the widths fitted to the first page (a long organisation name must not push the
# due date out of view).
_MAX_WIDTHS = (200, 172, 70, 130, 170, 220, 180, 170, 110)
_SEARCH_PAUSE_MS = 250


class StayOpenMenu(QMenu):
    """A menu of check boxes that stays open while the clerk ticks several (状态)."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        action = self.actionAt(event.position().toPoint())
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self.activeAction()
        keys = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if action is not None and action.isCheckable() and event.key() in keys:
            action.trigger()
            return
        super().keyPressEvent(event)


class SortArrows(QProxyStyle):
    """The header's arrow points the way the rows run: ▲ ascending, ▼ descending.

    Qt draws an ascending column with a down arrow (QHeaderView maps AscendingOrder to
    SortDown), so the newest-first list showed ▲ and read as "oldest first" to a clerk.
    """

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(
            option, QStyleOptionHeader
        ):
            flipped = QStyleOptionHeader(option)
            up, down = (
                QStyleOptionHeader.SortIndicator.SortUp,
                QStyleOptionHeader.SortIndicator.SortDown,
            )
            flipped.sortIndicator = down if option.sortIndicator == up else up
            super().drawPrimitive(element, flipped, painter, widget)
            return
        super().drawPrimitive(element, option, painter, widget)


class TicketBrowser(QSplitter):
    """A ticket table and the selected ticket's detail."""

    message = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        shift: Shift,
        source: TicketSource,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.model = TicketTableModel(source, shift.tasks, self)
        # Widths are the clerk's to drag; they are fitted once to the first page (_fit_columns).
        self.table = read_only_table(
            self.model, self, selection=Selection.SingleSelection, resize=Resize.Interactive
        )
        self.table.setObjectName("ticketTable")
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        self.arrows = SortArrows()
        header.setStyle(self.arrows)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self._sorted = (0, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort)
        # Fit columns to the rows on screen only: measuring a thousand rows would ask for pages
        # that are not loaded and hold up the GUI thread.
        header.setResizeContentsPrecision(0)
        self.detail = TicketDetailPane(shift, self)
        self.addWidget(self.table)
        self.addWidget(self.detail)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 1)
        self.setSizes([930, 436])
        self._keep: tuple[str | None, int] | None = None
        self._fitted = False

        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelAboutToBeReset.connect(self._remember)
        self.model.loaded.connect(self._restore)
        self.model.loaded.connect(self._fit_columns)
        self.model.failed.connect(self.failed)
        self.detail.message.connect(self.message)
        self.detail.failed.connect(self.failed)

    def preset_order(self, column: int, order: Qt.SortOrder) -> None:
        """Start in this order (before the first load), the header showing it."""
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)
        self._sorted = (column, order)
        self.model.order, self.model.descending = self.model.order_for(column, order)

    def _sort(self, column: int, order: Qt.SortOrder) -> None:
        header = self.table.horizontalHeader()
        if not self.model.sortable(column):
            # Only what SQL can order by is sortable: the indicator goes back where it was.
            header.blockSignals(True)
            header.setSortIndicator(*self._sorted)
            header.blockSignals(False)
            return
        self._sorted = (column, order)
        self.model.sort(column, order)

    def selected_ticket(self) -> str | None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        return row.ticket_id if row else None

    def _current_changed(self) -> None:
        ticket_id = self.selected_ticket()
        if self.detail.detail is None or ticket_id != self.detail.detail.ticket_id:
            self.detail.show_ticket(ticket_id)

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        if not self._fitted and self.model.rowCount():
            self._fitted = True
            self.table.resizeColumnsToContents()
            for column, cap in enumerate(_MAX_WIDTHS):
                # The cap keeps long contents in check, never the column's own name ("Utility
                # ticket no." is longer than 单位工单号).
                cap = max(cap, header.sectionSizeHint(column))
                if self.table.columnWidth(column) > cap:
                    self.table.setColumnWidth(column, cap)
        # An empty list (a clerk with nothing to do) still shows every column's whole name.
        for column in range(self.model.columnCount()):
            if self.table.columnWidth(column) < header.sectionSizeHint(column):
                self.table.setColumnWidth(column, header.sectionSizeHint(column))

    def _remember(self) -> None:
        if self._keep is None:
            self._keep = (self.selected_ticket(), self.table.verticalScrollBar().value())

    def _restore(self) -> None:
        keep, self._keep = self._keep, None
        if keep is None:
            return
        ticket_id, scroll = keep
        row = self.model.row_of(ticket_id) if ticket_id else None
        if row is not None:
            self.table.selectRow(row)
            self.table.verticalScrollBar().setValue(scroll)
        elif ticket_id is not None:
            self.table.clearSelection()
        shown = self.detail.detail
        if shown is not None and self.model.row_of(shown.ticket_id) is None:
            # The pane never shows a ticket the list no longer shows.
            self.detail.show_ticket(None)

    def tickets_changed(self, ticket_ids: list[str]) -> None:
        """The tracker changed these tickets: show their new state in place."""
        self.model.refresh_tickets(ticket_ids)
        shown = self.detail.detail
        if shown is not None and shown.ticket_id in ticket_ids:
            self.detail.reload()

    def tickets_acted(self, ticket_ids: list[str]) -> None:
        """A screen changed these tickets (or made new ones): query the list again, keeping
        the selection and the scroll position, since tickets may have entered or left it."""
        self.model.reload()
        shown = self.detail.detail
        if shown is not None and shown.ticket_id in ticket_ids:
            self.detail.reload()


class TicketListPage(QWidget):
    message = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        shift: Shift,
        source: TicketSource,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.shift = shift
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 8, 10, 4)
        column.addLayout(self._filter_bar())
        self.browser = TicketBrowser(shift, source, self)
        self.model = self.browser.model
        column.addWidget(self.browser, 1)
        self.browser.message.connect(self.message)
        self.browser.failed.connect(self.failed)
        self.model.loaded.connect(self._loaded)
        self.model.loading_changed.connect(self._loading)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(_SEARCH_PAUSE_MS)
        self._search_timer.timeout.connect(self.apply)
        for chip in (self.mine, self.due_today, self.overdue, self.attention):
            chip.toggled.connect(self.apply)
        for chip in self.utility_chips.values():
            chip.toggled.connect(self.apply)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._search_entered)
        self._to_first_row = False
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.search.setFocus)
        self.addAction(find)
        refresh = QAction(self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.triggered.connect(self.refresh)
        self.addAction(refresh)
        self.refresh_button.clicked.connect(self.refresh)

    def _chip(self, text: str, name: str, row: QHBoxLayout) -> QPushButton:
        chip = QPushButton(text, self)
        chip.setObjectName(name)
        chip.setProperty("chip", True)
        chip.setCheckable(True)
        row.addWidget(chip)
        return chip

    def _filter_bar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        self.search = QLineEdit(self)
        self.search.setObjectName("ticketSearch")
        self.search.setPlaceholderText(self.tr("搜索：受理编号、姓名、电话或单位工单号"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(300)
        row.addWidget(self.search, 2)
        self.mine = self._chip(self.tr("我的"), "chipMine", row)
        self.everyone = self._chip(self.tr("全部"), "chipAll", row)
        scope = QButtonGroup(self)
        scope.setExclusive(True)
        scope.addButton(self.mine)
        scope.addButton(self.everyone)
        self.everyone.setChecked(True)
        row.addSpacing(8)
        self.utility_chips = {}
        for utility in UTILITIES:
            chip = self._chip(utility_short(utility), f"chip_{utility}", row)
            chip.setStyleSheet(
                f"QPushButton:checked {{ background: {look.UTILITY_COLOURS[utility]};"
                f" color: {look.ON_ACCENT_COLOUR}; }}"
            )
            self.utility_chips[utility] = chip
        row.addSpacing(8)
        self.status_button = QToolButton(self)
        self.status_button.setObjectName("chipStatus")
        self.status_button.setText(self.tr("状态"))
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = StayOpenMenu(self.status_button)
        self.status_actions = {}
        for status in STATUS_ORDER:
            action = menu.addAction(status_name(status))
            action.setCheckable(True)
            action.toggled.connect(self.apply)
            self.status_actions[status] = action
        self.status_button.setMenu(menu)
        row.addWidget(self.status_button)
        row.addSpacing(8)
        self.due_today = self._chip(self.tr("今日到期"), "chipDueToday", row)
        self.overdue = self._chip(self.tr("已超期"), "chipOverdue", row)
        self.attention = self._chip(status_name("needs_attention"), "chipAttention", row)
        row.addStretch(1)
        self.count = QLabel(self)
        self.count.setObjectName("ticketCount")
        # As wide as 正在查询… from the start: the row does not jump each time a query runs,
        # and the words are never shown cut while the layout catches up (seen in the real
        # window when another counter's change reloaded the list).
        self.count.ensurePolished()  # in the style sheet's (bold) font
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance(self.tr("正在查询…")))
        row.addWidget(self.count)
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.refresh_button.setObjectName("ticketRefresh")
        self.refresh_button.setToolTip(self.tr("重新查询列表（F5）"))
        row.addWidget(self.refresh_button)
        return row

    def refresh(self) -> None:
        """刷新: query the list again as it is filtered (what another counter changed shows)."""
        self.model.reload()

    def current_filter(self) -> TicketFilter:
        return TicketFilter(
            mine_user_id=self.shift.user.user_id if self.mine.isChecked() else None,
            utilities=frozenset(u for u, c in self.utility_chips.items() if c.isChecked()),
            statuses=frozenset(s for s, a in self.status_actions.items() if a.isChecked()),
            overdue=self.overdue.isChecked(),
            due_today=self.due_today.isChecked(),
            needs_attention=self.attention.isChecked(),
            text=self.search.text().strip(),
        )

    def apply(self) -> None:
        self._search_timer.stop()
        flt = self.current_filter()
        chosen = len(flt.statuses)
        self.status_button.setText(
            self.tr("状态（{0}）").format(chosen) if chosen else self.tr("状态")
        )
        if flt != self.model.filter or self.model.rowCount() == 0:
            self.model.set_filter(flt)

    def show_filter(self, flt: TicketFilter) -> None:
        """Set the chips to a filter (e.g. from the delivery count) and load it."""
        widgets = [
            self.mine,
            self.everyone,
            self.due_today,
            self.overdue,
            self.attention,
            *self.utility_chips.values(),
            *self.status_actions.values(),
        ]
        for widget in widgets:
            widget.blockSignals(True)
        (self.mine if flt.mine_user_id is not None else self.everyone).setChecked(True)
        for utility, chip in self.utility_chips.items():
            chip.setChecked(utility in flt.utilities)
        for status, action in self.status_actions.items():
            action.setChecked(status in flt.statuses)
        self.due_today.setChecked(flt.due_today)
        self.overdue.setChecked(flt.overdue)
        self.attention.setChecked(flt.needs_attention)
        for widget in widgets:
            widget.blockSignals(False)
        self.search.blockSignals(True)
        self.search.setText(flt.text)
        self.search.blockSignals(False)
        self.apply()

    def _search_entered(self) -> None:
        """Enter in the search box: the first match is selected and the table has the keys."""
        self._to_first_row = True
        if self.current_filter() == self.model.filter and not self.model.loading:
            self._loaded(self.model.rowCount())
        else:
            self.apply()

    def _loaded(self, count: int) -> None:
        self.count.setText(self.tr("共 {0} 张").format(count))
        if self._to_first_row:
            self._to_first_row = False
            if count:
                self.browser.table.setFocus()
                self.browser.table.selectRow(0)

    def _loading(self, loading: bool) -> None:
        if loading:
            self.count.setText(self.tr("正在查询…"))
