"""Committed dates of tickets: computed from the SLA policy, cached on the ticket row for the
list screens, and refreshed when the calendar or the policy changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from onewindow.clocks.sla import TicketClock, compute
from onewindow.store.models import Application, Ticket

if TYPE_CHECKING:
    from onewindow.hall import Context


def clock_of(ticket: Ticket, application: Application, ctx: Context) -> TicketClock:
    return compute(
        utility=ticket.utility,
        service=ticket.service,
        details=ticket.details,
        received_at=application.received_at,
        history=ticket.history,
        policy=ctx.policy,
        calendar=ctx.calendar,
        now=ctx.now,
    )


def refresh_clock(ticket: Ticket, application: Application, ctx: Context) -> TicketClock:
    """Recompute the cached due date and pause count that list screens sort and filter on."""
    clock = clock_of(ticket, application, ctx)
    ticket.due_date = clock.due
    ticket.due_provisional = clock.provisional
    ticket.limit_workdays = clock.limit_workdays
    ticket.paused_workdays = clock.paused_workdays
    return clock


def refresh_open_clocks(session: Session, ctx: Context) -> int:
    """After a holiday import or a policy change: every open ticket's dates follow."""
    tickets = session.scalars(
        select(Ticket)
        .where(Ticket.closed_at.is_(None))
        .options(selectinload(Ticket.history), selectinload(Ticket.application))
    ).all()
    for ticket in tickets:
        refresh_clock(ticket, ticket.application, ctx)
    return len(tickets)
