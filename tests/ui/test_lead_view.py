"""The lead's 统计 screen: numbers, the overdue notice, loads, chart, 改派 and the report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from onewindow.desk.lead_work import Assignee
from onewindow.hall import Hall
from onewindow.store.models import AuditEvent, Ticket
from tests.ui import lead_fixtures
from tests.ui.conftest import ShiftOf
from tests.ui.keyboard import type_text
from tests.ui.lead_fixtures import LeadDesk
from ui.lead_view import LeadView
from ui.reassign_dialog import ReassignDialog
from ui.shift import Shift

lead_desk = lead_fixtures.lead_desk


def _view(qtbot: QtBot, shift: Shift, **kwargs) -> LeadView:
    view = LeadView(shift, **kwargs)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.refresh()
    return view


def _column(model, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_four_numbers_the_notice_loads_and_chart(
    qtbot: QtBot, qtmodeltester, shift_of: ShiftOf, lead_desk: LeadDesk
) -> None:
    view = _view(qtbot, shift_of(lead_desk.lead))
    numbers = [
        c.value.text()
        for c in (view.open_card, view.today_card, view.overdue_card, view.attention_card)
    ]
    assert numbers == ["5", "1", "1", "0"]
    assert not view.notice.isHidden()
    assert "1 张工单已超过承诺办结日期" in view.notice.text()
    assert "受理人 张伟" in view.notice.text()  # the clerk by name, as the lead knows them
    assert _column(view.loads, 0) == ["李娜（lina）", "王敏（wangmin）", "张伟（zhangwei）"]
    assert _column(view.loads, 2) == ["2", "0", "3"]
    assert _column(view.loads, 4) == ["0", "0", "1"]
    qtmodeltester.check(view.loads)
    qtmodeltester.check(view.due)
    assert len(view.chart.categories) == 3  # water, power, gas
    sets = {s.label: list(s.values) for s in view.chart.series}
    # Categories: water, power, gas.
    assert sets["已受理"] == [0, 0, 2]
    assert sets["勘查中"] == [0, 0, 1]
    assert sets["待申请人补正"] == [0, 0, 1]
    assert sets["待发送"] == [0, 1, 0]
    # Approaching due, soonest first; the paused ticket is not among them.
    assert _column(view.due, 1)[0].startswith("LBGX-20261126")
    assert view.due.rowCount() == 2
    view.show_overdue_list()
    assert view.due.rowCount() == 1 and view.due.rows[0].ticket_id == lead_desk.tickets["overdue"]


def test_reassign_selected_rows_with_a_reason(
    qtbot: QtBot, ui_hall: Hall, shift_of: ShiftOf, lead_desk: LeadDesk, monkeypatch
) -> None:
    view = _view(qtbot, shift_of(lead_desk.lead))
    assert view.reassign_button.isVisible() or not view.isVisible()
    assert not view.reassign_button.isEnabled()
    selection = view.due_view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in range(view.due.rowCount()):
        selection.select(view.due.index(row, 0), flags)
    assert view.reassign_button.isEnabled()
    chosen_ids = [t.ticket_id for t in view.selected_tickets()]

    def fill_and_accept(dialog: ReassignDialog) -> int:
        assert dialog.target.count() == 3  # lina, wangmin, zhangwei: active clerks and the lead
        dialog.target.setCurrentIndex(dialog.target.findData("lina"))
        dialog.reason.setPlainText("张伟下午外出勘查")
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReassignDialog, "exec", fill_and_accept)
    with (
        qtbot.waitSignal(view.loaded, timeout=10_000),
        qtbot.waitSignal(view.message, timeout=10_000) as said,
        qtbot.waitSignal(view.reassigned, timeout=10_000) as moved,
    ):
        view.reassign_selected()
    with ui_hall.sessions() as session:
        owners = {
            t.id: t.assignee.username
            for t in session.scalars(select(Ticket).where(Ticket.id.in_(chosen_ids)))
        }
        reasons = session.scalars(
            select(AuditEvent.details).where(AuditEvent.action == "ticket.reassign")
        ).all()
    assert set(owners.values()) == {"lina"}
    # Only the one that was zhangwei's moved: lina's own ticket stays with her (no record).
    assert [r["reason"] for r in reasons] == ["张伟下午外出勘查"]
    # The lead knows people by name: "李娜", not her user name.
    assert said.args[0] == "已改派 1 张工单给 李娜"
    assert moved.args[0] == chosen_ids
    assert _column(view.loads, 2) == ["3", "0", "2"]


def test_the_reason_is_required_in_the_dialog(qtbot: QtBot) -> None:
    dialog = ReassignDialog(2, [Assignee("lina", "李娜"), Assignee("zhangwei", "张伟")])
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and not dialog.hint.isHidden()
    dialog.show()
    dialog.reason.setFocus()
    qtbot.waitUntil(dialog.reason.hasFocus)
    type_text("   ")
    assert not ok.isEnabled()
    type_text("均衡工作量")
    assert ok.isEnabled()
    dialog.target.setCurrentIndex(1)
    assert dialog.chosen() == ("zhangwei", "均衡工作量")


def test_an_administrator_sees_the_numbers_but_cannot_reassign(
    qtbot: QtBot, shift_of: ShiftOf, lead_desk: LeadDesk
) -> None:
    view = _view(qtbot, shift_of(lead_desk.admin))
    view.show()
    assert view.open_card.value.text() == "5"
    assert not view.reassign_button.isVisible()


def test_indicator_report_saved_as_pdf(
    qtbot: QtBot, shift_of: ShiftOf, lead_desk: LeadDesk, tmp_path: Path
) -> None:
    target = tmp_path / "指标"
    asked = []

    def save_dialog(parent, title, suggested, filter_text):
        asked.append(suggested)
        return str(target)

    view = _view(qtbot, shift_of(lead_desk.lead), save_dialog=save_dialog)
    with qtbot.waitSignal(view.message, timeout=20_000) as said:
        view.export_report("pdf")
    assert asked == ["指标对比_20261101-20261127.pdf"]
    saved = tmp_path / "指标.pdf"
    assert "报告已保存" in said.args[0] and saved.read_bytes().startswith(b"%PDF")
    assert view.report_from.date().toPython().isoformat() == "2026-11-01"


def test_move_every_open_ticket_of_a_clerk_who_is_away(
    qtbot: QtBot, shift_of: ShiftOf, lead_desk: LeadDesk, monkeypatch
) -> None:
    view = _view(qtbot, shift_of(lead_desk.lead))
    with qtbot.waitSignal(view.due_loaded, timeout=10_000):
        view.show_clerk.setChecked(True)
    assert view.due.rowCount() == 0  # no clerk chosen yet
    with qtbot.waitSignal(view.due_loaded, timeout=10_000):
        view.loads_view.selectRow(_column(view.loads, 0).index("张伟（zhangwei）"))
    assert {t.ticket_id for t in view.due.rows} == {
        lead_desk.tickets[k] for k in ("today", "overdue", "power")
    }
    view.due_view.selectAll()

    def accept(dialog: ReassignDialog) -> int:
        dialog.target.setCurrentIndex(dialog.target.findData("lina"))
        dialog.reason.setPlainText("张伟休假一周")
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReassignDialog, "exec", accept)
    with qtbot.waitSignal(view.due_loaded, timeout=10_000):
        view.reassign_selected()
    qtbot.waitUntil(lambda: view.due.rowCount() == 0, timeout=10_000)
    assert view.selected_clerk() is not None and view.selected_clerk().username == "zhangwei"
    assert _column(view.loads, 2) == ["5", "0", "0"]
