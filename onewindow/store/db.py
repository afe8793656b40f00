"""Engines, sessions and schema upgrades for SQLite (one counter) and PostgreSQL (a hall)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from onewindow.private_files import make_private

MIGRATIONS = Path(__file__).with_name("migrations")


def make_engine(url: str, **kwargs: Any) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, **kwargs)
        _create_private(engine)
        _tune_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def sqlite_file(engine: Engine) -> Path | None:
    """The database file of a SQLite engine, None for PostgreSQL or an in-memory database."""
    database = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or database in (None, "", ":memory:"):
        return None
    return Path(database)


def _create_private(engine: Engine) -> None:
    # The file holds full ID numbers, phone numbers and password hashes: its folder is made
    # 0700 and the file 0600 before SQLite would create them with the umask's 0755/0644
    # (SQLite gives its -wal and -shm files the database file's mode).
    path = sqlite_file(engine)
    if path is None or path.exists():
        return
    make_private(path)


def _tune_sqlite(engine: Engine) -> None:
    # pysqlite's own transaction handling starts transactions lazily and never as IMMEDIATE;
    # take it over so that every transaction holds the write lock from its first statement.
    # Read-then-write sequences (application numbers, the audit chain, outbox claims) are
    # then serialised across processes instead of failing with "database is locked".
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


@dataclass(frozen=True)
class AuditKey:
    """The audit chain's key as sessions carry it: never shown in a repr or a traceback."""

    value: bytes = field(repr=False)


def session_factory(engine: Engine, audit_key: bytes | None = None) -> sessionmaker[Session]:
    """Sessions for `engine`; each carries the audit key in `session.info["audit_key"]`, where
    the audit chain (onewindow.audit.chain) finds it."""
    info = {"audit_key": AuditKey(audit_key) if audit_key is not None else None}
    return sessionmaker(engine, expire_on_commit=False, info=info)


def alembic_config(engine: Engine) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


# Re-keys an audit chain made before migration 0004_trust, in the migration's transaction.
Rekey = Callable[[Session], object]


def upgrade(engine: Engine, *, rekey_audit: Rekey | None = None) -> None:
    """Create or upgrade the schema to the newest revision; safe to repeat.

    `rekey_audit` is needed only to upgrade a database whose audit trail predates the keyed
    chain (the store cannot import the audit chain: it is the layer below).
    """
    if engine.url.get_backend_name() == "postgresql":
        # Two counters starting at once must not both run the migrations.
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(727001)"))
            command.upgrade(_with_connection(engine, conn, rekey_audit), "head")
        return
    with engine.begin() as conn:
        command.upgrade(_with_connection(engine, conn, rekey_audit), "head")


def _with_connection(engine: Engine, conn: Any, rekey_audit: Rekey | None) -> AlembicConfig:
    cfg = alembic_config(engine)
    cfg.attributes["connection"] = conn
    cfg.attributes["rekey_audit"] = rekey_audit
    return cfg
