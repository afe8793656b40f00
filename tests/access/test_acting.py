"""One acting user: a disabled or demoted user is judged by their account as it is now at
their next action, through the desk's units of work and the command line, on both databases.
"""

import json

import pytest
from sqlalchemy import select

from onewindow.access.acting import acting, acting_named
from onewindow.access.users import Actor, change_role, set_active
from onewindow.audit.query import AuditFilter
from onewindow.desk import counter_work, lead_work, ticket_work
from onewindow.errors import NotActing, NotFound, NotPermitted
from onewindow.store.models import AuditEvent, User
from onewindow.tickets.queries import TicketFilter
from tests.conftest import PASSWORD, SAMPLES
from tests.helpers.delivery_support import sample_form, submit
from tests.helpers.lead_data import user_id


def _signed_in(hall, name):
    return counter_work.sign_in(hall, name, PASSWORD)


def _admin_does(hall, change, name, value):
    with hall.unit() as (session, ctx):
        change(session, Actor.system(), name, value, now=ctx.now)


def test_acting_reads_the_account_as_it_is_now(hall, users):
    with hall.unit() as (session, _):
        uid = user_id(session, users["lead"])
        assert acting(session, uid).role == "lead"
    _admin_does(hall, change_role, users["lead"], "clerk")
    with hall.unit() as (session, _):
        assert acting(session, uid).role == "clerk"
        assert acting_named(session, users["lead"]).role == "clerk"
        with pytest.raises(NotFound):
            acting_named(session, "nobody")
    _admin_does(hall, set_active, users["lead"], False)
    with hall.unit() as (session, _), pytest.raises(NotActing, match="wangmin 已停用"):
        acting(session, uid)
    with hall.unit() as (session, _):
        session.get(User, uid).display_name = "王敏"
    with hall.unit() as (session, _), pytest.raises(NotActing) as refused:
        acting(session, uid)
    # People by the name the hall knows them by, and the account name they sign in with.
    assert refused.value.text.zh.startswith("王敏（wangmin）已停用")
    assert refused.value.text.en.startswith("王敏 (wangmin) is disabled")


def test_a_disabled_clerk_is_refused_at_the_next_action(hall, users):
    clerk = _signed_in(hall, users["clerk"])
    (number, ticket_ids), *_ = submit(hall, users["clerk"]).items()
    _admin_does(hall, set_active, users["clerk"], False)
    uid = clerk.user_id
    for action in (
        lambda: counter_work.submit(hall, uid, sample_form()),
        lambda: counter_work.rate(hall, uid, number, 5, ""),
        lambda: counter_work.paper_preview(hall, uid, number, "receipt", "a4"),
        lambda: counter_work.paper_copies(hall, uid, number, (("receipt", "a4"),), "print"),
        lambda: ticket_work.detail(hall, ticket_ids[0], uid),
        lambda: ticket_work.cancel(hall, uid, ticket_ids[0], "申请人撤回"),
        lambda: ticket_work.record_material(hall, uid, ticket_ids[0], ["business_license"]),
        lambda: counter_work.change_password(hall, uid, PASSWORD, "Another#2026"),
    ):
        with pytest.raises(NotActing):
            action()
    # The ticket lists stop too: applicants' data is not read for a disabled account.
    source = ticket_work.HallTicketSource(hall, uid)
    with pytest.raises(NotActing):
        source.first_page(TicketFilter(), 50, "newest", True)
    # Enabled again, the same signed-in session acts again.
    _admin_does(hall, set_active, users["clerk"], True)
    assert ticket_work.detail(hall, ticket_ids[0], uid).ticket_id == ticket_ids[0]
    assert source.first_page(TicketFilter(), 50, "newest", True).total == len(ticket_ids)


def test_a_disabled_or_demoted_lead_is_refused_at_the_next_action(hall, users):
    lead = _signed_in(hall, users["lead"])
    assert lead_work.workload(hall, lead).today
    assert lead_work.search_audit(hall, lead, AuditFilter(), 1, 10).rows is not None
    _admin_does(hall, change_role, users["lead"], "clerk")
    # The screen was opened as a lead; the account is a clerk's now.
    for action in (
        lambda: lead_work.workload(hall, lead),
        lambda: lead_work.search_audit(hall, lead, AuditFilter(), 1, 10),
        lambda: lead_work.reassign(hall, lead, ["x"], users["clerk2"], "请假"),
    ):
        with pytest.raises(NotPermitted) as refused:
            action()
        assert not isinstance(refused.value, NotActing)
    _admin_does(hall, set_active, users["lead"], False)
    with pytest.raises(NotActing):
        lead_work.workload(hall, lead)


def test_a_demoted_administrator_cannot_administer(hall, users):
    admin = _signed_in(hall, users["admin"])
    assert len(lead_work.list_users(hall, admin)) == 4
    _admin_does(hall, change_role, users["admin"], "lead")
    with pytest.raises(NotPermitted):
        lead_work.list_users(hall, admin)
    with pytest.raises(NotPermitted):
        lead_work.set_active(hall, admin, users["clerk"], False)


# The command line --------------------------------------------------------------------------


def test_a_disabled_clerk_cannot_submit_or_cancel_from_the_command_line(hall, users, cli):
    form = str(SAMPLES / "gas-only-resident.json")
    assert cli("submit", form, "--clerk", users["clerk"])[0] == 0
    (_, ticket_ids), *_ = submit(hall, users["clerk"]).items()
    assert cli("user", "disable", users["clerk"])[0] == 0
    code, out, err = cli("submit", form, "--clerk", users["clerk"])
    assert code == 3 and out == "" and err.count("\n") == 1 and "disabled" in err
    code, out, err = cli("cancel", ticket_ids[0], "--reason", "撤回", "--by", users["clerk"])
    assert code == 3 and out == "" and "disabled" in err


def test_a_demoted_or_disabled_lead_cannot_reassign_from_the_command_line(hall, users, cli):
    (_, ticket_ids), *_ = submit(hall, users["clerk"]).items()
    args = ("reassign", ticket_ids[0], "--to", users["clerk2"], "--reason", "请假")
    assert cli("user", "role", users["lead"], "--role", "clerk")[0] == 0
    code, _, err = cli(*args, "--by", users["lead"])
    assert code == 3 and "无权" in err
    assert cli("user", "role", users["lead"], "--role", "lead")[0] == 0
    assert cli("user", "disable", users["lead"])[0] == 0
    code, _, err = cli(*args, "--by", users["lead"])
    assert code == 3 and "disabled" in err
    assert cli("user", "enable", users["lead"])[0] == 0
    assert cli(*args, "--by", users["lead"])[0] == 0


# The user commands -------------------------------------------------------------------------


def test_user_commands_list_change_and_are_audited(hall, users, cli):
    code, out, _ = cli("user", "list", "--json")
    listed = {u["username"]: u for u in json.loads(out)}
    assert code == 0 and set(listed) == set(users.values())
    assert listed[users["lead"]] == {
        "username": users["lead"],
        "display_name": users["lead"],
        "role": "lead",
        "active": True,
        "locked": False,
        "must_change_password": False,
    }
    assert cli("user", "disable", users["clerk"])[0] == 0
    assert cli("user", "role", users["clerk2"], "--role", "lead")[0] == 0
    code, out, _ = cli("user", "list")
    assert (
        code == 0
        and "disabled"
        in out.splitlines()[[users["clerk"] in x for x in out.splitlines()].index(True)]
    )
    listed = {u["username"]: u for u in json.loads(cli("user", "list", "--json")[1])}
    assert listed[users["clerk"]]["active"] is False and listed[users["clerk2"]]["role"] == "lead"
    code, _, err = cli("user", "role", users["clerk2"], "--role", "boss")  # argparse's refusal
    assert code == 2 and "boss" in err
    assert cli("user", "disable", "nobody")[0] == 2
    with hall.unit() as (session, _):
        records = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action.in_(["user.disable", "user.change_role"]))
            .order_by(AuditEvent.id)
        ).all()
    assert [(r.action, r.entity_id, r.actor.startswith("cli:")) for r in records] == [
        ("user.disable", users["clerk"], True),
        ("user.change_role", users["clerk2"], True),
    ]


def test_reset_password_forces_a_change_at_the_next_sign_in(hall, users, cli):
    new = "Reset#2026x"
    assert cli("user", "reset-password", users["clerk"], stdin=f"{new}\nother\n")[0] == 2
    code, out, _ = cli("user", "reset-password", users["clerk"], stdin=f"{new}\n{new}\n")
    assert code == 0 and "next sign-in" in out
    signed = counter_work.sign_in(hall, users["clerk"], new)
    assert signed.must_change_password
    with pytest.raises(Exception, match="不同"):
        counter_work.change_password(hall, signed.user_id, new, new)
    counter_work.change_password(hall, signed.user_id, new, "Mine#20261130")
    assert not counter_work.sign_in(hall, users["clerk"], "Mine#20261130").must_change_password
