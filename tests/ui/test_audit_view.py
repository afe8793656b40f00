"""The 审计 view: filters through the widgets, paging, CSV export, refusal for a clerk."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDateTime
from pytestqt.qtbot import QtBot

from onewindow.audit import chain as audit
from onewindow.clock import HALL_TZ
from onewindow.hall import Hall
from tests.ui import lead_fixtures
from tests.ui.conftest import ShiftOf
from tests.ui.lead_fixtures import LeadDesk
from ui.audit_view import PAGE_SIZE, AuditView
from ui.shift import Shift
from ui.tasks import TaskRunner

lead_desk = lead_fixtures.lead_desk


def _view(qtbot: QtBot, shift: Shift, **kw) -> AuditView:
    view = AuditView(shift, **kw)
    qtbot.addWidget(view)
    return view


def _search(qtbot: QtBot, view: AuditView) -> None:
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.search()


def _actions(view: AuditView) -> list[str]:
    return [view.model.index(r, 3).data() for r in range(view.model.rowCount())]


def test_filter_by_user_action_and_time(
    qtbot: QtBot,
    qtmodeltester,
    ui_hall: Hall,
    runner: TaskRunner,
    shift_of: ShiftOf,
    lead_desk: LeadDesk,
) -> None:
    with ui_hall.unit() as (session, _ctx):
        audit.record(
            session,
            actor="zhangwei",
            action="application.print",
            now=datetime(2026, 11, 26, 15, 0, tzinfo=HALL_TZ),
            entity_type="application",
            entity_id="LBGX-20261126-0001",
            details={"kind": "receipt"},
        )
    view = _view(qtbot, shift_of(lead_desk.lead))
    _search(qtbot, view)
    # 4 users created, 2 sign-ins (lead, admin), 1 print.
    assert view.result is not None and view.result.total == 7
    qtmodeltester.check(view.model)
    with qtbot.waitSignal(runner.finished, timeout=10_000):
        view.load_actions()
    # The actions in words; the code stays behind each (the filter matches on it).
    assert [view.action.itemText(i) for i in range(view.action.count())] == [
        "",
        "打印申请表",
        "登录",
        "新增用户",
    ]
    assert view.action.itemData(1) == "application.print"
    view.actor.setText("zhangwei")
    _search(qtbot, view)
    assert _actions(view) == ["打印申请表"]
    assert view.model.index(0, 2).data() == "张伟（zhangwei）"
    assert view.model.index(0, 5).data() == "种类：回执"
    view.actor.clear()
    view.action.setCurrentText("新增用户")
    _search(qtbot, view)
    assert _actions(view) == ["新增用户"] * 4
    view.action.setCurrentText("user.")
    _search(qtbot, view)
    assert _actions(view) == ["新增用户"] * 4
    view.action.setCurrentText("")
    view.use_since.setChecked(True)
    view.since.setDateTime(QDateTime.fromString("2026-11-26 14:00", "yyyy-MM-dd HH:mm"))
    view.use_until.setChecked(True)
    view.until.setDateTime(QDateTime.fromString("2026-11-26 16:00", "yyyy-MM-dd HH:mm"))
    _search(qtbot, view)
    assert _actions(view) == ["打印申请表"]
    assert view.position.text() == "第 1/1 页，共 1 条"


def test_people_tickets_and_details_in_words(
    qtbot: QtBot, ui_hall: Hall, shift_of: ShiftOf, lead_desk: LeadDesk
) -> None:
    """Issue 10.10: no UUID, no raw JSON, no user name where the hall uses a name."""
    import re

    ticket_id = lead_desk.tickets["overdue"]
    with ui_hall.unit() as (session, ctx):
        audit.record(
            session,
            actor="wangmin",
            action="ticket.reassign",
            now=ctx.now,
            entity_type="ticket",
            entity_id=ticket_id,
            details={"application_no": "x", "utility": "gas", "from": "zhangwei",
                     "to": "lina", "reason": "张伟请假"},
        )  # fmt: skip
    view = _view(qtbot, shift_of(lead_desk.lead))
    view.action.setCurrentText("ticket.reassign")
    _search(qtbot, view)
    row = [view.model.index(0, c).data() for c in range(6)]
    assert row[2] == "王敏（wangmin）" and row[3] == "改派工单"
    assert re.fullmatch(r"LBGX-20261124-\d{4} 供气", row[4]), row[4]
    assert row[5] == "单位：供气；原来：张伟（zhangwei）；改为：李娜（lina）；原因：张伟请假"
    uuid = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")
    assert not [text for text in row if uuid.search(text) or "{" in text]


def test_paging(qtbot: QtBot, ui_hall: Hall, shift_of: ShiftOf, lead_desk: LeadDesk) -> None:
    with ui_hall.unit() as (session, ctx):
        for i in range(PAGE_SIZE + 5):
            audit.record(session, actor="lina", action="ticket.view", now=ctx.now, entity_id=str(i))
    view = _view(qtbot, shift_of(lead_desk.admin))
    view.actor.setText("lina")
    _search(qtbot, view)
    assert view.model.rowCount() == PAGE_SIZE and view.next.isEnabled()
    assert not view.previous.isEnabled()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.next.click()
    assert view.model.rowCount() == 5 and view.page == 2
    assert [view.model.index(r, 4).data() for r in range(5)] == ["4", "3", "2", "1", "0"]
    assert view.previous.isEnabled() and not view.next.isEnabled()


def test_export_csv(qtbot: QtBot, shift_of: ShiftOf, lead_desk: LeadDesk, tmp_path: Path) -> None:
    target = tmp_path / "trail"
    view = _view(qtbot, shift_of(lead_desk.lead), save_dialog=lambda *a: str(target))
    view.action.setCurrentText("login")
    with qtbot.waitSignal(view.message, timeout=10_000) as said:
        view.export()
    assert "已导出" in said.args[0]
    lines = (tmp_path / "trail.csv").read_bytes().decode("utf-8-sig").splitlines()
    assert len(lines) == 3 and lines[0].startswith("序号 id,")
    assert [line.split(",")[3] for line in lines[1:]] == ["login", "login"]


def test_a_clerk_is_refused(qtbot: QtBot, shift_of: ShiftOf, clerk) -> None:
    view = _view(qtbot, shift_of(clerk))
    with qtbot.waitSignal(view.failed, timeout=10_000) as said:
        view.search()
    assert "无权查看审计记录" in said.args[0]
    assert view.model.rowCount() == 0


def test_training_scenarios_in_words(
    qtbot: QtBot, ui_hall: Hall, shift_of: ShiftOf, lead_desk: LeadDesk
) -> None:
    """What a trainer made happen reads as words too (issue 10.8 and 10.10)."""
    with ui_hall.unit() as (session, ctx):
        audit.record(session, actor="wangmin", action="training.scenario", now=ctx.now,
                     entity_type="ticket", entity_id=lead_desk.tickets["overdue"],
                     details={"scenario": "overdue", "moved_back_days": 9})  # fmt: skip
        audit.record(session, actor="wangmin", action="training.pace", now=ctx.now,
                     details={"pace": "seconds", "step_seconds": 20.0})  # fmt: skip
        audit.record(session, actor="wangmin", action="training.utility_up", now=ctx.now,
                     entity_type="utility", entity_id="gas", details={"retried": 2})  # fmt: skip
    view = _view(qtbot, shift_of(lead_desk.lead))
    rows = {}
    for action in ("training.scenario", "training.pace", "training.utility_up"):
        view.action.setCurrentText(action)
        _search(qtbot, view)
        rows[action] = [view.model.index(0, c).data() for c in (3, 4, 5)]
    assert rows["training.scenario"][0] == "培训场景"
    assert rows["training.scenario"][2] == "场景：使工单超期；受理时间前移天数：9"
    assert rows["training.pace"] == ["更改培训节奏", "", "节奏：快速演示（每步20秒）"]
    assert rows["training.utility_up"] == ["模拟单位恢复服务", "供气", "立即重试的请求数：2"]


def test_every_paper_printed_is_named_in_words() -> None:
    """The kinds the core prints (their audit actions "<kind>.print"/".reprint") all read as
    words: 补交材料回执 showed as "late_materials.print" (found walking the clerk's day)."""
    from onewindow.papers.late_materials import KIND as LATE_MATERIALS
    from ui.audit_words import action_text

    for kind in ("receipt", "notice", "application_form", LATE_MATERIALS):
        for what in ("print", "reprint"):
            code = f"{kind}.{what}"
            assert action_text(code) != code, code
    assert action_text(f"{LATE_MATERIALS}.print") == "打印补交材料回执"


def test_an_acknowledged_attention_reads_as_words() -> None:
    from ui.audit_words import action_text

    assert action_text("ticket.attention_acknowledged") == "确认处理"
    assert action_text("ticket.materials_sent") == "补交材料已送达单位"


def test_what_the_machine_did_reads_as_words() -> None:
    """The delivery worker, a refused cancel, a feed restart, a settings change and an
    exported report: no actor code, status code, HTTP code word, feed id or JSON on screen
    (seen in the administrator's audit view on the clerk's day)."""
    from datetime import datetime

    from onewindow.audit.query import AuditRow
    from onewindow.desk.lead_work import AuditNames
    from ui.audit_words import action_text, details_text, object_text, person_text

    names = AuditNames(people={}, tickets={"t1": ("LB-20261130-0001", "power")})

    def row(actor: str, action: str, kind: str, entity: str, details: dict) -> AuditRow:
        return AuditRow(1, datetime(2026, 11, 30, 9), actor, action, kind, entity, details)

    refused = row(
        "system:delivery",
        "ticket.cancel_refused",
        "ticket",
        "t1",
        {
            "http_status": 409,
            "code": "already_connected",
            "messages": [{"field": "status", "message": "工单已开通，无法撤销"}],
            "from": "cancel_requested",
            "to": "accepted",
        },
    )
    assert person_text(refused.actor, names) == "自动发送（系统）"
    assert object_text(refused, names) == "LB-20261130-0001 供电"
    assert details_text(refused, names) == (
        "单位应答：HTTP 409；单位答复：工单已开通，无法撤销；原来：撤销中；改为：已受理"
    )
    restarted = row(
        "system:delivery", "feed.restarted", "utility", "gas", {"previous": "f1", "feed_id": "f2"}
    )
    assert details_text(restarted, names) == ""
    catalogue = row(
        "admin",
        "settings.materials_catalogue",
        "setting",
        "materials_catalogue",
        {"from": {"rules": []}, "to": {"rules": [{"id": "x"}]}},
    )
    assert action_text(catalogue.action) == "修改材料目录"
    assert object_text(catalogue, names) == "材料目录"
    assert "{" not in details_text(catalogue, names) and "rules" not in details_text(
        catalogue, names
    )
    report = row("wangmin", "report.indicators", "report", "indicators", {"format": "pdf"})
    assert (object_text(report, names), details_text(report, names)) == ("指标报告", "格式：PDF")
