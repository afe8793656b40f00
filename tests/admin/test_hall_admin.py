"""The administrator's service functions (issue 6 §4): config file, endpoints, fees, policy."""

from __future__ import annotations

import json
import socket
import stat
import tomllib
from datetime import date

import pytest
from sqlalchemy import select

from onewindow.access.users import Actor, get_user
from onewindow.admin import hall_settings as hall_admin
from onewindow.admin.hall_settings import EndpointChange, FeeItem, FeeList, HallData
from onewindow.clocks.policy import default_policy, load_policy
from onewindow.config import UtilitySettings, training_config
from onewindow.config import load as load_config
from onewindow.errors import BadInput
from onewindow.simulator.server import Simulator
from onewindow.store.models import AuditEvent, Ticket
from tests.helpers.lead_data import seed_ticket

TOKEN = "tok-7f3a9c2e51b04d88"
SECRET = "sig-0c1d2e3f4a5b6c7d"


def _admin(session):
    return Actor.of(get_user(session, "admin"))


def _records(hall, action):
    with hall.sessions() as session:
        return session.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()


# The configuration file ---------------------------------------------------------------------


def test_hall_data_is_written_to_the_config_file_and_audited(hall, users, config_file):
    config_file.chmod(0o600)
    with hall.unit() as (session, ctx):
        new = hall_admin.save_hall_data(
            session,
            _admin(session),
            load_config(config_file),
            HallData(
                code="lbzx", name=" 灵宝市政务服务中心水电气窗口 ", supervision_hotline="12345"
            ),
            now=ctx.now,
        )
    assert (new.hall.code, new.hall.name, new.hall.supervision_hotline) == (
        "LBZX",
        "灵宝市政务服务中心水电气窗口",
        "12345",
    )
    reread = load_config(config_file)
    assert reread.hall == new.hall
    assert reread.database_url == hall.config.database_url and reread.counter_id == "W03"
    assert stat.S_IMODE(config_file.stat().st_mode) == 0o600
    assert not [p for p in config_file.parent.iterdir() if p.name.startswith(".onewindow.toml")]
    (record,) = _records(hall, "config.hall")
    assert record.actor == "admin"
    assert record.details["from"] == {
        "code": "LBGX",
        "name": "灵宝市水电气共享营业厅",
        "hotline": "0398-12345",
    }
    assert record.details["to"]["code"] == "LBZX"


def test_a_save_keeps_the_administrators_comments_and_layout(hall, users, config_file, monkeypatch):
    monkeypatch.setenv("OW_GAS_TOKEN", TOKEN)
    text = config_file.read_text(encoding="utf-8")
    text = text.replace("[hall]\n", "# 营业厅信息：改动前请告知信息科\n[hall]\n")
    text = text.replace('code = "LBGX"', 'code = "LBGX"   # 受理编号前缀')
    config_file.write_text(text + "\n# 末尾的说明\n", encoding="utf-8")
    config_file.chmod(0o600)
    with hall.unit() as (session, ctx):
        hall_admin.save_hall_data(
            session,
            _admin(session),
            load_config(config_file),
            HallData(code="LBZX", name="灵宝市水电气共享营业厅", supervision_hotline="12345"),
            now=ctx.now,
        )
        hall_admin.save_endpoint(
            session,
            _admin(session),
            load_config(config_file),
            EndpointChange(
                utility="gas",
                name="灵宝市燃气公司",
                base_url="https://gas.example.cn/onewindow/",
                timeout_s=10,
                hotline="",
                ca_bundle="",
                token=None,
                token_env="OW_GAS_TOKEN",
                signing_secret=None,
                signing_secret_env="",
            ),
            now=ctx.now,
        )
    saved = config_file.read_text(encoding="utf-8")
    assert "# 营业厅信息：改动前请告知信息科\n[hall]\n" in saved
    assert 'code = "LBZX"   # 受理编号前缀' in saved
    assert "# 末尾的说明" in saved
    assert saved.index("[counter]") < saved.index("[utilities.gas]")
    assert load_config(config_file).utilities["gas"].base_url == "https://gas.example.cn/onewindow/"


def test_a_wrong_hall_code_changes_nothing(hall, users, config_file):
    before = config_file.read_bytes()
    with hall.unit() as (session, ctx), pytest.raises(BadInput, match=r"\[hall\] code"):
        hall_admin.save_hall_data(
            session,
            _admin(session),
            load_config(config_file),
            HallData(code="灵宝!", name="营业厅", supervision_hotline="12345"),
            now=ctx.now,
        )
    assert config_file.read_bytes() == before
    assert _records(hall, "config.hall") == []


def test_training_mode_has_no_file_to_edit(hall, users):
    with hall.unit() as (session, ctx), pytest.raises(BadInput, match="培训模式"):
        hall_admin.save_hall_data(
            session,
            _admin(session),
            training_config(),
            HallData("PXYS", "培训", "12345"),
            now=ctx.now,
        )


def _save_endpoint(hall, config_file, change):
    with hall.unit() as (session, ctx):
        return hall_admin.save_endpoint(
            session, _admin(session), load_config(config_file), change, now=ctx.now
        )


def test_endpoint_settings_keep_secrets_out_of_the_audit_trail(hall, users, config_file):
    change = EndpointChange(
        utility="gas",
        name="灵宝燃气",
        base_url="https://gas.example.cn/onewindow",
        timeout_s=8,
        hotline="0398-2222222",
        token=TOKEN,
        signing_secret=SECRET,
    )
    new = _save_endpoint(hall, config_file, change)
    gas = new.utilities["gas"]
    assert gas.base_url == "https://gas.example.cn/onewindow/"
    assert (gas.token, gas.signing_secret, gas.timeout_s) == (TOKEN, SECRET, 8.0)
    assert load_config(config_file).utilities["gas"] == gas
    # The same screen saved again without touching the secrets keeps them.
    kept = _save_endpoint(
        hall, config_file, EndpointChange("gas", "灵宝燃气", "https://gas.example.cn/ow/")
    )
    assert (kept.utilities["gas"].token, kept.utilities["gas"].signing_secret) == (TOKEN, SECRET)
    assert kept.utilities["gas"].hotline == ""
    first, second = _records(hall, "config.utility")
    for record in (first, second):
        text = json.dumps(record.details, ensure_ascii=False)
        assert TOKEN not in text and SECRET not in text
    assert first.details["token_changed"] and first.details["signing_secret_changed"]
    assert first.details["from"] is None
    assert first.details["to"]["base_url"] == "https://gas.example.cn/onewindow/"
    assert not second.details["token_changed"] and not second.details["signing_secret_changed"]
    assert second.details["from"]["hotline"] == "0398-2222222"


def test_a_token_from_the_environment_and_removing_a_secret(hall, users, config_file, monkeypatch):
    monkeypatch.setenv("OW_GAS_TOKEN", TOKEN)
    _save_endpoint(
        hall,
        config_file,
        EndpointChange(
            "gas", "燃气", "https://gas.example.cn/", token="x" * 12, signing_secret=SECRET
        ),
    )
    new = _save_endpoint(
        hall,
        config_file,
        EndpointChange(
            "gas", "燃气", "https://gas.example.cn/", token_env="OW_GAS_TOKEN", signing_secret=""
        ),
    )
    assert new.utilities["gas"].token == TOKEN and new.utilities["gas"].signing_secret is None
    table = tomllib.loads(config_file.read_text(encoding="utf-8"))["utilities"]["gas"]
    assert table["token_env"] == "OW_GAS_TOKEN"
    assert "token" not in table and "signing_secret" not in table


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (EndpointChange("gas", "燃气", "http://gas.example.cn/"), "只允许 https"),
        (EndpointChange("gas", "燃气", "https://gas.example.cn/", timeout_s=0), "timeout_s"),
        (EndpointChange("heat", "热力", "https://heat.example.cn/"), "未知单位"),
        (
            EndpointChange("gas", "燃气", "https://gas.example.cn/", token_env="OW_UNSET_VAR"),
            "OW_UNSET_VAR",
        ),
    ],
)
def test_wrong_endpoint_settings_change_nothing(hall, users, config_file, change, message):
    before = config_file.read_bytes()
    with pytest.raises(BadInput, match=message):
        _save_endpoint(hall, config_file, change)
    assert config_file.read_bytes() == before
    assert _records(hall, "config.utility") == []


def test_secrets_are_shown_masked():
    assert hall_admin.mask_secret(None) == "未设置"
    assert hall_admin.mask_secret("") == "未设置"
    assert hall_admin.mask_secret("short") == "••••••••"
    assert hall_admin.mask_secret(TOKEN) == "••••••••4d88"


# Test connection: GET v1/health over a real socket --------------------------------------------


def _settings(base_url, token=TOKEN, secret=SECRET):
    return UtilitySettings(
        utility="gas",
        name="燃气",
        base_url=base_url,
        token=token,
        signing_secret=secret,
        timeout_s=3,
    )


@pytest.fixture
def simulator():
    with Simulator("gas", token=TOKEN, secret=SECRET) as sim:
        yield sim


def test_connection_ok_with_token_and_signature(simulator):
    result = hall_admin.test_connection(_settings(simulator.base_url))
    assert result.ok and result.http_status == 200
    assert result.message.startswith("连接正常")


def test_connection_with_a_wrong_token_or_secret(simulator):
    for settings in (
        _settings(simulator.base_url, token="wrong-token"),
        _settings(simulator.base_url, secret="wrong-secret"),
    ):
        result = hall_admin.test_connection(settings)
        assert not result.ok and result.http_status == 401
        assert "被拒绝" in result.message


def test_connection_to_nothing_listening():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = hall_admin.test_connection(_settings(f"http://127.0.0.1:{port}/"))
    assert not result.ok and result.http_status is None
    assert result.message.startswith("无法连接")


def test_connection_refuses_plain_http_to_another_machine():
    result = hall_admin.test_connection(_settings("http://192.0.2.1/"))
    assert not result.ok and "只允许 https" in result.message


# Hall-wide tables ----------------------------------------------------------------------------


def test_fee_list_round_trip(hall, users):
    fees = FeeList(
        " 本营业厅东侧公示栏 ",
        (
            FeeItem("gas", "new_connection", "燃气表及表前阀门安装费（按公示标准）"),
            FeeItem("water", None, "水表购置费"),
        ),
    )
    with hall.unit() as (session, ctx):
        saved = hall_admin.save_fee_list(session, _admin(session), fees, now=ctx.now)
    assert saved.where == "本营业厅东侧公示栏" and saved.items == fees.items
    with hall.sessions() as session:
        assert hall_admin.load_fee_list(session) == saved
    (record,) = _records(hall, "settings.fee_list")
    assert record.details["to"]["items"][1] == {"utility": "water", "name": "水表购置费"}


@pytest.mark.parametrize(
    ("fees", "message"),
    [
        (FeeList("  ", ()), "公示位置"),
        (FeeList("公示栏", (FeeItem("heat", None, "热力费"),)), "第 1 项：单位"),
        (FeeList("公示栏", (FeeItem("gas", "install", "安装费"),)), "未知业务"),
        (FeeList("公示栏", (FeeItem("gas", None, " "),)), "名称"),
    ],
)
def test_wrong_fee_lists(hall, users, fees, message):
    with hall.unit() as (session, ctx), pytest.raises(BadInput, match=message):
        hall_admin.save_fee_list(session, _admin(session), fees, now=ctx.now)


def test_fee_list_defaults_to_the_published_board(hall, users):
    with hall.sessions() as session:
        assert hall_admin.load_fee_list(session) == FeeList("本营业厅公示栏", ())


def _gas_ticket(hall, received):
    with hall.unit() as (session, ctx):
        return seed_ticket(
            session,
            ctx,
            clerk="zhangwei",
            received=received,
            events=[("accepted", received)],
        ).id


def _due(hall, ticket_id):
    with hall.sessions() as session:
        ticket = session.get(Ticket, ticket_id)
        return ticket.due_date, ticket.due_provisional


def test_a_policy_change_moves_open_tickets_due_dates(hall, users):
    ticket = _gas_ticket(hall, "2026-11-26 10:00")
    assert _due(hall, ticket) == (date(2026, 11, 27), False)
    data = default_policy().to_dict()
    rule = next(
        r for r in data["rules"] if r["utility"] == "gas" and r["when"] == {"external_works": False}
    )
    rule["workdays"] = 3
    with hall.unit() as (session, ctx):
        moved = hall_admin.change_policy(session, _admin(session), data, ctx)
    assert moved == 1
    assert _due(hall, ticket) == (date(2026, 12, 1), False)
    with hall.sessions() as session:
        assert load_policy(session).to_dict() == data
    assert len(_records(hall, "settings.sla_policy")) == 1


def test_a_holiday_import_moves_due_dates_and_ends_the_provisional_mark(hall, users):
    ticket = _gas_ticket(hall, "2026-12-31 10:00")
    # 2027 is not published: 1 January is the statutory day off, so the due date is Monday 4th.
    assert _due(hall, ticket) == (date(2027, 1, 4), True)
    schedule = "date,kind,name\n2027-01-01,holiday,元旦\n2027-01-04,holiday,元旦\n"
    with hall.unit() as (session, ctx):
        years, moved = hall_admin.import_holidays(
            session, _admin(session), schedule, file_name="2027.csv", ctx=ctx
        )
    assert (list(years), moved) == ([2027], 1)
    assert _due(hall, ticket) == (date(2027, 1, 5), False)
    (record,) = _records(hall, "holidays.import")
    assert record.entity_id == "2027" and record.details["file"] == "2027.csv"


def test_users_listed_for_the_administrator(hall, users):
    with hall.sessions() as session:
        names = [u.username for u in hall_admin.list_users(session, _admin(session))]
    assert names == ["admin", "lina", "wangmin", "zhangwei"]
