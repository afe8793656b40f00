"""Training scenarios: what a trainer makes happen so that a trainee can practise the rare
paths of the counter (a refused cancel, an overdue ticket, a ticket returned for correction or
refused, a utility out of service) and the pace at which the simulated utilities move tickets.

Only in training mode (refused here, not in a widget, outside it), each one audited in the same
transaction. What a utility would do is asked of the bundled simulator over its `_control/`
endpoints, so the ticket then changes the way a real one does: through the delivery and the
change feed (utility-api.md), not by writing its status here. The one exception is an overdue
ticket: lateness is the hall's own clock, so the application's reception time is moved back.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from onewindow.access.users import Actor, Permission
from onewindow.audit import chain as audit
from onewindow.clock import hall_date
from onewindow.clocks.due_dates import clock_of, refresh_clock
from onewindow.codes import FINAL_STATUSES, Text
from onewindow.config import TRAINING_PACE_SECONDS, UTILITIES, Config, check_training_pace
from onewindow.errors import BadInput, NotFound, NotPermitted, OneWindowError
from onewindow.exchange import outbox
from onewindow.exchange.client import UtilityClient, Verdict
from onewindow.exchange.outbox import OPEN_STATES
from onewindow.hall import Context
from onewindow.store.models import OutboxMessage, Ticket

REFUSE_CANCEL, OVERDUE, RETURNED, REFUSED = "refuse_cancel", "overdue", "returned", "refused"
SCENARIOS = (REFUSE_CANCEL, OVERDUE, RETURNED, REFUSED)

# What the simulated utility says; marked as a drill so no one takes it for a real answer.
_CANCEL_REFUSED = "工单已进入施工，无法撤销（培训演练）"
_RETURNED_NOTE = "用户地址门牌号不详，请申请人补正后继续办理（培训演练）"
_RETURNED_FIELD = {"field": "site.address", "message": "地址不详，请补正门牌号（培训演练）"}
_REFUSED_NOTE = "不予受理：该地址不在本单位供应范围（培训演练）"

_TRAINING_ONLY = Text(
    "培训场景仅在培训模式下可用", "training scenarios exist only in training mode"
)

# Far enough back for any limit in the policy tables (they count in tens of working days).
_MAX_SHIFT_DAYS = 730


def _training_only(ctx: Context) -> None:
    if not ctx.config.training:
        raise NotPermitted(_TRAINING_ONLY)


def _control(
    config: Config, utility: str, operation: str, document: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Ask the utility's simulator (without `document`: what it reports); its answer, or
    OneWindowError when it does not do it."""
    settings = config.utilities.get(utility)
    if settings is None:
        raise BadInput(Text("该单位没有模拟器", f"no simulator for {utility}"))
    client = UtilityClient(settings)
    try:
        answer = client.control(operation, document)
    finally:
        client.close()
    if answer.verdict is not Verdict.DONE:
        raise OneWindowError(
            Text(f"模拟器未执行：{answer.error}", f"the simulator did not do it: {answer.error}")
        )
    return answer.body or {}


def _ticket(session: Session, ticket_id: str) -> Ticket:
    ticket = session.scalar(
        select(Ticket)
        .where(Ticket.id == ticket_id)
        .options(selectinload(Ticket.history), selectinload(Ticket.application))
        .with_for_update()
    )
    if ticket is None:
        raise NotFound(Text(f"工单 {ticket_id} 不存在", "no such ticket"))
    if ticket.status in FINAL_STATUSES:
        raise BadInput(Text("工单已办结，不能再演练", "the ticket is closed: nothing to practise"))
    return ticket


def _deliveries(session: Session, ticket: Ticket) -> list[OutboxMessage]:
    return list(
        session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.ticket_id == ticket.id, OutboxMessage.kind == outbox.DELIVER)
            .order_by(OutboxMessage.id)
        )
    )


def run_scenario(
    session: Session, actor: Actor, ticket_id: str, scenario: str, *, ctx: Context
) -> Text:
    """Make `scenario` happen to a ticket (training mode only), audited; what it did, in a
    sentence for the trainer."""
    _training_only(ctx)
    actor.require(Permission.HANDLE_TICKETS)
    if scenario not in SCENARIOS:
        raise BadInput(Text(f"没有培训场景 {scenario}", f"no training scenario {scenario}"))
    ticket = _ticket(session, ticket_id)
    details: dict[str, Any] = {"scenario": scenario}
    if scenario == OVERDUE:
        details["moved_back_days"] = _make_overdue(session, ticket, ctx)
        said = Text(
            "工单已超期：受理时间已前移，班组长的超期提醒和待办会显示它",
            "the ticket is overdue now: its reception time was moved back",
        )
    else:
        said = _played_by_the_utility(session, ticket, scenario, ctx, details)
    ticket.updated_at = ctx.now
    audit.record(
        session,
        actor=actor.name,
        action="training.scenario",
        now=ctx.now,
        entity_type="ticket",
        entity_id=ticket.id,
        details=details,
    )
    return said


def _played_by_the_utility(
    session: Session, ticket: Ticket, scenario: str, ctx: Context, details: dict[str, Any]
) -> Text:
    """A refused cancel, a return or a refusal: asked of the ticket's simulator, which then
    answers the next request or sends the change on its feed; `details` says which."""
    deliveries = _deliveries(session, ticket)
    if not deliveries:
        raise BadInput(
            Text("该工单没有发往受理单位，无法演练", "the ticket was never sent to the utility")
        )
    # The utility knows a ticket by the key of the delivery that reached it (or will).
    last = deliveries[-1]
    pending = last.state in OPEN_STATES
    if scenario == REFUSE_CANCEL:
        if ticket.utility_ticket_no is None and not (pending and last.attempts > 0):
            # The utility has certainly never seen it: a cancel is done here, nothing to refuse.
            raise BadInput(
                Text(
                    "该工单尚未发往受理单位，撤销将直接完成；送达后才能演练拒绝撤销",
                    "the ticket has not been sent yet: a cancel would be done here at once",
                )
            )
        refusal = {"field": "", "message": _CANCEL_REFUSED}
        _control(
            ctx.config,
            ticket.utility,
            "refuse",
            {"request": "cancel", "ticket_id": last.idempotency_key, "errors": [refusal]},
        )
        return Text(
            "受理单位将拒绝该工单的下一次撤销", "the utility will refuse this ticket's next cancel"
        )
    if ticket.utility_ticket_no is None and pending:
        # Not delivered yet: the delivery itself is refused as invalid (nothing created),
        # which is what lets the clerk correct the form and send it again.
        message = (
            _RETURNED_FIELD if scenario == RETURNED else {"field": "", "message": _REFUSED_NOTE}
        )
        _control(
            ctx.config,
            ticket.utility,
            "refuse",
            {"request": "delivery", "ticket_id": last.idempotency_key, "errors": [message]},
        )
        details["on"] = "delivery"
        return Text(
            "受理单位将以“资料有误”拒收该工单的发送，受理员可更正后重新发送",
            "the utility will refuse the delivery as invalid: correct and re-send",
        )
    if ticket.utility_ticket_no is None:
        raise BadInput(
            Text("该工单尚未送达受理单位，无法演练", "the ticket has not reached the utility")
        )
    status, note = (
        ("awaiting_applicant", _RETURNED_NOTE)
        if scenario == RETURNED
        else ("rejected", _REFUSED_NOTE)
    )
    _control(
        ctx.config,
        ticket.utility,
        "emit",
        {"ticket_no": ticket.utility_ticket_no, "status": status, "note": note},
    )
    details["on"] = "feed"
    return Text(
        "受理单位已发出变更，下次读取进度时显示在工单中",
        "the utility sent the change: it shows at the next feed read",
    )


def _make_overdue(session: Session, ticket: Ticket, ctx: Context) -> int:
    """Move the application's reception back, whole days at a time, until this ticket's due
    date has passed; its other tickets' dates follow. Returns the days moved."""
    clock = clock_of(ticket, ticket.application, ctx)
    if clock.due is None:
        raise BadInput(
            Text("该业务没有承诺时限，无法演练超期", "this service has no committed date")
        )
    if clock.state != "running":
        raise BadInput(
            Text(
                "该工单的时限已暂停，恢复办理后才能演练超期",
                "the ticket's clock is paused: it cannot be overdue",
            )
        )
    today = hall_date(ctx.now)
    if clock.due < today:
        raise BadInput(Text("该工单已经超期", "the ticket is overdue already"))
    application = ticket.application
    received = application.received_at
    days = max(1, (clock.due - today).days + 1)
    while days <= _MAX_SHIFT_DAYS:
        application.received_at = received - timedelta(days=days)
        due = clock_of(ticket, application, ctx).due
        if due is not None and due < today:
            break
        days += 1
    else:
        application.received_at = received
        raise BadInput(Text("无法使该工单超期", "could not make the ticket overdue"))
    for sibling in session.scalars(
        select(Ticket)
        .where(Ticket.application_id == application.id)
        .options(selectinload(Ticket.history))
    ):
        refresh_clock(sibling, application, ctx)
        sibling.updated_at = ctx.now
    return days


def set_utility_down(
    session: Session, actor: Actor, utility: str, down: bool, *, ctx: Context
) -> Text:
    """Take a simulated utility out of service (every request answered 503) or bring it back;
    when it is back, what waited for it is tried again at once, not after its backoff."""
    _training_only(ctx)
    if utility not in UTILITIES:
        raise BadInput(Text(f"没有单位 {utility}", f"no utility {utility}"))
    _control(ctx.config, utility, "down", {"down": down})
    retried = 0
    if not down:
        for message in session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.utility == utility,
                OutboxMessage.state.in_(OPEN_STATES),
                OutboxMessage.claimed_by.is_(None),
                OutboxMessage.next_attempt_at > ctx.now,
            )
        ):
            message.next_attempt_at = ctx.now
            retried += 1
    audit.record(
        session,
        actor=actor.name,
        action="training.utility_down" if down else "training.utility_up",
        now=ctx.now,
        entity_type="utility",
        entity_id=utility,
        details={"retried": retried} if not down else {},
    )
    if down:
        return Text("模拟单位已停止服务", "the simulated utility is out of service")
    return Text("模拟单位已恢复服务", "the simulated utility is back in service")


@dataclass(frozen=True)
class SimulatorStates:
    """What the running simulators are doing: which utilities are down, and the pace they
    share (None when they differ or match no named pace)."""

    down: dict[str, bool]
    pace: str | None


def simulator_states(config: Config) -> SimulatorStates:
    """Asked of the simulators themselves (a new window after 换人 must show what the
    previous one set); read-only, so not audited."""
    if not config.training:
        raise NotPermitted(_TRAINING_ONLY)
    down, steps = {}, set()
    for utility in config.utilities:
        down[utility] = _control(config, utility, "down").get("down") is True
        steps.add(_control(config, utility, "pace").get("step_seconds"))
    named = [n for n, s in TRAINING_PACE_SECONDS.items() if steps == {s}]
    return SimulatorStates(down, named[0] if named else None)


def set_pace(session: Session, actor: Actor, pace: str, *, ctx: Context) -> Text:
    """Every simulated utility moves tickets at `pace` from now on (no restart needed); if
    one cannot be reached, those already changed go back, so that all keep one pace."""
    _training_only(ctx)
    seconds = TRAINING_PACE_SECONDS[check_training_pace(pace)]
    changed: dict[str, Any] = {}
    try:
        for utility in ctx.config.utilities:
            before = _control(ctx.config, utility, "pace").get("step_seconds")
            _control(ctx.config, utility, "pace", {"step_seconds": seconds})
            changed[utility] = before
    except OneWindowError:
        for utility, before in changed.items():
            with suppress(OneWindowError):
                _control(ctx.config, utility, "pace", {"step_seconds": before})
        raise
    audit.record(
        session,
        actor=actor.name,
        action="training.pace",
        now=ctx.now,
        details={"pace": pace, "step_seconds": seconds},
    )
    return Text("培训节奏已更改", "the training pace changed")
