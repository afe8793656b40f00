"""What a clerk does to a ticket after the counter: late materials (for every open ticket of
the application that waits for them), cancellation, re-sending a corrected ticket,
acknowledging a refusal. Each is one unit of work with its audit record, and each request to
the utility goes through the outbox with its own Idempotency-Key, fixed when it is queued.

Supplements and cancellations of a ticket that has no utility number yet wait in the outbox
until the delivery has brought one (the sender only claims them then). A cancellation of a
ticket the utility has certainly never seen (its delivery not yet attempted, or refused as
invalid) is done here and now, without a request; any other is only asked for: the ticket is
`cancel_requested` (撤销中) until the utility confirms or refuses (utility-api.md v1.1).

A corrected ticket goes out under a new Idempotency-Key only after an answer that proves the
utility created nothing (400, or 422 `invalid`); after any other, a new key could make a
second ticket at the utility, so the re-send is refused whatever the clerk presses.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from onewindow.access.users import Actor, Permission
from onewindow.audit import chain as audit
from onewindow.clock import hall_date, rfc3339
from onewindow.clocks.due_dates import refresh_clock
from onewindow.clocks.sla import STOPPED
from onewindow.codes import STATUSES, Text, label
from onewindow.errors import BadInput, NotFound
from onewindow.exchange import attention, outbox
from onewindow.exchange.client import proves_nothing_created
from onewindow.exchange.outbox import FAILED, OPEN_STATES, PENDING, WITHDRAWN
from onewindow.exchange.ticket_status import (
    CANCEL_REQUESTED,
    NEEDS_ATTENTION,
    QUEUED,
    add_event,
    cancel_here,
)
from onewindow.hall import Context
from onewindow.intake.materials import ChecklistRow, application_checklist
from onewindow.intake.submit import form_columns, load_application
from onewindow.store.models import OutboxMessage, Ticket
from onewindow.tickets import edit_conflicts
from onewindow.tickets.materials_plan import plan_late_materials
from onewindow.tickets.resend_plan import plan_resend

MAX_REASON = 200


def _load(session: Session, ticket_id: str, version: int | None = None) -> Ticket:
    """The ticket, its row locked; refused (EditConflict) when a person acted on it since the
    screen showed `version` (None: act on the current state, as the command line does)."""
    ticket = session.scalar(
        select(Ticket)
        .where(Ticket.id == ticket_id)
        .options(
            selectinload(Ticket.history),
            selectinload(Ticket.materials),
            selectinload(Ticket.permits),
            selectinload(Ticket.application),
        )
        .with_for_update()
    )
    if ticket is None:
        raise NotFound(Text(f"工单 {ticket_id} 不存在", "no such ticket"))
    edit_conflicts.claim(session, ticket, version)
    return ticket


def _open(ticket: Ticket) -> None:
    if ticket.status in STOPPED:
        state = label(STATUSES, ticket.status)
        raise BadInput(
            Text(
                f"工单状态为“{state.zh}”，不能再办理此操作",
                f"the ticket is {state.en.lower()}: nothing more can be done to it",
            )
        )


def _deliveries(session: Session, ticket: Ticket) -> list[OutboxMessage]:
    return list(
        session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.ticket_id == ticket.id, OutboxMessage.kind == outbox.DELIVER)
            .order_by(OutboxMessage.id)
            .with_for_update()
        )
    )


def acknowledge_attention(session: Session, actor: Actor, ticket_id: str, *, ctx: Context) -> None:
    """A clerk has seen a refusal that leaves nothing to do here (a cancel refused because the
    ticket is connected, late materials refused): the ticket stops asking for a person. A
    refused delivery is acted on instead (corrected and re-sent, or cancelled)."""
    actor.require(Permission.HANDLE_TICKETS)
    ticket = _load(session, ticket_id)
    if ticket.attention_at is None:
        raise BadInput(Text("该工单没有待处理的提示", "this ticket has no notice to deal with"))
    if ticket.status == NEEDS_ATTENTION:
        raise BadInput(
            Text(
                "该工单尚未送达受理单位：请更正后重新发送，或撤销",
                "this ticket has not reached the utility: correct and resend it, or cancel it",
            )
        )
    seen = attention.one_line(ticket.attention)
    attention.clear(ticket)
    ticket.updated_at = ctx.now
    audit.record(
        session,
        actor=actor.name,
        action="ticket.attention_acknowledged",
        now=ctx.now,
        entity_type="ticket",
        entity_id=ticket.id,
        details={"attention": seen},
    )


@dataclass(frozen=True)
class LateMaterials:
    """What a late-materials visit recorded: the documents, the open tickets that waited for
    them (with the request queued to each utility, None when the ticket's next delivery
    carries them anyway), and when and by whom."""

    application_no: str
    codes: tuple[str, ...]
    tickets: tuple[tuple[Ticket, OutboxMessage | None], ...]
    received_at: datetime
    received_by: str
    still_to_follow: tuple[ChecklistRow, ...]  # what the application still waits for


def record_late_materials(
    session: Session,
    actor: Actor,
    ticket_id: str,
    codes: list[str],
    *,
    ctx: Context,
    version: int | None = None,
) -> LateMaterials:
    """The applicant brought documents that were to follow (容缺补齐), asked from one of the
    application's tickets: a document is one for the visit, so it is recorded received for
    every open ticket of the application that waits for it, and each of those utilities is
    told (which tickets, and what is refused: materials_plan.plan_late_materials).
    """
    actor.require(Permission.ACCEPT)
    ticket = _load(session, ticket_id, version)
    tickets = list(
        session.scalars(
            select(Ticket)
            .where(Ticket.application_id == ticket.application_id)
            .options(selectinload(Ticket.materials))
            .order_by(Ticket.position)
            .with_for_update()
        )
    )
    plan = plan_late_materials(codes, tickets)
    now = ctx.now
    done: list[tuple[Ticket, OutboxMessage | None]] = []
    for each, positions in plan.waiting:
        materials = [each.materials[i] for i in positions]
        for m in materials:
            m.received, m.received_at, m.received_by = True, now, actor.name
        each.updated_at = now
        in_flight = any(d.state in OPEN_STATES for d in _deliveries(session, each))
        message = None
        if each.utility_ticket_no or in_flight:
            message = outbox.enqueue(
                session,
                each,
                kind=outbox.MATERIALS,
                now=now,
                body={
                    "materials": [{"code": m.code, "received_at": rfc3339(now)} for m in materials]
                },
            )
        audit.record(
            session,
            actor=actor.name,
            action="ticket.materials_received",
            now=now,
            entity_type="ticket",
            entity_id=each.id,
            details={"codes": [m.code for m in materials], "queued": message is not None},
        )
        done.append((each, message))
    application = load_application(session, ticket.application.application_no)
    return LateMaterials(
        application_no=application.application_no,
        codes=plan.codes,
        tickets=tuple(done),
        received_at=now,
        received_by=actor.name,
        still_to_follow=application_checklist(application, ctx.catalogue).to_follow,
    )


def cancel_ticket(
    session: Session,
    actor: Actor,
    ticket_id: str,
    reason: str,
    *,
    ctx: Context,
    version: int | None = None,
) -> OutboxMessage | None:
    """Withdraw a ticket at the applicant's request. Returns the queued cancel request, or None
    when the utility never had the ticket and it was cancelled here at once."""
    actor.require(Permission.HANDLE_TICKETS)
    reason = (reason or "").strip()
    if not reason:
        raise BadInput(Text("请填写撤销原因", "give a reason for cancelling"))
    if len(reason) > MAX_REASON:
        raise BadInput(
            Text(
                f"撤销原因不能超过 {MAX_REASON} 字",
                f"the reason for cancelling must be at most {MAX_REASON} characters",
            )
        )
    ticket = _load(session, ticket_id, version)
    _open(ticket)
    if ticket.status == CANCEL_REQUESTED:
        raise BadInput(
            Text(
                "撤销申请已提交，正在等待受理单位确认",
                "cancellation already requested; waiting for the utility to confirm",
            )
        )
    now = ctx.now
    deliveries = _deliveries(session, ticket)
    never_reached = not ticket.utility_ticket_no and all(
        (m.state == PENDING and m.attempts == 0)
        or (m.state == FAILED and proves_nothing_created(m.last_http_status, m.last_error_code))
        or m.state == WITHDRAWN
        for m in deliveries
    )
    message = None
    if never_reached:
        previous = ticket.status
        cancel_here(session, ticket, ctx, note=reason, source="counter")
        details: dict[str, Any] = {"reason": reason, "from": previous, "sent": False}
    else:
        message = outbox.enqueue(
            session, ticket, kind=outbox.CANCEL, now=now, body={"reason": reason}
        )
        previous = ticket.status
        # Asked for, not done: the utility may still refuse (already connected). Cancelling is
        # acting on whatever the ticket was marked for.
        ticket.status = CANCEL_REQUESTED
        ticket.updated_at = now
        attention.clear(ticket)
        add_event(ticket, CANCEL_REQUESTED, now, now, note=reason, source="counter")
        refresh_clock(ticket, ticket.application, ctx)
        details = {"reason": reason, "from": previous, "sent": True}
    audit.record(
        session,
        actor=actor.name,
        action="ticket.cancel",
        now=now,
        entity_type="ticket",
        entity_id=ticket.id,
        details=details,
    )
    return message


def resend_ticket(
    session: Session,
    actor: Actor,
    ticket_id: str,
    corrections: dict[str, Any],
    *,
    ctx: Context,
    version: int | None = None,
) -> OutboxMessage:
    """After the utility refused a ticket (needs_attention): apply the clerk's corrections,
    check the corrected form again, and queue a NEW delivery (a new key, a new fixed body).
    What may be re-sent and how the form is corrected: resend_plan.plan_resend."""
    actor.require(Permission.HANDLE_TICKETS)
    ticket = _load(session, ticket_id, version)
    application = ticket.application
    now = ctx.now
    plan = plan_resend(
        ticket.status,
        _deliveries(session, ticket),
        application.form,
        ticket.utility,
        corrections,
        delivery_round=ticket.delivery_round,
        # Idempotency-Key and ticket_id are one and the same to the utility (utility-api.md),
        # so a new delivery names the ticket by its new key; the feed is matched back by it.
        key=str(uuid.uuid4()),
        today=hall_date(now),
        catalogue=ctx.catalogue,
    )
    for column, value in form_columns(plan.form).items():
        setattr(application, column, value)
    ticket.service = plan.request.service
    ticket.account_no = plan.request.account_no
    ticket.details = dict(plan.request.details)
    ticket.delivery_round = plan.round
    ticket.utility_ticket_no = None
    ticket.status = QUEUED
    ticket.updated_at = now
    attention.clear(ticket)
    body = outbox.ticket_document(
        application, ticket, counter_id=ctx.config.counter_id, clerk=actor.name
    )
    body["ticket_id"] = plan.key
    message = outbox.enqueue(
        session, ticket, kind=outbox.DELIVER, now=now, idempotency_key=plan.key, body=body
    )
    add_event(ticket, QUEUED, now, now, note=plan.note, source="counter")
    refresh_clock(ticket, application, ctx)
    audit.record(
        session,
        actor=actor.name,
        action="ticket.resend",
        now=now,
        entity_type="ticket",
        entity_id=ticket.id,
        details=plan.record,
    )
    return message
