"""One ticket beside the list: timeline, clock, materials, permits, the utility's messages, and
what the clerk may do (record a late material, cancel with a reason, re-send after correcting,
reprint the receipt).

Signals: `changed(str)` with the ticket id after an action went through (lists refresh that
row); `message(str)` with a line for the status bar; `failed(str)` when an action did not go
through (the window keeps it in view until the clerk closes it).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from onewindow.clock import hall_date
from onewindow.desk import ticket_work
from onewindow.desk.ticket_work import LateRecorded
from onewindow.tickets.queries import (
    ACKNOWLEDGE,
    CANCEL,
    RECORD_MATERIAL,
    REPRINT,
    RESEND,
    MaterialView,
    TicketDetail,
)
from ui import i18n, look
from ui.look import KIND_COLOURS
from ui.print_service import PaperCopies, PrintDialog, PrintSettings, print_pdfs
from ui.status_names import (
    permit_name,
    permit_state_name,
    service_name,
    status_colour,
    status_name,
    utility_name,
)
from ui.tasks import Failure
from ui.ticket_dialogs import CancelDialog, MaterialDialog, ResendDialog, field_label
from ui.training_controls import ScenarioButton

# Not a core action: offered beside 补打回执 while a document is still to follow.
REPRINT_NOTICE = "reprint_notice"

if TYPE_CHECKING:
    from datetime import datetime

    from ui.shift import Shift


def moment_text(moment: datetime) -> str:
    return f"{i18n.long_date(hall_date(moment))} {i18n.clock_time(moment)}"


def _label(text: str, parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


class TicketDetailPane(QScrollArea):
    changed = Signal(str)
    message = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        shift: Shift,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.shift = shift
        self.copies = PaperCopies(shift, self)
        # This workstation's receipt layout and printers: the very ones the copies use.
        self.print_settings = self.copies.settings
        self.copies.done.connect(self.message)
        self.copies.failed.connect(self.failed)
        self.detail: TicketDetail | None = None
        self._wanted: str | None = None
        self.setWidgetResizable(True)
        # Lines wrap to the pane's width instead of hiding behind a sideways scroll.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMinimumWidth(380)
        self._empty()

    # Loading.

    def show_ticket(self, ticket_id: str | None) -> None:
        self._wanted = ticket_id
        if ticket_id is None:
            self._empty()
            return
        self.shift.tasks.run(
            lambda: ticket_work.detail(self.shift.hall, ticket_id, self.shift.user.user_id),
            lambda detail: self._loaded(ticket_id, detail),
            self._failed,
        )

    def reload(self) -> None:
        if self.detail is not None:
            self.show_ticket(self.detail.ticket_id)

    def _loaded(self, ticket_id: str, detail: TicketDetail) -> None:
        if ticket_id == self._wanted:
            self.show_detail(detail)

    def _failed(self, failure: Failure) -> None:
        self.failed.emit(failure.message)

    def _empty(self) -> None:
        self.detail = None
        page = QWidget(self)
        column = QVBoxLayout(page)
        hint = QLabel(
            self.tr("在左侧列表中选择一张工单，这里显示它的进度、时限、材料和可办的操作。"), page
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        column.addWidget(hint)
        column.addStretch(1)
        self.setWidget(page)

    # Showing.

    def show_detail(self, detail: TicketDetail) -> None:
        self.detail = detail
        page = QWidget(self)
        page.setObjectName("ticketDetail")
        column = QVBoxLayout(page)
        column.setSpacing(8)
        column.addWidget(self._head(detail, page))
        column.addWidget(self._clock_box(detail, page))
        if detail.attention:
            column.addWidget(self._attention_box(detail, page))
        column.addWidget(self._timeline_box(detail, page))
        if detail.materials:
            column.addWidget(self._materials_box(detail, page))
        if detail.permits:
            column.addWidget(self._permits_box(detail, page))
        column.addWidget(self._actions(detail, page))
        column.addStretch(1)
        self.setWidget(page)

    def _head(self, d: TicketDetail, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        number = _label(d.application_no, box, "detailApplicationNo")
        number.setObjectName("detailApplicationNo")
        top.addWidget(number)
        top.addStretch(1)
        utility = QLabel(f"{utility_name(d.utility)} · {service_name(d.service)}", box)
        colour = look.UTILITY_COLOURS.get(d.utility, look.INK_COLOUR)
        utility.setStyleSheet(f"color: {colour}; font-weight: bold; font-size: 13pt;")
        top.addWidget(utility)
        column.addLayout(top)
        form = QFormLayout()
        form.setHorizontalSpacing(12)
        status = _label(status_name(d.status), box, "detailStatus")
        status.setStyleSheet(f"color: {status_colour(d.status)}; font-weight: bold;")
        form.addRow(self.tr("状态"), status)
        form.addRow(self.tr("单位工单号"), _label(d.utility_ticket_no or self.tr("待分配"), box))
        applicant = f"{d.applicant_name}  {d.phone_masked}"
        if d.contact_name:
            applicant += "  " + self.tr("联系人 {0}").format(d.contact_name)
        form.addRow(self.tr("申请人"), _label(applicant, box))
        form.addRow(self.tr("证件"), _label(d.id_masked, box))
        form.addRow(self.tr("地址"), _label(d.site_address, box))
        if d.account_no:
            form.addRow(self.tr("户号"), _label(d.account_no, box))
        form.addRow(
            self.tr("受理"),
            _label(
                self.tr("{0}，{1}").format(
                    moment_text(d.received_at), i18n.counter_label(d.counter_id)
                ),
                box,
            ),
        )
        form.addRow(self.tr("经办人"), _label(d.assignee_name or self.tr("未分派"), box))
        column.addLayout(form)
        return box

    def clock_texts(self, d: TicketDetail) -> list[str]:
        """The clock's lines as shown (tests read them)."""
        return [text for text, _kind in self._clock_lines(d)]

    def _clock_lines(self, d: TicketDetail) -> list[tuple[str, str]]:
        """(text, colour kind) per line; the first is the due date."""
        c = d.clock
        lines: list[tuple[str, str]] = []
        if c.due is None:
            lines.append((self.tr("此业务没有设定办理时限"), ""))
        elif c.provisional:
            lines.append((self.tr("承诺办结 {0} 暂定").format(i18n.long_date(c.due)), ""))
        else:
            lines.append((self.tr("承诺办结 {0}").format(i18n.long_date(c.due)), ""))
        if c.limit_workdays is not None:
            lines.append((self.tr("时限 {0} 个工作日").format(c.limit_workdays), ""))
        if c.state == "stopped":
            lines.append((self.tr("已结束计时"), ""))
        elif c.state == "paused":
            lines.append((self.tr("计时暂停中（等待申请人、审批或施工）"), "paused"))
        elif c.days_left is not None:
            if c.days_left < 0:
                lines.append((self.tr("已超期 {0} 个工作日").format(-c.days_left), "alarm"))
            elif c.days_left == 0:
                lines.append((self.tr("今日到期"), "paused"))
            else:
                lines.append((self.tr("剩 {0} 个工作日").format(c.days_left), ""))
        if c.paused_workdays:
            lines.append(
                (self.tr("已暂停 {0} 个工作日（不计入时限）").format(c.paused_workdays), "")
            )
        if c.sub_clock is not None:
            sub = c.sub_clock
            unit = self.tr("个工作日") if sub.unit == "workdays" else self.tr("天")
            lines.append(
                (
                    self.tr("{0}：{1}{2}，{3}前完成").format(
                        status_name(sub.status), sub.limit, unit, i18n.long_date(sub.due)
                    ),
                    "paused",
                )
            )
        return lines

    def _clock_box(self, d: TicketDetail, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("办理时限"), parent)
        column = QVBoxLayout(box)
        lines = self._clock_lines(d)
        first = _label(lines[0][0], box, "detailDue")
        first.setStyleSheet("font-size: 14pt; font-weight: bold;")
        column.addWidget(first)
        if d.clock.provisional:
            note = _label(
                self.tr("暂定：办结日所在年份的放假安排尚未公布，日期按法定假日推算。"), box
            )
            note.setStyleSheet(f"color: {KIND_COLOURS['paused']};")
            column.addWidget(note)
        for text, kind in lines[1:]:
            label = _label(text, box)
            if kind:
                label.setStyleSheet(f"color: {KIND_COLOURS[kind]}; font-weight: bold;")
            column.addWidget(label)
        return box

    def _attention_box(self, d: TicketDetail, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("单位退回意见（需处理）"), parent)
        box.setObjectName("attentionBox")
        column = QVBoxLayout(box)
        for m in d.attention:
            # A field of the form is named; another (a refused cancel's "status") is no word
            # for a clerk: the utility's sentence alone.
            name = field_label(m.field) if m.field else ""
            text = f"{name}：{m.message}" if name and name != m.field else m.message
            label = _label(text, box, "fieldError")
            column.addWidget(label)
        return box

    def _timeline_box(self, d: TicketDetail, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("进度"), parent)
        column = QVBoxLayout(box)
        column.setSpacing(6)
        for entry in d.timeline:
            text = (
                f"{html.escape(moment_text(entry.at))}&nbsp;&nbsp;"
                f'<b style="color:{status_colour(entry.status)}">'
                f"{html.escape(status_name(entry.status))}</b>"
            )
            if entry.note:
                # The utility's note, as it came.
                text += (
                    f'<br><span style="color:{look.NOTE_COLOUR}">{html.escape(entry.note)}</span>'
                )
            label = _label(text, box, "timelineEntry")
            label.setTextFormat(Qt.TextFormat.RichText)
            column.addWidget(label)
        return box

    def material_text(self, m: MaterialView, visit: datetime) -> str:
        """`visit`: when the application was received; what came with it is not 补交."""
        if m.received:
            if m.received_at is not None and m.received_at > visit:
                return self.tr("☑ {0}（{1}补交）").format(
                    m.name, i18n.short_date(hall_date(m.received_at))
                )
            return self.tr("☑ {0}").format(m.name)
        if m.waived_reason:
            return self.tr("— {0}：不需要（{1}）").format(m.name, m.waived_reason)
        if m.due is None:
            return self.tr("☐ {0}").format(m.name)
        if m.late:
            return self.tr("☐ {0} — 已过补交期限 {1}").format(m.name, i18n.long_date(m.due))
        return self.tr("☐ {0} — {1}前补交").format(m.name, i18n.long_date(m.due))

    def _materials_box(self, d: TicketDetail, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("材料"), parent)
        column = QVBoxLayout(box)
        for m in d.materials:
            label = _label(self.material_text(m, d.received_at), box)
            if m.late:
                label.setStyleSheet(f"color: {KIND_COLOURS['alarm']};")
            elif m.missing:
                label.setStyleSheet(f"color: {KIND_COLOURS['paused']};")
            column.addWidget(label)
        return box

    def _permits_box(self, d: TicketDetail, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("代办许可"), parent)
        column = QVBoxLayout(box)
        for p in d.permits:
            column.addWidget(
                _label(
                    self.tr("{0} — {1}（{2}）").format(
                        permit_name(p.kind),
                        permit_state_name(p.state),
                        i18n.long_date(hall_date(p.updated_at)),
                    ),
                    box,
                )
            )
        return box

    def _actions(self, d: TicketDetail, parent: QWidget) -> QWidget:
        # Two by two, so that the pane stays narrow beside the list.
        grid_widget = QWidget(parent)
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(0, 4, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for position, (key, text, slot) in enumerate(
            (
                (RECORD_MATERIAL, self.tr("补交材料"), self.record_material),
                (RESEND, self.tr("更正后重新发送"), self.resend),
                (REPRINT, self.tr("补打回执"), self.reprint),
                (CANCEL, self.tr("撤销工单…"), self.cancel),
                (REPRINT_NOTICE, self.tr("补打告知书"), self.reprint_notice),
                (ACKNOWLEDGE, self.tr("已知悉，不再提示"), self.acknowledge),
            )
        ):
            button = QPushButton(text, grid_widget)
            button.setObjectName(f"action_{key}")
            # The notice is reprinted from a ticket while it still waits for a document.
            allowed = REPRINT in d.actions and any(not m.received for m in d.materials)
            button.setEnabled(allowed if key == REPRINT_NOTICE else key in d.actions)
            # Shown only while a refusal waits to be acknowledged: it is rarely there.
            button.setVisible(key != ACKNOWLEDGE or key in d.actions)
            button.clicked.connect(slot)
            self.buttons[key] = button
            grid.addWidget(button, position // 2, position % 2)
        if self.shift.hall.config.training:
            grid.addWidget(ScenarioButton(self, d, grid_widget), 3, 0, 1, 2)
        return grid_widget

    # Actions.

    def _run(self, work: Any, done_text: str, queued_text: str | None = None) -> None:
        """Run an action; `work` returns the ticket id, or (ticket id, only queued) for an
        action the utility must still confirm, which then says `queued_text`."""
        detail = self.detail
        if detail is None:
            return
        for button in self.buttons.values():
            button.setEnabled(False)

        def done(result: str | tuple[str, bool]) -> None:
            ticket_id, queued = result if isinstance(result, tuple) else (result, False)
            self.message.emit(queued_text if queued and queued_text else done_text)
            self.changed.emit(ticket_id)
            self.show_ticket(ticket_id)

        def failed(failure: Failure) -> None:
            self.failed.emit(failure.message)
            self.show_ticket(detail.ticket_id)

        self.shift.tasks.run(work, done, failed)

    def record_material(self) -> None:
        d = self.detail
        if d is None:
            return
        missing = [m for m in d.materials if m.missing]
        codes = MaterialDialog.ask(missing, self)
        if not codes:
            return
        user_id, ticket_id, version = self.shift.user.user_id, d.ticket_id, d.version
        for button in self.buttons.values():
            button.setEnabled(False)

        def failed(failure: Failure) -> None:
            self.failed.emit(failure.message)
            self.show_ticket(ticket_id)

        self.shift.tasks.run(
            lambda: ticket_work.record_material(
                self.shift.hall, user_id, ticket_id, codes, version
            ),
            self._late_recorded,
            failed,
        )

    def _late_recorded(self, late: LateRecorded) -> None:
        """Recorded for every open ticket that waited: hand the applicant the 补交材料回执, with
        the one-time notice again when something is still to follow (both A4, one job)."""
        self.changed.emit(late.ticket_id)
        self.show_ticket(late.ticket_id)
        printer = self.print_settings.printer(PrintSettings.A4)
        title = self.tr("打印补交材料回执")
        if not PrintDialog.ask(printer, self, title):
            self.message.emit(self.tr("已登记补交材料，将通知单位（回执未打印）"))
            return

        def send(documents: tuple[bytes, ...]) -> None:
            try:
                pages = print_pdfs(list(documents), printer)
            except OSError as exc:
                self.failed.emit(self.tr("已登记补交材料，回执没有打印：{0}").format(exc))
                return
            self.print_settings.remember(PrintSettings.A4, printer)
            self.message.emit(
                self.tr("已登记补交材料，将通知单位；补交材料回执已送打印机，共 {0} 页").format(
                    pages
                )
            )

        hall, user_id = self.shift.hall, self.shift.user.user_id
        self.shift.tasks.run(
            lambda: ticket_work.late_papers(hall, user_id, late), send, self._failed
        )

    def cancel(self) -> None:
        d = self.detail
        if d is None:
            return
        reason = CancelDialog.ask(d.application_no, self)
        if not reason:
            return
        user_id, ticket_id, version = self.shift.user.user_id, d.ticket_id, d.version
        self._run(
            lambda: ticket_work.cancel(self.shift.hall, user_id, ticket_id, reason, version),
            self.tr("工单已撤销"),
            # Only asked for: the utility may still refuse (already connected).
            self.tr("已提交撤销申请，等待单位确认（撤销中）"),
        )

    def acknowledge(self) -> None:
        d = self.detail
        if d is None:
            return
        user_id, ticket_id = self.shift.user.user_id, d.ticket_id
        self._run(
            lambda: ticket_work.acknowledge(self.shift.hall, user_id, ticket_id),
            self.tr("已知悉，该工单不再显示为需处理"),
        )

    def resend(self) -> None:
        d = self.detail
        if d is None:
            return
        corrections = ResendDialog.ask(d.attention, self)
        if corrections is None:
            return
        user_id, ticket_id, version = self.shift.user.user_id, d.ticket_id, d.version
        self._run(
            lambda: ticket_work.resend(self.shift.hall, user_id, ticket_id, corrections, version),
            self.tr("已更正，工单重新排队发送"),
        )

    def reprint(self) -> None:
        """补打回执: a copy of the application's receipt in this workstation's layout,
        counted and logged like every copy (PaperCopies, the one printing path)."""
        d = self.detail
        if d is not None:
            self.copies.print_papers(d.application_no, [("receipt", self.print_settings.layout)])

    def reprint_notice(self) -> None:
        """补打告知书: the one-time notice again (what is still to follow), counted likewise."""
        d = self.detail
        if d is not None:
            self.copies.print_papers(d.application_no, [("notice", "a4")])
