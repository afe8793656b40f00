"""The team lead's view of the hall's load and commitments (P15, P18), computed in SQL.

Everything here reads the cached `Ticket.due_date` (kept by onewindow.clocks.sla whenever the
history or the calendar changes), so the counts are single aggregate queries however many
tickets the hall holds.

What counts:
- open: not closed (connected, rejected and cancelled tickets are closed);
- due today / overdue: open tickets whose clock runs and whose due date is today / before
  today. A waiting ticket (applicant, approval, works: P5) is neither: its clock is paused
  and its due date moves on with every working day it waits, so it is counted as paused;
- approaching: open, running, due from today up to the next `within` working days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from onewindow.access.users import Actor, Permission
from onewindow.clocks.sla import PAUSED, Calendar
from onewindow.exchange import attention
from onewindow.store.models import Application, Ticket, User


@dataclass(frozen=True)
class ClerkLoad:
    username: str
    display_name: str
    role: str
    active: bool
    open: int
    due_today: int
    overdue: int
    paused: int


@dataclass(frozen=True)
class HallSummary:
    open: int
    due_today: int
    overdue: int
    needs_attention: int
    paused: int


@dataclass(frozen=True)
class StatusCount:
    utility: str
    status: str
    count: int


@dataclass(frozen=True)
class DueTicket:
    ticket_id: str
    application_no: str
    applicant_name: str
    utility: str
    service: str
    status: str
    assignee: str | None
    due_date: date | None  # None only where no SLA rule applies to the service
    due_provisional: bool
    version: int | None = None  # passed back by a reassign (onewindow.tickets.edit_conflicts)


def _open() -> ColumnElement[bool]:
    return Ticket.closed_at.is_(None)


def _running() -> ColumnElement[bool]:
    return and_(_open(), Ticket.status.not_in(sorted(PAUSED)))


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def hall_summary(session: Session, actor: Actor, *, today: date) -> HallSummary:
    """The four numbers on top of the lead's screen (ux.md), and the paused count."""
    actor.require(Permission.VIEW_REPORTS)
    row = session.execute(
        select(
            _count(_open()),
            _count(and_(_running(), Ticket.due_date == today)),
            _count(and_(_running(), Ticket.due_date < today)),
            # Marked for a person, whatever the status: the clerks' 需处理 and 待办 query.
            _count(attention.needs_person()),
            _count(and_(_open(), Ticket.status.in_(sorted(PAUSED)))),
        )
    ).one()
    return HallSummary(*(int(v) for v in row))


def clerk_loads(session: Session, actor: Actor, *, today: date) -> list[ClerkLoad]:
    """Every user who handles tickets, and anyone else still holding open tickets.

    A disabled clerk with open tickets is listed, so that the lead sees them and moves them.
    """
    actor.require(Permission.VIEW_REPORTS)
    counts = (
        select(
            Ticket.assignee_id.label("user_id"),
            _count(_open()).label("open"),
            _count(and_(_running(), Ticket.due_date == today)).label("due_today"),
            _count(and_(_running(), Ticket.due_date < today)).label("overdue"),
            _count(and_(_open(), Ticket.status.in_(sorted(PAUSED)))).label("paused"),
        )
        .where(_open())
        .group_by(Ticket.assignee_id)
        .subquery()
    )
    rows = session.execute(
        select(
            User.username,
            User.display_name,
            User.role,
            User.active,
            func.coalesce(counts.c.open, 0),
            func.coalesce(counts.c.due_today, 0),
            func.coalesce(counts.c.overdue, 0),
            func.coalesce(counts.c.paused, 0),
        )
        .outerjoin(counts, counts.c.user_id == User.id)
        .where(
            or_(
                and_(User.active.is_(True), User.role.in_(["clerk", "lead"])),
                counts.c.open > 0,
            )
        )
        .order_by(User.username)
    ).all()
    return [
        ClerkLoad(
            username=r[0],
            display_name=r[1],
            role=r[2],
            active=bool(r[3]),
            open=int(r[4]),
            due_today=int(r[5]),
            overdue=int(r[6]),
            paused=int(r[7]),
        )
        for r in rows
    ]


def tickets_by_utility_and_status(session: Session, actor: Actor) -> list[StatusCount]:
    """Open tickets of the hall grouped by utility and status (the lead's chart)."""
    actor.require(Permission.VIEW_REPORTS)
    rows = session.execute(
        select(Ticket.utility, Ticket.status, func.count())
        .where(_open())
        .group_by(Ticket.utility, Ticket.status)
        .order_by(Ticket.utility, Ticket.status)
    ).all()
    return [StatusCount(utility=u, status=s, count=int(n)) for u, s, n in rows]


def _due_tickets(
    session: Session, condition: ColumnElement[bool], limit: int, offset: int
) -> list[DueTicket]:
    rows = session.execute(
        select(
            Ticket.id,
            Application.application_no,
            Application.applicant_name,
            Ticket.utility,
            Ticket.service,
            Ticket.status,
            User.display_name,
            Ticket.due_date,
            Ticket.due_provisional,
            Ticket.version,
        )
        .join(Application, Application.id == Ticket.application_id)
        .outerjoin(User, User.id == Ticket.assignee_id)
        .where(condition)
        # Dated tickets first on every database (SQLite sorts NULL first, PostgreSQL last).
        .order_by(
            Ticket.due_date.is_(None), Ticket.due_date, Application.received_at, Ticket.position
        )
        .limit(limit)
        .offset(offset)
    ).all()
    return [
        DueTicket(
            ticket_id=r[0],
            application_no=r[1],
            applicant_name=r[2],
            utility=r[3],
            service=r[4],
            status=r[5],
            assignee=r[6],
            due_date=r[7],
            due_provisional=bool(r[8]),
            version=r[9],
        )
        for r in rows
    ]


def approaching_due(
    session: Session,
    actor: Actor,
    *,
    today: date,
    calendar: Calendar,
    within: int = 2,
    limit: int = 200,
    offset: int = 0,
) -> list[DueTicket]:
    """Running tickets due from today up to `within` working days ahead, soonest first."""
    actor.require(Permission.VIEW_REPORTS)
    horizon = calendar.add_workdays(today, within)
    condition = and_(_running(), Ticket.due_date >= today, Ticket.due_date <= horizon)
    return _due_tickets(session, condition, limit, offset)


def overdue_tickets(
    session: Session, actor: Actor, *, today: date, limit: int = 200, offset: int = 0
) -> list[DueTicket]:
    """Running tickets past their due date, the longest overdue first (the lead's notice)."""
    actor.require(Permission.VIEW_REPORTS)
    condition = and_(_running(), Ticket.due_date < today)
    return _due_tickets(session, condition, limit, offset)


def open_tickets_of(
    session: Session, actor: Actor, *, username: str, limit: int = 500, offset: int = 0
) -> list[DueTicket]:
    """One user's open tickets, paused ones included, soonest due first: what a lead moves
    when a clerk is away."""
    actor.require(Permission.VIEW_REPORTS)
    return _due_tickets(session, and_(_open(), User.username == username), limit, offset)
