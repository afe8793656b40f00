"""A ticket's status as the client changes it on its own (utility-api.md, "Status values").

Besides the utility's statuses the client knows `queued`, `delayed`, `needs_attention` and
`cancel_requested`; each change is a timeline entry, refreshes the SLA clock and is audited.
These helpers live in `exchange`, not in `tickets`: the sender and the change feed move
tickets too, and the layers let `tickets` use `exchange`, never the reverse.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from onewindow.audit import chain as audit
from onewindow.clocks.due_dates import refresh_clock
from onewindow.clocks.sla import KEEPS_CLOCK
from onewindow.exchange import attention
from onewindow.exchange.outbox import ACTOR, OPEN_STATES, WITHDRAWN
from onewindow.hall import Context
from onewindow.store.models import OutboxMessage, StatusEvent, Ticket

QUEUED, DELAYED, NEEDS_ATTENTION = "queued", "delayed", "needs_attention"
LOCAL_STATUSES = frozenset({QUEUED, DELAYED, NEEDS_ATTENTION})
CANCEL_REQUESTED, CANCELLED = "cancel_requested", "cancelled"
# Timeline entries of the client's own that say what happened without changing the status the
# clock goes by (clocks.sla.KEEPS_CLOCK): a cancel asked for, refused; materials refused.
CANCEL_REFUSED, MATERIALS_REFUSED = "cancel_refused", "materials_refused"


def add_event(
    ticket: Ticket,
    status: str,
    at: datetime,
    now: datetime,
    *,
    note: str | None = None,
    source: str = "delivery",
) -> StatusEvent:
    event = StatusEvent(
        status=status, at=at, note=note, source=source, utility=ticket.utility, recorded_at=now
    )
    ticket.history.append(event)
    return event


def utility_status(ticket: Ticket) -> str:
    """The status the ticket has apart from a cancel asked for: its latest other entry.

    Latest as recorded, not by `at`: a utility's times have whole seconds, so the `accepted`
    it answered a delivery with can carry an earlier `at` than the client's own `queued`."""
    for event in reversed(ticket.history):
        if event.status not in KEEPS_CLOCK:
            return event.status
    return QUEUED


def set_local_status(
    session: Session,
    ticket: Ticket,
    status: str,
    ctx: Context,
    *,
    note: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Move a ticket to one of the client's own statuses, with its history, clock and audit."""
    previous = ticket.status
    ticket.status = status
    ticket.updated_at = ctx.now
    add_event(ticket, status, ctx.now, ctx.now, note=note)
    refresh_clock(ticket, ticket.application, ctx)
    audit.record(
        session,
        actor=ACTOR,
        action=f"ticket.{status}",
        now=ctx.now,
        entity_type="ticket",
        entity_id=ticket.id,
        details={"from": previous, "utility": ticket.utility} | (details or {}),
    )


def cancel_here(
    session: Session, ticket: Ticket, ctx: Context, *, note: str, source: str = "delivery"
) -> None:
    """Cancel a ticket the utility certainly never created, without asking it: what is still
    queued for the ticket is withdrawn. The caller audits the cancel as its own act."""
    now = ctx.now
    for pending in session.scalars(
        select(OutboxMessage).where(
            OutboxMessage.ticket_id == ticket.id, OutboxMessage.state.in_(OPEN_STATES)
        )
    ):
        pending.state = WITHDRAWN
        pending.done_at = now
    ticket.status = CANCELLED
    ticket.closed_at = now
    ticket.updated_at = now
    attention.clear(ticket)
    add_event(ticket, CANCELLED, now, now, note=note, source=source)
    refresh_clock(ticket, ticket.application, ctx)
