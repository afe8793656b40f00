"""Reading the audit trail: filter by user, ticket or other entity, action and time; page; CSV.

Leads and administrators read it (Permission.VIEW_AUDIT). Filters run in SQL on indexed
columns (actor, action, entity_id), so a page comes back at once from a trail of millions.
The CSV export streams in batches and is UTF-8 with a byte-order mark for Excel.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from onewindow.access.users import Actor, Permission
from onewindow.audit import chain as audit
from onewindow.clock import rfc3339
from onewindow.codes import Text
from onewindow.errors import BadInput
from onewindow.store.models import AuditEvent, Ticket

MAX_PAGE_SIZE = 1000
CSV_HEADER = (
    "序号 id",
    "时间 at",
    "操作人 actor",
    "操作 action",
    "对象类型 entity_type",
    "对象 entity_id",
    "详情 details",
)


@dataclass(frozen=True)
class AuditFilter:
    """Every field optional; all given ones must hold. `action` ending in "." is a prefix."""

    actor: str | None = None
    entity_id: str | None = None
    action: str | None = None
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor: str
    action: str
    entity_type: str | None
    entity_id: str | None
    details: dict[str, Any]


@dataclass(frozen=True)
class AuditPage:
    rows: tuple[AuditRow, ...]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def _where(query: Select[Any], session: Session, f: AuditFilter) -> Select[Any]:
    for moment in (f.since, f.until):
        if moment is not None and moment.tzinfo is None:
            raise BadInput(Text("查询时间必须带时区", "times need a time zone"))
    if f.since and f.until and f.until <= f.since:
        raise BadInput(Text("结束时间应晚于开始时间", "the end must come after the start"))
    if f.actor and f.actor.strip():
        query = query.where(AuditEvent.actor == f.actor.strip())
    if f.entity_id and f.entity_id.strip():
        wanted = f.entity_id.strip()
        ids = [wanted]
        # A ticket's story includes its application's records (submission, prints, rating).
        ticket = session.get(Ticket, wanted)
        if ticket is not None:
            ids.append(ticket.application.application_no)
        query = query.where(AuditEvent.entity_id.in_(ids))
    if f.action and f.action.strip():
        action = f.action.strip()
        if action.endswith("."):
            query = query.where(AuditEvent.action.startswith(action, autoescape=True))
        else:
            query = query.where(AuditEvent.action == action)
    if f.since is not None:
        query = query.where(AuditEvent.at >= f.since)
    if f.until is not None:
        query = query.where(AuditEvent.at < f.until)
    return query


def _row(event: AuditEvent) -> AuditRow:
    return AuditRow(
        id=event.id,
        at=event.at,
        actor=event.actor,
        action=event.action,
        entity_type=event.entity_type,
        entity_id=event.entity_id,
        details=event.details,
    )


def search_audit(
    session: Session, actor: Actor, f: AuditFilter, *, page: int = 1, page_size: int = 100
) -> AuditPage:
    """One page of matching records, newest first."""
    actor.require(Permission.VIEW_AUDIT)
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise BadInput(Text(f"页码从 1 开始，每页 1–{MAX_PAGE_SIZE} 条", "bad page"))
    total = session.scalar(_where(select(func.count(AuditEvent.id)), session, f)) or 0
    events = session.scalars(
        _where(select(AuditEvent), session, f)
        .order_by(AuditEvent.id.desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
    ).all()
    return AuditPage(tuple(_row(e) for e in events), int(total), page, page_size)


def iter_audit(
    session: Session, actor: Actor, f: AuditFilter, *, batch: int = 2000
) -> Iterator[AuditRow]:
    """Every matching record, oldest first, read in batches by id (keyset, not offset)."""
    actor.require(Permission.VIEW_AUDIT)
    last_id = 0
    while True:
        events = session.scalars(
            _where(select(AuditEvent), session, f)
            .where(AuditEvent.id > last_id)
            .order_by(AuditEvent.id)
            .limit(batch)
        ).all()
        if not events:
            return
        for event in events:
            yield _row(event)
        last_id = events[-1].id


def export_csv(session: Session, actor: Actor, f: AuditFilter, *, now: datetime) -> bytes:
    """The matching records as CSV; the export itself is recorded (who took what, when)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    count = 0
    for row in iter_audit(session, actor, f):
        writer.writerow(
            [
                row.id,
                rfc3339(row.at),
                row.actor,
                row.action,
                row.entity_type or "",
                row.entity_id or "",
                json.dumps(row.details, ensure_ascii=False, sort_keys=True),
            ]
        )
        count += 1
    audit.record(
        session,
        actor=actor.name,
        action="audit.export",
        now=now,
        entity_type="audit",
        details={
            "actor": f.actor,
            "entity_id": f.entity_id,
            "action": f.action,
            "since": rfc3339(f.since) if f.since else None,
            "until": rfc3339(f.until) if f.until else None,
            "records": count,
        },
    )
    return out.getvalue().encode("utf-8-sig")


def distinct_actions(session: Session, actor: Actor) -> list[str]:
    """The actions present in the trail, for the filter's drop-down."""
    actor.require(Permission.VIEW_AUDIT)
    return list(session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))
