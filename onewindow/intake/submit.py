"""Accepting an application at the counter and showing it: the core's service functions.

`submit_application` checks the combined form, then in ONE transaction saves the
application, one ticket per utility with its materials and permits, their first status and
SLA clock, the outbox rows that will deliver them, and the audit record. Nothing is sent
before that commit, and nothing is saved for a form with any error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from onewindow.access.users import Actor, Permission
from onewindow.audit import chain as audit
from onewindow.clock import hall_date, rfc3339
from onewindow.clocks.due_dates import clock_of, refresh_clock
from onewindow.clocks.sla import TicketClock, supplement_due
from onewindow.codes import Text
from onewindow.errors import BadInput, NotFound
from onewindow.exchange import outbox
from onewindow.intake.form import UTILITIES, CheckResult, CombinedForm, FieldError, check_form
from onewindow.intake.materials import (
    RECEIVED,
    Checklist,
    ChecklistRow,
    application_checklist,
    form_checklist,
)
from onewindow.store.models import AgencyPermit, Application, Material, StatusEvent, Ticket, User
from onewindow.store.numbering import next_application_no

if TYPE_CHECKING:
    from onewindow.config import Config
    from onewindow.hall import Context

# A received time this far ahead of our clock is a clock skew, not the future.
_FUTURE_TOLERANCE = timedelta(minutes=2)


class FormInvalid(BadInput):
    """The form has errors; `errors` lists every one of them with its field path."""

    def __init__(self, errors: tuple[FieldError, ...]) -> None:
        super().__init__(Text(f"表单有 {len(errors)} 处错误", f"{len(errors)} errors in the form"))
        self.errors = errors


def submit_application(
    session: Session,
    actor: Actor,
    form_data: object,
    *,
    clerk: User,
    ctx: Context,
    received_at: datetime | None = None,
) -> Application:
    actor.require(Permission.ACCEPT)
    if not clerk.active:
        raise BadInput(Text(f"受理人 {clerk.username} 已停用", "clerk is disabled"))
    now = ctx.now
    received_at = received_moment(received_at, now)
    result: CheckResult = check_form(form_data, today=hall_date(now), catalogue=ctx.catalogue)
    if result.errors or result.form is None:
        raise FormInvalid(result.errors)
    form = result.form
    config = ctx.config
    number = next_application_no(session, config.hall.code, hall_date(now))
    application = application_row(form, number, config, clerk, received_at=received_at, now=now)
    session.add(application)
    session.flush()
    checklist = form_checklist(
        form, ctx.catalogue, due=supplement_due(received_at, ctx.policy, ctx.calendar)
    )
    for plan in plan_tickets(form, checklist):
        ticket = ticket_row(plan, application, clerk, received_at=received_at, now=now)
        session.add(ticket)
        session.flush()
        refresh_clock(ticket, application, ctx)
        outbox.enqueue(
            session,
            ticket,
            kind=outbox.DELIVER,
            now=now,
            idempotency_key=ticket.id,
            body=outbox.ticket_document(
                application, ticket, counter_id=config.counter_id, clerk=clerk.username
            ),
        )
    audit.record(
        session,
        actor=actor.name,
        action="application.submit",
        now=now,
        entity_type="application",
        entity_id=application.application_no,
        details=submit_record(form, clerk.username, received_at, now),
    )
    return application


# The decisions of a submit, apart from the database: each tested on its own.


def application_row(
    form: CombinedForm,
    number: str,
    config: Config,
    clerk: User,
    *,
    received_at: datetime,
    now: datetime,
) -> Application:
    """The application as it is kept: the checked form and the columns lists filter on."""
    return Application(
        application_no=number,
        hall_code=config.hall.code,
        counter_id=config.counter_id,
        clerk_id=clerk.id,
        received_at=received_at,
        created_at=now,
        consent=form.consent,
        **form_columns(form),
    )


def form_columns(form: CombinedForm) -> dict[str, Any]:
    """The application's columns that copy the checked form (lists filter on them): set at
    the counter, and again when a corrected ticket is re-sent."""
    applicant, site = form.applicant, form.site
    return {
        "applicant_kind": applicant.kind,
        "applicant_name": applicant.name,
        "id_type": applicant.id_type,
        "id_number": applicant.id_number,
        "contact_name": applicant.contact_name,
        "phone": applicant.phone,
        "site_address": site.address,
        "project_name": site.project_name,
        "permit_no": site.permit_no,
        "land_acquired_on": site.land_acquired_on,
        "form": form.to_json(),
    }


def ticket_row(
    plan: TicketPlan,
    application: Application,
    clerk: User,
    *,
    received_at: datetime,
    now: datetime,
) -> Ticket:
    """A planned ticket as a new row: queued, with the clerk as assignee, its documents (one
    state each, as the visit's checklist says), its agency permits and its first status."""
    ticket = Ticket(
        application_id=application.id,
        position=plan.position,
        utility=plan.utility,
        service=plan.service,
        account_no=plan.account_no,
        details=dict(plan.details),
        status="queued",
        assignee_id=clerk.id,
        created_at=now,
        updated_at=now,
        returned=False,
        delivery_round=1,
        paused_workdays=0,
        due_provisional=False,
    )
    ticket.materials = [
        Material(
            code=row.code,
            name=row.name,
            received=row.state == RECEIVED,
            due=row.due,
            received_at=received_at if row.state == RECEIVED else None,
            received_by=clerk.username if row.state == RECEIVED else None,
            required=row.required,
            waived_reason=row.reason,
        )
        for row in plan.materials
    ]
    ticket.permits = [
        AgencyPermit(kind=kind, state="requested", updated_at=now) for kind in plan.permits
    ]
    ticket.history = [
        StatusEvent(status="queued", at=received_at, note=None, source="counter", recorded_at=now)
    ]
    return ticket


def received_moment(received_at: datetime | None, now: datetime) -> datetime:
    """When the application counts as received: now, or the time a clerk gives (aware, and
    not in the future beyond a clock's drift)."""
    if received_at is None:
        return now
    if received_at.tzinfo is None:
        raise BadInput(Text("受理时间必须带时区", "received-at needs a time zone"))
    if received_at > now + _FUTURE_TOLERANCE:
        raise BadInput(
            Text(f"受理时间 {rfc3339(received_at)} 晚于当前时间", "received-at is in the future")
        )
    return received_at


@dataclass(frozen=True)
class TicketPlan:
    """One utility's ticket as the form asks for it, before it is a row."""

    position: int
    utility: str
    service: str
    account_no: str | None
    details: Mapping[str, Any]
    materials: tuple[ChecklistRow, ...]  # the visit's documents this utility needs
    permits: tuple[str, ...]  # the agency permits the utility obtains (代办)


def plan_tickets(form: CombinedForm, checklist: Checklist) -> list[TicketPlan]:
    """Split the combined form: one ticket per utility asked for, in the fixed utility order;
    each keeps the visit's documents its utility needs (one document, one state)."""
    asked = [u for u in UTILITIES if u in form.services]
    return [
        TicketPlan(
            position=position,
            utility=utility,
            service=form.services[utility].service,
            account_no=form.services[utility].account_no,
            details=form.services[utility].details,
            materials=tuple(row for row in checklist.rows if utility in row.utilities),
            permits=tuple(form.services[utility].agency_permits),
        )
        for position, utility in enumerate(asked)
    ]


def submit_record(
    form: CombinedForm, clerk: str, received_at: datetime, now: datetime
) -> dict[str, Any]:
    """What the audit trail keeps of a submit."""
    details: dict[str, Any] = {
        "clerk": clerk,
        "utilities": [u for u in UTILITIES if u in form.services],
    }
    if form.materials_waived:
        # Why a document the rules ask for was not needed is the clerk's decision: audited.
        details["materials_waived"] = [
            {"code": w.code, "reason": w.reason} for w in form.materials_waived
        ]
    if received_at != now:
        details["received_at"] = rfc3339(received_at)
    return details


def load_application(session: Session, application_no: str) -> Application:
    application = session.scalar(
        select(Application)
        .where(Application.application_no == application_no.strip().upper())
        .options(
            selectinload(Application.tickets).selectinload(Ticket.history),
            selectinload(Application.tickets).selectinload(Ticket.materials),
            selectinload(Application.tickets).selectinload(Ticket.assignee),
            selectinload(Application.tickets).selectinload(Ticket.permits),
            selectinload(Application.clerk),
        )
    )
    if application is None:
        raise NotFound(Text(f"受理编号 {application_no} 不存在", "no such application"))
    return application


def ticket_json(ticket: Ticket, clock: TicketClock) -> dict[str, Any]:
    """One ticket in the command line's contract shape (architecture.md, `show --json`)."""
    return {
        "ticket_id": ticket.id,
        "utility": ticket.utility,
        "service": ticket.service,
        "status": ticket.status,
        "utility_ticket_no": ticket.utility_ticket_no,
        "due": clock.due.isoformat() if clock.due else None,
        "due_provisional": clock.provisional,
        "assignee": ticket.assignee.username if ticket.assignee else None,
        "attention": ticket.attention_line,
    }


def application_json(application: Application, ctx: Context) -> dict[str, Any]:
    return {
        "application_no": application.application_no,
        "created_at": rfc3339(application.created_at),
        "received_at": rfc3339(application.received_at),
        "tickets": [ticket_json(t, clock_of(t, application, ctx)) for t in application.tickets],
        "materials": application_checklist(application, ctx.catalogue).to_json(),
    }
