"""Cancel and refusals as a clerk meets them (utility-api.md v1.1, issue 10 item 1): a cancel is
`cancel_requested` (撤销中) until the utility confirms it; a refused cancel or late-materials
request marks the ticket for a person, with the utility's words, wherever a clerk looks for
work (需处理, 待办, the counts, `show --json`), until acknowledged; the timeline records the
request, the answer and the refusal. Against the simulator over loopback."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from onewindow.access.acting import acting_named
from onewindow.access.users import Actor, get_user
from onewindow.cli.main import main
from onewindow.clocks.due_dates import clock_of
from onewindow.errors import BadInput
from onewindow.hall import Hall
from onewindow.intake.submit import application_json, load_application
from onewindow.store.models import AuditEvent, StatusEvent, Ticket
from onewindow.tickets.actions import acknowledge_attention, cancel_ticket, record_late_materials
from onewindow.tickets.queries import (
    ACKNOWLEDGE,
    CANCEL,
    TicketFilter,
    count_tickets,
    delivery_overview,
    ticket_detail,
    todo_filter,
)
from tests.helpers.delivery_support import by_utility, deliver, submit


def clerk_of(session, users) -> Actor:
    return acting_named(session, users["clerk"])


def timeline(hall: Hall, ticket_id: str) -> list[tuple[str, str | None]]:
    with hall.sessions() as session:
        rows = session.execute(
            select(StatusEvent.status, StatusEvent.note)
            .where(StatusEvent.ticket_id == ticket_id)
            .order_by(StatusEvent.id)  # as recorded: the simulator's times are its own
        ).all()
    return [(status, note) for status, note in rows]


def marked_ids(hall: Hall, flt: TicketFilter) -> int:
    with hall.sessions() as session:
        return count_tickets(session, flt, today=hall.now().date())


def test_a_cancel_is_only_asked_for_until_the_utility_confirms(wired, sims, users) -> None:
    submit(wired, users["clerk"])
    deliver(wired)
    water = by_utility(wired)["water"]
    with wired.unit() as (session, ctx):
        assert cancel_ticket(session, clerk_of(session, users), water.id, "申请人撤回", ctx=ctx)
    water = by_utility(wired)["water"]
    assert water.status == "cancel_requested" and water.closed_at is None
    assert sims["water"].ticket(water.utility_ticket_no)["status"] == "accepted"
    with wired.unit() as (session, ctx):
        detail = ticket_detail(session, water.id, ctx, clerk_of(session, users))
        assert CANCEL not in detail.actions  # asked for already
        with pytest.raises(BadInput, match="等待受理单位确认"):
            cancel_ticket(session, clerk_of(session, users), water.id, "再撤一次", ctx=ctx)
    deliver(wired)
    water = by_utility(wired)["water"]
    assert water.status == "cancelled" and water.closed_at is not None
    assert water.attention_at is None
    with wired.unit() as (session, ctx), pytest.raises(BadInput, match="“已撤销”，不能再办理"):
        cancel_ticket(session, clerk_of(session, users), water.id, "又撤一次", ctx=ctx)
    # The request and the answer, once each (the feed's `cancelled` is the answer's own).
    assert [s for s, _ in timeline(wired, water.id)] == [
        "queued",
        "accepted",
        "cancel_requested",
        "cancelled",
    ]
    assert timeline(wired, water.id)[2][1] == "申请人撤回"


def test_a_refused_cancel_needs_a_person_wherever_a_clerk_looks_until_acknowledged(
    wired, sims, users
) -> None:
    submit(wired, users["clerk"])
    deliver(wired)
    gas = by_utility(wired)["gas"]
    number = gas.utility_ticket_no
    assert number is not None
    sims["gas"].advance(number)  # surveying, read by the feed
    deliver(wired)
    # Connected at the utility before the counter hears of it: the cancel will be refused.
    sims["gas"].emit(number, "connected", "通气完成")
    with wired.unit() as (session, ctx):
        cancel_ticket(session, clerk_of(session, users), gas.id, "申请人撤回", ctx=ctx)
    before = marked_ids(wired, TicketFilter(needs_attention=True))
    deliver(wired, feeds=False)
    gas = by_utility(wired)["gas"]
    # Back in the utility's status, marked for a person with the utility's words.
    assert gas.status == "surveying" and gas.attention_at is not None
    assert "撤销申请未被受理" in gas.attention[0]["message"]
    assert "已开通" in gas.attention[0]["message"]
    with wired.sessions() as session:
        clerk = get_user(session, users["clerk"])
        overview = delivery_overview(session, wired.config.utilities)
    assert (before, marked_ids(wired, TicketFilter(needs_attention=True))) == (0, 1)
    assert marked_ids(wired, todo_filter(clerk.id)) == 1
    assert overview.needs_attention == 1
    # The feed brings `connected`: the mark stays.
    deliver(wired)
    gas = by_utility(wired)["gas"]
    assert gas.status == "connected" and gas.attention_at is not None
    assert marked_ids(wired, TicketFilter(needs_attention=True)) == 1
    number = hall_no(wired, gas.id)
    with wired.unit() as (session, ctx):
        shown = application_json(load_application(session, number), ctx)
        detail = ticket_detail(session, gas.id, ctx, clerk_of(session, users))
    [gas_json] = [t for t in shown["tickets"] if t["utility"] == "gas"]
    assert gas_json["status"] == "connected"
    assert "撤销申请未被受理" in gas_json["attention"] and "\n" not in gas_json["attention"]
    assert detail.actions >= {ACKNOWLEDGE} and CANCEL not in detail.actions
    assert [s for s, _ in timeline(wired, gas.id)][-3:] == [
        "cancel_requested",
        "cancel_refused",
        "connected",
    ]
    # The clock was never stopped by the cancel asked for: it stops at `connected`.
    with wired.unit() as (session, ctx):
        ticket = session.get(Ticket, gas.id)
        assert ticket is not None
        assert clock_of(ticket, ticket.application, ctx).state == "stopped"
        acknowledge_attention(session, clerk_of(session, users), gas.id, ctx=ctx)
    assert marked_ids(wired, TicketFilter(needs_attention=True)) == 0
    with wired.sessions() as session:
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_id == gas.id)
        ).all()
    assert {"ticket.cancel", "ticket.cancel_refused", "ticket.attention_acknowledged"} <= set(
        actions
    )


def test_a_cancel_asked_for_keeps_the_clock_as_it_was(wired, sims, users) -> None:
    submit(wired, users["clerk"])
    deliver(wired)
    gas = by_utility(wired)["gas"]
    sims["gas"].advance(gas.utility_ticket_no)
    sims["gas"].emit(gas.utility_ticket_no, "awaiting_applicant", "缺营业执照")
    deliver(wired)
    with wired.unit() as (session, ctx):
        cancel_ticket(session, clerk_of(session, users), gas.id, "申请人撤回", ctx=ctx)
        ticket = session.get(Ticket, gas.id)
        assert ticket is not None and ticket.status == "cancel_requested"
        assert clock_of(ticket, ticket.application, ctx).state == "paused"


def test_refused_late_materials_mark_the_ticket_for_a_person(wired, sims, users) -> None:
    submit(wired, users["clerk"])
    deliver(wired)
    gas = by_utility(wired)["gas"]
    words = [{"field": "materials[0].code", "message": "该材料已收到，无需补交"}]
    sims["gas"].add_fault("v1/tickets/*/materials", "invalid", errors=words)
    with wired.unit() as (session, ctx):
        record_late_materials(
            session, clerk_of(session, users), gas.id, ["business_license"], ctx=ctx
        )
    deliver(wired, feeds=False)
    gas = by_utility(wired)["gas"]
    assert gas.status == "accepted" and gas.attention_at is not None
    # The utility's pointer (materials[0].code) is no word for a clerk: its sentence alone.
    assert gas.attention == [{"field": "", "message": "补交材料未被受理：该材料已收到，无需补交"}]
    assert timeline(wired, gas.id)[-1] == (
        "materials_refused",
        "补交材料未被受理：该材料已收到，无需补交",
    )
    assert marked_ids(wired, TicketFilter(needs_attention=True)) == 1


def test_acknowledging_is_for_refusals_not_for_undelivered_tickets(wired, sims, users) -> None:
    sims["power"].add_fault("v1/tickets", "status", status=400)
    submit(wired, users["clerk"])
    deliver(wired, feeds=False)
    power = by_utility(wired)["power"]
    assert power.status == "needs_attention"
    with wired.unit() as (session, ctx), pytest.raises(BadInput, match="更正后重新发送"):
        acknowledge_attention(session, clerk_of(session, users), power.id, ctx=ctx)
    water = by_utility(wired)["water"]
    with wired.unit() as (session, ctx), pytest.raises(BadInput, match="没有待处理"):
        acknowledge_attention(session, clerk_of(session, users), water.id, ctx=ctx)


def test_a_cancel_waiting_for_a_delivery_refused_as_invalid_is_done_here(
    wired, sims, users, clock
) -> None:
    # The delivery is in flight when the clerk cancels; the utility then refuses it as invalid:
    # it created nothing, so nothing is left to cancel there.
    sims["gas"].add_fault("v1/tickets", "reset", stage="before")
    submit(wired, users["clerk"])
    deliver(wired, feeds=False)
    gas = by_utility(wired)["gas"]
    with wired.unit() as (session, ctx):
        assert cancel_ticket(session, clerk_of(session, users), gas.id, "撤回", ctx=ctx)
    sims["gas"].add_fault("v1/tickets", "invalid")
    clock.moment += timedelta(minutes=5)
    deliver(wired, feeds=False)
    gas = by_utility(wired)["gas"]
    assert gas.status == "cancelled" and gas.attention_at is None
    assert sims["gas"].stats()["requests"].get("POST v1/tickets/{utility_ticket_no}/cancel") is None


def test_the_cancel_command(hall: Hall, users, config_file, clock, capsys) -> None:
    [ids] = submit(hall, users["clerk"]).values()

    def cli(*args: str) -> tuple[int, str, str]:
        code = main(
            ["--config", str(config_file), *args],
            hall_factory=lambda config: Hall.open(config, clock=clock),
        )
        out, err = capsys.readouterr()
        return code, out, err

    # Never attempted: the utility never had it, so it is cancelled at once.
    code, out, _ = cli("cancel", ids[0], "--reason", "申请人撤回", "--by", users["clerk"])
    assert code == 0 and "cancelled" in out
    code, _, err = cli("cancel", ids[1], "--reason", "撤回", "--by", users["admin"])
    assert code == 3 and err.count("\n") == 1
    code, _, err = cli("cancel", ids[1], "--reason", " ", "--by", users["clerk"])
    assert code == 2 and "原因" in err
    code, _, err = cli("cancel", "no-such-ticket", "--reason", "撤回", "--by", users["clerk"])
    assert code != 0 and err.count("\n") == 1
    code, out, _ = cli("show", hall_no(hall, ids[0]), "--json")
    shown = json.loads(out)
    assert shown["tickets"][0]["status"] == "cancelled"
    assert all("attention" in t for t in shown["tickets"])


def test_the_cancel_command_queues_a_request_for_a_delivered_ticket(
    wired, sims, users, config_file, clock, capsys
) -> None:
    submit(wired, users["clerk"])
    deliver(wired)
    water = by_utility(wired)["water"]
    code = main(
        ["--config", str(config_file), "cancel", water.id, "--reason", "撤回", "--by", "zhangwei"],
        hall_factory=lambda config: Hall.open(config, clock=clock),
    )
    out, _ = capsys.readouterr()
    assert code == 0 and "撤销中" in out
    assert by_utility(wired)["water"].status == "cancel_requested"


def hall_no(hall: Hall, ticket_id: str) -> str:
    with hall.sessions() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket.application.application_no
