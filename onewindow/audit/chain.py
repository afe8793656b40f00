"""The append-only, keyed hash chain of the audit trail.

Each record carries an HMAC-SHA256, under the audit key (`onewindow.audit.key`, never in the
database), of itself and of the record before it. A record edited or removed breaks the
chain at that point and `verify` names it; recomputing the chain after an edit needs the key.
Removing the newest records (or all) leaves a shorter chain that still holds together: the
anchors catch that (`anchor_line` and `check_anchors`, kept in a file off the database).

The database refuses UPDATE and DELETE on the table (triggers, migration 0004_trust).
Appends are serialised: on PostgreSQL by a transaction-scoped advisory lock, on SQLite by the
write lock every transaction takes (see onewindow.store.db); otherwise two counters would
fork the chain. Before chaining onto the newest record an append checks that record's HMAC,
so a counter holding another key (a copy of the key file missed) stops at once instead of
writing records nobody can verify.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, inspect, select, text, update
from sqlalchemy.orm import Session

from onewindow.codes import Text
from onewindow.errors import ConfigError, OneWindowError
from onewindow.store.db import AuditKey
from onewindow.store.models import AuditEvent

GENESIS = "0" * 64
_LOCK_KEY = 727002
# The session.info entry holding the key (set by onewindow.store.db.session_factory).
KEY_INFO = "audit_key"
REKEY_ACTOR = "onewindow:upgrade"


def _payload(
    prev_hash: str,
    at: datetime,
    actor: str,
    action: str,
    entity_type: str | None,
    entity_id: str | None,
    details: dict[str, Any],
) -> bytes:
    return json.dumps(
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
    ).encode("utf-8")


Digest = Callable[[bytes], str]


def keyed(key: bytes) -> Digest:
    return lambda payload: hmac.new(key, payload, hashlib.sha256).hexdigest()


def _plain(payload: bytes) -> str:
    """The unkeyed SHA-256 of the chain before migration 0004_trust (read only to re-key it)."""
    return hashlib.sha256(payload).hexdigest()


def _expected(ev: AuditEvent, digest: Digest) -> str:
    return digest(
        _payload(ev.prev_hash, ev.at, ev.actor, ev.action, ev.entity_type, ev.entity_id, ev.details)
    )


def _key(session: Session) -> bytes:
    key = session.info.get(KEY_INFO)
    if not isinstance(key, AuditKey):
        raise OneWindowError(Text("没有审计密钥，无法写入或核验审计记录", "no audit key"))
    return key.value


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


def _lock(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})


def _append(
    session: Session, *, actor: str, now: datetime, entries: list[Entry]
) -> list[AuditEvent]:
    digest = keyed(_key(session))
    # Hash the moment as the database gives it back (UTC), whatever offset the caller used.
    now = now.astimezone(UTC)
    _lock(session)
    head = session.scalar(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1))
    if head is not None and not hmac.compare_digest(head.hash, _expected(head, digest)):
        raise OneWindowError(
            Text(
                f"审计记录 {head.id} 无法用本机的审计密钥核验：密钥文件与本营业厅不符，"
                "或记录被改动。请管理员运行 onewindow audit verify",
                "the newest audit record does not verify with this counter's audit key",
            )
        )
    prev_hash = head.hash if head is not None else GENESIS
    events = []
    for entry in entries:
        # JSON round trip so that what is hashed is exactly what the database gives back.
        clean = json.loads(json.dumps(entry.details, ensure_ascii=False, default=str))
        payload = _payload(
            prev_hash, now, actor, entry.action, entry.entity_type, entry.entity_id, clean
        )
        event = AuditEvent(
            at=now,
            actor=actor,
            action=entry.action,
            entity_type=entry.entity_type,
            entity_id=entry.entity_id,
            details=clean,
            prev_hash=prev_hash,
            hash=digest(payload),
        )
        events.append(event)
        prev_hash = event.hash
    session.add_all(events)
    session.flush()
    return events


@dataclass(frozen=True)
class Break:
    event_id: int
    reason: str


def verify(session: Session, batch: int = 5000) -> Break | None:
    """The first record whose keyed hash or link does not hold, or None when the chain is
    whole."""
    return _first_break(session, keyed(_key(session)), batch)


def _first_break(session: Session, digest: Digest, batch: int = 5000) -> Break | None:
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
            if not hmac.compare_digest(ev.hash, _expected(ev, digest)):
                return Break(ev.id, "记录内容与其哈希不符：记录被修改 / record altered")
            prev_hash = ev.hash
            last_id = ev.id
        session.expunge_all()


# Anchors --------------------------------------------------------------------------------------


def _anchor_mac(key: bytes, seq: int, head_hash: str) -> str:
    return keyed(key)(f"anchor\x1f{seq}\x1f{head_hash}".encode())


def anchor_line(session: Session) -> tuple[int, str] | None:
    """The newest record as an anchor (its number, and one JSON line for the anchor file with
    its hash, keyed so that a forged line is told apart), or None for an empty chain."""
    key = _key(session)
    head = session.scalar(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1))
    if head is None:
        return None
    line = json.dumps(
        {
            "seq": head.id,
            "hash": head.hash,
            "at": head.at.isoformat(),
            "mac": _anchor_mac(key, head.id, head.hash),
        },
        separators=(",", ":"),
    )
    return head.id, line


def check_anchors(session: Session, lines: str) -> Break | None:
    """The first anchored head that is no longer in the chain as it was anchored (records
    deleted from the end, or the chain rewritten), or a line that is not a genuine anchor."""
    key = _key(session)
    for number, line in enumerate(lines.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            anchor = json.loads(line)
            seq, head_hash, mac = anchor["seq"], anchor["hash"], anchor["mac"]
            genuine = (
                isinstance(seq, int)
                and isinstance(head_hash, str)
                and isinstance(mac, str)
                and hmac.compare_digest(mac, _anchor_mac(key, seq, head_hash))
            )
        except (ValueError, TypeError, KeyError, RecursionError):
            genuine = False
        if not genuine:
            return Break(
                0,
                f"锚点文件第 {number} 行不是本营业厅的锚点（被改动或密钥不同）/ anchor file line "
                f"{number} is not a genuine anchor",
            )
        found = session.scalar(select(AuditEvent.hash).where(AuditEvent.id == seq))
        if found is None:
            return Break(
                seq,
                f"锚定的记录 {seq} 已不在审计链中：末尾的记录被删除 / anchored head {seq} "
                "is no longer in the chain (records deleted)",
            )
        if found != head_hash:
            return Break(
                seq,
                f"记录 {seq} 与锚点不符：审计链被重写 / record {seq} differs from its anchor "
                "(chain rewritten)",
            )
    return None


# Re-keying (migration 0004_trust) -------------------------------------------------------------


def keyed_records_exist(engine: Engine) -> bool:
    """Whether the database holds audit records made with a key (so that only the hall's own
    key file will do), as opposed to none, or only the plain chain of before 0004_trust."""
    with engine.connect() as conn:
        if not inspect(conn).has_table(AuditEvent.__tablename__):
            return False
        with Session(bind=conn) as session:
            first = session.scalar(select(AuditEvent).order_by(AuditEvent.id).limit(1))
            return first is not None and first.hash != _expected(first, _plain)


def rekey(session: Session, key: bytes, *, now: datetime) -> int:
    """Re-hash a chain made with plain SHA-256 under `key`, after checking it is whole; records
    that it did. Returns the number of records re-keyed. A broken chain is not re-keyed: that
    would make the tampering verify."""
    broken = _first_break(session, _plain)
    if broken is not None:
        raise ConfigError(
            Text(
                f"审计链在记录 {broken.event_id} 处已损坏（{broken.reason}），不能加密钥重算；"
                "请先调查",
                "the audit chain is broken, refusing to re-key it",
            )
        )
    digest = keyed(key)
    prev_hash = old_head = GENESIS
    count = last_id = 0
    while True:
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(5000)
        ).all()
        if not rows:
            break
        changes = []
        for ev in rows:
            old_head = ev.hash
            new_hash = digest(
                _payload(
                    prev_hash, ev.at, ev.actor, ev.action, ev.entity_type, ev.entity_id, ev.details
                )
            )
            changes.append({"id": ev.id, "prev_hash": prev_hash, "hash": new_hash})
            prev_hash = new_hash
            last_id = ev.id
        session.expunge_all()
        session.execute(update(AuditEvent), changes)
        count += len(changes)
    if count:
        session.info[KEY_INFO] = AuditKey(key)
        record(
            session,
            actor=REKEY_ACTOR,
            action="audit.rekey",
            now=now,
            details={"records": count, "unkeyed_head": old_head},
        )
    return count
