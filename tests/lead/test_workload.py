"""The lead's workload view (issue 6 §2): per-clerk counts, the hall's totals, due lists.

Today is Friday 2026-11-27 (the `clock` fixture). Gas connections without external works
have a one-working-day limit, power repairs three (resources/policy/sla.toml).
"""

from __future__ import annotations

from datetime import date

import pytest

from onewindow.access.users import Actor, create_user, get_user, set_active
from onewindow.errors import NotPermitted
from onewindow.lead.workload import (
    ClerkLoad,
    HallSummary,
    StatusCount,
    approaching_due,
    clerk_loads,
    hall_summary,
    open_tickets_of,
    overdue_tickets,
    tickets_by_utility_and_status,
)
from tests.conftest import PASSWORD
from tests.helpers.lead_data import seed_ticket

TODAY = date(2026, 11, 27)


@pytest.fixture
def seeded(hall, users):
    with hall.unit() as (session, ctx):
        create_user(
            session,
            Actor.system(),
            username="olduser",
            password=PASSWORD,
            role="clerk",
            now=ctx.now,
        )
        t = {}
        t["A"] = seed_ticket(  # due today
            session,
            ctx,
            clerk="zhangwei",
            received="2026-11-26 10:00",
            events=[("accepted", "2026-11-26 10:05")],
        )
        t["B"] = seed_ticket(  # due Wednesday 25th: overdue
            session,
            ctx,
            clerk="zhangwei",
            received="2026-11-24 10:00",
            events=[("accepted", "2026-11-24 10:05"), ("surveying", "2026-11-24 15:00")],
        )
        t["C"] = seed_ticket(  # due Monday 30th
            session,
            ctx,
            clerk="lina",
            received="2026-11-27 09:00",
            events=[("accepted", "2026-11-27 09:05")],
        )
        t["D"] = seed_ticket(  # waiting on the applicant since Monday: paused
            session,
            ctx,
            clerk="lina",
            received="2026-11-20 10:00",
            events=[("accepted", "2026-11-20 10:05"), ("awaiting_applicant", "2026-11-23 09:00")],
        )
        t["E"] = seed_ticket(  # connected: closed
            session,
            ctx,
            clerk="zhangwei",
            received="2026-11-10 10:00",
            events=[("accepted", "2026-11-10 10:05"), ("connected", "2026-11-11 10:00")],
        )
        t["F"] = seed_ticket(  # the utility refused it: a person must act; due Monday
            session,
            ctx,
            clerk="lina",
            received="2026-11-27 09:10",
            events=[("needs_attention", "2026-11-27 09:15")],
        )
        t["G"] = seed_ticket(  # held by a clerk who has since left: overdue since the 17th
            session,
            ctx,
            clerk="olduser",
            received="2026-11-16 10:00",
            events=[("accepted", "2026-11-16 10:05")],
        )
        t["H"] = seed_ticket(  # a power repair: three working days, due 2 December
            session,
            ctx,
            clerk="zhangwei",
            received="2026-11-27 09:20",
            utility="power",
            service="repair",
        )
        set_active(session, Actor.system(), "olduser", False, now=ctx.now)
        assert t["A"].due_date == TODAY
        assert t["B"].due_date == date(2026, 11, 25)
        assert t["D"].due_date == date(2026, 11, 30)
        assert t["G"].due_date == date(2026, 11, 17)
        assert t["H"].due_date == date(2026, 12, 2)
        return {k: v.id for k, v in t.items()}


def _lead(session):
    return Actor.of(get_user(session, "wangmin"))


def test_the_four_numbers_on_top(hall, seeded):
    with hall.sessions() as session:
        summary = hall_summary(session, _lead(session), today=TODAY)
    assert summary == HallSummary(open=7, due_today=1, overdue=2, needs_attention=1, paused=1)


def test_each_clerks_load_including_a_disabled_clerk_still_holding_tickets(hall, seeded):
    with hall.sessions() as session:
        loads = clerk_loads(session, _lead(session), today=TODAY)
    assert loads == [
        ClerkLoad("lina", "lina", "clerk", True, open=3, due_today=0, overdue=0, paused=1),
        ClerkLoad("olduser", "olduser", "clerk", False, open=1, due_today=0, overdue=1, paused=0),
        ClerkLoad("wangmin", "wangmin", "lead", True, open=0, due_today=0, overdue=0, paused=0),
        ClerkLoad("zhangwei", "zhangwei", "clerk", True, open=3, due_today=1, overdue=1, paused=0),
    ]


def test_open_tickets_by_utility_and_status(hall, seeded):
    with hall.sessions() as session:
        counts = tickets_by_utility_and_status(session, _lead(session))
    assert counts == [
        StatusCount("gas", "accepted", 3),
        StatusCount("gas", "awaiting_applicant", 1),
        StatusCount("gas", "needs_attention", 1),
        StatusCount("gas", "surveying", 1),
        StatusCount("power", "queued", 1),
    ]


def test_approaching_due_soonest_first_paused_left_out(hall, seeded):
    with hall.unit() as (session, ctx):
        soon = approaching_due(session, _lead(session), today=TODAY, calendar=ctx.calendar)
        wider = approaching_due(
            session, _lead(session), today=TODAY, calendar=ctx.calendar, within=3
        )
    assert [t.ticket_id for t in soon] == [seeded["A"], seeded["C"], seeded["F"]]
    assert [t.due_date for t in soon] == [TODAY, date(2026, 11, 30), date(2026, 11, 30)]
    assert soon[0].assignee == "zhangwei" and soon[0].applicant_name == "李娜"
    assert [t.ticket_id for t in wider] == [seeded[k] for k in ("A", "C", "F", "H")]


def test_overdue_list_longest_overdue_first(hall, seeded):
    with hall.sessions() as session:
        late = overdue_tickets(session, _lead(session), today=TODAY)
    assert [(t.ticket_id, t.assignee) for t in late] == [
        (seeded["G"], "olduser"),
        (seeded["B"], "zhangwei"),
    ]


def test_paging_of_due_lists(hall, seeded):
    with hall.unit() as (session, ctx):
        first = approaching_due(
            session, _lead(session), today=TODAY, calendar=ctx.calendar, limit=2
        )
        rest = approaching_due(
            session, _lead(session), today=TODAY, calendar=ctx.calendar, limit=2, offset=2
        )
    assert [t.ticket_id for t in first + rest] == [seeded["A"], seeded["C"], seeded["F"]]


def test_an_administrator_sees_the_numbers_a_clerk_does_not(hall, seeded):
    with hall.unit() as (session, ctx):
        admin = Actor.of(get_user(session, "admin"))
        assert hall_summary(session, admin, today=TODAY).open == 7
        clerk = Actor.of(get_user(session, "zhangwei"))
        for call in (
            lambda: hall_summary(session, clerk, today=TODAY),
            lambda: clerk_loads(session, clerk, today=TODAY),
            lambda: tickets_by_utility_and_status(session, clerk),
            lambda: approaching_due(session, clerk, today=TODAY, calendar=ctx.calendar),
            lambda: overdue_tickets(session, clerk, today=TODAY),
        ):
            with pytest.raises(NotPermitted, match="查看统计"):
                call()


def test_one_clerks_open_tickets_paused_included(hall, seeded):
    with hall.sessions() as session:
        lina = open_tickets_of(session, _lead(session), username="lina")
        nobody = open_tickets_of(session, _lead(session), username="wangmin")
    # D (paused, cached due 30th), C and F (due 30th) ordered by due date, then receipt time.
    assert [t.ticket_id for t in lina] == [seeded["D"], seeded["C"], seeded["F"]]
    assert nobody == []
