"""Tickets for list and detail tests, written straight into the tables.

`add_ticket` builds one ticket with its application, history and materials through the ORM;
`bulk_tickets` writes many with SQL core inserts (100,000 in a few seconds on SQLite).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from onewindow.store.models import (
    Application,
    Material,
    OutboxMessage,
    StatusEvent,
    Ticket,
    User,
)

T0 = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
SERVICES = ("new_connection", "capacity_change", "transfer", "repair", "disconnect")
STATUSES = (
    "queued",
    "accepted",
    "surveying",
    "awaiting_applicant",
    "inspecting",
    "connected",
    "cancelled",
    "needs_attention",
    "delayed",
)


def add_user(session: Session, username: str, display_name: str, role: str = "clerk") -> User:
    user = User(
        username=username,
        display_name=display_name,
        role=role,
        # Never signed in with: these users only own tickets.
        password_hash="!",
        active=True,
        failed_logins=0,
        must_change_password=False,
        created_at=T0,
    )
    session.add(user)
    session.flush()
    return user


_ID = "41128219900307123X"


def _application_values(
    n: int, *, name: str, phone: str, received_at: datetime, clerk_id: int
) -> dict[str, object]:
    return {
        "application_no": f"LBGX-{received_at:%Y%m%d}-{n:04d}",
        "hall_code": "LBGX",
        "counter_id": "W03",
        "clerk_id": clerk_id,
        "received_at": received_at,
        "created_at": received_at,
        "applicant_kind": "person",
        "applicant_name": name,
        "id_type": "resident_id",
        "id_number": _ID,
        "contact_name": None,
        "phone": phone,
        "site_address": "河南省三门峡市灵宝市五龙路8号",
        "project_name": None,
        "permit_no": None,
        "land_acquired_on": None,
        "consent": True,
        "form": {"applicant": {"kind": "person", "name": name, "id_number": _ID, "phone": phone}},
    }


def add_ticket(
    session: Session,
    n: int,
    *,
    clerk: User,
    name: str = "李娜",
    phone: str = "13803981234",
    utility: str = "gas",
    service: str = "new_connection",
    history: Sequence[tuple[str, datetime, str | None]] = (),
    due_date: date | None = None,
    provisional: bool = False,
    paused_workdays: int = 0,
    utility_ticket_no: str | None = None,
    received_at: datetime = T0,
    assignee: User | None = None,
    materials: Sequence[tuple[str, str, bool, date | None]] = (),
    attention: list[dict[str, str]] | None = None,
    details: dict[str, object] | None = None,
) -> Ticket:
    application = Application(
        **_application_values(n, name=name, phone=phone, received_at=received_at, clerk_id=clerk.id)
    )
    session.add(application)
    session.flush()
    events = list(history) or [("queued", received_at, None)]
    ticket = Ticket(
        application_id=application.id,
        position=0,
        utility=utility,
        service=service,
        account_no=None,
        details=details if details is not None else {"usage": "residential"},
        status=events[-1][0],
        utility_ticket_no=utility_ticket_no,
        assignee_id=(assignee or clerk).id,
        created_at=received_at,
        updated_at=events[-1][1],
        due_date=due_date,
        due_provisional=provisional,
        limit_workdays=2,
        paused_workdays=paused_workdays,
        returned=False,
        attention=attention,
        attention_at=events[-1][1] if attention else None,
        delivery_round=1,
    )
    ticket.history = [
        StatusEvent(
            status=s,
            at=at,
            note=note,
            source="counter" if s == "queued" else "utility",
            recorded_at=at,
        )
        for s, at, note in events
    ]
    ticket.materials = [
        Material(code=code, name=mname, received=received, due=due, received_at=None)
        for code, mname, received, due in materials
    ]
    session.add(ticket)
    session.flush()
    if ticket.status == "needs_attention":
        # Refused as invalid: the answer that proves the utility created nothing.
        session.add(
            OutboxMessage(
                ticket_id=ticket.id,
                utility=utility,
                kind="deliver",
                idempotency_key=ticket.id,
                body=b"{}",
                state="failed",
                attempts=1,
                created_at=received_at,
                next_attempt_at=received_at,
                last_attempt_at=events[-1][1],
                done_at=events[-1][1],
                last_http_status=422,
                last_error_code="invalid",
            )
        )
        session.flush()
    return ticket


SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"


def bulk_tickets(
    session: Session, count: int, *, clerk_ids: Sequence[int], today: date, seed: int = 7
) -> None:
    """`count` tickets (one per application) over the last year, most closed; SQLite only.

    Rows go in through the driver's executemany with values in SQLAlchemy's SQLite storage
    format (UTC text times, JSON text): 100,000 in a few seconds.
    """
    assert session.get_bind().dialect.name == "sqlite"
    rng = random.Random(seed)
    first_id = (session.scalar(select(Application.id).order_by(Application.id.desc())) or 0) + 1
    start = datetime.combine(today, datetime.min.time(), tzinfo=UTC) - timedelta(days=365)
    step = timedelta(minutes=365 * 24 * 60 / count)
    apps = []
    tickets = []
    per_day: dict[date, int] = {}
    for i in range(count):
        received = start + step * i
        stamp = received.strftime("%Y-%m-%d %H:%M:%S.%f")
        app_id = first_id + i
        clerk_id = clerk_ids[i % len(clerk_ids)]
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        day = received.date()
        per_day[day] = per_day.get(day, 0) + 1
        apps.append(
            (
                app_id,
                f"LBGX-{received:%Y%m%d}-{per_day[day]:04d}",
                clerk_id,
                stamp,
                stamp,
                name,
                f"13{rng.randrange(10**9):09d}",
            )
        )
        age = (today - received.date()).days
        status = rng.choice(STATUSES[:5]) if age < 10 else rng.choice(("connected", "cancelled"))
        due_day = received.date() + timedelta(days=rng.randrange(1, 12))
        # Committed dates are working days: a weekend one moves to Monday.
        due = (
            due_day + timedelta(days=7 - due_day.weekday() if due_day.weekday() >= 5 else 0)
        ).isoformat()
        tickets.append(
            (
                f"00000000-0000-4000-8000-{app_id:012d}",
                app_id,
                ("water", "power", "gas")[i % 3],
                SERVICES[rng.randrange(len(SERVICES))],
                status,
                None if status == "queued" else f"U-{i + 1:07d}",
                clerk_id,
                stamp,
                stamp,
                due,
            )
        )
    conn = session.connection()
    conn.exec_driver_sql(
        "INSERT INTO applications (id, application_no, hall_code, counter_id, clerk_id,"
        " received_at, created_at, applicant_kind, applicant_name, id_type, id_number, phone,"
        " site_address, consent, form) VALUES (?, ?, 'LBGX', 'W03', ?, ?, ?, 'person', ?,"
        f" 'resident_id', '{_ID}', ?, '灵宝市五龙路8号', 1, '{{}}')",
        apps,
    )
    conn.exec_driver_sql(
        "INSERT INTO tickets (id, application_id, position, utility, service, details, status,"
        " utility_ticket_no, assignee_id, created_at, updated_at, due_date, due_provisional,"
        " limit_workdays, paused_workdays, returned, delivery_round) VALUES"
        " (?, ?, 0, ?, ?, '{}', ?, ?, ?, ?, ?, ?, 0, 2, 0, 0, 1)",
        tickets,
    )
