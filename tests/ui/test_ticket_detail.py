"""A ticket's detail: timeline, clock (paused days, 暂定), materials, and the actions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from onewindow.clock import hall_time
from onewindow.hall import Hall
from onewindow.store.models import AuditEvent, PrintRecord, Ticket
from tests.conftest import FixedClock
from tests.ui import ticket_fixtures
from tests.ui.ticket_fixtures import Desk, Jobs, open_ticket
from ui.print_service import PrintDialog
from ui.tasks import TaskRunner
from ui.ticket_detail import TicketDetailPane
from ui.ticket_dialogs import CancelDialog, MaterialDialog, ResendDialog

desk = ticket_fixtures.desk
pane = ticket_fixtures.pane
jobs = ticket_fixtures.jobs


def texts(pane: TicketDetailPane) -> list[str]:
    return [label.text() for label in pane.widget().findChildren(QLabel)]


def test_timeline_clock_with_paused_days_and_materials(
    qtbot: QtBot, pane: TicketDetailPane, desk: Desk
) -> None:
    open_ticket(qtbot, pane, desk.ids["paused"])
    assert pane.detail is not None
    assert pane.clock_texts(pane.detail) == [
        "承诺办结 2026年11月30日（周一）",
        "时限 2 个工作日",
        "计时暂停中（等待申请人、审批或施工）",
        "已暂停 4 个工作日（不计入时限）",
    ]
    shown = "\n".join(texts(pane))
    # Every status with its time and the utility's note, oldest first.
    timeline = [t for t in texts(pane) if t.startswith("2026年11月") and "<b" in t]
    assert len(timeline) == 3
    assert "2026年11月20日（周五） 10:00" in timeline[0] and "待发送" in timeline[0]
    assert "已受理" in timeline[1]
    assert "2026年11月24日（周二） 09:00" in timeline[2]
    assert "待申请人补正" in timeline[2] and "请补交产权证明" in timeline[2]
    assert "☑ 报装申请表" in shown
    assert "☐ 产权证明 — 2026年12月4日（周五）前补交" in shown
    assert "139****5678" in shown and "13912675678" not in shown
    assert pane.buttons["record_material"].isEnabled()
    assert pane.buttons["cancel"].isEnabled()
    assert not pane.buttons["resend"].isEnabled()


def test_provisional_due_date_says_so(qtbot: QtBot, pane: TicketDetailPane, desk: Desk) -> None:
    open_ticket(qtbot, pane, desk.ids["provisional"])
    assert pane.detail is not None and pane.detail.clock.provisional
    lines = pane.clock_texts(pane.detail)
    assert lines[0].startswith("承诺办结 2027年") and lines[0].endswith("暂定")
    assert any("放假安排尚未公布" in t for t in texts(pane))


def test_overdue_and_closed_clocks(qtbot: QtBot, pane: TicketDetailPane, desk: Desk) -> None:
    open_ticket(qtbot, pane, desk.ids["overdue"])
    assert pane.detail is not None
    # Received Sat 21 Nov: a water new connection's limit from the hall's policy.
    assert any(line.startswith("已超期") for line in pane.clock_texts(pane.detail)) == (
        pane.detail.clock.overdue
    )
    open_ticket(qtbot, pane, desk.ids["closed"])
    assert pane.detail is not None
    assert "已结束计时" in pane.clock_texts(pane.detail)
    assert not pane.buttons["cancel"].isEnabled()
    assert pane.buttons["reprint"].isEnabled()


def test_cancel_requires_a_reason(qtbot: QtBot) -> None:
    dialog = CancelDialog("LBGX-20261120-0001")
    qtbot.addWidget(dialog)
    assert not dialog.ok.isEnabled()
    assert dialog.hint.isVisibleTo(dialog)
    dialog.reason.setPlainText("   \n ")
    assert not dialog.ok.isEnabled()
    dialog.reason.setPlainText("申请人不再需要此项业务")
    assert dialog.ok.isEnabled()
    assert not dialog.hint.isVisibleTo(dialog)
    assert dialog.reason_text() == "申请人不再需要此项业务"


def test_cancel_without_a_reason_changes_nothing_and_with_one_cancels(
    qtbot: QtBot,
    pane: TicketDetailPane,
    desk: Desk,
    ui_hall: Hall,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The utility never had this ticket (refused as invalid): it is cancelled here at once.
    ticket_id = desk.ids["attention"]
    open_ticket(qtbot, pane, ticket_id)
    monkeypatch.setattr(CancelDialog, "ask", classmethod(lambda cls, number, parent: None))
    pane.cancel()
    assert not pane.shift.tasks.busy
    with ui_hall.unit() as (s, _ctx):
        ticket = s.get(Ticket, ticket_id)
        assert ticket is not None and ticket.status == "needs_attention"

    monkeypatch.setattr(
        CancelDialog, "ask", classmethod(lambda cls, number, parent: "申请人不再需要")
    )
    with qtbot.waitSignal(pane.changed, timeout=10_000) as changed:
        pane.cancel()
    assert changed.args == [ticket_id]
    qtbot.waitUntil(
        lambda: pane.detail is not None and pane.detail.status == "cancelled", timeout=10_000
    )
    assert pane.detail.timeline[-1].note == "申请人不再需要"
    assert not pane.buttons["cancel"].isEnabled()


def test_resend_shows_the_utilitys_message_beside_the_field(
    qtbot: QtBot, pane: TicketDetailPane, desk: Desk
) -> None:
    open_ticket(qtbot, pane, desk.ids["attention"])
    assert pane.detail is not None
    assert pane.buttons["resend"].isEnabled()
    assert any("证件号码：证件号码与姓名不符" in t for t in texts(pane))
    dialog = ResendDialog(pane.detail.attention)
    qtbot.addWidget(dialog)
    edit = dialog.edits["applicant.id_number"]
    assert edit.text() == "41128219900307123X"  # the value as sent, to correct
    notes = [label.text() for label in dialog.findChildren(QLabel)]
    assert "证件号码与姓名不符" in notes
    assert dialog.corrections() == {}
    edit.setText("411282199003071235")
    assert dialog.corrections() == {"applicant.id_number": "411282199003071235"}


def test_recording_a_late_material_marks_it_received(
    qtbot: QtBot, pane: TicketDetailPane, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_ticket(qtbot, pane, desk.ids["paused"])
    offered: list[list[str]] = []

    def ask(cls: type, missing: list, parent: object) -> list[str]:
        offered.append([m.code for m in missing])
        return ["property_proof"]

    printed: list[int] = []

    def print_ask(cls: type, printer: object, parent: object, title: str) -> bool:
        assert title == "打印补交材料回执"
        printed.append(1)
        return False  # the clerk closes the print dialog: recorded all the same

    monkeypatch.setattr(MaterialDialog, "ask", classmethod(ask))
    monkeypatch.setattr(PrintDialog, "ask", classmethod(print_ask))
    with qtbot.waitSignal(pane.message, timeout=10_000) as said:
        pane.record_material()
    assert said.args[0] == "已登记补交材料，将通知单位（回执未打印）"
    assert printed == [1], "the 补交材料回执 is offered for printing"
    assert offered == [["property_proof"]]  # only what is still missing is offered
    qtbot.waitUntil(
        lambda: pane.detail is not None and all(m.received for m in pane.detail.materials),
        timeout=10_000,
    )
    # Received today (the clock fixture's Friday 27 November).
    assert "☑ 产权证明（11月27日补交）" in texts(pane)
    assert not pane.buttons["record_material"].isEnabled()


def copies_logged(ui_hall: Hall) -> list[tuple[str, str, int, str]]:
    with ui_hall.unit() as (session, _ctx):
        rows = session.scalars(select(PrintRecord).order_by(PrintRecord.id)).all()
        return [
            (r.kind, r.layout, r.reprint_no, hall_time(r.printed_at).strftime("%H:%M"))
            for r in rows
        ]


def test_reprint_receipt_from_the_detail_pane_prints_a_counted_copy(
    qtbot: QtBot,
    pane: TicketDetailPane,
    desk: Desk,
    jobs: Jobs,
    ui_hall: Hall,
    runner: TaskRunner,
    clock: FixedClock,
) -> None:
    open_ticket(qtbot, pane, desk.ids["overdue"])
    assert pane.detail is not None
    number = pane.detail.application_no
    clock.moment = datetime(2026, 11, 27, 11, 2, tzinfo=UTC)  # 19:02 in the hall
    with qtbot.waitSignal(pane.message, timeout=20_000) as said:
        qtbot.mouseClick(pane.buttons["reprint"], Qt.MouseButton.LeftButton)
    assert jobs[0][0] == "打印受理回执（A4）"
    qtbot.waitUntil(lambda: jobs[0][1].exists(), timeout=10_000)
    # The job is the receipt rendered as page images: one A4 page.
    pages = PdfReader(jobs[0][1]).pages
    assert len(pages) == 1 and abs(float(pages[0].mediabox.width) - 595.3) < 2
    assert "已送打印机" in said.args[0] and number
    assert copies_logged(ui_hall) == [("receipt", "a4", 0, "19:02")]
    # A second click is a reprint, numbered.
    with qtbot.waitSignal(pane.message, timeout=20_000):
        qtbot.mouseClick(pane.buttons["reprint"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(jobs) == 2 and jobs[1][1].exists(), timeout=10_000)
    assert [row[2] for row in copies_logged(ui_hall)] == [0, 1]
    with ui_hall.unit() as (session, _ctx):
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert event is not None
        assert (event.action, event.entity_id) == ("receipt.reprint", number)
        assert hall_time(event.at).strftime("%H:%M") == "19:02"


def test_reprint_notice_from_a_ticket_waiting_for_a_document(
    qtbot: QtBot,
    pane: TicketDetailPane,
    desk: Desk,
    jobs: Jobs,
    ui_hall: Hall,
) -> None:
    open_ticket(qtbot, pane, desk.ids["paused"])
    assert pane.buttons["reprint_notice"].isEnabled()
    with qtbot.waitSignal(pane.message, timeout=20_000):
        qtbot.mouseClick(pane.buttons["reprint_notice"], Qt.MouseButton.LeftButton)
    assert jobs[0][0] == "打印一次性告知书（A4）"
    qtbot.waitUntil(lambda: jobs[0][1].exists(), timeout=10_000)
    assert len(PdfReader(jobs[0][1]).pages) == 1
    assert [row[:3] for row in copies_logged(ui_hall)] == [("notice", "a4", 0)]
    open_ticket(qtbot, pane, desk.ids["today"])
    assert not pane.buttons["reprint_notice"].isEnabled(), "nothing to follow"


def test_a_refusal_on_a_connected_ticket_is_acknowledged_with_its_button(
    qtbot: QtBot, pane: TicketDetailPane, desk: Desk, ui_hall: Hall
) -> None:
    ticket_id = desk.ids["closed"]
    with ui_hall.unit() as (s, ctx):
        ticket = s.get(Ticket, ticket_id)
        assert ticket is not None
        ticket.attention = [{"field": "", "message": "撤销申请未被受理：工单已开通，无法撤销"}]
        ticket.attention_at = ctx.now
    open_ticket(qtbot, pane, ticket_id)
    assert any("工单已开通，无法撤销" in t for t in texts(pane))
    button = pane.buttons["acknowledge"]
    assert button.isEnabled() and not pane.buttons["cancel"].isEnabled()
    with qtbot.waitSignal(pane.changed, timeout=10_000):
        button.click()
    qtbot.waitUntil(lambda: pane.detail is not None and not pane.detail.attention, timeout=10_000)
    assert not pane.buttons["acknowledge"].isEnabled()
    with ui_hall.sessions() as s:
        ticket = s.get(Ticket, ticket_id)
        assert ticket is not None and ticket.attention_at is None


def test_a_cancel_asked_for_shows_as_cancel_requested(
    qtbot: QtBot, pane: TicketDetailPane, desk: Desk, ui_hall: Hall
) -> None:
    ticket_id = desk.ids["today"]
    with ui_hall.unit() as (s, _ctx):
        ticket = s.get(Ticket, ticket_id)
        assert ticket is not None
        ticket.status = "cancel_requested"
    open_ticket(qtbot, pane, ticket_id)
    assert any("撤销中" in t for t in texts(pane))
    assert not pane.buttons["cancel"].isEnabled()
