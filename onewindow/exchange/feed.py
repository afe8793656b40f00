"""Tracking tickets through each utility's change feed (utility-api.md, GET v1/changes).

The feed is read from the stored cursor, page after page, until a page has no changes; each
page is applied in one transaction together with the new cursor, so a crash between pages
re-reads at most one page, and a re-read page changes nothing: a change already recorded
(same utility, feed and seq, or the same status at the same moment for the same ticket) is
skipped. When the utility's `feed_id` changes (restored from a backup, a training simulator
restarted) the feed is read again from 0. A page whose changes are not in ascending order is
refused whole: applying it would put the history out of order.

Statuses the API does not list are kept exactly as they came. Status changes feed the SLA
clock: waiting statuses pause it, connected/rejected/cancelled stop it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from onewindow.audit import chain as audit
from onewindow.clocks.sla import compute
from onewindow.codes import Text
from onewindow.exchange.acceptance import (
    MAX_NUMBER,
    moment_field,
    seq_value,
    text_field,
)
from onewindow.exchange.client import UtilityClient, Verdict
from onewindow.exchange.feed_plan import (
    Change,
    Event,
    Page,
    TicketRow,
    feed_record,
    fresh_changes,
    plan_page,
)
from onewindow.exchange.outbox import ACTOR, DELIVER
from onewindow.exchange.utility_link import (
    feed_read,
    get_link,
    mark_refused,
    note_error,
    restart_feed,
)
from onewindow.hall import Context, Hall
from onewindow.store.models import Application, OutboxMessage, StatusEvent, Ticket

log = logging.getLogger(__name__)

PAGE_LIMIT = 500
MAX_STATUS = 40


class FeedRefused(Exception):
    """A page that cannot be applied as it is; the cursor does not move."""

    def __init__(self, message: Text) -> None:
        # str() is the one line stored as the utility's last error and logged.
        self.text = message
        super().__init__(str(message))


@dataclass
class FeedReport:
    utility: str
    caught_up: bool = False
    pages: int = 0
    applied: int = 0
    skipped_unknown: int = 0
    refused: bool = False
    error: str | None = None
    changed: set[str] = field(default_factory=set)


def parse_page(body: dict[str, Any] | None, after: int) -> Page:
    """Check a v1/changes answer; FeedRefused says what is wrong with it."""
    if not isinstance(body, dict) or not isinstance(body.get("changes"), list):
        raise FeedRefused(
            Text("变更流应答格式错误：缺少 changes 列表", "malformed feed answer: no changes list")
        )
    feed_id = body.get("feed_id")
    if feed_id is not None and not (isinstance(feed_id, str) and 0 < len(feed_id) <= 64):
        raise FeedRefused(
            Text(
                "变更流应答格式错误：feed_id 不是 1–64 字符的字符串",
                "malformed feed answer: feed_id is not a string of 1–64 characters",
            )
        )
    changes: list[Change] = []
    previous = after
    for raw in body["changes"]:
        if not isinstance(raw, dict):
            raise FeedRefused(
                Text(
                    "变更流应答格式错误：变更不是对象",
                    "malformed feed answer: a change is not an object",
                )
            )
        seq = seq_value(raw.get("seq"))
        status = text_field(raw.get("status"), MAX_STATUS)
        if seq is None:
            raise FeedRefused(
                Text(
                    "变更流应答格式错误：seq 不是 0 到 2^63 之间的整数",
                    "malformed feed answer: seq is not a whole number from 0 to 2^63",
                )
            )
        if not status:
            raise FeedRefused(Text(f"变更 {seq} 缺少 status", f"change {seq} has no status"))
        if seq <= previous:
            raise FeedRefused(
                Text(
                    f"变更流顺序错误：seq {seq} 出现在 {previous} 之后，拒绝应用本页",
                    "out of order",
                )
            )
        previous = seq
        changes.append(
            Change(
                seq=seq,
                ticket_id=text_field(raw.get("ticket_id"), MAX_NUMBER),
                utility_ticket_no=text_field(raw.get("utility_ticket_no"), MAX_NUMBER),
                status=status,
                at=moment_field(raw.get("at")),
                note=text_field(raw.get("note")),
            )
        )
    last_seq = seq_value(body.get("last_seq", previous))
    if last_seq is None:
        raise FeedRefused(
            Text(
                "变更流应答格式错误：last_seq 不是 0 到 2^63 之间的整数",
                "malformed feed answer: last_seq is not a whole number from 0 to 2^63",
            )
        )
    if last_seq < previous:
        raise FeedRefused(
            Text(
                f"变更流顺序错误：last_seq {last_seq} 小于本页最后的 seq {previous}",
                f"feed out of order: last_seq {last_seq} is less than "
                f"the page's last seq {previous}",
            )
        )
    return Page(changes, last_seq, feed_id)


def read_feed(hall: Hall, client: UtilityClient, *, limit: int = PAGE_LIMIT) -> FeedReport:
    """Read one utility's feed from its cursor until a page has no changes."""
    utility = client.settings.utility
    report = FeedReport(utility)
    restarted = False
    while True:
        with hall.sessions() as session, session.begin():
            link = get_link(session, utility, hall.now())
            after, stored_feed = link.last_seq, link.feed_id
        answer = client.changes(after, limit)
        if answer.verdict is not Verdict.DONE:
            with hall.sessions() as session, session.begin():
                if answer.verdict is Verdict.REFUSED:
                    mark_refused(session, utility, client.settings, answer, hall.now())
                    report.refused = True
                else:
                    note_error(session, utility, answer.error, hall.now())
            report.error = answer.error
            return report
        try:
            page = parse_page(answer.body, after)
        except FeedRefused as refused:
            with hall.sessions() as session, session.begin():
                note_error(session, utility, str(refused), hall.now())
            report.error = str(refused)
            log.warning("%s feed: %s", utility, refused)
            return report
        if page.feed_id is not None and stored_feed is not None and page.feed_id != stored_feed:
            if restarted:
                report.error = "变更流 feed_id 在重读期间再次改变"
                return report
            restarted = True
            with hall.sessions() as session, session.begin():
                restart_feed(session, utility, page.feed_id, hall.now())
            continue
        report.pages += 1
        with hall.unit() as (session, ctx):
            apply_page(session, ctx, utility, page, after=after, report=report)
        if not page.changes:
            report.caught_up = True
            return report


def apply_page(
    session: Session,
    ctx: Context,
    utility: str,
    page: Page,
    *,
    after: int,
    report: FeedReport,
) -> None:
    """Apply one page and move the cursor, in the caller's transaction: load what the page
    names, decide (feed_plan.plan_page), write the plan.

    History is read and written with plain rows rather than ORM collections: a page holds up
    to a thousand changes, and a busy hall's feed must be applied in seconds, not minutes.
    """
    now = ctx.now
    link = get_link(session, utility, now, lock=True)
    tickets = _tickets_for(session, utility, fresh_changes(page, link.last_seq))
    plan = plan_page(
        page,
        utility=utility,
        last_seq=link.last_seq,
        stored_feed=link.feed_id,
        tickets=tickets,
        histories=_histories(session, {t.id for t in tickets.values()}),
        now=now,
    )
    if plan.stale:
        return
    if plan.events:
        session.execute(insert(StatusEvent), [_event_row(e, now) for e in plan.events])
    if plan.claimed:
        claims = [{"id": i, "feed_id": plan.feed_id, "feed_seq": seq} for i, seq in plan.claimed]
        session.execute(update(StatusEvent), claims)
    if plan.moved:
        moved = [_with_clock(t, plan.timelines[t.id], ctx) for t in plan.moved.values()]
        session.execute(update(Ticket), [t.changes(now) for t in moved])
    feed_read(link, plan.feed_id, plan.last_seq, now)
    report.applied += len(plan.applied)
    report.skipped_unknown += len(plan.unknown)
    report.changed.update(plan.moved)
    if plan.unknown:
        log.warning(
            "%s feed: %d changes (seq %s…) are for tickets this hall does not know; skipped",
            utility,
            len(plan.unknown),
            plan.unknown[0],
        )
    if plan.applied or plan.unknown:
        audit.record(
            session,
            actor=ACTOR,
            action="feed.applied",
            now=now,
            entity_type="utility",
            entity_id=utility,
            details=feed_record(plan, after),
        )


def _event_row(event: Event, now: datetime) -> dict[str, Any]:
    return {
        "ticket_id": event.ticket_id,
        "status": event.status,
        "at": event.at,
        "note": event.note,
        "source": event.source,
        "utility": event.utility,
        "feed_id": event.feed_id,
        "feed_seq": event.feed_seq,
        "recorded_at": now,
    }


def _histories(session: Session, ticket_ids: set[str]) -> dict[str, list[Event]]:
    found: dict[str, list[Event]] = {}
    if not ticket_ids:
        return found
    rows = session.execute(
        select(
            StatusEvent.ticket_id,
            StatusEvent.id,
            StatusEvent.status,
            StatusEvent.at,
            StatusEvent.source,
            StatusEvent.utility,
            StatusEvent.feed_id,
            StatusEvent.feed_seq,
        )
        .where(StatusEvent.ticket_id.in_(ticket_ids))
        .order_by(StatusEvent.id)
    )
    for row in rows:
        found.setdefault(row[0], []).append(Event(*row))
    return found


def _with_clock(ticket: TicketRow, timeline: list[Event], ctx: Context) -> TicketRow:
    """The ticket with its SLA clock as its timeline leaves it (as due_dates.refresh_clock,
    from the rows at hand instead of loaded collections)."""
    clock = compute(
        utility=ticket.utility,
        service=ticket.service,
        details=ticket.details,
        received_at=ticket.received_at,
        history=timeline,
        policy=ctx.policy,
        calendar=ctx.calendar,
        now=ctx.now,
    )
    return replace(
        ticket,
        due_date=clock.due,
        due_provisional=clock.provisional,
        limit_workdays=clock.limit_workdays,
        paused_workdays=clock.paused_workdays,
    )


def _tickets_for(session: Session, utility: str, changes: list[Change]) -> dict[str, TicketRow]:
    """The hall's tickets the changes name, keyed by ticket id and by "no:" + utility number.

    A change names a ticket by the `ticket_id` of its delivery, which is the ticket's id for
    the first delivery and the new Idempotency-Key for a corrected re-send.
    """
    ids = {c.ticket_id for c in changes if c.ticket_id}
    numbers = {c.utility_ticket_no for c in changes if c.utility_ticket_no}
    if not ids and not numbers:
        return {}
    delivery_of = dict(
        session.execute(
            select(OutboxMessage.idempotency_key, OutboxMessage.ticket_id).where(
                OutboxMessage.kind == DELIVER,
                OutboxMessage.utility == utility,
                OutboxMessage.idempotency_key.in_(ids),
            )
        ).all()
    )
    wanted = set(delivery_of.values()) | ids
    rows = session.execute(
        select(
            Ticket.id,
            Ticket.utility,
            Ticket.service,
            Ticket.details,
            Ticket.status,
            Ticket.utility_ticket_no,
            Ticket.accepted_at,
            Ticket.closed_at,
            Ticket.returned,
            Application.received_at,
        )
        .join(Application, Application.id == Ticket.application_id)
        .where(
            Ticket.utility == utility,
            Ticket.id.in_(wanted) | Ticket.utility_ticket_no.in_(numbers),
        )
    ).all()
    by_id = {row[0]: TicketRow(*row) for row in rows}
    result: dict[str, TicketRow] = {}
    for key, ticket_id in delivery_of.items():
        if ticket_id in by_id:
            result[key] = by_id[ticket_id]
    for ticket in by_id.values():
        result[ticket.id] = ticket
        if ticket.utility_ticket_no:
            result[f"no:{ticket.utility_ticket_no}"] = ticket
    return result
