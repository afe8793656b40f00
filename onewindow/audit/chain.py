"""The append-only, hash-chained audit trail.

Each record carries the hash of the one before it, so a record edited or removed in the
database breaks the chain at that point and `verify` names it. Appends are serialised: on
PostgreSQL by a transaction-scoped advisory lock, on SQLite by the write lock every
transaction takes (see onewindow.store.db); otherwise two counters would fork the chain.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from onewindow.store.models import AuditEvent

GENESIS = "0" * 64
_LOCK_KEY = 727002


def _digest(
    prev_hash: str,
    at: datetime,
    actor: str,
    action: str,
    entity_type: str | None,
    entity_id: str | None,
    details: dict[str, Any],
) -> str:
    payload = json.dumps(
        [
            prev_hash,
            at.isoformat(timespec="microseconds"),
            actor,
            action,
            entity_type,
            entity_id,
            details,
        ],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Entry:
    action: str
    entity_type: str | None
    entity_id: str | None
    details: dict[str, Any]


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    now: datetime,
    entity_type: str | None = None,
    entity_id: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one record in the caller's transaction (it commits or rolls back with the change)."""
    entry = Entry(action, entity_type, entity_id, details or {})
    return _append(session, actor=actor, now=now, entries=[entry])[0]


def record_many(session: Session, *, actor: str, now: datetime, entries: list[Entry]) -> None:
    """Append several records at once (one lock, one read of the chain's end, one flush): a
    sender recording a batch of answers would otherwise pay a round trip per record."""
    if entries:
        _append(session, actor=actor, now=now, entries=entries)


def _append(
    session: Session, *, actor: str, now: datetime, entries: list[Entry]
) -> list[AuditEvent]:
    # Hash the moment as the database gives it back (UTC), whatever offset the caller used.
    now = now.astimezone(UTC)
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
    prev_hash = (
        session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)) or GENESIS
    )
    events = []
    for entry in entries:
        # JSON round trip so that what is hashed is exactly what the database gives back.
        clean = json.loads(json.dumps(entry.details, ensure_ascii=False, default=str))
        digest = _digest(
            prev_hash, now, actor, entry.action, entry.entity_type, entry.entity_id, clean
        )
        events.append(
            AuditEvent(
                at=now,
                actor=actor,
                action=entry.action,
                entity_type=entry.entity_type,
                entity_id=entry.entity_id,
                details=clean,
                prev_hash=prev_hash,
                hash=digest,
            )
        )
        prev_hash = digest
    session.add_all(events)
    session.flush()
    return events


@dataclass(frozen=True)
class Break:
    event_id: int
    reason: str


def verify(session: Session, batch: int = 5000) -> Break | None:
    """The first record whose hash or link does not hold, or None when the chain is whole."""
    prev_hash = GENESIS
    last_id = 0
    while True:
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch)
        ).all()
        if not rows:
            return None
        for ev in rows:
            if ev.prev_hash != prev_hash:
                return Break(
                    ev.id, "链接断开：前一条记录被修改或删除 / link to the previous record broken"
                )
            expected = _digest(
                ev.prev_hash, ev.at, ev.actor, ev.action, ev.entity_type, ev.entity_id, ev.details
            )
            if ev.hash != expected:
                return Break(ev.id, "记录内容与其哈希不符：记录被修改 / record altered")
            prev_hash = ev.hash
            last_id = ev.id
        session.expunge_all()
