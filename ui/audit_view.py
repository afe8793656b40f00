"""审计: the audit trail filtered by user, ticket, action and time, a page at a time; CSV export.

Leads and administrators see it. The filter runs in SQL on the worker (onewindow.audit.query);
a page is 100 records, newest first. The export writes every matching record, oldest first,
and is itself recorded in the trail.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from onewindow.audit.query import AuditFilter, AuditPage, AuditRow
from onewindow.clock import HALL_TZ, hall_time
from onewindow.desk import lead_work
from onewindow.desk.lead_work import AuditNames
from ui.audit_words import action_text, details_text, object_text, person_text
from ui.lead_view import SaveDialog, ask_save_path
from ui.read_only_table import read_only_table
from ui.rows_model import Column, RowsModel

if TYPE_CHECKING:
    from ui.shift import Shift
    from ui.tasks import Failure

PAGE_SIZE = 100


class AuditView(QWidget):
    """Signals: `loaded()` after a page is shown; `message(str)` for the status bar;
    `failed(str)` when something did not go through."""

    loaded = Signal()
    message = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        shift: Shift,
        parent: QWidget | None = None,
        *,
        save_dialog: SaveDialog = ask_save_path,
    ) -> None:
        super().__init__(parent)
        self.shift = shift
        self.save_dialog = save_dialog
        self.page = 1
        self.result: AuditPage | None = None
        # People and tickets of the page shown, by name (filled with each page).
        self.names = AuditNames({}, {})
        column = QVBoxLayout(self)

        filters = QGridLayout()
        self.actor = QLineEdit(self)
        self.actor.setPlaceholderText(self.tr("用户名，如 zhangwei 或 cli:root"))
        self.entity = QLineEdit(self)
        self.entity.setPlaceholderText(self.tr("工单号（ID）、受理编号或用户名"))
        self.action = QComboBox(self)
        self.action.setEditable(True)
        self.action.setToolTip(self.tr("以“.”结尾按前缀筛选，如 user."))
        self.action.addItem("")
        now = QDateTime(hall_time(shift.hall.now()).replace(tzinfo=None))
        self.use_since = QCheckBox(self.tr("从"), self)
        self.since = QDateTimeEdit(QDateTime(now.date().addDays(-7), QTime(0, 0)), self)
        self.use_until = QCheckBox(self.tr("至"), self)
        self.until = QDateTimeEdit(QDateTime(now.date().addDays(1), QTime(0, 0)), self)
        for moment in (self.since, self.until):
            moment.setCalendarPopup(True)
            moment.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.search_button = QPushButton(self.tr("查询"), self)
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.search)
        self.export_button = QPushButton(self.tr("导出 CSV…"), self)
        self.export_button.clicked.connect(self.export)
        for edit in (self.actor, self.entity):
            edit.returnPressed.connect(self.search)
        filters.addWidget(QLabel(self.tr("操作人"), self), 0, 0)
        filters.addWidget(self.actor, 0, 1)
        filters.addWidget(QLabel(self.tr("对象"), self), 0, 2)
        filters.addWidget(self.entity, 0, 3)
        filters.addWidget(QLabel(self.tr("操作"), self), 0, 4)
        filters.addWidget(self.action, 0, 5)
        filters.addWidget(self.use_since, 1, 0)
        filters.addWidget(self.since, 1, 1)
        filters.addWidget(self.use_until, 1, 2)
        filters.addWidget(self.until, 1, 3)
        filters.addWidget(self.search_button, 1, 4)
        filters.addWidget(self.export_button, 1, 5)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)
        filters.setColumnStretch(5, 1)
        column.addLayout(filters)

        self.model = RowsModel[AuditRow](
            [
                Column(self.tr("序号"), lambda r: str(r.id), numeric=True),
                Column(self.tr("时间"), lambda r: f"{hall_time(r.at):%Y-%m-%d %H:%M:%S}"),
                Column(self.tr("操作人"), lambda r: person_text(r.actor, self.names)),
                Column(self.tr("操作"), lambda r: action_text(r.action), tooltip=self._code),
                Column(self.tr("对象"), lambda r: object_text(r, self.names)),
                Column(self.tr("详情"), self._details, tooltip=self._details),
            ],
            self,
        )
        self.table = read_only_table(self.model, self)
        column.addWidget(self.table, 1)

        paging = QHBoxLayout()
        self.previous = QPushButton(self.tr("上一页"), self)
        self.next = QPushButton(self.tr("下一页"), self)
        self.position = QLabel(self)
        self.previous.clicked.connect(lambda: self.go(self.page - 1))
        self.next.clicked.connect(lambda: self.go(self.page + 1))
        paging.addWidget(self.position)
        paging.addStretch(1)
        paging.addWidget(self.previous)
        paging.addWidget(self.next)
        column.addLayout(paging)
        self._paging()

    def current_filter(self) -> AuditFilter:
        def moment(edit: QDateTimeEdit) -> datetime:
            value = edit.dateTime().toPython()
            assert isinstance(value, datetime)
            return value.replace(tzinfo=HALL_TZ)

        return AuditFilter(
            actor=self.actor.text().strip() or None,
            entity_id=self.entity.text().strip() or None,
            action=self._action_code(),
            since=moment(self.since) if self.use_since.isChecked() else None,
            until=moment(self.until) if self.use_until.isChecked() else None,
        )

    def load_actions(self) -> None:
        hall, user = self.shift.hall, self.shift.user

        def show(actions: list[str]) -> None:
            typed = self.action.currentText()
            self.action.clear()
            self.action.addItem("", None)
            for code in actions:
                self.action.addItem(action_text(code), code)
            self.action.setCurrentText(typed)

        self.shift.tasks.run(lambda: lead_work.audit_actions(hall, user), show, self._failed)

    def search(self) -> None:
        self.go(1)

    def go(self, page: int) -> None:
        hall, user, f = self.shift.hall, self.shift.user, self.current_filter()
        self.search_button.setEnabled(False)

        def work() -> tuple[AuditPage, AuditNames]:
            found = lead_work.search_audit(hall, user, f, max(1, page), PAGE_SIZE)
            return found, lead_work.audit_names(hall, found.rows)

        self.shift.tasks.run(work, self._show, self._failed)

    def _action_code(self) -> str | None:
        """The code behind the chosen phrase; typed text (a prefix such as "user.") as typed."""
        typed = self.action.currentText().strip()
        index = self.action.findText(typed)
        if typed and index > 0:
            return str(self.action.itemData(index))
        return typed or None

    def _code(self, row: AuditRow) -> str:
        return row.action

    def _details(self, row: AuditRow) -> str:
        return details_text(row, self.names)

    def _show(self, answer: tuple[AuditPage, AuditNames]) -> None:
        result, self.names = answer
        self.result = result
        self.page = result.page
        self.model.set_rows(result.rows)
        self.search_button.setEnabled(True)
        self._paging()
        self.loaded.emit()

    def _paging(self) -> None:
        result = self.result
        if result is None:
            self.position.setText("")
            self.previous.setEnabled(False)
            self.next.setEnabled(False)
            return
        self.position.setText(
            self.tr("第 {0}/{1} 页，共 {2} 条").format(result.page, result.pages, result.total)
        )
        self.previous.setEnabled(result.page > 1)
        self.next.setEnabled(result.page < result.pages)

    def _failed(self, failure: Failure) -> None:
        self.search_button.setEnabled(True)
        self.failed.emit(failure.message)

    def export(self) -> None:
        f = self.current_filter()
        suggested = f"审计记录_{hall_time(self.shift.hall.now()):%Y%m%d-%H%M}.csv"
        chosen = self.save_dialog(
            self, self.tr("导出审计记录"), suggested, self.tr("CSV 文件 (*.csv)")
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".csv":
            path = path.with_name(path.name + ".csv")
        hall, user = self.shift.hall, self.shift.user
        self.shift.tasks.run(
            lambda: lead_work.export_audit(hall, user, f, path),
            lambda saved: self.message.emit(self.tr("审计记录已导出：{0}").format(saved)),
            self._failed,
        )
