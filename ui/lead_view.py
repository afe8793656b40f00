"""统计: the team lead's screen (ux.md; issue 6 §2–3).

Four numbers on top (open, due today, overdue, needs attention); a red notice while any
ticket is overdue; each clerk's load; the hall's open tickets by utility and status as a
stacked bar chart; the tickets approaching their due date (or the overdue ones), soonest
first, where the lead selects rows and 改派 them with a required reason; and the indicator
report for a period, saved as PDF or CSV. Every query runs on the background worker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QDate, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from onewindow.access.users import Role
from onewindow.clock import hall_date
from onewindow.config import UTILITIES
from onewindow.desk import lead_work
from onewindow.lead.workload import ClerkLoad, DueTicket
from ui import i18n, look
from ui.read_only_table import Selection, read_only_table
from ui.reassign_dialog import ReassignDialog
from ui.rows_model import Column, RowsModel
from ui.stacked_bars import Series, StackedBars
from ui.status_names import (
    STATUS_ORDER,
    role_name,
    service_name,
    status_colour,
    status_name,
    utility_name,
)

if TYPE_CHECKING:
    from ui.shift import Shift
    from ui.tasks import Failure

# A value the test or the caller can replace: where the save dialog asks for the report file.
SaveDialog = Callable[[QWidget, str, str, str], str]


def ask_save_path(parent: QWidget, title: str, suggested: str, filter_text: str) -> str:
    return QFileDialog.getSaveFileName(parent, title, suggested, filter_text)[0]


def service_text(utility: str, service: str) -> str:
    """供气新装 in Chinese; "Gas new connection" in English, where words need a space."""
    if i18n.is_english():
        return f"{utility_name(utility)} {service_name(service).lower()}"
    return utility_name(utility) + service_name(service)


class NumberCard(QFrame):
    def __init__(self, title: str, parent: QWidget, alarm: bool = False) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("numberCard")
        column = QVBoxLayout(self)
        self.value = QLabel("—", self)
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.alarm = alarm
        self.value.setStyleSheet("font-size: 22pt; font-weight: bold; border: none;")
        caption = QLabel(title, self)
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption.setStyleSheet("border: none;")
        column.addWidget(self.value)
        column.addWidget(caption)
        self.setAccessibleName(title)

    def show_number(self, n: int) -> None:
        self.value.setText(str(n))
        colour = look.ERROR_COLOUR if self.alarm and n else look.INK_COLOUR
        self.value.setStyleSheet(
            f"font-size: 22pt; font-weight: bold; border: none; color: {colour};"
        )


class LeadView(QWidget):
    """Signals: `loaded()` after each refresh is shown; `due_loaded()` after the ticket list
    below changes; `message(str)` for the status bar; `failed(str)` when something did not go
    through; `reassigned(list)` with the ids of tickets moved."""

    loaded = Signal()
    due_loaded = Signal()
    message = Signal(str)
    failed = Signal(str)
    reassigned = Signal(list)

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
        self.data: lead_work.Workload | None = None
        self.may_reassign = Role(shift.user.role) == Role.LEAD
        column = QVBoxLayout(self)

        cards = QHBoxLayout()
        self.open_card = NumberCard(self.tr("在办工单"), self)
        self.today_card = NumberCard(self.tr("今日到期"), self)
        self.overdue_card = NumberCard(self.tr("已超期"), self, alarm=True)
        self.attention_card = NumberCard(status_name("needs_attention"), self, alarm=True)
        for card in (self.open_card, self.today_card, self.overdue_card, self.attention_card):
            cards.addWidget(card)
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.refresh_button.clicked.connect(self.refresh)
        cards.addWidget(self.refresh_button)
        column.addLayout(cards)

        self.notice = QLabel(self)
        self.notice.setObjectName("overdueNotice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.hide()
        column.addWidget(self.notice)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.loads = RowsModel[ClerkLoad](
            [
                Column(self.tr("受理人"), lambda c: i18n.person(c.display_name, c.username)),
                Column(self.tr("角色"), self._role_text),
                Column(self.tr("在办"), lambda c: str(c.open), numeric=True),
                Column(self.tr("今日到期"), lambda c: str(c.due_today), numeric=True),
                Column(
                    self.tr("已超期"),
                    lambda c: str(c.overdue),
                    numeric=True,
                    colour=lambda c: look.ERROR_COLOUR if c.overdue else None,
                ),
                Column(self.tr("暂停"), lambda c: str(c.paused), numeric=True),
            ],
            self,
        )
        self.loads_view = read_only_table(self.loads, split, selection=Selection.SingleSelection)
        self.loads_view.selectionModel().selectionChanged.connect(self._clerk_selected)
        self.chart = StackedBars(self.tr("在办工单：按单位和状态"), split)
        self.chart.setMinimumHeight(240)
        split.addWidget(self.loads_view)
        split.addWidget(self.chart)
        split.setSizes([520, 560])
        column.addWidget(split, 2)

        due_box = QGroupBox(self.tr("工单到期情况"), self)
        due_column = QVBoxLayout(due_box)
        switch = QHBoxLayout()
        self.show_approaching = QRadioButton(self.tr("即将到期（2个工作日内）"), due_box)
        self.show_overdue = QRadioButton(self.tr("已超期"), due_box)
        self.show_clerk = QRadioButton(self.tr("所选受理人的全部在办工单"), due_box)
        self.show_clerk.setToolTip(self.tr("在上方表格中选一位受理人，例如请假时把其工单全部改派"))
        self.show_approaching.setChecked(True)
        group = QButtonGroup(due_box)
        for button in (self.show_approaching, self.show_overdue, self.show_clerk):
            group.addButton(button)
            switch.addWidget(button)
        group.buttonToggled.connect(self._due_choice_toggled)
        switch.addStretch(1)
        self.reassign_button = QPushButton(self.tr("改派…"), due_box)
        self.reassign_button.setObjectName("reassignButton")
        self.reassign_button.setEnabled(False)
        self.reassign_button.setVisible(self.may_reassign)
        self.reassign_button.clicked.connect(self.reassign_selected)
        switch.addWidget(self.reassign_button)
        due_column.addLayout(switch)
        self.due = RowsModel[DueTicket](
            [
                Column(
                    self.tr("到期日"),
                    lambda t: i18n.long_date(t.due_date) if t.due_date else "—",
                    colour=self._due_colour,
                ),
                Column(self.tr("受理编号"), lambda t: t.application_no),
                Column(self.tr("申请人"), lambda t: t.applicant_name),
                Column(self.tr("业务"), lambda t: service_text(t.utility, t.service)),
                Column(
                    self.tr("状态"),
                    lambda t: status_name(t.status),
                    colour=lambda t: status_colour(t.status),
                ),
                Column(self.tr("受理人"), lambda t: t.assignee or self.tr("（无）")),
            ],
            self,
        )
        self.due_view = read_only_table(self.due, due_box)
        self.due_view.selectionModel().selectionChanged.connect(self._selection_changed)
        due_column.addWidget(self.due_view)
        column.addWidget(due_box, 2)

        column.addWidget(self._report_box())

    # Building blocks.

    def _due_choice_toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self._show_due()

    def _report_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("指标对比报告（受理日期区间）"), self)
        row = QGridLayout(box)
        today = hall_date(self.shift.hall.now())
        self.report_from = QDateEdit(QDate(today.year, today.month, 1), box)
        self.report_to = QDateEdit(QDate(today.year, today.month, today.day), box)
        for edit in (self.report_from, self.report_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.pdf_button = QPushButton(self.tr("导出 PDF…"), box)
        self.csv_button = QPushButton(self.tr("导出 CSV…"), box)
        self.pdf_button.clicked.connect(lambda: self.export_report("pdf"))
        self.csv_button.clicked.connect(lambda: self.export_report("csv"))
        row.addWidget(QLabel(self.tr("从"), box), 0, 0)
        row.addWidget(self.report_from, 0, 1)
        row.addWidget(QLabel(self.tr("至"), box), 0, 2)
        row.addWidget(self.report_to, 0, 3)
        row.addWidget(self.pdf_button, 0, 4)
        row.addWidget(self.csv_button, 0, 5)
        row.setColumnStretch(6, 1)
        return box

    def _role_text(self, load: ClerkLoad) -> str:
        role = role_name(load.role)
        return role if load.active else self.tr("{0}（已停用）").format(role)

    def _due_colour(self, ticket: DueTicket) -> str | None:
        due = ticket.due_date
        if self.data is not None and due is not None and due < self.data.today:
            return look.ERROR_COLOUR
        return None

    # Loading.

    def refresh(self) -> None:
        hall, user = self.shift.hall, self.shift.user
        self.refresh_button.setEnabled(False)
        self.shift.tasks.run(lambda: lead_work.workload(hall, user), self._show, self._failed)

    def _failed(self, failure: Failure) -> None:
        self.refresh_button.setEnabled(True)
        self.failed.emit(failure.message)

    def _show(self, data: lead_work.Workload) -> None:
        self.data = data
        self.refresh_button.setEnabled(True)
        s = data.summary
        self.open_card.show_number(s.open)
        self.today_card.show_number(s.due_today)
        self.overdue_card.show_number(s.overdue)
        self.attention_card.show_number(s.needs_attention)
        if s.overdue:
            oldest = data.overdue[0] if data.overdue else None
            text = self.tr("注意：{0} 张工单已超过承诺办结日期，请尽快督办或改派。").format(
                s.overdue
            )
            if oldest is not None:
                text += self.tr("最早一张 {0}（{1}），受理人 {2}。").format(
                    oldest.application_no,
                    i18n.long_date(oldest.due_date) if oldest.due_date else "—",
                    oldest.assignee or self.tr("（无）"),
                )
            self.notice.setText(text)
        self.notice.setVisible(bool(s.overdue))
        chosen = self.selected_clerk()
        self.loads.set_rows(data.loads)
        if chosen is not None:
            names = [c.username for c in data.loads]
            if chosen.username in names:
                with QSignalBlocker(self.loads_view.selectionModel()):
                    self.loads_view.selectRow(names.index(chosen.username))
        self._draw_chart(data)
        self._show_due()
        self.loaded.emit()

    def _draw_chart(self, data: lead_work.Workload) -> None:
        counts = {(c.utility, c.status): c.count for c in data.by_status}
        statuses = [s for s in STATUS_ORDER if any(k[1] == s for k in counts)]
        statuses += sorted({k[1] for k in counts} - set(statuses))
        self.chart.set_data(
            [utility_name(u) for u in UTILITIES],
            [
                Series(
                    status_name(status),
                    look.CHART_COLOURS.get(status, status_colour(status)),
                    tuple(counts.get((utility, status), 0) for utility in UTILITIES),
                )
                for status in statuses
            ],
        )

    def _show_due(self) -> None:
        if self.data is None:
            return
        if self.show_clerk.isChecked():
            self._load_clerk_tickets()
            return
        rows = self.data.overdue if self.show_overdue.isChecked() else self.data.approaching
        self._set_due_rows(rows)

    def _set_due_rows(self, rows: Sequence[DueTicket]) -> None:
        self.due.set_rows(rows)
        self._selection_changed()
        self.due_loaded.emit()

    def selected_clerk(self) -> ClerkLoad | None:
        rows = self.loads_view.selectionModel().selectedRows()
        return self.loads.rows[rows[0].row()] if rows else None

    def _clerk_selected(self, *_: object) -> None:
        if self.show_clerk.isChecked():
            self._load_clerk_tickets()

    def _load_clerk_tickets(self) -> None:
        clerk = self.selected_clerk()
        if clerk is None:
            self._set_due_rows([])
            return
        hall, user, username = self.shift.hall, self.shift.user, clerk.username

        def show(rows: list[DueTicket]) -> None:
            chosen = self.selected_clerk()
            if self.show_clerk.isChecked() and chosen is not None and chosen.username == username:
                self._set_due_rows(rows)

        self.shift.tasks.run(
            lambda: lead_work.clerk_tickets(hall, user, username), show, self._failed
        )

    def show_overdue_list(self) -> None:
        self.show_overdue.setChecked(True)

    def _selection_changed(self, *_: object) -> None:
        self.reassign_button.setEnabled(bool(self.selected_tickets()))

    def selected_tickets(self) -> list[DueTicket]:
        rows = sorted({i.row() for i in self.due_view.selectionModel().selectedRows()})
        return [self.due.rows[r] for r in rows]

    # Actions.

    def reassign_selected(self) -> None:
        tickets = self.selected_tickets()
        if not tickets or self.data is None:
            return
        ids = [t.ticket_id for t in tickets]
        versions = {t.ticket_id: t.version for t in tickets if t.version is not None}
        ReassignDialog.ask(
            len(tickets),
            self.data.assignees,
            self,
            lambda to, reason, dialog: self.reassign(ids, to, reason, dialog, versions),
        )

    def reassign(
        self,
        ticket_ids: list[str],
        to_username: str,
        reason: str,
        dialog: ReassignDialog | None = None,
        versions: dict[str, int] | None = None,
    ) -> None:
        hall, user = self.shift.hall, self.shift.user
        names = {a.username: a.display_name for a in self.data.assignees} if self.data else {}
        # People by the name the hall knows them by (张伟), not their user name.
        to_name = names.get(to_username, to_username)

        def done(moved: int) -> None:
            if dialog is not None:
                dialog.succeeded()
            self.message.emit(self.tr("已改派 {0} 张工单给 {1}").format(moved, to_name))
            self.reassigned.emit(ticket_ids)
            self.refresh()

        def failed(failure: Failure) -> None:
            if dialog is not None:
                dialog.failed(failure.message)
            self._failed(failure)
            # Someone acted on these tickets meanwhile (or they could not move): show what
            # is true now.
            self.refresh()

        self.shift.tasks.run(
            lambda: lead_work.reassign(hall, user, ticket_ids, to_username, reason, versions),
            done,
            failed,
        )

    def export_report(self, fmt: Literal["pdf", "csv"]) -> None:
        start = self.report_from.date().toPython()
        end = self.report_to.date().toPython()
        assert isinstance(start, date) and isinstance(end, date)
        suggested = f"指标对比_{start:%Y%m%d}-{end:%Y%m%d}.{fmt}"
        filter_text = self.tr("PDF 文件 (*.pdf)") if fmt == "pdf" else self.tr("CSV 文件 (*.csv)")
        chosen = self.save_dialog(self, self.tr("保存指标对比报告"), suggested, filter_text)
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")
        hall, user = self.shift.hall, self.shift.user
        self.shift.tasks.run(
            lambda: lead_work.export_indicators(hall, user, start, end, fmt, path),
            lambda saved: self.message.emit(self.tr("报告已保存：{0}").format(saved)),
            self._failed,
        )
