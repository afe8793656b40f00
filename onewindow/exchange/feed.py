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
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from onewindow.audit import chain as audit
from onewindow.clocks.sla import STOPPED, compute
from onewindow.codes import Text
from onewindow.exchange.acceptance import (
    MAX_NUMBER,
    moment_field,
    seq_value,
    text_field,
)
from onewindow.exchange.client import UtilityClient, Verdict
from onewindow.exchange.outbox import ACTOR, DELIVER
from onewindow.exchange.ticket_status import CANCEL_REQUESTED
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
# The utility sent the ticket back to the applicant: not a first-time success (P16).
RETURNING = frozenset({"rejected", "awaiting_applicant"})
MAX_STATUS = 40


class FeedRefused(Exception):
    """A page that cannot be applied as it is; the cursor does not move."""


@dataclass(frozen=True)
class Change:
    seq: int
    ticket_id: str | None
    utility_ticket_no: str | None
    status: str
    at: datetime | None
    note: str | None


@dataclass(frozen=True)
class Page:
    changes: list[Change]
    last_seq: int
    feed_id: str | None


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
        raise FeedRefused("变更流应答格式错误：缺少 changes 列表")
    feed_id = body.get("feed_id")
    if feed_id is not None and not (isinstance(feed_id, str) and 0 < len(feed_id) <= 64):
        raise FeedRefused("变更流应答格式错误：feed_id 不是 1–64 字符的字符串")
    changes: list[Change] = []
    previous = after
    for raw in body["changes"]:
        if not isinstance(raw, dict):
            raise FeedRefused("变更流应答格式错误：变更不是对象")
        seq = seq_value(raw.get("seq"))
        status = text_field(raw.get("status"), MAX_STATUS)
        if seq is None:
            raise FeedRefused("变更流应答格式错误：seq 不是 0 到 2^63 之间的整数")
        if not status:
            raise FeedRefused(f"变更 {seq} 缺少 status")
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
        raise FeedRefused("变更流应答格式错误：last_seq 不是 0 到 2^63 之间的整数")
    if last_seq < previous:
        raise FeedRefused(f"变更流顺序错误：last_seq {last_seq} 小于本页最后的 seq {previous}")
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


@dataclass
class _Event:
    """A history entry as the page needs it: for dedup and for the SLA clock."""

    id: int | None
    status: str
    at: datetime
    source: str
    utility: str | None
    feed_id: str | None
    feed_seq: int | None


def apply_page(
    session: Session,
    ctx: Context,
    utility: str,
    page: Page,
    *,
    after: int,
    report: FeedReport,
) -> None:
    """Apply one page and move the cursor, in the caller's transaction.

    History is read and written with plain rows rather than ORM collections: a page holds up
    to a thousand changes, and a busy hall's feed must be applied in seconds, not minutes.
    """
    now = ctx.now
    link = get_link(session, utility, now, lock=True)
    if page.feed_id is not None and link.feed_id not in (None, page.feed_id):
        return  # another reader restarted the feed meanwhile; this page is of the old history
    feed_id = page.feed_id if page.feed_id is not None else link.feed_id
    # Another reader may have moved the cursor meanwhile: what it applied is skipped, and a
    # cursor never moves back.
    fresh = [c for c in page.changes if c.seq > link.last_seq]
    tickets = _tickets_for(session, utility, fresh)
    histories = _histories(session, {t.id for t in tickets.values()})
    seen = {
        (e.feed_id, e.feed_seq)
        for events in histories.values()
        for e in events
        if e.utility == utility and e.feed_seq is not None
    }
    rows: list[dict[str, Any]] = []
    claimed: list[dict[str, Any]] = []
    applied: list[list[Any]] = []
    unknown: list[int] = []
    touched: dict[str, _TicketRow] = {}
    for change in fresh:
        ticket = tickets.get(change.ticket_id or "") or tickets.get(
            f"no:{change.utility_ticket_no}"
        )
        if ticket is None:
            unknown.append(change.seq)
            continue
        if (feed_id, change.seq) in seen:
            continue
        at = change.at or now
        history = histories.setdefault(ticket.id, [])
        twin = next((e for e in history if e.status == change.status and e.at == at), None)
        if twin is not None:
            # Recorded already: from the delivery answer, or under an earlier feed history.
            if twin.feed_seq is None and twin.source == "delivery" and twin.id is not None:
                claimed.append({"id": twin.id, "feed_id": feed_id, "feed_seq": change.seq})
                twin.feed_seq = change.seq
            continue
        rows.append(
            {
                "ticket_id": ticket.id,
                "status": change.status,
                "at": at,
                "note": change.note,
                "source": "utility",
                "utility": utility,
                "feed_id": feed_id,
                "feed_seq": change.seq,
                "recorded_at": now,
            }
        )
        history.append(_Event(None, change.status, at, "utility", utility, feed_id, change.seq))
        _move(ticket, change, at, now)
        touched[ticket.id] = ticket
        applied.append([ticket.id, change.status, change.seq])
    if rows:
        session.execute(insert(StatusEvent), rows)
    if claimed:
        session.execute(update(StatusEvent), claimed)
    for ticket in touched.values():
        _refresh_clock(ticket, histories[ticket.id], ctx)
    if touched:
        session.execute(update(Ticket), [t.changes(now) for t in touched.values()])
    feed_read(link, feed_id, page.last_seq, now)
    if unknown:
        log.warning(
            "%s feed: %d changes (seq %s…) are for tickets this hall does not know; skipped",
            utility,
            len(unknown),
            unknown[0],
        )
    report.applied += len(applied)
    report.skipped_unknown += len(unknown)
    report.changed.update(touched)
    if applied or unknown:
        audit.record(
            session,
            actor=ACTOR,
            action="feed.applied",
            now=now,
            entity_type="utility",
            entity_id=utility,
            details={
                "feed_id": feed_id,
                "after": after,
                "last_seq": link.last_seq,
                "changes": applied,
                "unknown_seqs": unknown,
            },
        )


def _histories(session: Session, ticket_ids: set[str]) -> dict[str, list[_Event]]:
    found: dict[str, list[_Event]] = {}
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
    for ticket_id, event_id, status, at, source, utility, feed_id, feed_seq in rows:
        found.setdefault(ticket_id, []).append(
            _Event(event_id, status, at, source, utility, feed_id, feed_seq)
        )
    return found


def _refresh_clock(ticket: _TicketRow, history: list[_Event], ctx: Context) -> None:
    """As applications.refresh_clock, from the rows at hand instead of loaded collections."""
    clock = compute(
        utility=ticket.utility,
        service=ticket.service,
        details=ticket.details,
        received_at=ticket.received_at,
        history=history,
        policy=ctx.policy,
        calendar=ctx.calendar,
        now=ctx.now,
    )
    ticket.due_date = clock.due
    ticket.due_provisional = clock.provisional
    ticket.limit_workdays = clock.limit_workdays
    ticket.paused_workdays = clock.paused_workdays


def _move(ticket: _TicketRow, change: Change, at: datetime, now: datetime) -> None:
    # A cancel asked for stays asked for until the utility answers it or ends the ticket; the
    # change is in the history all the same, and the clock follows it.
    if ticket.status != CANCEL_REQUESTED or change.status in STOPPED:
        ticket.status = change.status
    if change.utility_ticket_no and not ticket.utility_ticket_no:
        # The delivery's answer was lost (timeout, crash); the feed names the number.
        ticket.utility_ticket_no = change.utility_ticket_no[:64]
    if change.status == "accepted" and ticket.accepted_at is None:
        ticket.accepted_at = at
    if change.status in STOPPED:
        ticket.closed_at = at
    elif ticket.closed_at is not None:
        ticket.closed_at = None  # a utility reopened it
    if change.status in RETURNING:
        ticket.returned = True


@dataclass
class _TicketRow:
    """The columns of a ticket a page reads and writes, without the ORM's bookkeeping."""

    id: str
    utility: str
    service: str
    details: dict[str, Any]
    status: str
    utility_ticket_no: str | None
    accepted_at: datetime | None
    closed_at: datetime | None
    returned: bool
    received_at: datetime
    due_date: date | None = None
    due_provisional: bool = False
    limit_workdays: int | None = None
    paused_workdays: int = 0

    def changes(self, now: datetime) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "updated_at": now,
            "utility_ticket_no": self.utility_ticket_no,
            "accepted_at": self.accepted_at,
            "closed_at": self.closed_at,
            "returned": self.returned,
            "due_date": self.due_date,
            "due_provisional": self.due_provisional,
            "limit_workdays": self.limit_workdays,
            "paused_workdays": self.paused_workdays,
        }


def _tickets_for(session: Session, utility: str, changes: list[Change]) -> dict[str, _TicketRow]:
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
    by_id = {row[0]: _TicketRow(*row) for row in rows}
    result: dict[str, _TicketRow] = {}
    for key, ticket_id in delivery_of.items():
        if ticket_id in by_id:
            result[key] = by_id[ticket_id]
    for ticket in by_id.values():
        result[ticket.id] = ticket
        if ticket.utility_ticket_no:
            result[f"no:{ticket.utility_ticket_no}"] = ticket
    return result
