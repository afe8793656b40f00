"""The administrator's screens: users, endpoints with 测试连接, hall data, the fee
list, the SLA policy table, holidays; and which pages each role gets in the main window."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QSpinBox,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from onewindow.config import load as load_config
from onewindow.desk import counter_work
from onewindow.hall import Hall
from onewindow.simulator.server import Simulator
from onewindow.store.models import Ticket, User
from tests.conftest import PASSWORD
from tests.ui import lead_fixtures
from tests.ui.conftest import ShiftOf
from tests.ui.lead_fixtures import LeadDesk
from ui.admin_endpoints import AdminEndpoints
from ui.admin_holidays import AdminHolidays
from ui.admin_lists import AdminLists
from ui.admin_policy import WORKDAYS, AdminPolicy
from ui.admin_users import AdminUsers, NewUserDialog, ResetPasswordDialog
from ui.lead_screens import LeadScreens
from ui.main_window import MainWindow
from ui.tasks import TaskRunner

lead_desk = lead_fixtures.lead_desk
TOKEN = "tok-5a6b7c8d9e0f1a2b"


def _loaded(qtbot: QtBot, widget, signal_name: str = "loaded") -> None:
    with qtbot.waitSignal(getattr(widget, signal_name), timeout=10_000):
        widget.refresh()


def _user(hall: Hall, name: str) -> User:
    with hall.sessions() as session:
        user = session.scalars(select(User).where(User.username == name)).one()
        session.expunge(user)
        return user


# Users ---------------------------------------------------------------------------------------


def test_users_add_disable_reset_and_change_role(
    qtbot: QtBot, qtmodeltester, ui_hall: Hall, shift_of: ShiftOf, lead_desk: LeadDesk, monkeypatch
) -> None:
    page = AdminUsers(shift_of(lead_desk.admin))
    qtbot.addWidget(page)
    _loaded(qtbot, page)
    assert [r.username for r in page.model.rows] == ["admin", "lina", "wangmin", "zhangwei"]
    qtmodeltester.check(page.model)

    def fill_new(dialog: NewUserDialog) -> int:
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()
        dialog.username.setText("zhaoli")
        dialog.display_name.setText("赵丽")
        dialog.password.first.setText("Counter#2027")
        dialog.password.second.setText("Counter#2028")
        assert not ok.isEnabled() and "不一致" in dialog.hint.text()
        dialog.password.second.setText("Counter#2027")
        assert ok.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewUserDialog, "exec", fill_new)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.add()
    assert "zhaoli" in [r.username for r in page.model.rows]
    assert _user(ui_hall, "zhaoli").display_name == "赵丽"

    page.table.selectRow([r.username for r in page.model.rows].index("lina"))
    assert page.toggle_button.text() == "停用"
    with (
        qtbot.waitSignal(page.loaded, timeout=10_000),
        qtbot.waitSignal(page.message, timeout=10_000) as said,
    ):
        page.toggle_button.click()
    assert said.args[0] == "已停用 李娜（lina）"  # people by the name the hall knows them by
    assert not _user(ui_hall, "lina").active
    assert page.selected().username == "lina" and page.toggle_button.text() == "启用"

    def fill_reset(dialog: ResetPasswordDialog) -> int:
        dialog.password.first.setText("Fresh#20261127")
        dialog.password.second.setText("Fresh#20261127")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ResetPasswordDialog, "exec", fill_reset)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reset_button.click()
    assert _user(ui_hall, "lina").must_change_password

    page.role_choice.setCurrentIndex(page.role_choice.findData("lead"))
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.role_button.click()
    assert _user(ui_hall, "lina").role == "lead"


def test_an_administrator_cannot_disable_himself(
    qtbot: QtBot, ui_hall: Hall, shift_of: ShiftOf, lead_desk: LeadDesk
) -> None:
    page = AdminUsers(shift_of(lead_desk.admin))
    qtbot.addWidget(page)
    _loaded(qtbot, page)
    page.table.selectRow(0)
    with qtbot.waitSignal(page.failed, timeout=10_000) as said:
        page.toggle_button.click()
    assert "不能停用自己的账户" in said.args[0]
    assert _user(ui_hall, "admin").active


# Endpoints and hall data: the configuration file -------------------------------------------


@pytest.fixture
def file_hall(tmp_path: Path, ui_hall: Hall) -> Hall:
    """The same database, run from a configuration file the admin screen may rewrite."""
    path = tmp_path / "onewindow.toml"
    path.write_text(
        f"""[database]
url = "{ui_hall.config.database_url}"
[hall]
code = "LBGX"
name = "灵宝市水电气共享营业厅"
supervision_hotline = "0398-12345"
[counter]
id = "W03"
[utilities.gas]
base_url = "https://gas.example.cn/onewindow/"
token = "{TOKEN}"
""",
        encoding="utf-8",
    )
    path.chmod(0o600)  # it holds a token: the loader refuses a file others can read
    ui_hall.config = load_config(path)
    return ui_hall


def test_endpoint_settings_saved_masked_and_tested(
    qtbot: QtBot, file_hall: Hall, shift_of: ShiftOf, lead_desk: LeadDesk
) -> None:
    page = AdminEndpoints(shift_of(lead_desk.admin, file_hall))
    qtbot.addWidget(page)
    page.utility.setCurrentIndex(page.utility.findData("gas"))
    assert page.token.text() == "" and "••••••••1a2b" in page.token.placeholderText()
    assert "未设置" in page.secret.placeholderText()
    with Simulator("gas", token=TOKEN) as sim:
        page.base_url.setText(sim.base_url)
        page.hotline.setText("0398-2222222")
        with qtbot.waitSignal(page.tested, timeout=10_000) as tested:
            page.test_button.click()
        assert tested.args[0].ok and page.result.text().startswith("✓ 连接正常")
        page.token.setText("wrong-token-123456")
        with qtbot.waitSignal(page.tested, timeout=10_000) as tested:
            page.test_button.click()
        assert not tested.args[0].ok and "拒绝了令牌或签名" in page.result.text()
        page.token.clear()
        with qtbot.waitSignal(page.saved, timeout=10_000):
            page.save_button.click()
    table = tomllib.loads(file_hall.config.path.read_text(encoding="utf-8"))["utilities"]["gas"]
    assert table["token"] == TOKEN and table["hotline"] == "0398-2222222"
    assert file_hall.config.utilities["gas"].base_url == sim.base_url
    assert page.token.text() == ""


def test_a_wrong_endpoint_is_explained_and_nothing_saved(
    qtbot: QtBot, file_hall: Hall, shift_of: ShiftOf, lead_desk: LeadDesk
) -> None:
    before = file_hall.config.path.read_bytes()
    page = AdminEndpoints(shift_of(lead_desk.admin, file_hall))
    qtbot.addWidget(page)
    page.utility.setCurrentIndex(page.utility.findData("water"))
    page.base_url.setText("http://water.example.cn/")
    with qtbot.waitSignal(page.failed, timeout=10_000) as said:
        page.save_button.click()
    assert "只允许 https" in said.args[0] and "只允许 https" in page.result.text()
    assert file_hall.config.path.read_bytes() == before


def test_hall_data_saved_to_the_file(
    qtbot: QtBot, file_hall: Hall, shift_of: ShiftOf, lead_desk: LeadDesk
) -> None:
    page = AdminEndpoints(shift_of(lead_desk.admin, file_hall))
    qtbot.addWidget(page)
    assert page.hall_name.text() == "灵宝市水电气共享营业厅"
    page.hall_hotline.setText("0398-8888888")
    with qtbot.waitSignal(page.saved, timeout=10_000):
        page.save_hall_button.click()
    assert file_hall.config.hall.supervision_hotline == "0398-8888888"
    assert "0398-8888888" in file_hall.config.path.read_text(encoding="utf-8")


def test_training_mode_settings_are_read_only(
    qtbot: QtBot, shift_of: ShiftOf, lead_desk: LeadDesk
) -> None:
    page = AdminEndpoints(shift_of(lead_desk.admin))
    qtbot.addWidget(page)
    assert not page.save_button.isEnabled() and not page.save_hall_button.isEnabled()
    # Issue 10.10: nothing looks editable that cannot be saved.
    edits = page.findChildren(QLineEdit)
    assert edits and all(edit.isReadOnly() for edit in edits)
    assert page.timeout.isReadOnly() and not page.clear_secret.isEnabled()
    assert page.utility.isEnabled() and page.test_button.isEnabled()


def test_a_dead_host_is_a_sentence_and_never_holds_up_the_database(
    qtbot: QtBot, file_hall: Hall, runner: TaskRunner, lead_desk: LeadDesk, shift_of: ShiftOf
) -> None:
    """Issue 10.10: 测试连接 to a host that accepts and never answers."""
    import socket
    import time

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # connections queue, nothing ever answers
    try:
        page = AdminEndpoints(shift_of(lead_desk.admin, file_hall))
        qtbot.addWidget(page)
        page.utility.setCurrentIndex(page.utility.findData("water"))
        page.base_url.setText(f"http://127.0.0.1:{silent.getsockname()[1]}/")
        page.ca_bundle.clear()
        page.timeout.setValue(3)
        started = time.monotonic()
        page.test_button.click()
        # The database queue answers at once while the test waits on the network.
        with qtbot.waitSignal(runner.finished, timeout=2000):
            runner.run(lambda: None)
        assert time.monotonic() - started < 2.5
        assert page.result.text() == "正在连接…"
        with qtbot.waitSignal(page.tested, timeout=15_000) as tested:
            pass
        assert not tested.args[0].ok
        said = page.result.text()
        assert said.startswith("✕ ") and "3 秒内没有应答" in said, said
        for leak in ("Error", "Errno", "timeout", "HTTPConnectionPool", "Traceback", "/"):
            assert leak not in said, said
    finally:
        silent.close()


# Fee list (the materials catalogue: tests/ui/test_admin_catalogue.py) -------------------------


def test_fee_list(qtbot: QtBot, shift_of: ShiftOf, lead_desk: LeadDesk) -> None:
    page = AdminLists(shift_of(lead_desk.admin))
    qtbot.addWidget(page)
    _loaded(qtbot, page)
    assert page.where.text() == "本营业厅公示栏" and page.fees.rowCount() == 0
    page.add_fee_button.click()
    page.fees.item(0, 2).setText("燃气表安装费")
    page.fees.cellWidget(0, 1).setCurrentIndex(1)  # 新装
    with qtbot.waitSignal(page.message, timeout=10_000) as said:
        page.save_fees_button.click()
    assert said.args[0] == "收费清单已保存（1 项）"
    fresh = AdminLists(shift_of(lead_desk.admin))
    qtbot.addWidget(fresh)
    _loaded(qtbot, fresh)
    fees = fresh.fee_list()
    assert [(i.utility, i.service, i.name) for i in fees.items] == [
        ("gas", "new_connection", "燃气表安装费")
    ]


# SLA policy ---------------------------------------------------------------------------------


def test_policy_table_speaks_in_labels_saves_and_moves_due_dates(
    qtbot: QtBot, ui_hall: Hall, shift_of: ShiftOf, lead_desk: LeadDesk
) -> None:
    """Issue 10.10: 供气 · 新装 · 不需要, not gas / new_connection / external_works=false."""
    page = AdminPolicy(shift_of(lead_desk.admin))
    qtbot.addWidget(page)
    _loaded(qtbot, page)
    assert page.approval.value() == 3 and page.rules.rowCount() == 12
    shown = [
        [_cell_text(page, row, c) for c in range(page.rules.columnCount())]
        for row in range(page.rules.rowCount())
    ]
    # The second rule: gas new connection without external works, one working day.
    assert shown[1][:6] == ["供气", "新装", "不限", "不限", "不需要", "1 个工作日"]
    codes = re.compile(r"[a-z]+_[a-z]+|=|\b(gas|water|power|true|false)\b")
    assert not [text for row in shown for text in row[:6] if codes.search(text)]
    days = page.rules.cellWidget(1, WORKDAYS)
    days.setValue(2)
    before = page.policy_data()["rules"][1]
    assert before == {
        "utility": "gas",
        "service": "new_connection",
        "when": {"external_works": False},
        "workdays": 2,
        "source": before["source"],
    }
    with qtbot.waitSignal(page.saved, timeout=10_000) as saved:
        page.save_button.click()
    assert saved.args[0] == 5  # every open ticket recomputed
    with ui_hall.sessions() as session:
        ticket = session.get(Ticket, lead_desk.tickets["today"])
        assert ticket.due_date == date(2026, 11, 30)  # was the 27th


def _cell_text(page: AdminPolicy, row: int, column: int) -> str:
    widget = page.rules.cellWidget(row, column)
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QSpinBox):
        return widget.text()
    item = page.rules.item(row, column)
    return item.text() if item is not None else ""


# Holidays --------------------------------------------------------------------------------------


def test_holiday_year_view_and_import(
    qtbot: QtBot, shift_of: ShiftOf, lead_desk: LeadDesk, tmp_path: Path
) -> None:
    csv_file = tmp_path / "2027.csv"
    csv_file.write_text("date,kind,name\n2027-01-01,holiday,元旦\n", encoding="utf-8")
    page = AdminHolidays(shift_of(lead_desk.admin), open_dialog=lambda *a: str(csv_file))
    qtbot.addWidget(page)
    _loaded(qtbot, page)
    assert page.year.value() == 2026 and "国务院办公厅公布的 2026 年放假安排" in page.source.text()
    assert page.day_rows.rowCount() > 20
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.year.setValue(2027)
    assert page.source.text().startswith("暂定：")
    with qtbot.waitSignal(page.imported, timeout=10_000) as imported:
        page.import_file()
    assert imported.args[0] == [2027]
    qtbot.waitUntil(lambda: "导入自 2027.csv" in page.source.text(), timeout=10_000)
    assert page.day_rows.rowCount() == 1 and page.day_rows.index(0, 2).data() == "元旦"


# Which pages each role gets ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "pages"),
    [
        ("zhangwei", []),
        ("wangmin", ["stats", "audit"]),
        ("admin", ["stats", "audit", "admin"]),
    ],
)
def test_pages_by_role(
    qtbot: QtBot,
    ui_hall: Hall,
    runner: TaskRunner,
    lead_desk: LeadDesk,
    shift_of: ShiftOf,
    form_context,
    username: str,
    pages: list[str],
) -> None:
    user = counter_work.sign_in(ui_hall, username, PASSWORD)
    window = MainWindow(shift_of(user), form_context)
    qtbot.addWidget(window)
    screens = LeadScreens(window)
    assert [k for k in window.pages if k in ("stats", "audit", "admin")] == pages
    if "stats" in pages:
        qtbot.waitUntil(
            lambda: window.tabs.tabText(window.tabs.indexOf(window.pages["stats"])) == "统计 超期1",
            timeout=10_000,
        )
        assert screens.stats is not None
    if "audit" in pages:
        assert screens.audit is not None
        with qtbot.waitSignal(screens.audit.loaded, timeout=10_000):
            window.show_page("audit")
        assert screens.audit.model.rowCount() > 0
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)


def test_the_numbers_follow_ticket_changes(
    qtbot: QtBot,
    ui_hall: Hall,
    runner: TaskRunner,
    lead_desk: LeadDesk,
    shift_of: ShiftOf,
    form_context,
    monkeypatch,
) -> None:
    monkeypatch.setattr("ui.lead_screens._REFRESH_DELAY_MS", 10)
    window = MainWindow(shift_of(lead_desk.lead), form_context)
    qtbot.addWidget(window)
    screens = LeadScreens(window)
    assert screens.stats is not None
    qtbot.waitUntil(lambda: screens.stats.data is not None, timeout=10_000)
    with ui_hall.unit() as (session, _ctx):
        ticket = session.get(Ticket, lead_desk.tickets["overdue"])
        ticket.status, ticket.closed_at = "connected", ui_hall.now()
    with qtbot.waitSignal(screens.stats.loaded, timeout=10_000):
        window.events.notify([lead_desk.tickets["overdue"]])
    assert screens.stats.overdue_card.value.text() == "0"
    assert screens.stats.notice.isHidden()
    assert window.tabs.tabText(window.tabs.indexOf(window.pages["stats"])) == "统计"
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)


def test_the_password_fields_speak_english_too(qtbot: QtBot, english) -> None:
    dialog = ResetPasswordDialog("lina")
    qtbot.addWidget(dialog)
    labels = [
        dialog.form.itemAt(i).widget().text()
        for i in range(dialog.form.count())
        if isinstance(dialog.form.itemAt(i).widget(), QLabel)
    ]
    assert "Password" in labels and "Enter again" in labels
    assert dialog.hint.text() == "At least 8 characters"
