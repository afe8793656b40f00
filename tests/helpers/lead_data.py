"""Seeded tickets for the lead's and administrator's tests, with real histories and clocks.

`seed_ticket` writes an application (or adds to one) and one ticket whose status history is
given as (status, hall-time string) pairs, sets the status, closed and accepted times the way
the change feed would, and refreshes the SLA clock with the hall's policy and calendar.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from onewindow.clock import HALL_TZ
from onewindow.clocks.due_dates import refresh_clock
from onewindow.clocks.sla import STOPPED
from onewindow.hall import Context
from onewindow.store.models import Application, StatusEvent, Ticket, User

_numbers = itertools.count(1)


def hall_at(text: str) -> datetime:
    """'2026-09-30 10:00' in hall time (UTC+8), as an aware datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=HALL_TZ)


def user_id(session: Session, username: str) -> int:
    found = session.scalar(select(User.id).where(User.username == username))
    assert found is not None, username
    return found


def seed_application(
    session: Session, *, clerk: str, received: str, rating: int | None = None
) -> Application:
    received_at = hall_at(received)
    application = Application(
        application_no=f"LBGX-{received_at:%Y%m%d}-{next(_numbers):04d}",
        hall_code="LBGX",
        counter_id="W03",
        clerk_id=user_id(session, clerk),
        received_at=received_at,
        created_at=received_at,
        applicant_kind="person",
        applicant_name="李娜",
        id_type="resident_id",
        id_number="110101199003074477",
        contact_name=None,
        phone="13803981234",
        site_address="灵宝市五龙路8号",
        project_name=None,
        permit_no=None,
        land_acquired_on=None,
        consent=True,
        form={},
        rating=rating,
        rated_at=received_at if rating is not None else None,
    )
    session.add(application)
    session.flush()
    return application


def accepted_ticket(session: Session, ctx: Context, clerk: str) -> Ticket:
    """A gas ticket of `clerk`'s, received Thursday 26 November 10:00 and accepted at 10:05:
    due today by the tests' clock (Friday 27 November, 09:30 hall time)."""
    return seed_ticket(
        session,
        ctx,
        clerk=clerk,
        received="2026-11-26 10:00",
        events=[("accepted", "2026-11-26 10:05")],
    )


def seed_ticket(
    session: Session,
    ctx: Context,
    *,
    clerk: str,
    received: str | None = None,
    application: Application | None = None,
    utility: str = "gas",
    service: str = "new_connection",
    details: dict[str, object] | None = None,
    events: Sequence[tuple[str, str]] = (),
    returned: bool = False,
    rating: int | None = None,
    assignee: str | None = None,
) -> Ticket:
    if application is None:
        assert received is not None
        application = seed_application(session, clerk=clerk, received=received, rating=rating)
    received_at = application.received_at
    history = [("queued", received_at, "counter")] + [
        (status, hall_at(at), "utility") for status, at in events
    ]
    last_status, last_at, _ = history[-1]
    accepted = next((at for s, at, _ in history if s == "accepted"), None)
    ticket = Ticket(
        application_id=application.id,
        position=len(application.tickets),
        utility=utility,
        service=service,
        account_no=None,
        details=details if details is not None else {"usage": "residential"},
        status=last_status,
        assignee_id=user_id(session, assignee or clerk),
        created_at=received_at,
        updated_at=last_at,
        accepted_at=accepted,
        closed_at=last_at if last_status in STOPPED else None,
        returned=returned,
        delivery_round=1,
        paused_workdays=0,
        due_provisional=False,
    )
    if last_status == "needs_attention":  # refused: marked for a person, as the sender does
        ticket.attention = [{"field": "", "message": "受理系统退回"}]
        ticket.attention_at = last_at
    ticket.history = [
        StatusEvent(status=s, at=at, note=None, source=source, recorded_at=at)
        for s, at, source in history
    ]
    session.add(ticket)
    session.flush()
    session.refresh(application, ["tickets"])
    refresh_clock(ticket, application, ctx)
    session.flush()
    return ticket
