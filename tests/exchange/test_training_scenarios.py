"""Training scenarios (issue 10 item 8): each one refused outside training mode, audited, and
its effect seen through the real simulator on loopback, the way a trainee meets it — a refused
cancel, an overdue ticket in the lead's notice and the clerk's 待办, a ticket returned for
correction or refused, a utility out of service whose deliveries wait and then go out once."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from onewindow.access.acting import acting_named
from onewindow.access.users import Actor, get_user
from onewindow.clock import hall_date
from onewindow.clocks.due_dates import clock_of
from onewindow.config import TRAINING_PACE_SECONDS
from onewindow.errors import BadInput, ConfigError, NotPermitted
from onewindow.exchange import training_scenarios as scenarios
from onewindow.hall import Hall
from onewindow.lead.workload import overdue_tickets
from onewindow.simulator import Simulator
from onewindow.store.models import Application, AuditEvent, Ticket
from onewindow.tickets.actions import cancel_ticket, resend_ticket
from onewindow.tickets.queries import (
    RESEND,
    count_tickets,
    delivery_overview,
    ticket_detail,
    todo_filter,
)
from tests.helpers.delivery_support import (
    by_utility,
    created,
    deliver,
    submit,
    wire,
)


@pytest.fixture
def training(hall: Hall, sims: dict[str, Simulator]) -> Hall:
    """A hall in training mode, its utilities the simulators."""
    wired = wire(hall, sims)
    return wired.with_config(replace(wired.config, training=True))


def scenario(hall: Hall, users: dict[str, str], ticket_id: str, name: str) -> str:
    with hall.unit() as (session, ctx):
        outcome = scenarios.run_scenario(
            session, acting_named(session, users["clerk"]), ticket_id, name, ctx=ctx
        )
    return outcome.zh


def audited(hall: Hall, action: str) -> list[AuditEvent]:
    with hall.sessions() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def indicator(hall: Hall, utility: str) -> tuple[str, int]:
    """The delivery indicator's state and waiting count for a utility."""
    with hall.sessions() as session:
        overview = delivery_overview(session, hall.config.utilities)
    [line] = [u for u in overview.utilities if u.utility == utility]
    return line.state, line.pending


def test_every_scenario_is_refused_outside_training_mode(hall, sims, users) -> None:
    wired = wire(hall, sims)
    submit(wired, users["clerk"])
    deliver(wired)
    water = by_utility(wired)["water"]
    with wired.unit() as (session, ctx):
        clerk = acting_named(session, users["clerk"])
        for name in scenarios.SCENARIOS:
            with pytest.raises(NotPermitted, match="仅在培训模式"):
                scenarios.run_scenario(session, clerk, water.id, name, ctx=ctx)
        with pytest.raises(NotPermitted):
            scenarios.set_utility_down(session, clerk, "gas", True, ctx=ctx)
        with pytest.raises(NotPermitted):
            scenarios.set_pace(session, clerk, "seconds", ctx=ctx)
    assert all(not sim.down and sim.step_seconds == 0 for sim in sims.values())
    assert not audited(wired, "training.scenario")


def test_an_administrator_has_no_ticket_scenarios(training, users) -> None:
    submit(training, users["clerk"])
    deliver(training)
    water = by_utility(training)["water"]
    with training.unit() as (session, ctx), pytest.raises(NotPermitted):
        scenarios.run_scenario(
            session, acting_named(session, users["admin"]), water.id, "refused", ctx=ctx
        )


def test_refuse_cancel_makes_the_cancel_need_a_person(training, sims, users) -> None:
    submit(training, users["clerk"])
    deliver(training)
    power = by_utility(training)["power"]
    assert "拒绝" in scenario(training, users, power.id, "refuse_cancel")
    with training.unit() as (session, ctx):
        cancel_ticket(
            session, acting_named(session, users["clerk"]), power.id, "申请人撤回", ctx=ctx
        )
    assert by_utility(training)["power"].status == "cancel_requested"
    deliver(training, feeds=False)
    power = by_utility(training)["power"]
    assert power.status == "accepted" and power.attention_at is not None
    assert "培训演练" in str(power.attention)
    # The utility goes on with the ticket; only this one refusal was armed.
    assert sims["power"].ticket(power.utility_ticket_no)["status"] == "accepted"
    with training.sessions() as session:
        clerk = get_user(session, users["clerk"])
        assert count_tickets(session, todo_filter(clerk.id), today=hall_date(training.now())) == 1
    [record] = audited(training, "training.scenario")
    assert record.entity_id == power.id and record.details["scenario"] == "refuse_cancel"


def test_refuse_cancel_needs_a_ticket_the_utility_may_have_seen(training, sims, users) -> None:
    submit(training, users["clerk"])
    gas = by_utility(training)["gas"]
    with training.unit() as (session, ctx), pytest.raises(BadInput, match="尚未发往"):
        scenarios.run_scenario(
            session, acting_named(session, users["clerk"]), gas.id, "refuse_cancel", ctx=ctx
        )
    # Once a delivery was tried (the utility down), the cancel waits for it: then it can be.
    sims["gas"].down = True
    deliver(training)
    assert "拒绝" in scenario(training, users, gas.id, "refuse_cancel")


def test_returned_for_correction_pauses_the_ticket_until_the_applicant_corrects(
    training, users
) -> None:
    submit(training, users["clerk"])
    deliver(training)
    water = by_utility(training)["water"]
    scenario(training, users, water.id, "returned")
    deliver(training)
    water = by_utility(training)["water"]
    assert water.status == "awaiting_applicant" and water.returned
    with training.unit() as (session, ctx):
        ticket = session.get(Ticket, water.id)
        assert ticket is not None
        assert clock_of(ticket, ticket.application, ctx).state == "paused"
        assert "补正" in (ticket.history[-1].note or "")


def test_returned_before_delivery_lets_the_clerk_correct_and_resend(training, sims, users) -> None:
    submit(training, users["clerk"])
    gas = by_utility(training)["gas"]
    assert gas.status == "queued"
    assert "更正后重新发送" in scenario(training, users, gas.id, "returned")
    deliver(training)
    gas = by_utility(training)["gas"]
    assert gas.status == "needs_attention" and created(sims["gas"]) == {}
    assert gas.attention == [
        {"field": "site.address", "message": "地址不详，请补正门牌号（培训演练）"}
    ]
    with training.unit() as (session, ctx):
        clerk = acting_named(session, users["clerk"])
        assert RESEND in ticket_detail(session, gas.id, ctx, clerk).actions
        resend_ticket(session, clerk, gas.id, {"site.address": "灵宝市函谷路100号1号楼"}, ctx=ctx)
    deliver(training)
    gas = by_utility(training)["gas"]
    assert gas.status == "accepted" and list(created(sims["gas"]).values()) == [1]


def test_refused_stops_the_ticket_with_the_utility_reason(training, users) -> None:
    submit(training, users["clerk"])
    deliver(training)
    gas = by_utility(training)["gas"]
    scenario(training, users, gas.id, "refused")
    deliver(training)
    gas = by_utility(training)["gas"]
    assert gas.status == "rejected" and gas.closed_at is not None and gas.returned
    with training.unit() as (session, _ctx), pytest.raises(BadInput, match="已办结"):
        scenarios.run_scenario(
            session, acting_named(session, users["clerk"]), gas.id, "refused", ctx=_ctx
        )


def test_overdue_shows_in_the_lead_notice_and_the_clerk_todo(training, users) -> None:
    submit(training, users["clerk"])
    deliver(training)
    water = by_utility(training)["water"]
    today = hall_date(training.now())
    with training.sessions() as session:
        clerk = get_user(session, users["clerk"])
        assert count_tickets(session, todo_filter(clerk.id), today=today) == 0
        received = session.scalars(select(Application.received_at)).one()
    scenario(training, users, water.id, "overdue")
    with training.unit() as (session, ctx):
        lead = acting_named(session, users["lead"])
        assert water.id in {t.ticket_id for t in overdue_tickets(session, lead, today=today)}
        assert count_tickets(session, todo_filter(clerk.id), today=today) >= 1
        ticket = session.get(Ticket, water.id)
        assert ticket is not None and ticket.due_date is not None and ticket.due_date < today
        # The detail pane's live clock agrees with the cached date the lists filter on.
        assert clock_of(ticket, ticket.application, ctx).overdue(today)
        assert ticket.application.received_at < received
        # Only just: one working day late, not months.
        assert (today - ticket.due_date).days <= 4
    [record] = audited(training, "training.scenario")
    assert record.details["scenario"] == "overdue" and record.details["moved_back_days"] > 0
    with training.unit() as (session, ctx), pytest.raises(BadInput, match="已经超期"):
        scenarios.run_scenario(session, acting_named(session, users["clerk"]), water.id,
                               "overdue", ctx=ctx)  # fmt: skip


def test_a_paused_ticket_cannot_be_made_overdue(training, users) -> None:
    submit(training, users["clerk"])
    deliver(training)
    water = by_utility(training)["water"]
    scenario(training, users, water.id, "returned")
    deliver(training)
    with training.unit() as (session, ctx), pytest.raises(BadInput, match="暂停"):
        scenarios.run_scenario(
            session, acting_named(session, users["clerk"]), water.id, "overdue", ctx=ctx
        )


def test_a_utility_down_holds_its_deliveries_then_they_go_once(training, sims, users) -> None:
    with training.unit() as (session, ctx):
        lead = acting_named(session, users["lead"])
        assert "停止服务" in scenarios.set_utility_down(session, lead, "gas", True, ctx=ctx).zh
    assert sims["gas"].down
    submit(training, users["clerk"])
    deliver(training)
    deliver(training)  # nothing goes: the refused delivery waits for its backoff
    tickets = by_utility(training)
    assert tickets["gas"].status == "queued" and created(sims["gas"]) == {}
    assert tickets["water"].status == "accepted"  # the other utilities go on
    assert sims["gas"].stats()["responses"]["POST v1/tickets"] == {"503": 1}
    assert indicator(training, "gas") == ("retrying", 1)  # what the header shows
    with training.unit() as (session, ctx):
        scenarios.set_utility_down(session, Actor.system(), "gas", False, ctx=ctx)
    assert not sims["gas"].down
    deliver(training)  # at once: bringing it back made the waiting delivery due now
    assert by_utility(training)["gas"].status == "accepted"
    assert list(created(sims["gas"]).values()) == [1]
    assert indicator(training, "gas") == ("connected", 0)
    assert [e.action for e in audited(training, "training.utility_down")] == [
        "training.utility_down"
    ]
    [up] = audited(training, "training.utility_up")
    assert up.entity_id == "gas" and up.details == {"retried": 1}


def test_the_pace_changes_every_simulator_without_a_restart(training, sims, users) -> None:
    with training.unit() as (session, ctx):
        clerk = acting_named(session, users["clerk"])
        scenarios.set_pace(session, clerk, "seconds", ctx=ctx)
        with pytest.raises(ConfigError, match="realtime"):
            scenarios.set_pace(session, clerk, "fast", ctx=ctx)
    assert {sim.step_seconds for sim in sims.values()} == {TRAINING_PACE_SECONDS["seconds"]}
    [record] = audited(training, "training.pace")
    assert record.details == {"pace": "seconds", "step_seconds": 20.0}


def test_the_simulators_say_what_they_are_doing(hall, training, sims) -> None:
    assert scenarios.simulator_states(training.config) == scenarios.SimulatorStates(
        {"water": False, "power": False, "gas": False}, None
    )
    sims["power"].down = True
    for sim in sims.values():
        sim.set_step_seconds(TRAINING_PACE_SECONDS["realtime"])
    states = scenarios.simulator_states(training.config)
    assert states.down["power"] and not states.down["gas"] and states.pace == "realtime"
    with pytest.raises(NotPermitted):
        scenarios.simulator_states(wire(hall, sims).config)
