"""Reassignment (issue 6 §1, P18): a lead's decision, with a reason, audited, all or nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from onewindow.access.users import Actor, create_user, get_user, set_active
from onewindow.audit import chain as audit
from onewindow.clock import hall_date
from onewindow.errors import BadInput, NotFound, NotPermitted
from onewindow.lead.workload import clerk_loads
from onewindow.store.models import AuditEvent, Ticket
from onewindow.tickets.reassignment import reassign_tickets
from tests.conftest import PASSWORD
from tests.helpers.lead_data import seed_ticket


def _actor(session, username):
    return Actor.of(get_user(session, username))


@pytest.fixture
def tickets(hall, users):
    with hall.unit() as (session, ctx):
        made = [
            seed_ticket(
                session,
                ctx,
                clerk="zhangwei",
                received=f"2026-11-2{i} 10:00",
                events=[("accepted", f"2026-11-2{i} 10:05")],
            ).id
            for i in (4, 5, 6)
        ]
    return made


def _assignees(hall, ids):
    with hall.sessions() as session:
        rows = session.scalars(select(Ticket).where(Ticket.id.in_(ids))).all()
        return {t.id: t.assignee.username for t in rows}


def test_a_lead_moves_a_selection_and_each_move_is_audited(hall, users, tickets, clock):
    with hall.unit() as (session, ctx):
        moved = reassign_tickets(
            session,
            _actor(session, "wangmin"),
            tickets[:2],
            "lina",
            "  张伟下午请假  ",
            now=ctx.now,
        )
        assert [t.id for t in moved] == tickets[:2]
    assert _assignees(hall, tickets) == {
        tickets[0]: "lina",
        tickets[1]: "lina",
        tickets[2]: "zhangwei",
    }
    with hall.sessions() as session:
        records = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "ticket.reassign").order_by(AuditEvent.id)
        ).all()
        assert [r.entity_id for r in records] == tickets[:2]
        for record in records:
            assert record.actor == "wangmin"
            assert record.entity_type == "ticket"
            assert record.at == clock.moment
            assert record.details["from"] == "zhangwei"
            assert record.details["to"] == "lina"
            assert record.details["reason"] == "张伟下午请假"
            assert record.details["application_no"].startswith("LBGX-202611")
        assert audit.verify(session) is None
        # The new assignee sees them at once: her load counts them.
        loads = clerk_loads(session, Actor.system(), today=hall_date(clock.moment))
        assert next(c for c in loads if c.username == "lina").open == 2


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_reason_is_required(hall, users, tickets, reason):
    with hall.unit() as (session, ctx), pytest.raises(BadInput, match="改派原因"):
        reassign_tickets(session, _actor(session, "wangmin"), tickets, "lina", reason, now=ctx.now)
    assert set(_assignees(hall, tickets).values()) == {"zhangwei"}


@pytest.mark.parametrize("role_user", ["zhangwei", "admin"])
def test_clerks_and_administrators_cannot_reassign(hall, users, tickets, role_user):
    with hall.unit() as (session, ctx), pytest.raises(NotPermitted, match="改派工单"):
        reassign_tickets(
            session, _actor(session, role_user), tickets, "lina", "均衡工作量", now=ctx.now
        )
    assert set(_assignees(hall, tickets).values()) == {"zhangwei"}


def test_a_disabled_user_cannot_receive_tickets(hall, users, tickets):
    with hall.unit() as (session, ctx):
        set_active(session, Actor.system(), "lina", False, now=ctx.now)
    with hall.unit() as (session, ctx), pytest.raises(BadInput, match="已停用"):
        reassign_tickets(
            session, _actor(session, "wangmin"), tickets, "lina", "均衡工作量", now=ctx.now
        )
    assert set(_assignees(hall, tickets).values()) == {"zhangwei"}


def test_an_administrator_account_does_not_take_tickets(hall, users, tickets):
    with hall.unit() as (session, ctx), pytest.raises(BadInput, match="不办理工单"):
        reassign_tickets(
            session, _actor(session, "wangmin"), tickets, "admin", "均衡工作量", now=ctx.now
        )


def test_a_lead_may_take_tickets_himself(hall, users, tickets):
    with hall.unit() as (session, ctx):
        moved = reassign_tickets(
            session, _actor(session, "wangmin"), tickets[:1], "wangmin", "亲自跟进", now=ctx.now
        )
    assert len(moved) == 1
    assert _assignees(hall, tickets[:1]) == {tickets[0]: "wangmin"}


def test_an_unknown_ticket_in_the_selection_moves_none(hall, users, tickets):
    with hall.unit() as (session, ctx), pytest.raises(NotFound, match="no-such-ticket"):
        reassign_tickets(
            session,
            _actor(session, "wangmin"),
            [tickets[0], "no-such-ticket"],
            "lina",
            "均衡工作量",
            now=ctx.now,
        )
    assert set(_assignees(hall, tickets).values()) == {"zhangwei"}


def test_an_unknown_target_user(hall, users, tickets):
    with hall.unit() as (session, ctx), pytest.raises(NotFound, match="nobody"):
        reassign_tickets(
            session, _actor(session, "wangmin"), tickets, "nobody", "均衡工作量", now=ctx.now
        )


def test_closed_tickets_are_not_moved(hall, users):
    with hall.unit() as (session, ctx):
        done = seed_ticket(
            session,
            ctx,
            clerk="zhangwei",
            received="2026-11-24 10:00",
            events=[("accepted", "2026-11-24 10:05"), ("connected", "2026-11-25 10:00")],
        ).id
    with hall.unit() as (session, ctx), pytest.raises(BadInput, match="已办结"):
        reassign_tickets(
            session, _actor(session, "wangmin"), [done], "lina", "均衡工作量", now=ctx.now
        )


def test_a_ticket_already_with_the_target_is_left_alone(hall, users, tickets):
    with hall.unit() as (session, ctx):
        moved = reassign_tickets(
            session, _actor(session, "wangmin"), tickets, "zhangwei", "确认归属", now=ctx.now
        )
        assert moved == []
    with hall.sessions() as session:
        assert (
            session.scalar(select(AuditEvent.id).where(AuditEvent.action == "ticket.reassign"))
            is None
        )


def test_a_second_lead_reassigns_back_and_the_trail_tells_the_story(hall, users, tickets):
    with hall.unit() as (session, ctx):
        create_user(
            session,
            Actor.system(),
            username="zhaoli",
            password=PASSWORD,
            role="lead",
            now=ctx.now,
        )
    with hall.unit() as (session, ctx):
        reassign_tickets(
            session, _actor(session, "wangmin"), tickets[:1], "lina", "请假", now=ctx.now
        )
    with hall.unit() as (session, ctx):
        reassign_tickets(
            session, _actor(session, "zhaoli"), tickets[:1], "zhangwei", "销假回岗", now=ctx.now
        )
    with hall.sessions() as session:
        story = [
            (r.actor, r.details["from"], r.details["to"], r.details["reason"])
            for r in session.scalars(
                select(AuditEvent)
                .where(AuditEvent.entity_id == tickets[0], AuditEvent.action == "ticket.reassign")
                .order_by(AuditEvent.id)
            )
        ]
    assert story == [
        ("wangmin", "zhangwei", "lina", "请假"),
        ("zhaoli", "lina", "zhangwei", "销假回岗"),
    ]
