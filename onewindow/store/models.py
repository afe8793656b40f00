"""The database tables, as SQLAlchemy 2 typed mappings.

Schema changes go through the Alembic migrations in `onewindow/migrations`; a test checks
that the migrations and these mappings agree.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite (no time zones) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def new_uuid() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {  # noqa: RUF012 - read by SQLAlchemy at class creation
        datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]


class Application(Base):
    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_no: Mapped[str] = mapped_column(String(40), unique=True)
    hall_code: Mapped[str] = mapped_column(String(16))
    counter_id: Mapped[str] = mapped_column(String(16))
    clerk_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    received_at: Mapped[datetime] = mapped_column(index=True)
    created_at: Mapped[datetime]
    applicant_kind: Mapped[str] = mapped_column(String(16))
    applicant_name: Mapped[str] = mapped_column(String(100))
    id_type: Mapped[str] = mapped_column(String(32))
    id_number: Mapped[str] = mapped_column(String(32))
    contact_name: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(32))
    site_address: Mapped[str] = mapped_column(String(200))
    project_name: Mapped[str | None] = mapped_column(String(200))
    permit_no: Mapped[str | None] = mapped_column(String(64))
    land_acquired_on: Mapped[date | None] = mapped_column(Date)
    consent: Mapped[bool] = mapped_column(Boolean)
    form: Mapped[dict[str, Any]]
    rating: Mapped[int | None]
    rating_comment: Mapped[str | None] = mapped_column(Text)
    rated_at: Mapped[datetime | None]

    clerk: Mapped[User] = relationship()
    tickets: Mapped[list[Ticket]] = relationship(
        back_populates="application", order_by="Ticket.position"
    )


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        Index("ix_tickets_status_due", "status", "due_date"),
        Index("ix_tickets_assignee_status", "assignee_id", "status"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    utility: Mapped[str] = mapped_column(String(8))
    service: Mapped[str] = mapped_column(String(24))
    account_no: Mapped[str | None] = mapped_column(String(32))
    details: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(40))
    utility_ticket_no: Mapped[str | None] = mapped_column(String(64), index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # Cached from the calendar and the history by onewindow.clocks.sla; refreshed whenever either
    # changes, so list screens can sort and filter on it in SQL.
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    due_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    limit_workdays: Mapped[int | None]
    paused_workdays: Mapped[int] = mapped_column(Integer, default=0)
    # Set when the utility rejected or returned the ticket for corrections (P16).
    returned: Mapped[bool] = mapped_column(Boolean, default=False)
    # Why a person must act: [{"field", "message"}] (a refusal of the delivery, a refused
    # cancel or late-materials request), kept until a clerk acknowledges it or acts, whatever
    # status the feed brings meanwhile; `attention_at` (set with it) is what lists filter on.
    attention: Mapped[list[Any] | None]
    attention_at: Mapped[datetime | None] = mapped_column(index=True)
    delivery_round: Mapped[int] = mapped_column(Integer, default=1)
    # Moved on by every act of a person on the ticket (onewindow.tickets.edit_conflicts): a
    # screen acting on the version it showed finds out when someone acted since.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    application: Mapped[Application] = relationship(back_populates="tickets")
    assignee: Mapped[User | None] = relationship()
    materials: Mapped[list[Material]] = relationship(order_by="Material.id")
    history: Mapped[list[StatusEvent]] = relationship(order_by="StatusEvent.id")
    permits: Mapped[list[AgencyPermit]] = relationship(order_by="AgencyPermit.id")

    @property
    def attention_line(self) -> str | None:
        """Why a person must act, as one line (`show --json`); None when nothing is to do."""
        return attention_text(self.attention) if self.attention_at is not None else None


def attention_text(items: list[Any] | None) -> str | None:
    """Messages [{"field", "message"}] as one line, each "field: message" or the message."""
    parts = []
    for item in items or []:
        if isinstance(item, dict):
            field, message = str(item.get("field") or ""), str(item.get("message") or "")
            parts.append(f"{field}: {message}" if field and message else message)
        elif item:
            parts.append(str(item))
    return "；".join(p for p in parts if p) or None


class StatusEvent(Base):
    __tablename__ = "status_events"
    __table_args__ = (UniqueConstraint("utility", "feed_id", "feed_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"), index=True)
    status: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime]
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16))  # counter | utility | delivery
    utility: Mapped[str | None] = mapped_column(String(8))
    feed_id: Mapped[str | None] = mapped_column(String(64))
    feed_seq: Mapped[int | None] = mapped_column(BigInteger)  # 0 ≤ seq < 2^63 (utility-api.md)
    recorded_at: Mapped[datetime]


class Material(Base):
    __tablename__ = "materials"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(100))
    received: Mapped[bool] = mapped_column(Boolean)
    due: Mapped[date | None] = mapped_column(Date)
    received_at: Mapped[datetime | None]
    # Who recorded it received: the clerk at the counter, or whoever took it in later.
    received_by: Mapped[str | None] = mapped_column(String(80))
    # True when a catalogue rule asked for it; False when only the clerk listed it.
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    # Set when the visit does not need it (不需要), with the clerk's one-line reason.
    waived_reason: Mapped[str | None] = mapped_column(Text)


class AgencyPermit(Base):
    """A permit the utility obtains on the applicant's behalf (代办, P11) and its state."""

    __tablename__ = "agency_permits"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(16), default="requested")
    updated_at: Mapped[datetime]


class OutboxMessage(Base):
    """A request to a utility, fixed when queued and retried until answered (the outbox)."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_next", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"), index=True)
    utility: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(16))  # deliver | materials | cancel
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    body: Mapped[bytes] = mapped_column(LargeBinary)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]
    next_attempt_at: Mapped[datetime]
    last_attempt_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]
    last_http_status: Mapped[int | None]
    # The `error` code of the last answer (in_flight, key_reused, invalid…): with the status,
    # whether the utility certainly created nothing, so that a new key may follow.
    last_error_code: Mapped[str | None] = mapped_column(String(40))
    last_error: Mapped[str | None] = mapped_column(Text)
    # "host:pid" of the sender holding the claim (state "sending"): a claim whose process is
    # gone is taken over at once instead of waiting for its lease to run out.
    claimed_by: Mapped[str | None] = mapped_column(String(80))


class UtilityLink(Base):
    """Per-utility delivery and feed state: the feed cursor and whether credentials were refused."""

    __tablename__ = "utility_links"

    utility: Mapped[str] = mapped_column(String(8), primary_key=True)
    feed_id: Mapped[str | None] = mapped_column(String(64))
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    refused_fingerprint: Mapped[str | None] = mapped_column(String(64))
    refused_at: Mapped[datetime | None]
    last_ok_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime]


class AuditEvent(Base):
    """Append-only, hash-chained record of every state change, print and login."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(80), index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    entity_type: Mapped[str | None] = mapped_column(String(24))
    entity_id: Mapped[str | None] = mapped_column(String(64), index=True)
    details: Mapped[dict[str, Any]]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class PrintRecord(Base):
    __tablename__ = "prints"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # receipt | notice
    layout: Mapped[str] = mapped_column(String(8))
    reprint_no: Mapped[int] = mapped_column(Integer)
    printed_at: Mapped[datetime]
    printed_by: Mapped[str] = mapped_column(String(80))


class NumberCounter(Base):
    """The last application number issued per hall and day."""

    __tablename__ = "number_counters"

    hall_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    day: Mapped[str] = mapped_column(String(8), primary_key=True)
    last_no: Mapped[int] = mapped_column(Integer)


class HolidayYear(Base):
    """A year whose holiday schedule an administrator imported (replaces the built-in one)."""

    __tablename__ = "holiday_years"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    source: Mapped[str] = mapped_column(String(200))
    imported_at: Mapped[datetime]
    imported_by: Mapped[str] = mapped_column(String(80))
    days: Mapped[list[Any]]  # [{"date", "kind", "name"}]


class Setting(Base):
    """Hall settings an administrator changes: SLA policy, fee list, materials catalogue."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(80))


class TicketChanges(Base):
    """One row counting the transactions that changed tickets: what an open client polls on
    SQLite to refresh by itself (PostgreSQL tells clients with NOTIFY instead, and leaves
    this row alone so that busy counters do not queue on it; onewindow.store.notify)."""

    __tablename__ = "ticket_changes"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer, default=0)
