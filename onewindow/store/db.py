"""Engines, sessions and schema upgrades for SQLite (one counter) and PostgreSQL (a hall)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from onewindow.codes import Text
from onewindow.errors import OneWindowError
from onewindow.private_files import make_private
from onewindow.store import notify

MIGRATIONS = Path(__file__).with_name("migrations")
# A hall's database server that does not answer: give up on a connection after this long
# rather than leave a clerk's screen waiting (libpq's connect_timeout and TCP keepalives).
_PG_CONNECT = {
    "connect_timeout": 5,
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 3,
    "keepalives_count": 3,
}
# PostgreSQL's "the server went away" states: connection exceptions and shutdowns.
_LOST_SQLSTATES = ("08", "57P01", "57P02", "57P03")


class DatabaseUnavailable(OneWindowError):
    """The database cannot be reached (stopped, restarting, network down); nothing was done."""


class SchemaTooNew(OneWindowError):
    """The database was upgraded by a newer program than this one."""


def make_engine(url: str, **kwargs: Any) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, **kwargs)
        _create_private(engine)
        _tune_sqlite(engine)
        return engine
    given = make_url(url).query
    connect_args = {k: v for k, v in _PG_CONNECT.items() if k not in given}
    connect_args.update(kwargs.pop("connect_args", {}))
    engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args, **kwargs)
    _say_when_unreachable(engine)
    return engine


def connection_lost(exc: BaseException) -> bool:
    """Whether a PostgreSQL error means the server could not be reached (as opposed to a
    statement it refused)."""
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    if not isinstance(exc, OperationalError) or not hasattr(exc.orig, "sqlstate"):
        return False
    sqlstate = getattr(exc.orig, "sqlstate", None)
    return sqlstate is None or str(sqlstate).startswith(_LOST_SQLSTATES)


def _say_when_unreachable(engine: Engine) -> None:
    """Every use of the engine — units of work, screens' queries, the worker, migrations —
    raises DatabaseUnavailable, a message fit for a clerk, when the server cannot be reached;
    SQLAlchemy still drops the dead connection, and the next use connects afresh."""

    @event.listens_for(engine, "handle_error")
    def _unreachable(context: ExceptionContext) -> None:
        if context.is_pre_ping:  # the pool replaces a dead pooled connection by itself
            return
        lost = context.sqlalchemy_exception
        if context.is_disconnect or (lost is not None and connection_lost(lost)):
            raise DatabaseUnavailable(
                Text(
                    "无法连接数据库，操作没有完成；已填写的内容仍在，连接恢复后请再试一次",
                    "the database cannot be reached: nothing was done; try again when it is back",
                )
            ) from context.original_exception


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
    sessions = sessionmaker(engine, expire_on_commit=False, info=info)
    # Every transaction that changes tickets tells the open clients (live updates).
    notify.install(sessions)
    return sessions


def alembic_config(engine: Engine) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


# Re-keys an audit chain made before migration 0004_trust, in the migration's transaction.
Rekey = Callable[[Session], object]


def upgrade(engine: Engine, *, rekey_audit: Rekey | None = None) -> None:
    """Create or upgrade the schema to the newest revision; safe to repeat.

    Refuses (SchemaTooNew) before writing anything when a newer program has upgraded the
    database beyond what this one knows. `rekey_audit` is needed only to upgrade a database
    whose audit trail predates the keyed chain (the store cannot import the audit chain: it
    is the layer below).
    """
    with engine.begin() as conn:
        if engine.url.get_backend_name() == "postgresql":
            # Clients starting together: one runs the migrations, the others wait for it here
            # and then find the schema current.
            conn.execute(text("SELECT pg_advisory_xact_lock(727001)"))
        _refuse_newer(engine, conn)
        command.upgrade(_with_connection(engine, conn, rekey_audit), "head")


def check_schema(engine: Engine) -> None:
    """For a program that does not upgrade: refuse a database newer than this program."""
    with engine.connect() as conn:
        _refuse_newer(engine, conn)


def _refuse_newer(engine: Engine, conn: Connection) -> None:
    script = ScriptDirectory.from_config(alembic_config(engine))
    known = {rev.revision for rev in script.walk_revisions()}
    current = MigrationContext.configure(conn).get_current_heads()
    unknown = sorted(r for r in current if r not in known)
    if unknown:
        ours = ", ".join(script.get_heads())
        theirs = ", ".join(unknown)
        raise SchemaTooNew(
            Text(
                f"数据库结构版本 {theirs} 比本程序新（本程序支持到 {ours}）："
                "请先把本程序升级到新版本",
                f"the database schema ({theirs}) is newer than this program ({ours}): "
                "upgrade the program first",
            )
        )


def _with_connection(engine: Engine, conn: Any, rekey_audit: Rekey | None) -> AlembicConfig:
    cfg = alembic_config(engine)
    cfg.attributes["connection"] = conn
    cfg.attributes["rekey_audit"] = rekey_audit
    return cfg
