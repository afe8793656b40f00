"""The ticket list's queries, one ticket's detail and delivery at a glance, on both databases.

Hall time today is Friday 2026-11-27 (the `clock` fixture).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from onewindow.access.users import Actor, Role
from onewindow.config import UtilitySettings
from onewindow.hall import Hall
from onewindow.store.models import OutboxMessage, User, UtilityLink
from onewindow.tickets.queries import (
    CANCEL,
    RECORD_MATERIAL,
    REPRINT,
    RESEND,
    TicketFilter,
    count_tickets,
    delivery_overview,
    fetch_rows,
    fetch_tickets,
    ticket_detail,
    todo_filter,
)
from tests.helpers.ticket_factory import add_ticket, add_user

TODAY = date(2026, 11, 27)


def at(day: int, hour: int = 9, month: int = 11) -> datetime:
    """A moment in hall time (UTC+8) in 2026."""
    return datetime(2026, month, day, hour - 8, 0, tzinfo=UTC)


@dataclass
class Desk:
    hall: Hall
    zhang: User
    li: User
    ids: dict[str, str]


@pytest.fixture
def desk(hall: Hall) -> Iterator[Desk]:
    with hall.unit() as (s, _ctx):
        zhang = add_user(s, "zhangwei", "张伟")
        li = add_user(s, "lina", "李娜（二号窗）")
        ids = {}
        ids["today"] = add_ticket(
            s,
            1,
            clerk=zhang,
            name="李娜",
            phone="13803981234",
            utility="gas",
            history=[("queued", at(20), None), ("accepted", at(20, 10), None)],
            due_date=TODAY,
            utility_ticket_no="GAS-2026-000123",
            received_at=at(20),
        ).id
        ids["overdue"] = add_ticket(
            s,
            2,
            clerk=zhang,
            name="王敏",
            phone="0398-8123456",
            utility="water",
            history=[("queued", at(21), None), ("surveying", at(23), "已派勘查员")],
            due_date=date(2026, 11, 25),
            utility_ticket_no="JC-2026-001234",
            received_at=at(21),
        ).id
        ids["paused"] = add_ticket(
            s,
            3,
            clerk=zhang,
            name="赵强",
            phone="13912675678",
            utility="gas",
            details={"usage": "residential", "external_works": True, "external_length_m": 80},
            history=[
                ("queued", at(20, 10), None),
                ("accepted", at(23), None),
                ("awaiting_applicant", at(24), "请补交产权证明"),
            ],
            # Cached before the last days of waiting: stale on purpose, must not read overdue.
            due_date=date(2026, 11, 24),
            paused_workdays=0,
            utility_ticket_no="GAS-2026-000124",
            received_at=at(20, 10),
            materials=[
                ("application_form", "报装申请表", True, None),
                ("property_proof", "产权证明", False, date(2026, 11, 26)),
            ],
        ).id
        ids["attention"] = add_ticket(
            s,
            4,
            clerk=li,
            name="陈杰",
            phone="13700001111",
            utility="gas",
            history=[("queued", at(26), None), ("needs_attention", at(26, 10), None)],
            due_date=date(2026, 12, 2),
            received_at=at(26),
            attention=[{"field": "applicant.id_number", "message": "证件号码与姓名不符"}],
        ).id
        ids["closed"] = add_ticket(
            s,
            5,
            clerk=zhang,
            name="周涛",
            phone="13500002222",
            utility="water",
            history=[("queued", at(2), None), ("connected", at(3), "已通水")],
            due_date=date(2026, 11, 4),
            utility_ticket_no="JC-2026-000999",
            received_at=at(2),
        ).id
        ids["delayed"] = add_ticket(
            s,
            6,
            clerk=li,
            name="吴艳",
            phone="13600003333",
            utility="power",
            history=[("queued", at(27, 8), None), ("delayed", at(27, 9), None)],
            due_date=date(2026, 12, 4),
            received_at=at(27, 8),
        ).id
    yield Desk(hall, zhang, li, ids)


def ids_of(desk: Desk, flt: TicketFilter, order: str = "oldest") -> list[str]:
    names = {v: k for k, v in desk.ids.items()}
    with desk.hall.unit() as (s, ctx):
        rows = fetch_tickets(s, flt, calendar=ctx.calendar, today=TODAY, order=order, limit=100)
        assert count_tickets(s, flt, today=TODAY) == len(rows)
    return [names[r.ticket_id] for r in rows]


def test_all_mine_and_each_urgency(desk: Desk) -> None:
    assert ids_of(desk, TicketFilter()) == [
        "closed",
        "today",
        "paused",
        "overdue",
        "attention",
        "delayed",
    ]
    assert ids_of(desk, TicketFilter(mine_user_id=desk.li.id)) == ["attention", "delayed"]
    assert ids_of(desk, TicketFilter(overdue=True)) == ["overdue"]
    assert ids_of(desk, TicketFilter(due_today=True)) == ["today"]
    assert ids_of(desk, TicketFilter(needs_attention=True)) == ["attention"]
    # The urgency chips widen each other and narrow the rest.
    assert ids_of(desk, TicketFilter(overdue=True, due_today=True)) == ["today", "overdue"]
    assert ids_of(desk, TicketFilter(overdue=True, utilities=frozenset({"gas"}))) == []
    assert ids_of(desk, todo_filter(desk.zhang.id)) == ["today", "overdue"]
    assert ids_of(desk, todo_filter(desk.li.id)) == ["attention"]


def test_utility_status_and_open_filters(desk: Desk) -> None:
    gas = TicketFilter(utilities=frozenset({"gas"}))
    assert ids_of(desk, gas) == ["today", "paused", "attention"]
    both = TicketFilter(utilities=frozenset({"water", "power"}))
    assert ids_of(desk, both) == ["closed", "overdue", "delayed"]
    assert ids_of(desk, TicketFilter(statuses=frozenset({"delayed", "connected"}))) == [
        "closed",
        "delayed",
    ]
    # A status nobody knows is kept and filtered as it came.
    assert ids_of(desk, TicketFilter(statuses=frozenset({"survey_booked"}))) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LBGX-20261120-0001", ["today"]),
        ("lbgx-20261121", ["overdue"]),
        ("李娜", ["today"]),
        ("王", ["overdue"]),
        ("13803981234", ["today"]),
        ("1234", ["today", "overdue"]),  # a phone's tail, and 0398-8123456 holds 1234 too
        ("0398-8123456", ["overdue"]),
        ("03988123456", ["overdue"]),
        ("gas-2026-000123", ["today"]),
        ("JC-2026", ["closed", "overdue"]),
        ("100%", []),
        ("  ", ["closed", "today", "paused", "overdue", "attention", "delayed"]),
    ],
)
def test_search_by_each_key(desk: Desk, text: str, expected: list[str]) -> None:
    assert ids_of(desk, TicketFilter(text=text)) == expected


def test_rows_carry_what_the_list_shows(desk: Desk) -> None:
    with desk.hall.unit() as (s, ctx):
        rows = {
            r.ticket_id: r
            for r in fetch_tickets(s, TicketFilter(), calendar=ctx.calendar, today=TODAY)
        }
    today = rows[desk.ids["today"]]
    assert today.application_no == "LBGX-20261120-0001"
    assert today.applicant_name == "李娜"
    assert today.phone_masked == "138****1234"
    assert today.utility_ticket_no == "GAS-2026-000123"
    assert today.assignee_name == "张伟"
    assert (today.days_left, today.urgency) == (0, "due_today")
    overdue = rows[desk.ids["overdue"]]
    # Due Wednesday; Thursday and Friday have passed.
    assert (overdue.days_left, overdue.urgency) == (-2, "overdue")
    assert overdue.phone_masked == "0398-***3456"
    paused = rows[desk.ids["paused"]]
    assert (paused.days_left, paused.urgency) == (None, "paused")
    attention = rows[desk.ids["attention"]]
    # Mon 30 Nov, Tue 1 Dec, Wed 2 Dec.
    assert (attention.days_left, attention.urgency) == (3, "attention")
    assert rows[desk.ids["closed"]].urgency == "closed"
    assert rows[desk.ids["closed"]].days_left is None


def test_paging_covers_every_row_once(hall: Hall) -> None:
    with hall.unit() as (s, _ctx):
        clerk = add_user(s, "zhangwei", "张伟")
        for n in range(1, 24):
            add_ticket(s, n, clerk=clerk, received_at=at(1 + n % 20, 9 + n % 7), due_date=TODAY)
    with hall.unit() as (s, ctx):
        flt = TicketFilter()
        for order in ("newest", "oldest", "due", "status", "utility"):
            whole = fetch_tickets(s, flt, calendar=ctx.calendar, today=TODAY, order=order)
            paged = [
                r
                for offset in range(0, 30, 5)
                for r in fetch_tickets(
                    s, flt, calendar=ctx.calendar, today=TODAY, offset=offset, limit=5, order=order
                )
            ]
            assert [r.ticket_id for r in paged] == [r.ticket_id for r in whole]
            assert len({r.ticket_id for r in paged}) == 23
        newest = fetch_tickets(s, flt, calendar=ctx.calendar, today=TODAY, order="newest")
        received = [r.received_at for r in newest]
        assert received == sorted(received, reverse=True)
        assert fetch_rows(s, [newest[3].ticket_id], calendar=ctx.calendar, today=TODAY) == [
            newest[3]
        ]


CLERK = Actor(name="zhangwei", role=Role.CLERK, user_id=1)
ADMIN = Actor(name="admin", role=Role.ADMIN, user_id=9)


def test_detail_timeline_clock_materials(desk: Desk) -> None:
    with desk.hall.unit() as (s, ctx):
        d = ticket_detail(s, desk.ids["paused"], ctx, CLERK)
    assert [(e.status, e.note) for e in d.timeline] == [
        ("queued", None),
        ("accepted", None),
        ("awaiting_applicant", "请补交产权证明"),
    ]
    assert d.timeline[2].at == at(24)
    # Two working days from Fri 20 Nov, plus Tue–Fri 24–27 Nov spent waiting on the applicant.
    assert d.clock.state == "paused"
    assert d.clock.paused_workdays == 4
    assert d.clock.limit_workdays == 2
    assert d.clock.due == date(2026, 11, 30)
    assert d.clock.days_left == 1
    assert d.clock.provisional is False
    assert d.clock.overdue is False
    assert [(m.code, m.received, m.late) for m in d.materials] == [
        ("application_form", True, False),
        ("property_proof", False, True),
    ]
    assert d.phone_masked == "139****5678"
    assert d.id_masked == "411282********123X"
    assert d.actions == {RECORD_MATERIAL, CANCEL, REPRINT}


def test_detail_attention_and_actions_by_role(desk: Desk) -> None:
    with desk.hall.unit() as (s, ctx):
        d = ticket_detail(s, desk.ids["attention"], ctx, CLERK)
        closed = ticket_detail(s, desk.ids["closed"], ctx, CLERK)
        admin_view = ticket_detail(s, desk.ids["attention"], ctx, ADMIN)
    # The value as sent, unmasked: the clerk corrects it from there.
    assert [(m.field, m.message, m.current) for m in d.attention] == [
        ("applicant.id_number", "证件号码与姓名不符", "41128219900307123X")
    ]
    assert d.actions == {CANCEL, RESEND, REPRINT}
    assert closed.actions == {REPRINT}
    assert closed.clock.state == "stopped"
    assert closed.clock.days_left is None
    assert admin_view.actions == frozenset()


def test_detail_provisional_past_the_published_years(hall: Hall) -> None:
    with hall.unit() as (s, _ctx):
        clerk = add_user(s, "zhangwei", "张伟")
        ticket_id = add_ticket(
            s,
            1,
            clerk=clerk,
            service="repair",
            received_at=at(31, 9, month=12),
            history=[("accepted", at(31, 9, month=12), None)],
        ).id
    with hall.unit() as (s, ctx):
        d = ticket_detail(s, ticket_id, ctx, CLERK)
    assert d.clock.provisional is True
    assert d.clock.due is not None and d.clock.due.year == 2027


def _settings(utility: str, token: str) -> UtilitySettings:
    return UtilitySettings(utility, utility, f"http://127.0.0.1:9/{utility}/", token=token)


def test_delivery_overview(desk: Desk) -> None:
    configured = {u: _settings(u, "t") for u in ("water", "power", "gas")}
    moment = at(27, 9)
    with desk.hall.unit() as (s, _ctx):
        s.add(
            UtilityLink(
                utility="water",
                last_seq=0,
                refused_fingerprint=configured["water"].fingerprint,
                refused_at=moment,
                last_error="401 Unauthorized",
                updated_at=moment,
            )
        )
        s.add(UtilityLink(utility="gas", last_seq=5, last_ok_at=moment, updated_at=moment))
        s.add(
            OutboxMessage(
                ticket_id=desk.ids["delayed"],
                utility="power",
                kind="deliver",
                idempotency_key=desk.ids["delayed"],
                body=b"{}",
                state="pending",
                attempts=3,
                created_at=moment,
                next_attempt_at=moment,
                last_attempt_at=moment,
                last_http_status=503,
            )
        )
    with desk.hall.unit() as (s, _ctx):
        overview = delivery_overview(s, configured)
        changed = delivery_overview(s, configured | {"water": _settings("water", "new")})
        partial = delivery_overview(s, {"gas": configured["gas"]})
    states = {u.utility: u.state for u in overview.utilities}
    assert states == {"water": "refused", "power": "retrying", "gas": "connected"}
    by = {u.utility: u for u in overview.utilities}
    assert (by["power"].pending, by["power"].delayed) == (1, 1)
    assert (by["gas"].needs_attention, by["gas"].last_ok_at) == (1, moment)
    assert (overview.needs_attention, overview.delayed) == (1, 1)
    # A new token lifts the stop: the sender tries again, and it shows as retrying until a
    # request goes through.
    assert {u.utility: u.state for u in changed.utilities}["water"] == "retrying"
    assert [u.state for u in partial.utilities] == ["unconfigured", "unconfigured", "connected"]
