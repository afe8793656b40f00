"""Concurrent edits (issue 13 §3): optimistic locking on tickets, on SQLite and PostgreSQL.

Two people acting on one ticket never overwrite each other silently: the second is told who
changed it, when and how, and nothing of theirs is saved. A status from the utility's feed
arriving while a clerk has the ticket open is not a conflict — unless it makes the action
impossible, which the action's own rules say.
"""

from __future__ import annotations

import pytest

from onewindow.access.users import Actor, get_user
from onewindow.errors import BadInput
from onewindow.exchange.loop import DeliveryLoop
from onewindow.lead.workload import open_tickets_of
from onewindow.store.models import Ticket
from onewindow.tickets.actions import cancel_ticket, record_late_materials
from onewindow.tickets.edit_conflicts import EditConflict
from onewindow.tickets.queries import ticket_detail
from onewindow.tickets.reassignment import reassign_tickets
from tests.helpers.delivery_support import (
    by_utility,
    sample_form,
    submit,
    wire,
)
from tests.helpers.lead_data import accepted_ticket


def _actor(session, username):
    return Actor.of(get_user(session, username))


@pytest.fixture
def ticket_id(hall, users):
    with hall.unit() as (session, ctx):
        for username, name in (("zhangwei", "张伟"), ("lina", "李娜"), ("wangmin", "王敏")):
            get_user(session, username).display_name = name
        return accepted_ticket(session, ctx, "lina").id


def _lead_view(hall, username="lina"):
    """What the lead's screen holds: the clerk's open tickets with their versions."""
    with hall.unit() as (session, _ctx):
        return open_tickets_of(session, _actor(session, "wangmin"), username=username)


def test_the_second_of_two_reassigns_is_told_who_moved_it_when(hall, ticket_id, clock):
    seen = {t.ticket_id: t.version for t in _lead_view(hall)}
    assert seen[ticket_id] is not None
    with hall.unit() as (session, ctx):  # another lead, a moment earlier
        reassign_tickets(
            session,
            Actor.of(get_user(session, "wangmin")),
            [ticket_id],
            "zhangwei",
            "李娜请假",
            now=ctx.now,
            versions=seen,
        )
    with pytest.raises(EditConflict) as refused, hall.unit() as (session, ctx):
        reassign_tickets(
            session,
            _actor(session, "wangmin"),
            [ticket_id],
            "lina",
            "改回",
            now=ctx.now,
            versions=seen,
        )
    # 09:30 hall time is the fixed clock of the suite.
    assert str(refused.value).startswith("已被 王敏 于 09:30 改派 — 已刷新")
    with hall.sessions() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        assert ticket.assignee.username == "zhangwei"  # the first move stands
    # The screen reloads: with the fresh version the lead's decision goes through.
    fresh = {t.ticket_id: t.version for t in _lead_view(hall, "zhangwei")}
    with hall.unit() as (session, ctx):
        moved = reassign_tickets(
            session,
            _actor(session, "wangmin"),
            [ticket_id],
            "lina",
            "改回",
            now=ctx.now,
            versions=fresh,
        )
        assert [t.id for t in moved] == [ticket_id]


def test_a_clerk_acting_on_a_stale_screen_gets_the_conflict_and_nothing_is_saved(hall, ticket_id):
    with hall.unit() as (session, ctx):
        shown = ticket_detail(session, ticket_id, ctx, _actor(session, "lina"))
    with hall.unit() as (session, ctx):
        reassign_tickets(
            session, _actor(session, "wangmin"), [ticket_id], "zhangwei", "忙", now=ctx.now
        )
    with pytest.raises(EditConflict, match="已被 王敏 于 09:30 改派"), hall.unit() as (s, ctx):
        cancel_ticket(s, _actor(s, "lina"), ticket_id, "申请人撤回", ctx=ctx, version=shown.version)
    with hall.sessions() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None and ticket.status == "accepted"


def test_the_command_line_without_a_version_acts_on_the_current_state(hall, ticket_id):
    with hall.unit() as (session, ctx):
        reassign_tickets(
            session, _actor(session, "wangmin"), [ticket_id], "zhangwei", "忙", now=ctx.now
        )
        before = session.get(Ticket, ticket_id)
        assert before is not None
        version = before.version
    with hall.unit() as (session, ctx):
        cancel_ticket(session, _actor(session, "zhangwei"), ticket_id, "申请人撤回", ctx=ctx)
    with hall.sessions() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None and ticket.version == version + 1


def _delivered_gas_ticket(hall, sims):
    """A gas ticket submitted, delivered and accepted by the utility; (hall, ticket)."""
    wired = wire(hall, sims)
    submit(wired, "zhangwei", sample_form("gas-only-resident.json"))
    loop = DeliveryLoop(wired)
    try:
        loop.run_pass()
    finally:
        loop.close()
    ticket = by_utility(wired)["gas"]
    assert ticket.utility_ticket_no
    return wired, ticket


def _feed(hall):
    loop = DeliveryLoop(hall)
    try:
        loop.run_pass()
    finally:
        loop.close()


def test_a_status_from_the_feed_while_the_clerk_has_the_ticket_open_is_no_conflict(
    hall, users, sims
):
    hall, ticket = _delivered_gas_ticket(hall, sims)
    with hall.unit() as (session, ctx):
        shown = ticket_detail(session, ticket.id, ctx, _actor(session, "zhangwei"))
    sims["gas"].emit(ticket.utility_ticket_no, "surveying")
    _feed(hall)
    with hall.sessions() as session:
        now = session.get(Ticket, ticket.id)
        assert now is not None and now.status == "surveying"
        assert now.version == shown.version  # the feed moves the status, not the version
    with hall.unit() as (session, ctx):
        missing = [m.code for m in session.get(Ticket, ticket.id).materials if not m.received]
        if missing:
            record_late_materials(
                session,
                _actor(session, "zhangwei"),
                ticket.id,
                missing,
                ctx=ctx,
                version=shown.version,
            )
        else:
            cancel_ticket(
                session,
                _actor(session, "zhangwei"),
                ticket.id,
                "撤回",
                ctx=ctx,
                version=shown.version,
            )


def test_a_status_that_makes_the_action_impossible_is_a_real_conflict(hall, users, sims):
    hall, ticket = _delivered_gas_ticket(hall, sims)
    with hall.unit() as (session, ctx):
        shown = ticket_detail(session, ticket.id, ctx, _actor(session, "zhangwei"))
    sims["gas"].emit(ticket.utility_ticket_no, "connected")
    _feed(hall)
    with pytest.raises(BadInput, match="已开通") as refused, hall.unit() as (session, ctx):
        cancel_ticket(
            session,
            _actor(session, "zhangwei"),
            ticket.id,
            "撤回",
            ctx=ctx,
            version=shown.version,
        )
    assert not isinstance(refused.value, EditConflict)
