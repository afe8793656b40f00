"""The hall this program serves: its configuration and database, and the per-operation context.

The desktop client, the command line and the worker each open one `Hall` and run every
unit of work through `Hall.unit()`, which yields a session in a transaction together with
the context (policy, calendar, catalogue, time) that service functions need.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from onewindow.audit import chain
from onewindow.audit.key import load_key
from onewindow.clock import Clock, system_clock
from onewindow.clocks.holidays import load_calendar
from onewindow.clocks.policy import SlaPolicy, load_policy
from onewindow.clocks.workdays import WorkCalendar
from onewindow.codes import Text
from onewindow.config import Config
from onewindow.errors import ConfigError
from onewindow.intake.catalogue import MaterialCatalogue, load_catalogue
from onewindow.store import db


@dataclass(frozen=True)
class Context:
    """What a service function needs besides the session: settings, policy, calendar, time."""

    config: Config
    policy: SlaPolicy
    calendar: WorkCalendar
    catalogue: MaterialCatalogue
    now: datetime


@dataclass
class Hall:
    config: Config
    engine: Engine
    sessions: sessionmaker[Session]
    clock: Clock = system_clock

    @classmethod
    def open(cls, config: Config, *, clock: Clock = system_clock, upgrade: bool = True) -> Hall:
        key_file = config.audit_key_file
        if key_file is None:
            raise ConfigError(Text("[audit] key_file: 缺少必填设置", "missing setting"))
        engine = db.make_engine(config.database_url)
        try:
            # A key is made only for a trail not keyed yet: a new key for a keyed trail
            # would only leave a wrong file behind.
            if not key_file.exists() and chain.keyed_records_exist(engine):
                raise ConfigError(
                    Text(
                        f"[audit] key_file: {key_file} 不存在，而本库的审计记录是用密钥写的："
                        "请从营业厅的其他电脑或备份复制该文件",
                        f"[audit] key_file: {key_file} is missing and this database's audit "
                        "trail is keyed: copy the hall's key file here",
                    )
                )
            key = load_key(key_file)
            if upgrade:
                db.upgrade(
                    engine, rekey_audit=lambda session: chain.rekey(session, key, now=clock())
                )
            else:
                db.check_schema(engine)
        except BaseException:
            engine.dispose()  # a refused start leaves no connection behind
            raise
        sessions = db.session_factory(engine, audit_key=key)
        return cls(config=config, engine=engine, sessions=sessions, clock=clock)

    def close(self) -> None:
        self.engine.dispose()

    def with_config(self, config: Config) -> Hall:
        return replace(self, config=config)

    def now(self) -> datetime:
        return self.clock()

    def context(self, session: Session, now: datetime | None = None) -> Context:
        catalogue: MaterialCatalogue = load_catalogue(session)
        return Context(
            config=self.config,
            policy=load_policy(session),
            calendar=load_calendar(session),
            catalogue=catalogue,
            now=now or self.now(),
        )

    @contextmanager
    def unit(self) -> Iterator[tuple[Session, Context]]:
        """One transaction with its context; commits on success, rolls back on error.

        A database that cannot be reached raises DatabaseUnavailable (a clear message, and
        nothing saved; onewindow.store.db) instead of a driver error."""
        with self.sessions() as session, session.begin():
            yield session, self.context(session)
