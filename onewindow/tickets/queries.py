"""What the ticket screens show: filtered, paged ticket rows, one ticket's detail, delivery state.

Lists filter and page in SQL on the cached clock columns (`Ticket.due_date`, kept current by
`applications.refresh_clock`), so 100,000 tickets cost one indexed query per page. Days left
are counted from that cached date with the calendar, never by replaying each history. A
paused ticket's cached date moves every working day it waits, so it is never called overdue
or due today from the cache: it shows as paused.

Who may see what: every signed-in user of the hall sees all of the hall's tickets (an
applicant may come back to any window); "mine" narrows the list to the user's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from onewindow.access.users import Actor, Permission
from onewindow.clock import hall_date
from onewindow.clocks.due_dates import clock_of
from onewindow.clocks.sla import PAUSED, STOPPED, Calendar, SubClock
from onewindow.codes import STATUSES, Text
from onewindow.config import UTILITIES, UtilitySettings
from onewindow.errors import NotFound
from onewindow.exchange import attention
from onewindow.exchange.outbox import DELIVER, OPEN_STATES

# DELAYED and NEEDS_ATTENTION are the screens' names for the statuses too.
from onewindow.exchange.ticket_status import CANCEL_REQUESTED
from onewindow.exchange.ticket_status import DELAYED as DELAYED
from onewindow.exchange.ticket_status import NEEDS_ATTENTION as NEEDS_ATTENTION
from onewindow.hall import Context
from onewindow.papers.masking import mask_id, mask_phone
from onewindow.store.models import Application, OutboxMessage, Ticket, User, UtilityLink
from onewindow.tickets.resend_plan import resend_refusal

Order = Literal["newest", "oldest", "due", "status", "utility"]
Urgency = Literal["overdue", "due_today", "paused", "closed", "attention", ""]


@dataclass(frozen=True)
class TicketFilter:
    """A list's filter. The three urgency flags widen each other (today OR overdue OR attention)
    and narrow everything else."""

    mine_user_id: int | None = None
    utilities: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    overdue: bool = False
    due_today: bool = False
    needs_attention: bool = False
    text: str = ""


@dataclass(frozen=True)
class TicketRow:
    ticket_id: str
    application_no: str
    applicant_name: str
    phone_masked: str
    utility: str
    service: str
    status: str
    utility_ticket_no: str | None
    received_at: datetime
    due_date: date | None
    due_provisional: bool
    days_left: int | None
    urgency: Urgency
    assignee_name: str | None


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _search_clause(text: str) -> ColumnElement[bool] | None:
    q = text.strip()
    if not q:
        return None
    like = _escape_like(q)
    clauses: list[ColumnElement[bool]] = [
        Application.application_no.ilike(f"{like}%", escape="\\"),
        Ticket.utility_ticket_no.ilike(f"{like}%", escape="\\"),
        Application.applicant_name.ilike(f"%{like}%", escape="\\"),
    ]
    if q.isdigit():
        # The last digits of an application number, as the applicant reads them off the
        # receipt ("0007"): the number ends with them.
        clauses.append(Application.application_no.like(f"%-%{q}"))
    digits = "".join(c for c in q if c.isdigit())
    # A phone is searched by its digits; four are enough (the tail a caller reads out).
    if len(digits) >= 4 and len(digits) == len(q.replace("-", "").replace(" ", "")):
        clauses.append(func.replace(Application.phone, "-", "").like(f"%{digits}%"))
    return or_(*clauses)


def _clock_running() -> ColumnElement[bool]:
    return Ticket.status.not_in(STOPPED | PAUSED)


def _where(flt: TicketFilter, today: date) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if flt.mine_user_id is not None:
        where.append(Ticket.assignee_id == flt.mine_user_id)
    if flt.utilities:
        where.append(Ticket.utility.in_(sorted(flt.utilities)))
    if flt.statuses:
        where.append(Ticket.status.in_(sorted(flt.statuses)))
    urgent: list[ColumnElement[bool]] = []
    if flt.overdue:
        urgent.append(and_(_clock_running(), Ticket.due_date < today))
    if flt.due_today:
        urgent.append(and_(_clock_running(), Ticket.due_date == today))
    if flt.needs_attention:
        # Marked for a person, whatever the status (a refused cancel of a connected ticket).
        urgent.append(attention.needs_person())
    if urgent:
        where.append(or_(*urgent))
    search = _search_clause(flt.text)
    if search is not None:
        where.append(search)
    return where


def _joined(stmt: Select[Any], flt: TicketFilter) -> Select[Any]:
    # Only a text search needs the application's columns to filter; counting without it
    # stays on the tickets table and its indexes.
    return stmt.join(Application, Ticket.application_id == Application.id) if flt.text else stmt


def count_tickets(session: Session, flt: TicketFilter, *, today: date) -> int:
    stmt = _joined(select(func.count()).select_from(Ticket), flt).where(*_where(flt, today))
    return int(session.scalar(stmt) or 0)


def _order_by(order: Order, descending: bool) -> list[Any]:
    def direction(col: Any) -> Any:
        return col.desc() if descending else col.asc()

    # Application id and ticket position make the order total (stable pages) and follow the
    # received-time index.
    if order == "newest":
        return [Application.received_at.desc(), Application.id.desc(), Ticket.position]
    if order == "oldest":
        return [Application.received_at.asc(), Application.id.asc(), Ticket.position]
    if order == "due":
        return [direction(Ticket.due_date).nulls_last(), Application.received_at.asc(), Ticket.id]
    # Status and utility sort in the vocabulary's order (a ticket's life; water, power, gas),
    # as the filter menu and the chart list them, not by their codes' spelling: the header's
    # arrow then says what the clerk sees.
    if order == "status":
        rank = case({code: n for n, code in enumerate(STATUSES)}, value=Ticket.status, else_=99)
        return [direction(rank), Application.received_at.desc(), Ticket.id]
    rank = case({code: n for n, code in enumerate(UTILITIES)}, value=Ticket.utility, else_=99)
    return [direction(rank), Application.received_at.desc(), Ticket.id]


def urgency_of(status: str, due: date | None, today: date, *, marked: bool = False) -> Urgency:
    """`marked`: the ticket is marked for a person (attention.needs_person), which comes first,
    even on a closed ticket."""
    if marked or status == NEEDS_ATTENTION:
        return "attention"
    if status in STOPPED:
        return "closed"
    if status in PAUSED:
        return "paused"
    if due is not None and due < today:
        return "overdue"
    if due is not None and due == today:
        return "due_today"
    return ""


def days_left(calendar: Calendar, due: date | None, today: date) -> int | None:
    """Working days from today to the due date; negative when overdue (as `TicketClock`)."""
    if due is None:
        return None
    if due >= today:
        return calendar.workdays_between(today, due)
    return -calendar.workdays_between(due, today)


def _rows_select() -> Select[*tuple[Any, ...]]:
    assignee = aliased(User)
    return (
        select(
            Ticket.id,
            Application.application_no,
            Application.applicant_name,
            Application.phone,
            Ticket.utility,
            Ticket.service,
            Ticket.status,
            Ticket.utility_ticket_no,
            Application.received_at,
            Ticket.due_date,
            Ticket.due_provisional,
            Ticket.attention_at,
            assignee.display_name,
        )
        .select_from(Ticket)
        .join(Application, Ticket.application_id == Application.id)
        .outerjoin(assignee, Ticket.assignee_id == assignee.id)
    )


def _to_rows(result: Iterable[Any], calendar: Calendar, today: date) -> list[TicketRow]:
    rows = []
    for r in result:
        urgency = urgency_of(r.status, r.due_date, today, marked=r.attention_at is not None)
        rows.append(
            TicketRow(
                ticket_id=r.id,
                application_no=r.application_no,
                applicant_name=r.applicant_name,
                phone_masked=mask_phone(r.phone),
                utility=r.utility,
                service=r.service,
                status=r.status,
                utility_ticket_no=r.utility_ticket_no,
                received_at=r.received_at,
                due_date=r.due_date,
                due_provisional=bool(r.due_provisional),
                days_left=None
                if r.status in STOPPED or urgency == "paused"
                else days_left(calendar, r.due_date, today),
                urgency=urgency,
                assignee_name=r.display_name,
            )
        )
    return rows


def fetch_tickets(
    session: Session,
    flt: TicketFilter,
    *,
    calendar: Calendar,
    today: date,
    offset: int = 0,
    limit: int = 200,
    order: Order = "newest",
    descending: bool = False,
) -> list[TicketRow]:
    stmt = (
        _rows_select()
        .where(*_where(flt, today))
        .order_by(*_order_by(order, descending))
        .offset(offset)
        .limit(limit)
    )
    return _to_rows(session.execute(stmt), calendar, today)


def fetch_rows(
    session: Session, ticket_ids: Sequence[str], *, calendar: Calendar, today: date
) -> list[TicketRow]:
    """The current rows of these tickets (a live update of rows already on screen)."""
    if not ticket_ids:
        return []
    stmt = _rows_select().where(Ticket.id.in_(list(ticket_ids)))
    return _to_rows(session.execute(stmt), calendar, today)


# --- one ticket --------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    status: str
    at: datetime
    note: str | None
    source: str  # counter | utility | delivery


@dataclass(frozen=True)
class ClockView:
    due: date | None
    days_left: int | None
    limit_workdays: int | None
    paused_workdays: int
    provisional: bool
    state: str  # running | paused | stopped
    overdue: bool
    sub_clock: SubClock | None


@dataclass(frozen=True)
class MaterialView:
    code: str
    name: str
    received: bool
    due: date | None
    received_at: datetime | None
    late: bool  # still missing after its due date
    waived_reason: str | None = None  # the visit does not need it (不需要), and why

    @property
    def missing(self) -> bool:
        return not self.received and not self.waived_reason


@dataclass(frozen=True)
class PermitView:
    kind: str
    state: str
    updated_at: datetime


@dataclass(frozen=True)
class AttentionMessage:
    """A utility's message about one field, with the field's value as it was sent (the clerk
    corrects it from there, so it is not masked)."""

    field: str
    message: str
    current: object = None


@dataclass(frozen=True)
class TicketDetail:
    ticket_id: str
    application_no: str
    applicant_kind: str
    applicant_name: str
    id_type: str
    id_masked: str
    contact_name: str | None
    phone_masked: str
    site_address: str
    utility: str
    service: str
    account_no: str | None
    status: str
    utility_ticket_no: str | None
    assignee_name: str | None
    received_at: datetime
    counter_id: str
    timeline: tuple[TimelineEntry, ...]
    clock: ClockView
    materials: tuple[MaterialView, ...]
    permits: tuple[PermitView, ...]
    attention: tuple[AttentionMessage, ...]
    actions: frozenset[str] = field(default_factory=frozenset)
    # What the actions pass back, so that a change made meanwhile is found (edit_conflicts).
    version: int | None = None


RECORD_MATERIAL = "record_material"
CANCEL = "cancel"
RESEND = "resend"
REPRINT = "reprint"
ACKNOWLEDGE = "acknowledge"


def allowed_actions(
    actor: Actor,
    status: str,
    missing_materials: bool,
    *,
    resend_allowed: bool = False,
    marked: bool = False,
) -> frozenset[str]:
    """What the detail pane offers. `resend_allowed`: the latest delivery was refused with an
    answer proving nothing was created (only then 更正后重新发送); `marked`: the ticket is
    marked for a person (a refusal that is acknowledged rather than acted on, unless the ticket
    is still undelivered)."""
    allowed = set()
    closed = status in STOPPED
    if actor.may(Permission.ACCEPT):
        allowed.add(REPRINT)
        if missing_materials and not closed:
            allowed.add(RECORD_MATERIAL)
    if actor.may(Permission.HANDLE_TICKETS):
        if not closed and status != CANCEL_REQUESTED:
            allowed.add(CANCEL)
        if status == NEEDS_ATTENTION and resend_allowed:
            allowed.add(RESEND)
        if marked and status != NEEDS_ATTENTION:
            allowed.add(ACKNOWLEDGE)
    return frozenset(allowed)


def _form_value(form: Mapping[str, Any], utility: str, path: str) -> object:
    """The value at a path the utility names, in the combined form (ticket_actions' paths)."""
    parts = [p for p in path.split(".") if p]
    if parts and parts[0] not in ("applicant", "site", "services", "consent"):
        parts = ["services", utility, *parts]
    node: object = form
    for part in parts:
        if not isinstance(node, Mapping):
            return None
        node = node.get(part)
    return node


def _attention(raw: object, form: Mapping[str, Any], utility: str) -> tuple[AttentionMessage, ...]:
    if not isinstance(raw, list):
        return ()
    messages = []
    for item in raw:
        if isinstance(item, Mapping):
            path = str(item.get("field") or "")
            messages.append(
                AttentionMessage(
                    path,
                    str(item.get("message") or ""),
                    _form_value(form, utility, path) if path else None,
                )
            )
        elif item:
            messages.append(AttentionMessage("", str(item)))
    return tuple(messages)


def _deliveries(session: Session, ticket_id: str) -> list[OutboxMessage]:
    return list(
        session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.ticket_id == ticket_id, OutboxMessage.kind == DELIVER)
            .order_by(OutboxMessage.id)
        )
    )


def ticket_detail(session: Session, ticket_id: str, ctx: Context, actor: Actor) -> TicketDetail:
    ticket = session.scalar(
        select(Ticket)
        .where(Ticket.id == ticket_id)
        .options(
            selectinload(Ticket.history),
            selectinload(Ticket.materials),
            selectinload(Ticket.permits),
            selectinload(Ticket.assignee),
            selectinload(Ticket.application),
        )
    )
    if ticket is None:
        raise NotFound(Text(f"工单 {ticket_id} 不存在", "no such ticket"))
    application = ticket.application
    today = hall_date(ctx.now)
    clock = clock_of(ticket, application, ctx)
    materials = tuple(
        MaterialView(
            code=m.code,
            name=m.name,
            received=m.received,
            due=m.due,
            received_at=m.received_at,
            late=not m.received and m.due is not None and m.due < today,
            waived_reason=m.waived_reason,
        )
        for m in ticket.materials
    )
    return TicketDetail(
        ticket_id=ticket.id,
        application_no=application.application_no,
        applicant_kind=application.applicant_kind,
        applicant_name=application.applicant_name,
        id_type=application.id_type,
        id_masked=mask_id(application.id_number),
        contact_name=application.contact_name,
        phone_masked=mask_phone(application.phone),
        site_address=application.site_address,
        utility=ticket.utility,
        service=ticket.service,
        account_no=ticket.account_no,
        status=ticket.status,
        utility_ticket_no=ticket.utility_ticket_no,
        assignee_name=ticket.assignee.display_name if ticket.assignee else None,
        received_at=application.received_at,
        counter_id=application.counter_id,
        timeline=tuple(
            TimelineEntry(e.status, e.at, e.note, e.source)
            for e in sorted(ticket.history, key=lambda e: (e.at, e.id))
        ),
        clock=ClockView(
            due=clock.due,
            days_left=clock.days_left(ctx.calendar, today) if clock.state != "stopped" else None,
            limit_workdays=clock.limit_workdays,
            paused_workdays=clock.paused_workdays,
            provisional=clock.provisional,
            state=clock.state,
            overdue=clock.overdue(today),
            sub_clock=clock.sub_clock,
        ),
        materials=materials,
        permits=tuple(PermitView(p.kind, p.state, p.updated_at) for p in ticket.permits),
        attention=_attention(ticket.attention, application.form or {}, ticket.utility),
        actions=allowed_actions(
            actor,
            ticket.status,
            any(m.missing for m in materials),
            resend_allowed=resend_refusal(ticket.status, _deliveries(session, ticket.id)) is None,
            marked=ticket.attention_at is not None,
        ),
        version=ticket.version,
    )


# --- delivery at a glance ------------------------------------------------------------------

LinkState = Literal["connected", "retrying", "refused", "unconfigured"]


@dataclass(frozen=True)
class UtilityDelivery:
    utility: str
    state: LinkState
    pending: int  # outbox requests not yet answered
    last_ok_at: datetime | None
    last_error: str | None
    needs_attention: int
    delayed: int


@dataclass(frozen=True)
class DeliveryOverview:
    utilities: tuple[UtilityDelivery, ...]

    @property
    def needs_attention(self) -> int:
        return sum(u.needs_attention for u in self.utilities)

    @property
    def delayed(self) -> int:
        return sum(u.delayed for u in self.utilities)


def delivery_overview(
    session: Session, configured: Mapping[str, UtilitySettings]
) -> DeliveryOverview:
    """Per utility: delivering normally, retrying, or stopped on refused credentials.

    A refusal stops a utility only while its settings are the ones refused; a changed token or
    address lifts it (the sender tries again), so it is compared with the fingerprint here too.
    """
    links = {link.utility: link for link in session.scalars(select(UtilityLink))}
    pending = dict(
        session.execute(
            select(OutboxMessage.utility, func.count())
            .where(OutboxMessage.state.in_(OPEN_STATES))
            .group_by(OutboxMessage.utility)
        ).all()
    )
    failing = dict(
        session.execute(
            select(OutboxMessage.utility, func.count())
            .where(
                OutboxMessage.state.in_(OPEN_STATES),
                OutboxMessage.attempts > 0,
                or_(
                    OutboxMessage.last_http_status.is_(None),
                    OutboxMessage.last_http_status >= 400,
                ),
            )
            .group_by(OutboxMessage.utility)
        ).all()
    )
    delayed = dict(
        session.execute(
            select(Ticket.utility, func.count())
            .where(Ticket.status == DELAYED)
            .group_by(Ticket.utility)
        ).all()
    )
    # The same condition as the 需处理 filter and 待办 (TicketFilter.needs_attention).
    marked = dict(
        session.execute(
            select(Ticket.utility, func.count())
            .where(attention.needs_person())
            .group_by(Ticket.utility)
        ).all()
    )
    rows = []
    for utility in UTILITIES:
        link = links.get(utility)
        settings = configured.get(utility)
        state: LinkState
        if settings is None:
            state = "unconfigured"
        elif (
            link is not None
            and link.refused_at is not None
            and link.refused_fingerprint == settings.fingerprint
        ):
            state = "refused"
        elif failing.get(utility, 0) or (
            link is not None
            and link.last_error
            and (link.last_ok_at is None or link.updated_at > link.last_ok_at)
        ):
            state = "retrying"
        else:
            state = "connected"
        rows.append(
            UtilityDelivery(
                utility=utility,
                state=state,
                pending=pending.get(utility, 0),
                last_ok_at=link.last_ok_at if link else None,
                last_error=link.last_error if link else None,
                needs_attention=marked.get(utility, 0),
                delayed=delayed.get(utility, 0),
            )
        )
    return DeliveryOverview(tuple(rows))


def todo_filter(user_id: int) -> TicketFilter:
    """The clerk's 待办: own tickets due today, overdue, or needing a person."""
    return TicketFilter(mine_user_id=user_id, overdue=True, due_today=True, needs_attention=True)
