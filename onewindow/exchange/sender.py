"""The outbox sender: delivers queued requests to the utilities exactly once (utility-api.md).

A request is claimed (state `sending`, a lease, the claimer's name) in one short transaction,
posted with its Idempotency-Key and the body bytes fixed when it was queued, and its answer
recorded in another. On PostgreSQL the claim is `FOR UPDATE SKIP LOCKED`, so several counters
and a hall server can send at once without two of them sending the same request; on SQLite
every transaction holds the write lock (onewindow.store.db) and claims are serialised. No
transaction is open while the network is used.

Killed at any instant, nothing is lost: a claim whose process is gone is taken over (at once
on the same machine, after its lease elsewhere) and sent again with the same key and body, and
the utility answers the retry with the ticket it already created.

Answers, as the API's table (v1.1) says: 201/200 record the utility's number; 409 `in_flight`
is passing trouble like a 503; 400/422 and any other refusal stop the request and mark the
ticket for a person with the utility's messages (only 400 and 422 `invalid` prove that nothing
was created, so only they let a corrected ticket go out under a new key); 401/403 stop that
utility's whole queue until its settings change; everything passing is retried with
exponential backoff and jitter, honouring Retry-After, and a ticket undelivered for an hour
shows as `delayed` while retrying goes on.

Cancellations: the ticket is `cancel_requested` until the utility confirms (then `cancelled`)
or refuses (then it goes on in the utility's status, marked for a person with the refusal); a
refused late-materials request is marked the same way. The timeline records each answer.
"""

from __future__ import annotations

import os
import random
import socket
import sys
import threading
import time
from collections.abc import Collection, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from onewindow.audit import chain as audit
from onewindow.clocks.due_dates import refresh_clock
from onewindow.config import UtilitySettings
from onewindow.exchange import attention
from onewindow.exchange.acceptance import moment_field, text_field
from onewindow.exchange.client import Answer, UtilityClient, Verdict
from onewindow.exchange.outbox import (
    ACTOR,
    CANCEL,
    DELIVER,
    DONE,
    FAILED,
    MATERIALS,
    OPEN_STATES,
    PENDING,
    SENDING,
)
from onewindow.exchange.ticket_status import (
    CANCEL_REFUSED,
    CANCEL_REQUESTED,
    CANCELLED,
    DELAYED,
    LOCAL_STATUSES,
    MATERIALS_REFUSED,
    NEEDS_ATTENTION,
    QUEUED,
    add_event,
    cancel_here,
    set_local_status,
    utility_status,
)
from onewindow.exchange.utility_link import (
    credentials_message,
    get_link,
    lift_refusal,
    mark_refused,
    refused_status,
)
from onewindow.hall import Context, Hall
from onewindow.store.models import OutboxMessage, StatusEvent, Ticket, UtilityLink

DELAYED_AFTER = timedelta(hours=1)
BACKOFF_FIRST_S = 1.0
BACKOFF_CAP_S = 300.0
# A Retry-After further out than this is a misconfigured server, not a plan; and an hour
# later the ticket shows as delayed anyway.
RETRY_AFTER_CAP_S = 3600.0
BATCH = 50
LEASE_MARGIN_S = 10.0

# Answers after which the utility as a whole is in trouble: the rest of a claimed batch waits
# instead of meeting the same refused connection or overloaded server one by one.
_HOLD_STATUSES = frozenset({429, 503})


def backoff_s(attempts: int, rng: random.Random) -> float:
    """About 1 s after the first failed attempt, doubling, capped at 5 minutes; ±25 % jitter so
    that the tickets of one outage do not all come back at the same instant."""
    base = BACKOFF_FIRST_S * 2 ** max(0, min(attempts - 1, 20))
    return float(min(BACKOFF_CAP_S, base * rng.uniform(0.75, 1.25)))


def retry_delay_s(attempts: int, answer: Answer, rng: random.Random) -> float:
    delay = backoff_s(attempts, rng)
    if answer.retry_after_s is not None:
        delay = max(delay, min(answer.retry_after_s, RETRY_AFTER_CAP_S))
    return delay


def sender_identity() -> str:
    return f"{socket.gethostname()[:60]}:{os.getpid()}"


def _process_alive(pid: int) -> bool:
    if sys.platform == "win32":  # os.kill would terminate it there
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x00100000, False, pid)  # SYNCHRONIZE
        if not handle:
            return False
        try:
            return bool(kernel32.WaitForSingleObject(handle, 0) == 0x102)  # WAIT_TIMEOUT
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def orphaned(claimed_by: str | None, identity: str) -> bool:
    """A claim made on this machine by a process that no longer runs."""
    if not claimed_by or claimed_by == identity:
        return False
    host, _, pid = claimed_by.rpartition(":")
    if host != identity.rpartition(":")[0] or not pid.isdigit():
        return False
    return not _process_alive(int(pid))


@dataclass(frozen=True)
class Claim:
    id: int
    ticket_id: str
    utility: str
    kind: str
    key: str
    body: bytes
    utility_ticket_no: str | None


@dataclass
class LaneReport:
    """What one pass over one utility's queue did."""

    utility: str
    delivered: int = 0
    attention: int = 0
    refused: bool = False
    changed: set[str] = field(default_factory=set)  # ticket ids whose state changed


@dataclass(frozen=True)
class Waiting:
    """Requests that stay queued because their utility cannot be sent to."""

    utility: str
    count: int
    reason: str  # unconfigured | refused


class Sender:
    """Claims and delivers one utility's due requests; shared by the worker and the desktop."""

    def __init__(
        self,
        hall: Hall,
        *,
        rng: random.Random | None = None,
        batch: int = BATCH,
        identity: str | None = None,
        stop: threading.Event | None = None,
    ) -> None:
        self.hall = hall
        self.rng = rng or random.Random()
        self.batch = batch
        self.identity = identity or sender_identity()
        self.stop = stop or threading.Event()

    # Before a pass: lift or apply credential stops, mark long-undelivered tickets.

    def prepare(self) -> list[str]:
        """The configured utilities whose queues may be sent now (credentials not refused)."""
        settings_of = self.hall.config.utilities
        accepting: list[str] = []
        with self.hall.unit() as (session, ctx):
            for utility, settings in settings_of.items():
                link = session.get(UtilityLink, utility)
                if link is None or link.refused_fingerprint is None:
                    accepting.append(utility)
                elif link.refused_fingerprint != settings.fingerprint:
                    self._lift_refusal(session, ctx, utility)
                    accepting.append(utility)
                else:
                    self._hold_for_credentials(session, ctx, utility, settings, link)
            self._mark_delayed(session, ctx)
        return accepting

    def _lift_refusal(self, session: Session, ctx: Context, utility: str) -> None:
        if not lift_refusal(session, utility, ctx.now):
            return
        for ticket in self._waiting_tickets(session, utility, [NEEDS_ATTENTION]):
            attention.clear(ticket)
            old = self._undelivered_since(session, ticket.id)
            late = old is not None and ctx.now - old >= DELAYED_AFTER
            set_local_status(
                session,
                ticket,
                DELAYED if late else QUEUED,
                ctx,
                note="接口设置已更新，继续发送",
            )

    def _hold_for_credentials(
        self,
        session: Session,
        ctx: Context,
        utility: str,
        settings: UtilitySettings,
        link: UtilityLink,
    ) -> None:
        message = credentials_message(utility, settings, refused_status(link))
        for ticket in self._waiting_tickets(session, utility, [QUEUED, DELAYED]):
            attention.flag(ticket, [{"field": "", "message": message}], ctx.now)
            set_local_status(session, ticket, NEEDS_ATTENTION, ctx, note=message)

    def _waiting_tickets(self, session: Session, utility: str, statuses: list[str]) -> list[Ticket]:
        """Tickets of the utility whose delivery is still queued, in one of `statuses`."""
        return list(
            session.scalars(
                select(Ticket)
                .where(
                    Ticket.status.in_(statuses),
                    Ticket.id.in_(
                        select(OutboxMessage.ticket_id).where(
                            OutboxMessage.utility == utility,
                            OutboxMessage.kind == DELIVER,
                            OutboxMessage.state.in_(OPEN_STATES),
                        )
                    ),
                )
                .options(selectinload(Ticket.history), selectinload(Ticket.application))
            )
        )

    def _undelivered_since(self, session: Session, ticket_id: str) -> datetime | None:
        return session.scalar(
            select(func.min(OutboxMessage.created_at)).where(
                OutboxMessage.ticket_id == ticket_id,
                OutboxMessage.kind == DELIVER,
                OutboxMessage.state.in_(OPEN_STATES),
            )
        )

    def _mark_delayed(self, session: Session, ctx: Context) -> None:
        late = session.scalars(
            select(Ticket)
            .where(
                Ticket.status == QUEUED,
                Ticket.id.in_(
                    select(OutboxMessage.ticket_id).where(
                        OutboxMessage.kind == DELIVER,
                        OutboxMessage.state.in_(OPEN_STATES),
                        OutboxMessage.created_at <= ctx.now - DELAYED_AFTER,
                    )
                ),
            )
            .options(selectinload(Ticket.history), selectinload(Ticket.application))
        ).all()
        for ticket in late:
            set_local_status(session, ticket, DELAYED, ctx, note="超过 1 小时仍未送达，继续重试")

    # One utility's queue.

    def deliver(self, client: UtilityClient, utility: str) -> LaneReport:
        """Send every request of `utility` that is due now; returns when none is left, the
        utility is in trouble (the rest waits for its backoff) or a stop was asked for.

        One batch's answers are written while the next batch is being posted: the network
        wait and the database work overlap, and a claim never waits behind a write of ours.
        """
        report = LaneReport(utility)
        settings = client.settings
        sent: tuple[list[tuple[Claim, Answer]], list[Claim], bool] | None = None
        # Set when a batch stopped early (trouble at the utility, or a stop): no more claims.
        finished = False
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"record-{utility}") as pool:
            while True:
                claims = [] if finished or self.stop.is_set() else self._claim(utility, settings)
                writing = (
                    pool.submit(self._record, settings, sent[0], sent[1], report) if sent else None
                )
                sent = self._send(client, claims) if claims else None
                if writing is not None:
                    writing.result()
                if sent is None:
                    if writing is None or finished:
                        return report
                    # The batch just written may have brought numbers that supplements and
                    # cancellations were waiting for: look again.
                    continue
                finished = sent[2]

    def _lease(self, settings: UtilitySettings) -> timedelta:
        # Connect and read each may take the timeout; a batch stops early (see _send) so that
        # no request is posted after its lease ran out.
        return timedelta(seconds=2 * settings.timeout_s + LEASE_MARGIN_S)

    def _claim(self, utility: str, settings: UtilitySettings) -> list[Claim]:
        lease = self._lease(settings)
        with self.hall.sessions() as session, session.begin():
            now = self.hall.now()
            claimers = session.scalars(
                select(OutboxMessage.claimed_by)
                .where(
                    OutboxMessage.utility == utility,
                    OutboxMessage.state == SENDING,
                    OutboxMessage.next_attempt_at > now,
                )
                .distinct()
            ).all()
            dead = [c for c in claimers if orphaned(c, self.identity)]
            due = or_(
                and_(OutboxMessage.state == PENDING, OutboxMessage.next_attempt_at <= now),
                and_(
                    OutboxMessage.state == SENDING,
                    or_(OutboxMessage.next_attempt_at <= now, OutboxMessage.claimed_by.in_(dead)),
                ),
            )
            rows = session.execute(
                select(OutboxMessage, Ticket.utility_ticket_no)
                .join(Ticket, Ticket.id == OutboxMessage.ticket_id)
                .where(
                    OutboxMessage.utility == utility,
                    due,
                    # Supplements and cancellations wait until the ticket has its number.
                    or_(OutboxMessage.kind == DELIVER, Ticket.utility_ticket_no.is_not(None)),
                )
                .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
                .limit(self.batch)
                .with_for_update(skip_locked=True, of=OutboxMessage)
            ).all()
            claims = []
            for message, number in rows:
                message.state = SENDING
                message.claimed_by = self.identity
                message.next_attempt_at = now + lease
                claims.append(
                    Claim(
                        id=message.id,
                        ticket_id=message.ticket_id,
                        utility=utility,
                        kind=message.kind,
                        key=message.idempotency_key,
                        body=message.body,
                        utility_ticket_no=number,
                    )
                )
            return claims

    def _send(
        self, client: UtilityClient, claims: list[Claim]
    ) -> tuple[list[tuple[Claim, Answer]], list[Claim], bool]:
        """Post the claims in order; stops early (True) at refused credentials, at trouble that
        concerns the whole utility, when asked to stop, or before a lease could run out."""
        settings = client.settings
        budget = self._lease(settings).total_seconds() - 2 * settings.timeout_s
        started = time.monotonic()
        outcomes: list[tuple[Claim, Answer]] = []
        for i, claim in enumerate(claims):
            if self.stop.is_set() or time.monotonic() - started > budget:
                return outcomes, claims[i:], True
            answer = self._post(client, claim)
            outcomes.append((claim, answer))
            if answer.verdict is Verdict.REFUSED or (
                answer.verdict is Verdict.RETRY
                and (answer.status is None or answer.status in _HOLD_STATUSES)
            ):
                return outcomes, claims[i + 1 :], True
        return outcomes, [], False

    def _post(self, client: UtilityClient, claim: Claim) -> Answer:
        if claim.kind == DELIVER:
            return client.deliver(claim.body, claim.key)
        assert claim.utility_ticket_no is not None
        if claim.kind == MATERIALS:
            return client.supplement(claim.utility_ticket_no, claim.body, claim.key)
        return client.cancel(claim.utility_ticket_no, claim.body, claim.key)

    def _record(
        self,
        settings: UtilitySettings,
        outcomes: list[tuple[Claim, Answer]],
        released: list[Claim],
        report: LaneReport,
    ) -> None:
        """Write the answers in one transaction; requests not sent go back to the queue, to
        wait with the utility when it is in trouble."""
        held_until: datetime | None = None
        entries: list[audit.Entry] = []
        with self.hall.unit() as (session, ctx):
            ids = [c.id for c, _ in outcomes] + [c.id for c in released]
            messages = {
                m.id: m
                for m in session.scalars(
                    select(OutboxMessage).where(OutboxMessage.id.in_(ids)).with_for_update()
                )
            }
            ticket_ids = {c.ticket_id for c, _ in outcomes}
            # History and application load lazily, for the rare answers that need them; a
            # delivery's `accepted` only needs to know what is recorded already.
            tickets = {
                t.id: t for t in session.scalars(select(Ticket).where(Ticket.id.in_(ticket_ids)))
            }
            recorded = {
                (ticket_id, status, at)
                for ticket_id, status, at in session.execute(
                    select(StatusEvent.ticket_id, StatusEvent.status, StatusEvent.at).where(
                        StatusEvent.ticket_id.in_(ticket_ids), StatusEvent.source != "counter"
                    )
                )
            }
            for claim, answer in outcomes:
                message = messages[claim.id]
                if message.state != SENDING or message.claimed_by != self.identity:
                    continue  # our lease ran out and another sender took it over
                ticket = tickets[claim.ticket_id]
                until = self._apply(
                    session, ctx, settings, message, ticket, answer, report, entries, recorded
                )
                if until is not None:
                    held_until = until if held_until is None else max(held_until, until)
            for claim in released:
                message = messages[claim.id]
                if message.state == SENDING and message.claimed_by == self.identity:
                    message.state = PENDING
                    message.claimed_by = None
                    message.next_attempt_at = held_until or ctx.now
            if report.refused:
                link = get_link(session, settings.utility, ctx.now)
                self._hold_for_credentials(session, ctx, settings.utility, settings, link)
            audit.record_many(session, actor=ACTOR, now=ctx.now, entries=entries)

    def _apply(
        self,
        session: Session,
        ctx: Context,
        settings: UtilitySettings,
        message: OutboxMessage,
        ticket: Ticket,
        answer: Answer,
        report: LaneReport,
        entries: list[audit.Entry],
        recorded: set[tuple[str, str, datetime]],
    ) -> datetime | None:
        """Record one answer; returns the time the utility's queue should wait until, if any."""
        now = ctx.now
        message.attempts += 1
        message.last_attempt_at = now
        message.last_http_status = answer.status
        message.last_error_code = answer.code
        message.claimed_by = None
        verdict = answer.verdict
        if verdict is Verdict.DONE:
            self._done(session, ctx, message, ticket, answer, report, entries, recorded)
            return None
        if verdict is Verdict.RETRY:
            message.state = PENDING
            message.last_error = answer.error
            delay = retry_delay_s(message.attempts, answer, self.rng)
            message.next_attempt_at = now + timedelta(seconds=delay)
            if (
                message.kind == DELIVER
                and now - message.created_at >= DELAYED_AFTER
                and ticket.status == QUEUED
            ):
                set_local_status(
                    session, ticket, DELAYED, ctx, note="超过 1 小时仍未送达，继续重试"
                )
                report.changed.add(ticket.id)
            hold = answer.status is None or answer.status in _HOLD_STATUSES
            return message.next_attempt_at if hold else None
        if verdict is Verdict.REFUSED:
            message.state = PENDING
            message.last_error = answer.error
            message.next_attempt_at = now
            mark_refused(session, message.utility, settings, answer, now)
            report.refused = True
            if message.kind == DELIVER and ticket.status in (QUEUED, DELAYED):
                text = credentials_message(message.utility, settings, answer.status)
                attention.flag(ticket, [{"field": "", "message": text}], now)
                set_local_status(session, ticket, NEEDS_ATTENTION, ctx, note=text)
                report.changed.add(ticket.id)
            return now
        self._stop(session, ctx, message, ticket, answer, report)
        return None

    def _done(
        self,
        session: Session,
        ctx: Context,
        message: OutboxMessage,
        ticket: Ticket,
        answer: Answer,
        report: LaneReport,
        entries: list[audit.Entry],
        recorded: set[tuple[str, str, datetime]],
    ) -> None:
        now = ctx.now
        message.state = DONE
        message.done_at = now
        message.last_error = None
        report.changed.add(ticket.id)
        body = answer.body or {}
        if message.kind != DELIVER:
            action = "ticket.materials_sent" if message.kind == MATERIALS else "ticket.cancel_sent"
            details = {"utility_ticket_no": ticket.utility_ticket_no, "http_status": answer.status}
            entries.append(audit.Entry(action, "ticket", ticket.id, details))
            if message.kind == CANCEL:
                self._cancel_answered(session, ctx, ticket, body, recorded)
            return
        number = str(body["utility_ticket_no"])
        status = text_field(body.get("status"), 40) or "accepted"
        accepted_at = moment_field(body.get("accepted_at")) or now
        ticket.utility_ticket_no = number
        ticket.accepted_at = accepted_at
        attention.clear(ticket)
        ticket.updated_at = now
        if ticket.status in LOCAL_STATUSES:
            # The feed may have moved it on already; never take it back to `accepted`. A
            # cancel asked for meanwhile stays asked for.
            ticket.status = status
        if (ticket.id, status, accepted_at) not in recorded:
            session.add(
                StatusEvent(
                    ticket_id=ticket.id,
                    status=status,
                    at=accepted_at,
                    note=None,
                    source="delivery",
                    utility=ticket.utility,
                    recorded_at=now,
                )
            )
        if status not in ("accepted", "surveying", "inspecting"):
            # `accepted` runs the clock as `queued` did: only another first status moves it.
            refresh_clock(ticket, ticket.application, ctx)
        report.delivered += 1
        details = {
            "utility": ticket.utility,
            "utility_ticket_no": number,
            "http_status": answer.status,
            "attempts": message.attempts,
            "round": ticket.delivery_round,
        }
        entries.append(audit.Entry("ticket.delivered", "ticket", ticket.id, details))

    def _cancel_answered(
        self,
        session: Session,
        ctx: Context,
        ticket: Ticket,
        body: dict[str, Any],
        recorded: set[tuple[str, str, datetime]],
    ) -> None:
        """The utility confirmed a cancel: the ticket is cancelled, at the time it says (so
        that the same change in the feed is recognised). An answer that does not say
        `cancelled` leaves it `cancel_requested` until the feed does."""
        if text_field(body.get("status"), 40) != CANCELLED:
            return
        at = moment_field(body.get("updated_at")) or ctx.now
        if ticket.status == CANCEL_REQUESTED:
            ticket.status = CANCELLED
            ticket.closed_at = at
            ticket.updated_at = ctx.now
        if (ticket.id, CANCELLED, at) not in recorded:
            add_event(ticket, CANCELLED, at, ctx.now)
            recorded.add((ticket.id, CANCELLED, at))
        refresh_clock(ticket, ticket.application, ctx)

    def _stop(
        self,
        session: Session,
        ctx: Context,
        message: OutboxMessage,
        ticket: Ticket,
        answer: Answer,
        report: LaneReport,
    ) -> None:
        """No retry can help (400/409/422 …): a person must act on what the utility said."""
        now = ctx.now
        message.state = FAILED
        message.done_at = now
        message.last_error = answer.error
        report.attention += 1
        report.changed.add(ticket.id)
        messages = answer.messages or [{"field": "", "message": answer.error or ""}]
        if message.kind != DELIVER:
            self._request_refused(session, ctx, message, ticket, answer, messages)
            return
        if answer.verdict is Verdict.INVALID:
            # The utility returned the application for corrections: not a first-time success.
            ticket.returned = True
            if ticket.status == CANCEL_REQUESTED:
                # It created nothing, so there is nothing left to cancel there.
                self._cancel_here(session, ctx, ticket)
                return
        attention.flag(ticket, messages, now)
        # The timeline says the utility's sentences; the field paths they point at stay in the
        # attention mark (where the screen names the field) and the audit record.
        note = "；".join(m["message"] for m in messages if m["message"])
        set_local_status(
            session,
            ticket,
            NEEDS_ATTENTION,
            ctx,
            note=note,
            details={"http_status": answer.status, "code": answer.code, "messages": messages},
        )

    def _request_refused(
        self,
        session: Session,
        ctx: Context,
        message: OutboxMessage,
        ticket: Ticket,
        answer: Answer,
        messages: list[dict[str, str]],
    ) -> None:
        """A cancel or late-materials request refused: the ticket is marked for a person with
        the utility's words, and a refused cancel gives the ticket back its utility status."""
        now = ctx.now
        cancel = message.kind == CANCEL
        label = "撤销申请" if cancel else "补交材料"
        # The utility's field (a refused cancel's "status") names no field of the form: the
        # clerk reads its sentence alone; the audit record keeps the answer as it came.
        words = [{"field": "", "message": f"{label}未被受理：{m['message']}"} for m in messages]
        attention.flag(ticket, words, now, add=True)
        previous = ticket.status
        if cancel and ticket.status == CANCEL_REQUESTED:
            ticket.status = utility_status(ticket)
        ticket.updated_at = now
        add_event(
            ticket,
            CANCEL_REFUSED if cancel else MATERIALS_REFUSED,
            now,
            now,
            note=attention.one_line(words),
        )
        refresh_clock(ticket, ticket.application, ctx)
        audit.record(
            session,
            actor=ACTOR,
            action=f"ticket.{message.kind}_refused",
            now=now,
            entity_type="ticket",
            entity_id=ticket.id,
            details={
                "http_status": answer.status,
                "code": answer.code,
                "messages": messages,
                "from": previous,
                "to": ticket.status,
            },
        )

    def _cancel_here(self, session: Session, ctx: Context, ticket: Ticket) -> None:
        cancel_here(session, ticket, ctx, note="受理系统未创建该工单，撤销在本地完成")
        audit.record(
            session,
            actor=ACTOR,
            action="ticket.cancelled",
            now=ctx.now,
            entity_type="ticket",
            entity_id=ticket.id,
            details={"sent": False, "reason": "delivery refused as invalid"},
        )

    # Questions the worker and the desktop ask.

    def next_due(self, utilities: Collection[str]) -> datetime | None:
        """When the earliest sendable request of these utilities comes due (None: none left)."""
        if not utilities:
            return None
        with self.hall.sessions() as session:
            return session.scalar(
                select(func.min(OutboxMessage.next_attempt_at))
                .join(Ticket, Ticket.id == OutboxMessage.ticket_id)
                .where(
                    OutboxMessage.utility.in_(list(utilities)),
                    OutboxMessage.state.in_(OPEN_STATES),
                    or_(OutboxMessage.kind == DELIVER, Ticket.utility_ticket_no.is_not(None)),
                )
            )

    def waiting(self, accepting: Iterable[str]) -> list[Waiting]:
        """Queued requests that no sender here can deliver: unconfigured or refused utilities."""
        accepting = set(accepting)
        with self.hall.sessions() as session:
            counts = session.execute(
                select(OutboxMessage.utility, func.count())
                .where(OutboxMessage.state.in_(OPEN_STATES))
                .group_by(OutboxMessage.utility)
            ).all()
        found = []
        for utility, count in counts:
            if utility in accepting:
                continue
            reason = "refused" if utility in self.hall.config.utilities else "unconfigured"
            found.append(Waiting(utility, count, reason))
        return sorted(found, key=lambda w: w.utility)
