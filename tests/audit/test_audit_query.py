"""The audit view's queries (issue 6 §5): filters by user, ticket, action and time; pages; CSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import pytest
from sqlalchemy import select

from onewindow.access.users import Actor, get_user
from onewindow.audit import chain as audit
from onewindow.audit.query import (
    CSV_HEADER,
    AuditFilter,
    distinct_actions,
    export_csv,
    iter_audit,
    search_audit,
)
from onewindow.clock import HALL_TZ
from onewindow.errors import BadInput
from onewindow.store.models import AuditEvent
from onewindow.tickets.reassignment import reassign_tickets
from tests.helpers.lead_data import accepted_ticket, hall_at


@pytest.fixture
def trail(hall, users, clock):
    """user.create ×4 (at the clock), then in time order: login, submit, reassign, fee list."""
    with hall.unit() as (session, ctx):
        ticket = accepted_ticket(session, ctx, "zhangwei")
        application_no = ticket.application.application_no
        audit.record(
            session,
            actor="zhangwei",
            action="login",
            now=hall_at("2026-11-25 08:00"),
            entity_type="user",
            entity_id="zhangwei",
        )
        audit.record(
            session,
            actor="zhangwei",
            action="application.submit",
            now=hall_at("2026-11-26 10:00"),
            entity_type="application",
            entity_id=application_no,
            details={"clerk": "zhangwei", "utilities": ["gas"]},
        )
        reassign_tickets(
            session,
            Actor.of(get_user(session, "wangmin")),
            [ticket.id],
            "lina",
            "请假",
            now=hall_at("2026-11-27 09:30"),
        )
        audit.record(
            session,
            actor="admin",
            action="settings.fee_list",
            now=hall_at("2026-11-27 11:00"),
            entity_type="setting",
            entity_id="fee_list",
            details={"from": None, "to": {"where": "公示栏", "items": []}},
        )
        return {"ticket": ticket.id, "application_no": application_no}


def _search(hall, f, username="wangmin", **paging):
    with hall.sessions() as session:
        return search_audit(session, Actor.of(get_user(session, username)), f, **paging)


def test_filter_by_user(hall, trail):
    page = _search(hall, AuditFilter(actor="zhangwei"))
    assert [r.action for r in page.rows] == ["application.submit", "login"]  # newest first
    assert page.total == 2


def test_filter_by_action_exact_and_by_prefix(hall, trail):
    assert [r.entity_id for r in _search(hall, AuditFilter(action="ticket.reassign")).rows] == [
        trail["ticket"]
    ]
    users = _search(hall, AuditFilter(action="user."))
    assert users.total == 4 and {r.action for r in users.rows} == {"user.create"}
    assert _search(hall, AuditFilter(action="user")).total == 0


def test_filter_by_ticket_includes_its_applications_records(hall, trail):
    page = _search(hall, AuditFilter(entity_id=trail["ticket"]))
    assert [(r.action, r.entity_id) for r in page.rows] == [
        ("ticket.reassign", trail["ticket"]),
        ("application.submit", trail["application_no"]),
    ]
    reassign = page.rows[0]
    assert reassign.actor == "wangmin"
    assert reassign.details["from"] == "zhangwei" and reassign.details["to"] == "lina"
    assert reassign.details["reason"] == "请假"


def test_filter_by_time_range_start_inclusive_end_exclusive(hall, trail):
    day = AuditFilter(since=hall_at("2026-11-26 00:00"), until=hall_at("2026-11-27 00:00"))
    assert [r.action for r in _search(hall, day).rows] == ["application.submit"]
    exact = AuditFilter(since=hall_at("2026-11-27 11:00"))
    assert [r.action for r in _search(hall, exact).rows] == ["settings.fee_list"]
    before = AuditFilter(until=hall_at("2026-11-27 11:00"), action="settings.")
    assert _search(hall, before).total == 0


def test_filters_combine(hall, trail):
    f = AuditFilter(actor="zhangwei", action="login", since=hall_at("2026-11-25 00:00"))
    assert [r.entity_id for r in _search(hall, f).rows] == ["zhangwei"]


def test_paging_newest_first(hall, trail):
    first = _search(hall, AuditFilter(), page=1, page_size=3)
    second = _search(hall, AuditFilter(), page=2, page_size=3)
    third = _search(hall, AuditFilter(), page=3, page_size=3)
    assert first.total == 8 and first.pages == 3
    ids = [r.id for r in first.rows + second.rows + third.rows]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 8
    assert len(third.rows) == 2


@pytest.mark.parametrize(
    ("f", "paging", "message"),
    [
        (AuditFilter(since=datetime(2026, 11, 27, 9, 0)), {}, "时区"),
        (
            AuditFilter(since=hall_at("2026-11-27 10:00"), until=hall_at("2026-11-27 09:00")),
            {},
            "晚于",
        ),
        (AuditFilter(), {"page": 0}, "页码"),
        (AuditFilter(), {"page_size": 5000}, "页码"),
    ],
)
def test_bad_queries(hall, trail, f, paging, message):
    with pytest.raises(BadInput, match=message):
        _search(hall, f, **paging)


def test_csv_export_for_excel_and_the_export_is_recorded(hall, trail, clock):
    with hall.unit() as (session, ctx):
        data = export_csv(
            session,
            Actor.of(get_user(session, "admin")),
            AuditFilter(actor="zhangwei"),
            now=ctx.now,
        )
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_HEADER
    assert [r[3] for r in rows[1:]] == ["login", "application.submit"]  # oldest first
    assert rows[2][1] == "2026-11-26T10:00:00+08:00"
    assert json.loads(rows[2][6]) == {"clerk": "zhangwei", "utilities": ["gas"]}
    with hall.sessions() as session:
        record = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "audit.export")
        ).one()
        assert record.actor == "admin" and record.at == clock.moment
        assert record.details["actor"] == "zhangwei" and record.details["records"] == 2
        assert audit.verify(session) is None


def test_csv_export_reads_in_batches(hall, trail):
    with hall.unit() as (session, _ctx):
        for i in range(25):
            audit.record(
                session,
                actor="lina",
                action="ticket.print",
                now=datetime(2026, 11, 27, 10, i, tzinfo=HALL_TZ),
                entity_type="ticket",
                entity_id=f"t{i}",
            )
    with hall.sessions() as session:
        lead = Actor.of(get_user(session, "wangmin"))
        rows = iter_audit(session, lead, AuditFilter(actor="lina"), batch=4)
        ids = [r.entity_id for r in rows]
    assert ids == [f"t{i}" for i in range(25)]


def test_actions_for_the_filter_list(hall, trail):
    with hall.sessions() as session:
        actions = distinct_actions(session, Actor.of(get_user(session, "admin")))
    assert actions == [
        "application.submit",
        "login",
        "settings.fee_list",
        "ticket.reassign",
        "user.create",
    ]
