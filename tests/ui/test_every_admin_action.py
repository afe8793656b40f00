"""Every action button of the administrator's screens, of 审计, of the main window and of the
ticket list, clicked, and its effect checked (issue 9.1; tests/ui/test_every_action.py does
the same for the detail pane, the visit result and the lead's view).

Each screen's table below names every action button the screen can show with what clicking it
must change — a row or an audit record in the database, the configuration file, a file
written, a sentence shown — never that the button is enabled. A screen that gains a push
button without a line here fails, and so does a page of the main window that no test of this
kind covers. The screens are the real ones, built as the client builds them
(tests/ui/admin_fixtures.py), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import socket
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from onewindow.admin.hall_settings import FEE_LIST_KEY
from onewindow.audit import chain as audit
from onewindow.clocks.policy import SLA_KEY
from onewindow.config import TRAINING_PACE_SECONDS
from onewindow.desk import counter_work, lead_work, ticket_work
from onewindow.desk.counter_work import SignedIn
from onewindow.desk.lead_work import Assignee
from onewindow.hall import Hall
from onewindow.intake.catalogue import APPLICATION_FORM
from onewindow.simulator.server import Simulator
from onewindow.store.models import Application, AuditEvent, Ticket, User
from onewindow.tickets.queries import AttentionMessage
from tests.conftest import PASSWORD
from tests.helpers.lead_data import seed_ticket
from tests.ui import admin_fixtures, ticket_fixtures, training_fixtures
from tests.ui.admin_fixtures import GAS_TOKEN, Screens
from tests.ui.clicks import click, count
from tests.ui.ticket_fixtures import Desk
from ui.about_box import AboutBox
from ui.admin_policy import SOURCE, WORKDAYS
from ui.admin_users import NewUser, NewUserDialog, ResetPasswordDialog
from ui.audit_view import PAGE_SIZE
from ui.intake_page import DiscardDialog
from ui.reassign_dialog import ReassignDialog
from ui.sign_in import SignInDialog
from ui.ticket_dialogs import CancelDialog, MaterialDialog, ResendDialog

file_hall = admin_fixtures.file_hall
admin_screens = admin_fixtures.admin_screens
clerk_screens = admin_fixtures.clerk_screens
sign_in_window = admin_fixtures.sign_in_window
desk = ticket_fixtures.desk
training_hall = training_fixtures.training_hall
training_screens = admin_fixtures.training_screens

WAIT = 10_000


@dataclass
class Try:
    """What a check needs: the bot, the window's screens, a folder, the monkeypatch."""

    qtbot: QtBot
    s: Screens
    tmp_path: Path
    mp: pytest.MonkeyPatch

    @property
    def hall(self) -> Hall:
        return self.s.hall

    def idle(self) -> None:
        self.qtbot.waitUntil(lambda: not self.s.tasks.busy, timeout=20_000)


Check = Callable[[Try], None]

# Screen → the attribute of each action button on it → what clicking it must do.
ACTIONS: dict[str, dict[str, Check]] = {}


def action(screen: str, button: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        ACTIONS.setdefault(screen, {})[button] = check
        return check

    return register


# Where each screen lives in the window, and how it is brought up (as the administrator does:
# its page, then its tab; showing it loads it).
ADMIN_TABS = ("users", "endpoints", "lists", "catalogue", "policy", "holidays")


def screen_of(s: Screens, screen: str) -> QWidget:
    if screen in ADMIN_TABS:
        widget: QWidget = getattr(s.admin, screen)
        return widget
    if screen == "audit":
        return s.audit
    if screen == "tickets":
        return s.tickets.tickets
    if screen == "window":
        return s.window
    if screen == "lock":
        assert s.window.lock_screen is not None
        return s.window.lock_screen
    raise AssertionError(screen)


def bring_up(t: Try, screen: str) -> QWidget:
    window = t.s.window
    if screen in ADMIN_TABS:
        window.show_page("admin")
        t.s.admin.tabs.setCurrentWidget(screen_of(t.s, screen))
    elif screen in ("audit", "tickets"):
        window.show_page(screen)
    elif screen == "lock":
        click(t.qtbot, window.lock_button)
    t.idle()
    return screen_of(t.s, screen)


def offered(screen: QWidget, *inside: QWidget) -> set[str]:
    """The push and tool buttons a screen shows, by object name or text, leaving out those of
    the screens inside it that have their own table (and a line edit's own clear button).
    test_every_action.action_buttons, with the tool buttons (关于, the status menu) too."""
    names = set()
    for button in screen.findChildren(QAbstractButton):
        if not isinstance(button, QPushButton | QToolButton) or not button.isVisibleTo(screen):
            continue
        parent = button.parentWidget()
        if isinstance(parent, QLineEdit) or any(w.isAncestorOf(button) for w in inside):
            continue
        names.add(button.objectName() or button.text())
    return names


def _attribute(widget: QWidget, path: str) -> QAbstractButton:
    """`close_button`, `message_bar.close_button` or `utility_chips.gas` of a screen."""
    found: object = widget
    for part in path.split("."):
        found = found[part] if isinstance(found, dict) else getattr(found, part)
    assert isinstance(found, QAbstractButton), path
    return found


def _cell(view: QAbstractItemView, row: int, column: int) -> str:
    """What a table shows in a cell (through its model: a list or a table widget alike)."""
    return str(view.model().index(row, column).data())


def audited(hall: Hall, action: str) -> int:
    return count(hall, AuditEvent, action=action)


def user_row(hall: Hall, username: str) -> User:
    with hall.sessions() as session:
        user = session.scalars(select(User).where(User.username == username)).one()
        session.expunge(user)
        return user


def config_table(hall: Hall) -> dict[str, object]:
    assert hall.config.path is not None
    return tomllib.loads(hall.config.path.read_text(encoding="utf-8"))


# 管理 → 用户 -----------------------------------------------------------------------------------


def _click_row(t: Try, view: QAbstractItemView, row: int, column: int = 0) -> None:
    """Choose a row as the administrator does: a click on one of its cells (in the tables
    whose other cells are choices, on its one text cell), which selects the whole row."""
    index = view.model().index(row, column)
    view.scrollTo(index)
    t.qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    assert {i.row() for i in view.selectionModel().selectedIndexes()} == {row}


def _select_user(t: Try, username: str) -> None:
    page = t.s.admin.users
    _click_row(t, page.table, [r.username for r in page.model.rows].index(username))
    chosen = page.selected()
    assert chosen is not None and chosen.username == username


@action("users", "add_button")
def _add_user(t: Try) -> None:
    page = t.s.admin.users
    before = audited(t.hall, "user.create")
    new = NewUser("zhaoli", "赵丽", "clerk", "Counter#2027")
    t.mp.setattr(NewUserDialog, "ask", classmethod(lambda cls, parent: new))
    with t.qtbot.waitSignal(page.loaded, timeout=WAIT):
        click(t.qtbot, page.add_button)
    added = user_row(t.hall, "zhaoli")
    assert (added.display_name, added.role, added.active) == ("赵丽", "clerk", True)
    assert audited(t.hall, "user.create") == before + 1
    assert "zhaoli" in [r.username for r in page.model.rows]
    assert counter_work.sign_in(t.hall, "zhaoli", "Counter#2027").username == "zhaoli"


@action("users", "toggle_button")
def _toggle_user(t: Try) -> None:
    page = t.s.admin.users
    _select_user(t, "lina")
    assert page.toggle_button.text() == "停用"
    with t.qtbot.waitSignal(page.loaded, timeout=WAIT):
        click(t.qtbot, page.toggle_button)
    assert not user_row(t.hall, "lina").active and audited(t.hall, "user.disable") == 1
    assert page.toggle_button.text() == "启用"  # the same row, still chosen
    with t.qtbot.waitSignal(page.loaded, timeout=WAIT):
        click(t.qtbot, page.toggle_button)
    assert user_row(t.hall, "lina").active and audited(t.hall, "user.enable") == 1


@action("users", "reset_button")
def _reset_password(t: Try) -> None:
    page = t.s.admin.users
    _select_user(t, "lina")
    t.mp.setattr(
        ResetPasswordDialog, "ask", classmethod(lambda cls, username, parent: "Fresh#20261127")
    )
    with t.qtbot.waitSignal(page.loaded, timeout=WAIT):
        click(t.qtbot, page.reset_button)
    assert user_row(t.hall, "lina").must_change_password
    assert audited(t.hall, "user.reset_password") == 1
    assert counter_work.sign_in(t.hall, "lina", "Fresh#20261127").username == "lina"


@action("users", "role_button")
def _change_role(t: Try) -> None:
    page = t.s.admin.users
    _select_user(t, "lina")
    page.role_choice.setCurrentIndex(page.role_choice.findData("lead"))
    with t.qtbot.waitSignal(page.loaded, timeout=WAIT):
        click(t.qtbot, page.role_button)
    assert user_row(t.hall, "lina").role == "lead" and audited(t.hall, "user.change_role") == 1


# 管理 → 营业厅与单位接口 -------------------------------------------------------------------------


@action("endpoints", "save_hall_button")
def _save_hall(t: Try) -> None:
    page = t.s.admin.endpoints
    assert t.hall.config.path is not None
    before = t.hall.config.path.read_bytes()
    page.hall_code.setText("灵 宝")
    with t.qtbot.waitSignal(page.failed, timeout=WAIT) as failed:
        click(t.qtbot, page.save_hall_button)
    assert "[hall] code" in failed.args[0] and t.hall.config.path.read_bytes() == before
    # In the window's message bar; not under the endpoint box, as an endpoint's failure.
    assert t.s.window.message_bar.text.text() == f"未完成：{failed.args[0]}"
    assert page.result.text() == ""
    page.hall_code.setText("LBGX")
    page.hall_name.setText("灵宝市水电气联合报装大厅")
    page.hall_hotline.setText("0398-8888888")
    with t.qtbot.waitSignal(page.saved, timeout=WAIT):
        click(t.qtbot, page.save_hall_button)
    # The window says the saved name at once, in its title and its header.
    assert t.s.window.windowTitle() == "一窗通办 — 灵宝市水电气联合报装大厅"
    assert t.s.window.place.text().startswith("灵宝市水电气联合报装大厅 · ")
    hall_table = config_table(t.hall)["hall"]
    assert isinstance(hall_table, dict) and hall_table["supervision_hotline"] == "0398-8888888"
    assert t.hall.config.hall.supervision_hotline == "0398-8888888"
    assert audited(t.hall, "config.hall") == 1


def _dead_port() -> int:
    """A loopback port nothing listens on (bound, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@action("endpoints", "test_button")
def _test_connection(t: Try) -> None:
    page = t.s.admin.endpoints
    page.utility.setCurrentIndex(page.utility.findData("gas"))
    with Simulator("gas", token=GAS_TOKEN) as sim:
        page.base_url.setText(sim.base_url)
        with t.qtbot.waitSignal(page.tested, timeout=WAIT) as tested:
            click(t.qtbot, page.test_button)
    assert tested.args[0].ok
    assert page.result.text().startswith("✓ 连接正常：燃气公司的接口在 "), page.result.text()

    page.base_url.setText(f"http://127.0.0.1:{_dead_port()}/")
    with t.qtbot.waitSignal(page.tested, timeout=WAIT) as tested:
        click(t.qtbot, page.test_button)
    assert not tested.args[0].ok
    said = page.result.text()
    assert said == "✕ 127.0.0.1 拒绝连接：这个地址和端口上没有接口服务，请核对接口地址。", said
    # No address yet (an unconfigured utility): a sentence, not the configuration reader's
    # words about a base_url key and an address "/" nobody typed.
    page.utility.setCurrentIndex(page.utility.findData("water"))
    assert page.base_url.text() == ""
    click(t.qtbot, page.test_button)
    assert page.result.text() == f"✕ 请先填写{page.name.text()}的接口地址。"
    assert page.test_button.isEnabled()

    # Testing changes nothing: the file still names the endpoint it had.
    utilities = config_table(t.hall)["utilities"]
    assert isinstance(utilities, dict)
    assert utilities["gas"]["base_url"] == "https://gas.example.cn/onewindow/"


@action("endpoints", "save_button")
def _save_endpoint(t: Try) -> None:
    page = t.s.admin.endpoints
    page.utility.setCurrentIndex(page.utility.findData("gas"))
    page.hotline.setText("0398-2222222")
    with t.qtbot.waitSignal(page.saved, timeout=WAIT):
        click(t.qtbot, page.save_button)
    utilities = config_table(t.hall)["utilities"]
    assert isinstance(utilities, dict)
    assert utilities["gas"]["hotline"] == "0398-2222222"
    assert utilities["gas"]["token"] == GAS_TOKEN  # the empty box kept the stored token
    assert t.hall.config.utilities["gas"].hotline == "0398-2222222"
    assert audited(t.hall, "config.utility") == 1


# 管理 → 收费清单 ------------------------------------------------------------------------------


def _save_fees(t: Try) -> None:
    page = t.s.admin.lists
    with t.qtbot.waitSignal(page.message, timeout=WAIT):
        click(t.qtbot, page.save_fees_button)


def _stored_fees(t: Try) -> list[tuple[str, str | None, str]]:
    return [(i.utility, i.service, i.name) for i in lead_work.load_fee_list(t.hall).items]


@action("lists", "add_fee_button")
def _add_fee(t: Try) -> None:
    page = t.s.admin.lists
    assert page.fees.rowCount() == 0
    click(t.qtbot, page.add_fee_button)
    assert page.fees.rowCount() == 1
    page.fees.item(0, 2).setText("燃气表安装费")
    _save_fees(t)
    assert _stored_fees(t) == [("gas", None, "燃气表安装费")]


@action("lists", "remove_fee_button")
def _remove_fee(t: Try) -> None:
    page = t.s.admin.lists
    for name in ("燃气表安装费", "管道检测费"):
        click(t.qtbot, page.add_fee_button)
        page.fees.item(page.fees.rowCount() - 1, 2).setText(name)
    _save_fees(t)
    _click_row(t, page.fees, 0, 2)
    click(t.qtbot, page.remove_fee_button)
    assert page.fees.rowCount() == 1
    _save_fees(t)
    assert _stored_fees(t) == [("gas", None, "管道检测费")]


@action("lists", "save_fees_button")
def _save_fee_list(t: Try) -> None:
    page = t.s.admin.lists
    page.where.setText("营业厅东墙公示栏")
    _save_fees(t)
    assert lead_work.load_fee_list(t.hall).where == "营业厅东墙公示栏"
    assert audited(t.hall, f"settings.{FEE_LIST_KEY}") == 1


# 管理 → 时限政策 ------------------------------------------------------------------------------


def _save_policy(t: Try) -> int:
    page = t.s.admin.policy
    with t.qtbot.waitSignal(page.saved, timeout=WAIT) as saved:
        click(t.qtbot, page.save_button)
    return int(saved.args[0])


@action("policy", "add_button")
def _add_rule(t: Try) -> None:
    page = t.s.admin.policy
    rules = len(lead_work.load_policy(t.hall)["rules"])
    click(t.qtbot, page.add_button)
    assert page.rules.rowCount() == rules + 1
    _save_policy(t)
    stored = lead_work.load_policy(t.hall)["rules"]
    assert len(stored) == rules + 1 and stored[-1]["utility"] == "gas"


@action("policy", "remove_button")
def _remove_rule(t: Try) -> None:
    page = t.s.admin.policy
    rules = lead_work.load_policy(t.hall)["rules"]
    _click_row(t, page.rules, len(rules) - 1, SOURCE)
    click(t.qtbot, page.remove_button)
    assert page.rules.rowCount() == len(rules) - 1
    _save_policy(t)
    assert lead_work.load_policy(t.hall)["rules"] == rules[:-1]


def _due_dates(hall: Hall) -> list[date]:
    with hall.sessions() as session:
        return sorted(d for d in session.scalars(select(Ticket.due_date)) if d is not None)


@action("policy", "save_button")
def _save_policy_change(t: Try) -> None:
    page = t.s.admin.policy
    assert _due_dates(t.hall) == [date(2026, 11, 25), date(2026, 11, 27)]
    page.approval.setValue(5)
    page.rules.cellWidget(1, WORKDAYS).setValue(2)  # gas, no external works: 1 → 2 working days
    assert _save_policy(t) == 2
    stored = lead_work.load_policy(t.hall)
    assert stored["approval_workdays"] == 5 and stored["rules"][1]["workdays"] == 2
    assert _due_dates(t.hall) == [date(2026, 11, 26), date(2026, 11, 30)]
    assert audited(t.hall, f"settings.{SLA_KEY}") == 1


# 管理 → 节假日 --------------------------------------------------------------------------------

# 2027 as the State Council's notice gives it, one line per day of each break: 元旦 1–3
# January runs Friday to Sunday (two weekend rows, normal and accepted: policy.md); 春节 with
# an adjusted working Saturday.
HOLIDAYS_2027 = """date,kind,name
2027-01-01,holiday,元旦
2027-01-02,holiday,元旦
2027-01-03,holiday,元旦
2027-02-05,holiday,春节
2027-02-06,holiday,春节
2027-02-07,holiday,春节
2027-02-08,holiday,春节
2027-02-09,holiday,春节
2027-02-10,holiday,春节
2027-02-11,holiday,春节
2027-02-20,workday,春节调休
"""


@action("holidays", "import_button")
def _import_holidays(t: Try) -> None:
    page = t.s.admin.holidays
    chosen = t.tmp_path / "2027.csv"
    chosen.write_text(HOLIDAYS_2027, encoding="utf-8")
    t.mp.setattr(page, "open_dialog", lambda parent, title, filter_text: str(chosen))
    assert lead_work.holiday_year(t.hall, 2027).provisional
    with t.qtbot.waitSignal(page.imported, timeout=WAIT) as imported:
        click(t.qtbot, page.import_button)
    assert imported.args[0] == [2027]
    t.qtbot.waitUntil(lambda: "导入自 2027.csv" in page.source.text(), timeout=WAIT)
    # The screen lists the weekdays off and the weekend days worked: the weekend rows of a
    # break were accepted and change nothing.
    assert page.days.model().rowCount() == 7
    shown = [(_cell(page.days, r, 1), _cell(page.days, r, 2)) for r in range(7)]
    assert shown == [("休", "元旦")] + [("休", "春节")] * 5 + [("班", "春节调休")]
    year = lead_work.holiday_year(t.hall, 2027)
    assert not year.provisional
    assert [d.date for d in year.days][:2] == [date(2027, 1, 1), date(2027, 2, 5)]
    assert audited(t.hall, "holidays.import") == 1


# 管理 → 材料目录 ------------------------------------------------------------------------------


def _choose_document(t: Try, code: str) -> None:
    page = t.s.admin.catalogue
    for row in range(page.documents.count()):
        item = page.documents.item(row)
        if item is not None and item.data(Qt.ItemDataRole.UserRole) == code:
            page.documents.setCurrentRow(row)
            assert page.code.text() == code
            return
    raise AssertionError(code)


def _catalogue(t: Try) -> dict[str, object]:
    return dict(lead_work.load_catalogue_editor(t.hall, t.s.user).catalogue.items)


def _with_rules(t: Try) -> str:
    """A document of the catalogue in force that has rules and may be removed."""
    return next(
        code
        for code, info in lead_work.load_catalogue_editor(t.hall, t.s.user).catalogue.items.items()
        if code != APPLICATION_FORM and info.rules
    )


def _save_document(t: Try) -> None:
    page = t.s.admin.catalogue
    said: list[str] = []
    page.failed.connect(said.append)
    page.message.connect(said.append)
    click(t.qtbot, page.save_button)
    t.qtbot.waitUntil(lambda: bool(said), timeout=WAIT)
    assert said[0].startswith("材料目录已保存"), said


@action("catalogue", "new_button")
def _new_document(t: Try) -> None:
    page = t.s.admin.catalogue
    click(t.qtbot, page.new_button)
    assert page.code.text() == "" and not page.code.isReadOnly() and page.rule_list.count() == 0
    page.code.setText("fire_plan")
    page.name.setText("消防设计审查意见")
    page.why.setText("公共建筑用气须先通过消防审查")
    click(t.qtbot, page.add_rule_button)
    page.rule_editor.source.setText("营业厅惯例")  # the core asks every rule for its source
    _save_document(t)
    stored = lead_work.load_catalogue_editor(t.hall, t.s.user).catalogue.items["fire_plan"]
    assert stored.name == "消防设计审查意见" and len(stored.rules) == 1


@action("catalogue", "remove_button")
def _remove_document(t: Try) -> None:
    page = t.s.admin.catalogue
    code = _with_rules(t)
    _choose_document(t, code)
    with t.qtbot.waitSignal(page.message, timeout=WAIT):
        click(t.qtbot, page.remove_button)
    assert code not in _catalogue(t)
    assert code not in {page.documents.item(r).data(256) for r in range(page.documents.count())}


@action("catalogue", "add_rule_button")
def _add_material_rule(t: Try) -> None:
    page = t.s.admin.catalogue
    code = _with_rules(t)
    _choose_document(t, code)
    rules = page.rule_list.count()
    click(t.qtbot, page.add_rule_button)
    assert page.rule_list.count() == rules + 1 and page.rule_list.currentRow() == rules
    page.rule_editor.source.setText("营业厅惯例")  # the core asks every rule for its source
    _save_document(t)
    stored = lead_work.load_catalogue_editor(t.hall, t.s.user).catalogue.items[code]
    assert len(stored.rules) == rules + 1 and stored.rules[-1].utilities == ("water", "power")


@action("catalogue", "remove_rule_button")
def _remove_material_rule(t: Try) -> None:
    page = t.s.admin.catalogue
    code = _with_rules(t)
    _choose_document(t, code)
    before = lead_work.load_catalogue_editor(t.hall, t.s.user).catalogue.items[code].rules
    page.rule_list.setCurrentRow(0)
    click(t.qtbot, page.remove_rule_button)
    _save_document(t)
    stored = lead_work.load_catalogue_editor(t.hall, t.s.user).catalogue.items[code]
    assert stored.rules == before[1:]


@action("catalogue", "save_button")
def _save_material(t: Try) -> None:
    page = t.s.admin.catalogue
    code = _with_rules(t)
    _choose_document(t, code)
    page.name.setText("改过的名称")
    before = page.history.model().rowCount()
    _save_document(t)
    stored = lead_work.load_catalogue_editor(t.hall, t.s.user).catalogue.items[code]
    assert stored.name == "改过的名称"
    # Who changed it, read back from the trail, newest first.
    assert page.history.model().rowCount() == before + 1
    assert _cell(page.history, 0, 2) == f"改过的名称（{code}）"


# 审计 -----------------------------------------------------------------------------------------


@action("audit", "search_button")
def _search_audit(t: Try) -> None:
    view = t.s.audit
    view.action.setCurrentText("login")
    with t.qtbot.waitSignal(view.loaded, timeout=WAIT):
        click(t.qtbot, view.search_button)
    assert view.result is not None
    assert view.result.total == audited(t.hall, "login") == view.model.rowCount() > 0
    assert {r.action for r in view.model.rows} == {"login"}


@action("audit", "export_button")
def _export_audit(t: Try) -> None:
    view = t.s.audit
    target = t.tmp_path / "trail"
    t.mp.setattr(view, "save_dialog", lambda *_: str(target))
    view.action.setCurrentText("login")
    with t.qtbot.waitSignal(view.message, timeout=WAIT):
        click(t.qtbot, view.export_button)
    lines = (t.tmp_path / "trail.csv").read_bytes().decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + audited(t.hall, "login")
    assert audited(t.hall, "audit.export") == 1  # the export is itself in the trail


def _many_views(t: Try) -> None:
    """A page and a bit of lina's records."""
    with t.hall.unit() as (session, ctx):
        for i in range(PAGE_SIZE + 5):
            audit.record(session, actor="lina", action="ticket.view", now=ctx.now, entity_id=str(i))
    view = t.s.audit
    view.actor.setText("lina")
    with t.qtbot.waitSignal(view.loaded, timeout=WAIT):
        click(t.qtbot, view.search_button)


@action("audit", "next")
def _next_page(t: Try) -> None:
    view = t.s.audit
    _many_views(t)
    with t.qtbot.waitSignal(view.loaded, timeout=WAIT):
        click(t.qtbot, view.next)
    assert view.page == 2 and view.model.rowCount() == 5
    assert view.position.text() == f"第 2/2 页，共 {PAGE_SIZE + 5} 条"


@action("audit", "previous")
def _previous_page(t: Try) -> None:
    view = t.s.audit
    _many_views(t)
    with t.qtbot.waitSignal(view.loaded, timeout=WAIT):
        click(t.qtbot, view.next)
    with t.qtbot.waitSignal(view.loaded, timeout=WAIT):
        click(t.qtbot, view.previous)
    assert view.page == 1 and view.model.rowCount() == PAGE_SIZE
    assert view.model.rows[0].entity_id == str(PAGE_SIZE + 4)  # newest first


# The main window -------------------------------------------------------------------------------


@action("window", "lock_button")
def _lock(t: Try) -> None:
    window = t.s.window
    with t.qtbot.waitSignal(window.locked_changed, timeout=WAIT) as changed:
        click(t.qtbot, window.lock_button)
    assert changed.args == [True] and window.locked
    assert window.stack.currentWidget() is window.lock_screen
    assert not any(a.isEnabled() for a in window.actions())


@action("window", "sign_out_button")
def _sign_out(t: Try) -> None:
    window = t.s.window
    with t.qtbot.waitSignal(window.sign_out_requested, timeout=WAIT):
        click(t.qtbot, window.sign_out_button)


def _about_box() -> AboutBox | None:
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, AboutBox) and w.isVisible()]
    return shown[0] if shown else None


@action("window", "about_button")
def _about(t: Try) -> None:
    window = t.s.window
    click(t.qtbot, window.about_button)
    t.qtbot.waitUntil(lambda: _about_box() is not None, timeout=WAIT)
    about = _about_box()
    assert about is not None
    assert about.places["config"].text() == str(t.hall.config.path)
    close = about.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    click(t.qtbot, close)
    t.qtbot.waitUntil(lambda: _about_box() is None, timeout=WAIT)


@action("window", "message_bar.close_button")
def _dismiss_failure(t: Try) -> None:
    bar = t.s.window.message_bar
    t.s.window.report_failure("测试：供气单位接口无应答")
    assert bar.isVisible()
    with t.qtbot.waitSignal(bar.dismissed, timeout=WAIT):
        click(t.qtbot, bar.close_button)
    assert bar.isHidden()


@action("window", "delivery_count")
def _delivery_count(t: Try) -> None:
    count_button = t.s.tickets.delivery.count
    page = t.s.tickets.tickets
    t.qtbot.waitUntil(lambda: t.s.tickets.delivery.overview is not None, timeout=WAIT)
    with t.qtbot.waitSignal(page.model.loaded, timeout=WAIT) as loaded:
        click(t.qtbot, count_button)
    assert t.s.window.tabs.currentWidget() is page and page.attention.isChecked()
    assert loaded.args == [0]  # nothing of this hall needs attention


def test_each_delivery_indicator_opens_its_utilitys_waiting_tickets(
    qtbot: QtBot, admin_screens: Screens
) -> None:
    """The header's indicators are labels, yet a click on one is an action: the list of that
    utility's tickets still waiting to go out (of zhangwei's two gas tickets, one is queued)."""
    s = admin_screens
    page = s.tickets.tickets
    indicators = s.tickets.delivery.indicators
    qtbot.waitUntil(lambda: all(i.state for i in indicators.values()), timeout=WAIT)
    for utility, waiting in (("gas", 1), ("water", 0), ("power", 0)):
        s.window.show_page("admin")
        with qtbot.waitSignal(page.model.loaded, timeout=WAIT) as loaded:
            qtbot.mouseClick(indicators[utility], Qt.MouseButton.LeftButton)
        assert s.window.tabs.currentWidget() is page and loaded.args == [waiting]
        assert [u for u, chip in page.utility_chips.items() if chip.isChecked()] == [utility]
        assert page.status_actions["queued"].isChecked()


# The lock screen (the window's, once locked).


@action("lock", "button")
def _unlock(t: Try) -> None:
    lock = t.s.window.lock_screen
    assert lock is not None
    logins = audited(t.hall, "login")
    lock.password.setText(PASSWORD)
    with t.qtbot.waitSignal(t.s.window.locked_changed, timeout=WAIT) as changed:
        click(t.qtbot, lock.button)
    assert changed.args == [False] and not t.s.window.locked
    assert audited(t.hall, "login") == logins + 1  # the password was checked by the core


@action("lock", "sign_out_button")
def _sign_out_from_lock(t: Try) -> None:
    lock = t.s.window.lock_screen
    assert lock is not None
    with t.qtbot.waitSignal(t.s.window.sign_out_requested, timeout=WAIT):
        click(t.qtbot, lock.sign_out_button)


# 工单 (the ticket list; its detail pane is test_every_action.py's) -----------------------------


def _rows_after(t: Try, button: QAbstractButton) -> int:
    page = t.s.tickets.tickets
    with t.qtbot.waitSignal(page.model.loaded, timeout=WAIT) as loaded:
        click(t.qtbot, button)
    return int(loaded.args[0])


# zhangwei's two gas tickets (one due today, the 27th; one overdue, due the 25th) and none of
# the administrator's: the rows each chip leaves when ticked; unticked again, both.
CHIPS = {
    "due_today": 1,
    "overdue": 1,
    "attention": 0,
    "utility_chips.water": 0,
    "utility_chips.power": 0,
    "utility_chips.gas": 2,
}


def _chip(path: str, rows: int) -> Check:
    def check(t: Try) -> None:
        chip = _attribute(t.s.tickets.tickets, path)
        assert _rows_after(t, chip) == rows and chip.isChecked()
        assert _rows_after(t, chip) == 2 and not chip.isChecked()

    return check


for _path, _rows in CHIPS.items():
    action("tickets", _path)(_chip(_path, _rows))


@action("tickets", "mine")
@action("tickets", "everyone")
def _scope(t: Try) -> None:
    page = t.s.tickets.tickets
    assert _rows_after(t, page.mine) == 0  # the administrator has none of his own
    assert _rows_after(t, page.everyone) == 2


@action("tickets", "status_button")
def _status_menu(t: Try) -> None:
    page = t.s.tickets.tickets
    assert page.status_button.menu() is not None
    with t.qtbot.waitSignal(page.model.loaded, timeout=WAIT) as loaded:
        page.status_actions["accepted"].setChecked(True)  # a tick in its menu
    assert loaded.args == [1]


@action("tickets", "refresh_button")
def _refresh_list(t: Try) -> None:
    page = t.s.tickets.tickets
    with t.hall.unit() as (session, ctx):
        seed_ticket(session, ctx, clerk="lina", received="2026-11-27 09:00", utility="water")
    assert _rows_after(t, page.refresh_button) == 3


def test_the_ticket_list_keys_find_and_refresh(qtbot: QtBot, admin_screens: Screens) -> None:
    """The list's two keyboard actions (Ctrl+F, F5), triggered."""
    s = admin_screens
    page = s.tickets.tickets
    s.window.show_page("tickets")
    keys = {a.shortcut().toString(): a for a in page.actions()}
    assert set(keys) == {"Ctrl+F", "F5"}
    keys["Ctrl+F"].trigger()
    assert QApplication.focusWidget() is page.search
    with s.hall.unit() as (session, ctx):
        seed_ticket(session, ctx, clerk="lina", received="2026-11-27 09:00", utility="water")
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT) as loaded:
        keys["F5"].trigger()
    assert loaded.args == [3]


def _named(s: Screens, screen: str) -> set[str]:
    """The buttons a screen's table names, as `offered` names them."""
    widget = screen_of(s, screen)
    # The status bar's delivery count belongs to the ticket screens, shown in the window.
    elsewhere = {"delivery_count": s.tickets.delivery.count}
    buttons = [elsewhere.get(p) or _attribute(widget, p) for p in ACTIONS[screen]]
    return {b.objectName() or b.text() for b in buttons}


# The tests -------------------------------------------------------------------------------------


@pytest.fixture
def t(
    qtbot: QtBot, admin_screens: Screens, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Try]:
    yield Try(qtbot, admin_screens, tmp_path, monkeypatch)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, AboutBox):
            widget.close()


def _offered_by(t: Try, screen: str) -> set[str]:
    widget = bring_up(t, screen)
    if screen == "window":
        # The header, the message bar (shown by a failure) and the status bar; the pages have
        # their own tables.
        t.s.window.report_failure("测试")
        return offered(widget, t.s.window.tabs)
    if screen == "tickets":
        return offered(widget, t.s.tickets.tickets.browser.detail)
    return offered(widget)


@pytest.mark.parametrize("screen", sorted(ACTIONS))
def test_each_screen_offers_no_action_this_file_does_not_click(t: Try, screen: str) -> None:
    assert _offered_by(t, screen) == _named(t.s, screen)


@pytest.mark.parametrize(
    ("screen", "button"), sorted((s, b) for s, buttons in ACTIONS.items() for b in buttons)
)
def test_each_action_does_what_it_says(t: Try, screen: str, button: str) -> None:
    bring_up(t, screen)
    ACTIONS[screen][button](t)
    t.idle()


WINDOW_ACTIONS = {"新受理", "锁定工作站", "注销/换人", "切换页面"}


def test_every_page_and_tab_of_the_window_has_its_table(admin_screens: Screens) -> None:
    """A page added to the window (or a tab to 管理) fails here until its buttons are tried:
    工单 and the admin's tabs here, 统计 (the lead view) and the detail pane in
    test_every_action.py, 受理 and 待办 below."""
    s = admin_screens
    assert set(s.window.pages) == {"tickets", "todo", "stats", "audit", "admin"}
    tabs = [s.admin.tabs.widget(i) for i in range(s.admin.tabs.count())]
    assert tabs == [getattr(s.admin, name) for name in ADMIN_TABS]
    # The window's keyboard actions are a clerk's window's test (below); an administrator
    # has the same ones, 新受理 hidden (no 受理 page).
    assert {a.text() for a in s.window.actions()} == {
        "新受理",
        "锁定工作站",
        "注销/换人",
        "切换页面",
    }
    assert not s.window.new_visit_action.isVisible()


def test_the_connection_sentences_speak_english_too(
    qtbot: QtBot, english: None, admin_screens: Screens
) -> None:
    page = admin_screens.admin.endpoints
    admin_screens.window.show_page("admin")
    admin_screens.admin.tabs.setCurrentWidget(page)
    page.utility.setCurrentIndex(page.utility.findData("water"))
    click(qtbot, page.test_button)
    assert page.result.text() == f"✕ Enter {page.name.text()}'s base URL first."
    page.base_url.setText(f"http://127.0.0.1:{_dead_port()}/")
    with qtbot.waitSignal(page.tested, timeout=WAIT):
        click(qtbot, page.test_button)
    assert page.result.text() == (
        "✕ 127.0.0.1 refused the connection: no endpoint runs at this address and port; "
        "check the base URL."
    )


def test_todo_offers_no_action_but_its_detail_pane(admin_screens: Screens) -> None:
    todo = admin_screens.tickets.todo
    assert offered(todo, todo.browser.detail) == set()


def test_every_window_action_does_what_it_says(qtbot: QtBot, clerk_screens: Screens) -> None:
    """The window's keyboard actions (a clerk's: 新受理 is theirs): each triggered."""
    s = clerk_screens
    window = s.window
    assert set(s.window.pages) == {"intake", "tickets", "todo"}
    assert {a.text() for a in window.actions()} == WINDOW_ACTIONS
    turns = [a for a in window.actions() if a.text() == "切换页面"]
    assert [a.shortcut().toString() for a in turns] == [
        "Ctrl+Tab",
        "Ctrl+PgDown",
        "Ctrl+Shift+Tab",
        "Ctrl+PgUp",
    ]
    window.show_page("intake")
    for turn, expected in zip(turns, ("tickets", "todo", "tickets", "intake"), strict=True):
        turn.trigger()
        assert window.tabs.currentWidget() is window.pages[expected]
    window.show_page("todo")
    window.new_visit_action.trigger()
    assert window.tabs.currentWidget() is window.intake
    with qtbot.waitSignal(window.sign_out_requested, timeout=WAIT):
        window.sign_out_action.trigger()
    window.lock_action.trigger()
    assert window.locked and not window.lock_action.isEnabled()
    qtbot.waitUntil(lambda: not s.tasks.busy, timeout=WAIT)


# 受理 (a clerk's; the visit result it shows after a submit is test_every_action.py's) ---------


def test_the_intake_page_offers_only_submit_and_it_files_the_visit(
    qtbot: QtBot, clerk_screens: Screens
) -> None:
    window = clerk_screens.window
    intake = window.intake
    assert intake is not None
    window.show_page("intake")
    form = intake.form
    assert offered(intake, intake.result) == {form.submit_button.objectName()}
    # gas-only-resident.json, typed into the widgets.
    form.person.setChecked(True)
    form.name.setText("李娜")
    form.id_number.setText("110101199003074477")
    form.phone.setText("0398-8861234")
    form.address.setText("灵宝市五龙路8号3单元201室")
    gas = form.cards["gas"]
    gas.tick.setChecked(True)
    usage = gas.detail_editors["usage"]
    assert isinstance(usage, QComboBox)
    usage.setCurrentIndex(usage.findData("residential"))
    volume = gas.detail_editors["monthly_volume_m3"]
    assert isinstance(volume, QLineEdit)
    volume.setText("20")
    row = form.checklist.rows["application_form"]
    row.state.setCurrentIndex(row.state.findData("received"))
    form.consent.setChecked(True)
    assert form.errors == (), [e.field for e in form.errors]
    before = count(clerk_screens.hall, Ticket)
    with qtbot.waitSignal(intake.submitted, timeout=WAIT) as done:
        click(qtbot, form.submit_button)
    number = done.args[0].application_no
    with clerk_screens.hall.sessions() as session:
        tickets = session.scalars(
            select(Ticket).join(Application).where(Application.application_no == number)
        ).all()
        assert [t.utility for t in tickets] == ["gas"]
    assert count(clerk_screens.hall, Ticket) == before + 1
    assert intake.stack.currentWidget() is intake.result
    qtbot.waitUntil(lambda: not clerk_screens.tasks.busy, timeout=20_000)


# The sign-in window ------------------------------------------------------------------------------


def test_the_sign_in_window_offers_sign_in_and_quit_and_each_does_it(
    qtbot: QtBot, sign_in_window: SignInDialog, file_hall: Hall
) -> None:
    dialog = sign_in_window
    assert offered(dialog) == {dialog.sign_in_button.objectName(), dialog.quit_button.text()}
    logins = audited(file_hall, "login")
    dialog.username.setText("admin")
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.signed_in, timeout=WAIT) as signed:
        click(qtbot, dialog.sign_in_button)
    assert signed.args[0].username == "admin" and signed.args[0].role == "admin"
    assert audited(file_hall, "login") == logins + 1
    dialog.show()
    with qtbot.waitSignal(dialog.rejected, timeout=WAIT):
        click(qtbot, dialog.quit_button)
    assert not dialog.isVisible()


def test_the_sign_in_button_sets_a_new_password_after_a_reset(
    qtbot: QtBot, sign_in_window: SignInDialog, file_hall: Hall
) -> None:
    """The same button, once the core says the password was reset: the new one is stored."""
    dialog = sign_in_window
    admin = counter_work.sign_in(file_hall, "admin", PASSWORD)
    lead_work.reset_password(file_hall, admin, "lina", "Fresh#20261127")
    dialog.username.setText("lina")
    dialog.password.setText("Fresh#20261127")
    click(qtbot, dialog.sign_in_button)
    qtbot.waitUntil(dialog.new_password.isVisible, timeout=WAIT)
    assert offered(dialog) == {dialog.sign_in_button.objectName(), dialog.quit_button.text()}
    dialog.new_password.setText("Mine#20261127")
    dialog.confirm_password.setText("Mine#20261127")
    with qtbot.waitSignal(dialog.signed_in, timeout=WAIT) as signed:
        click(qtbot, dialog.sign_in_button)
    assert signed.args[0].username == "lina" and not signed.args[0].must_change_password
    assert audited(file_hall, "user.change_password") == 1
    assert not user_row(file_hall, "lina").must_change_password
    assert counter_work.sign_in(file_hall, "lina", "Mine#20261127").username == "lina"


# The administrator's dialogs, answered through their own buttons ------------------------------


def _answer(qtbot: QtBot, fill: Callable[[QDialog], QAbstractButton]) -> None:
    """Once the dialog `ask` opens is up, fill it and click the button `fill` returns."""

    def when_shown() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        try:
            click(qtbot, fill(dialog))
        except BaseException:
            dialog.reject()  # the test fails (pytest-qt reports it), rather than hangs
            raise

    QTimer.singleShot(0, when_shown)


def _ok(dialog: QDialog) -> QAbstractButton:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    return box.button(QDialogButtonBox.StandardButton.Ok)


def _cancel(dialog: QDialog) -> QAbstractButton:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    return box.button(QDialogButtonBox.StandardButton.Cancel)


def test_the_new_user_dialog_gives_the_user_on_ok_and_nothing_on_cancel(
    qtbot: QtBot, admin_screens: Screens
) -> None:
    parent = admin_screens.admin.users

    def fill(dialog: QDialog) -> QAbstractButton:
        assert isinstance(dialog, NewUserDialog)
        assert offered(dialog) == {_ok(dialog).text(), _cancel(dialog).text()}
        dialog.username.setText("zhaoli")
        dialog.display_name.setText("赵丽")
        dialog.role.setCurrentIndex(dialog.role.findData("lead"))
        dialog.password.first.setText("Counter#2027")
        dialog.password.second.setText("Counter#2027")
        return _ok(dialog)

    _answer(qtbot, fill)
    assert NewUserDialog.ask(parent) == NewUser("zhaoli", "赵丽", "lead", "Counter#2027")
    _answer(qtbot, _cancel)
    assert NewUserDialog.ask(parent) is None


def test_the_reset_password_dialog_gives_the_password_on_ok_and_nothing_on_cancel(
    qtbot: QtBot, admin_screens: Screens
) -> None:
    parent = admin_screens.admin.users

    def fill(dialog: QDialog) -> QAbstractButton:
        assert isinstance(dialog, ResetPasswordDialog)
        assert offered(dialog) == {_ok(dialog).text(), _cancel(dialog).text()}
        dialog.password.first.setText("Fresh#20261127")
        dialog.password.second.setText("Fresh#20261127")
        return _ok(dialog)

    _answer(qtbot, fill)
    assert ResetPasswordDialog.ask("lina", parent) == "Fresh#20261127"
    _answer(qtbot, _cancel)
    assert ResetPasswordDialog.ask("lina", parent) is None


# The ticket screens' dialogs and 受理's discard question, answered through their own buttons
# (test_every_action.py answers their `ask()` for the screens behind them) --------------------


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _button(dialog: QDialog, text: str) -> QAbstractButton:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    (found,) = [b for b in box.buttons() if b.text() == text]
    return found


def _both(dialog: QDialog, accept: str, reject: str) -> None:
    assert offered(dialog) == {accept, reject}


def test_the_cancel_dialog_gives_the_reason_or_nothing(qtbot: QtBot, parent: QWidget) -> None:
    def fill(dialog: QDialog) -> QAbstractButton:
        assert isinstance(dialog, CancelDialog)
        _both(dialog, "撤销工单", "返回")
        dialog.reason.setPlainText("申请人不再需要")
        return dialog.ok

    _answer(qtbot, fill)
    assert CancelDialog.ask("LBGX-20261127-0001", parent) == "申请人不再需要"
    _answer(qtbot, lambda dialog: _button(dialog, "返回"))
    assert CancelDialog.ask("LBGX-20261127-0001", parent) is None


def test_the_material_dialog_gives_the_ticked_materials_or_nothing(
    qtbot: QtBot, parent: QWidget, desk: Desk, ui_hall: Hall, clerk: SignedIn
) -> None:
    # What the detail pane passes it: the missing materials of a ticket, as the core reads them.
    detail = ticket_work.detail(ui_hall, desk.ids["paused"], clerk.user_id)
    missing = [m for m in detail.materials if m.missing]
    assert [m.code for m in missing] == ["property_proof"]

    def fill(dialog: QDialog) -> QAbstractButton:
        assert isinstance(dialog, MaterialDialog)
        _both(dialog, "登记补交", "返回")
        dialog.boxes["property_proof"].setChecked(True)
        return dialog.ok

    _answer(qtbot, fill)
    assert MaterialDialog.ask(missing, parent) == ["property_proof"]
    _answer(qtbot, lambda dialog: _button(dialog, "返回"))
    assert MaterialDialog.ask(missing, parent) is None


def test_the_resend_dialog_gives_the_corrections_or_nothing(qtbot: QtBot, parent: QWidget) -> None:
    messages = (AttentionMessage("applicant.phone", "联系电话无法接通", "13803981234"),)

    def fill(dialog: QDialog) -> QAbstractButton:
        assert isinstance(dialog, ResendDialog)
        _both(dialog, "重新发送", "返回")
        dialog.edits["applicant.phone"].setText("13803981235")
        return _button(dialog, "重新发送")

    _answer(qtbot, fill)
    assert ResendDialog.ask(messages, parent) == {"applicant.phone": "13803981235"}
    _answer(qtbot, lambda dialog: _button(dialog, "返回"))
    assert ResendDialog.ask(messages, parent) is None


def test_the_reassign_dialog_submits_whom_and_why_or_nothing(qtbot: QtBot, parent: QWidget) -> None:
    assignees = [Assignee("zhangwei", "张伟"), Assignee("lina", "李娜")]
    asked: list[tuple[str, str]] = []

    def submit(to: str, reason: str, dialog: ReassignDialog) -> None:
        asked.append((to, reason))
        dialog.succeeded()

    def fill(dialog: QDialog) -> QAbstractButton:
        assert isinstance(dialog, ReassignDialog)
        _both(dialog, "改派", "取消")
        dialog.target.setCurrentIndex(dialog.target.findData("lina"))
        dialog.reason.setPlainText("张伟下午外出勘查")
        return _button(dialog, "改派")

    _answer(qtbot, fill)
    ReassignDialog.ask(1, assignees, parent, submit)
    assert asked == [("lina", "张伟下午外出勘查")]
    _answer(qtbot, lambda dialog: _button(dialog, "取消"))
    ReassignDialog.ask(1, assignees, parent, submit)
    assert len(asked) == 1


def test_the_discard_question_answers_yes_or_no(qtbot: QtBot, parent: QWidget) -> None:
    def choose(answer: QMessageBox.StandardButton) -> Callable[[QDialog], QAbstractButton]:
        def pick(dialog: QDialog) -> QAbstractButton:
            assert isinstance(dialog, QMessageBox)
            assert len(offered(dialog)) == 2
            return dialog.button(answer)

        return pick

    _answer(qtbot, choose(QMessageBox.StandardButton.Yes))
    assert DiscardDialog.ask(parent) is True
    _answer(qtbot, choose(QMessageBox.StandardButton.No))
    assert DiscardDialog.ask(parent) is False


# Training mode: the band's 培训设置 (tests/ui/test_training_controls.py tries each entry of its
# menu; here the button itself and its key) ---------------------------------------------------


def _choose_from_menu(qtbot: QtBot, menu: QMenu, name: str) -> None:
    """Once `menu` pops up (it blocks in its own loop), click its entry `name`."""

    def when_shown() -> None:
        (entry,) = [a for a in menu.actions() if a.objectName() == name]
        try:
            assert menu.isVisible()
            qtbot.mouseClick(
                menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(entry).center()
            )
        finally:
            menu.close()  # the test fails, rather than hangs, if the click missed

    QTimer.singleShot(0, when_shown)


# A menu pops up for real: the offscreen platform says it cannot raise it or grab the keyboard.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_in_training_mode_the_window_adds_only_training_settings_and_each_way_sets_the_pace(
    qtbot: QtBot, training_screens: Screens, sims: dict[str, Simulator]
) -> None:
    s = training_screens
    window = s.window
    assert window.training is not None
    button = window.training.button
    window.report_failure("测试")
    assert offered(window, window.tabs) == _named(s, "window") | {button.objectName()}
    assert {a.text() for a in window.actions()} == WINDOW_ACTIONS | {"培训设置"}
    menu = button.menu()
    assert menu is not None

    _choose_from_menu(qtbot, menu, "pace_seconds")
    click(qtbot, button)
    qtbot.waitUntil(lambda: audited(s.hall, "training.pace") == 1, timeout=WAIT)
    assert {sim.step_seconds for sim in sims.values()} == {TRAINING_PACE_SECONDS["seconds"]}

    (key,) = [a for a in window.actions() if a.text() == "培训设置"]
    assert key.shortcut().toString() == "Ctrl+Shift+T"
    _choose_from_menu(qtbot, menu, "pace_minutes")
    key.trigger()
    qtbot.waitUntil(lambda: audited(s.hall, "training.pace") == 2, timeout=WAIT)
    assert {sim.step_seconds for sim in sims.values()} == {TRAINING_PACE_SECONDS["minutes"]}
    qtbot.waitUntil(lambda: not s.tasks.busy, timeout=WAIT)
