"""Every permission rule of the lead's and administrator's tools, clerk vs lead vs admin.

The expected table is written out by hand (not derived from users.GRANTS), so a change to the
grants that breaks a rule of the issue fails here. The same rules hold on the command line.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from onewindow.access.users import (
    Actor,
    change_role,
    create_user,
    get_user,
    reset_password,
    set_active,
)
from onewindow.admin import hall_settings as hall_admin
from onewindow.admin.catalogue import save_material
from onewindow.audit.query import AuditFilter, export_csv, search_audit
from onewindow.cli.main import main
from onewindow.clocks.policy import default_policy
from onewindow.config import load as load_config
from onewindow.errors import NotPermitted
from onewindow.hall import Context
from onewindow.intake.catalogue import MaterialCatalogue
from onewindow.lead.indicators import compute_indicators
from onewindow.lead.workload import (
    approaching_due,
    clerk_loads,
    hall_summary,
    overdue_tickets,
    tickets_by_utility_and_status,
)
from onewindow.papers.indicator_report import export_indicators
from onewindow.store.models import Ticket
from onewindow.tickets.reassignment import reassign_tickets
from tests.conftest import PASSWORD
from tests.helpers.lead_data import accepted_ticket

TODAY = date(2026, 11, 27)
HOLIDAYS = "date,kind,name\n2027-01-01,holiday,元旦\n"
APPLICANT_ID = MaterialCatalogue.default().items["applicant_id"].to_data()

Operation = Callable[[Any, Actor, Context, dict[str, Any]], object]

OPERATIONS: dict[str, tuple[set[str], Operation]] = {
    "reassign": (
        {"lead"},
        lambda s, a, c, f: reassign_tickets(s, a, [f["ticket"]], "lina", "均衡", now=c.now),
    ),
    "workload summary": ({"lead", "admin"}, lambda s, a, c, f: hall_summary(s, a, today=TODAY)),
    "clerk loads": ({"lead", "admin"}, lambda s, a, c, f: clerk_loads(s, a, today=TODAY)),
    "by utility and status": (
        {"lead", "admin"},
        lambda s, a, c, f: tickets_by_utility_and_status(s, a),
    ),
    "approaching due": (
        {"lead", "admin"},
        lambda s, a, c, f: approaching_due(s, a, today=TODAY, calendar=c.calendar),
    ),
    "overdue": ({"lead", "admin"}, lambda s, a, c, f: overdue_tickets(s, a, today=TODAY)),
    "indicators": (
        {"lead", "admin"},
        lambda s, a, c, f: compute_indicators(
            s, a, date_from=TODAY, date_to=TODAY, calendar=c.calendar, policy=c.policy, now=c.now
        ),
    ),
    "indicator report": (
        {"lead", "admin"},
        lambda s, a, c, f: export_indicators(
            s, a, date_from=TODAY, date_to=TODAY, fmt="csv", ctx=c
        ),
    ),
    "audit search": ({"lead", "admin"}, lambda s, a, c, f: search_audit(s, a, AuditFilter())),
    "audit export": (
        {"lead", "admin"},
        lambda s, a, c, f: export_csv(s, a, AuditFilter(), now=c.now),
    ),
    "list users": ({"admin"}, lambda s, a, c, f: hall_admin.list_users(s, a)),
    "add user": (
        {"admin"},
        lambda s, a, c, f: create_user(
            s, a, username="newclerk", password=PASSWORD, role="clerk", now=c.now
        ),
    ),
    "disable user": ({"admin"}, lambda s, a, c, f: set_active(s, a, "lina", False, now=c.now)),
    "reset password": (
        {"admin"},
        lambda s, a, c, f: reset_password(s, a, "lina", "Another#2026", now=c.now),
    ),
    "change role": ({"admin"}, lambda s, a, c, f: change_role(s, a, "lina", "lead", now=c.now)),
    "hall data": (
        {"admin"},
        lambda s, a, c, f: hall_admin.save_hall_data(
            s, a, f["config"], hall_admin.HallData("LBGX", "新名称营业厅", "0398-12345"), now=c.now
        ),
    ),
    "endpoint": (
        {"admin"},
        lambda s, a, c, f: hall_admin.save_endpoint(
            s,
            a,
            f["config"],
            hall_admin.EndpointChange("gas", "燃气公司", "https://gas.example.cn/ow/"),
            now=c.now,
        ),
    ),
    "fee list": (
        {"admin"},
        lambda s, a, c, f: hall_admin.save_fee_list(
            s, a, hall_admin.FeeList("本营业厅公示栏", ()), now=c.now
        ),
    ),
    "SLA policy": (
        {"admin"},
        lambda s, a, c, f: hall_admin.change_policy(s, a, default_policy().to_dict(), c),
    ),
    "materials catalogue": (
        {"admin"},
        lambda s, a, c, f: save_material(s, a, "applicant_id", APPLICANT_ID, now=c.now),
    ),
    "holiday import": (
        {"admin"},
        lambda s, a, c, f: hall_admin.import_holidays(s, a, HOLIDAYS, file_name="2027.csv", ctx=c),
    ),
}
ROLES = {"clerk": "zhangwei", "lead": "wangmin", "admin": "admin"}


@pytest.fixture
def ticket(hall, users):
    with hall.unit() as (session, ctx):
        return accepted_ticket(session, ctx, "zhangwei").id


def test_every_rule_through_the_service_functions(hall, ticket, config_file):
    broken = []
    for name, (allowed, operation) in OPERATIONS.items():
        for role, username in ROLES.items():
            config = load_config(config_file)
            original = config_file.read_bytes()
            with hall.sessions() as session:
                actor = Actor.of(get_user(session, username))
                ctx = hall.context(session)
                try:
                    operation(session, actor, ctx, {"ticket": ticket, "config": config})
                    outcome = "done"
                except NotPermitted:
                    outcome = "refused"
                finally:
                    session.rollback()
                    config_file.write_bytes(original)
            expected = "done" if role in allowed else "refused"
            if outcome != expected:
                broken.append(f"{name} by {role}: {outcome}, expected {expected}")
    assert broken == []


@pytest.fixture
def cli(config_file, capsys):
    def run(*args: str) -> tuple[int, str, str]:
        try:
            code = main(["--config", str(config_file), *args])
        except SystemExit as exc:  # argparse's own usage errors
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _assignee(hall, ticket_id: str) -> str:
    with hall.sessions() as session:
        return session.scalars(select(Ticket).where(Ticket.id == ticket_id)).one().assignee.username


@pytest.mark.parametrize("by", ["zhangwei", "admin"])
def test_reassign_command_refuses_clerks_and_administrators_with_exit_3(cli, hall, ticket, by):
    code, _, err = cli("reassign", ticket, "--to", "lina", "--reason", "均衡工作量", "--by", by)
    assert code == 3
    assert "无权改派工单" in err and err.count("\n") == 1 and "Traceback" not in err
    assert _assignee(hall, ticket) == "zhangwei"


def test_reassign_command_by_a_lead(cli, hall, ticket):
    code, out, err = cli(
        "reassign", ticket, "--to", "lina", "--reason", "张伟外出", "--by", "wangmin"
    )
    assert code == 0, err
    assert f"ticket {ticket} reassigned to lina" in out
    assert _assignee(hall, ticket) == "lina"


def test_a_disabled_lead_is_not_permitted(cli, hall, ticket):
    with hall.unit() as (session, ctx):
        set_active(session, Actor.system(), "wangmin", False, now=ctx.now)
    code, _, err = cli("reassign", ticket, "--to", "lina", "--reason", "均衡", "--by", "wangmin")
    assert code == 3 and "已停用" in err


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"ticket": "00000000-0000-4000-8000-000000000000"}, "不存在"),
        ({"--to": "nobody"}, "nobody 不存在"),
        ({"--to": "olduser"}, "已停用"),
        ({"--by": "nobody"}, "nobody 不存在"),
        ({"--reason": "   "}, "改派原因"),
    ],
)
def test_reassign_command_bad_input_exit_2(cli, hall, ticket, change, message):
    with hall.unit() as (session, ctx):
        create_user(
            session,
            Actor.system(),
            username="olduser",
            password=PASSWORD,
            role="clerk",
            now=ctx.now,
        )
        set_active(session, Actor.system(), "olduser", False, now=ctx.now)
    args = {"ticket": ticket, "--to": "lina", "--reason": "均衡", "--by": "wangmin"} | change
    code, _, err = cli(
        "reassign",
        args["ticket"],
        *(x for key in ("--to", "--reason", "--by") for x in (key, args[key])),
    )
    assert code == 2 and message in err
    assert _assignee(hall, ticket) == "zhangwei"


def test_reassign_command_without_a_reason_is_a_usage_error(cli, ticket):
    code, _, err = cli("reassign", ticket, "--to", "lina", "--by", "wangmin")
    assert code == 2 and "--reason" in err


def test_a_configuration_file_left_alone_by_refused_changes(hall, users, config_file):
    before = config_file.read_bytes()
    with hall.sessions() as session:
        lead = Actor.of(get_user(session, "wangmin"))
        with pytest.raises(NotPermitted):
            hall_admin.save_hall_data(
                session,
                lead,
                load_config(config_file),
                hall_admin.HallData("LBGX", "改名", "0398-1"),
                now=hall.now(),
            )
    assert config_file.read_bytes() == before
