"""Telling every open client that tickets changed: live updates across the counters of a hall.

Writers: every session made by `onewindow.store.db.session_factory` collects the tickets its
transaction touches (ORM flushes and bulk statements alike) and announces them just before it
commits, in the same transaction: on PostgreSQL a `NOTIFY` on CHANNEL, which reaches the
listeners only if and when the transaction commits; on SQLite a bump of the one-row change
counter. No service function has to remember to do it.

Readers: a `ChangeListener` per client, on its own thread. On PostgreSQL it holds one
connection that LISTENs (no table is polled); on SQLite (one counter, one file) it reads the
change counter, one row, twice a second. It reconnects by itself when the database goes away
and says whether the database is reachable, so that the client can show it.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Engine, event, func, select, update
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction, sessionmaker

from onewindow.store.models import Material, StatusEvent, Ticket, TicketChanges

log = logging.getLogger(__name__)

CHANNEL = "onewindow_tickets"
EVERYTHING = "*"
# A NOTIFY payload holds at most 8000 bytes: past this many ids the payload says "everything".
_MAX_IDS = 150
_PENDING = "onewindow.changed_tickets"
SQLITE_POLL_S = 0.5
# How often a quiet LISTEN connection is checked, so a lost database shows within seconds.
CHECK_S = 1.0
RECONNECT_FIRST_S = 0.5
RECONNECT_CAP_S = 8.0

# What a listener is told: the ids of the tickets that changed, or None for "any ticket may
# have changed" (SQLite's counter, a reconnect after missed notifications, a bulk change).
OnChange = Callable[[frozenset[str] | None], None]
OnReachable = Callable[[bool], None]


# Writers.


def install(sessions: sessionmaker[Session]) -> None:
    """Announce the tickets each transaction changes, from every session `sessions` makes."""
    event.listen(sessions, "after_begin", _forget)
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "do_orm_execute", _after_statement)
    event.listen(sessions, "before_commit", _before_commit)


def _pending(session: Session) -> set[str]:
    found: set[str] = session.info.setdefault(_PENDING, set())
    return found


def _forget(session: Session, _transaction: Any, _connection: Any) -> None:
    session.info.pop(_PENDING, None)


def _after_flush(session: Session, _flush: UOWTransaction) -> None:
    found = _pending(session)
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Ticket):
            found.add(obj.id)
        elif isinstance(obj, StatusEvent | Material):
            found.add(obj.ticket_id)


def _after_statement(state: ORMExecuteState) -> None:
    """Bulk statements (`session.execute(update(Ticket), rows)`) do not pass the flush."""
    if not (state.is_update or state.is_insert or state.is_delete):
        return
    mapper = state.bind_mapper
    if mapper is None or mapper.class_ not in (Ticket, StatusEvent, Material):
        return
    key = "id" if mapper.class_ is Ticket else "ticket_id"
    params = state.parameters
    rows = params if isinstance(params, list) else [params] if params else []
    ids = [row.get(key) for row in rows if isinstance(row, dict)]
    named = [i for i in ids if isinstance(i, str)]
    found = _pending(state.session)
    if named and len(named) == len(ids):
        found.update(named)
    else:  # a WHERE-clause statement: which tickets it touched is not known here
        found.add(EVERYTHING)


def _before_commit(session: Session) -> None:
    session.flush()  # what the commit would flush next is announced too
    found = session.info.pop(_PENDING, None)
    if found:
        announce(session, found)


def announce(session: Session, ticket_ids: Iterable[str]) -> None:
    """Tell every listener, when this transaction commits, that these tickets changed."""
    ids = sorted(set(ticket_ids))
    if session.get_bind().dialect.name == "postgresql":
        everything = EVERYTHING in ids or len(ids) > _MAX_IDS
        payload = EVERYTHING if everything else ",".join(ids)
        session.execute(select(func.pg_notify(CHANNEL, payload)))
    else:
        session.execute(update(TicketChanges).values(seq=TicketChanges.seq + 1))


def parse(payload: str) -> frozenset[str] | None:
    if not payload or payload == EVERYTHING:
        return None
    return frozenset(payload.split(","))


# Readers.


class ChangeListener:
    """Hears ticket changes on its own thread until stop(); never dies of a lost database."""

    def __init__(
        self,
        engine: Engine,
        on_change: OnChange,
        on_reachable: OnReachable | None = None,
    ) -> None:
        self.url = engine.url
        self.on_change = on_change
        self.on_reachable = on_reachable or (lambda _ok: None)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.reachable: bool | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="ticket-changes", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        failures = 0
        listen = self._listen_pg if self.url.get_backend_name() == "postgresql" else self._poll
        first = True
        while not self._stop.is_set():
            try:
                listen(missed=not first)
            except Exception as exc:  # a lost database, a restart, a refused login
                log.info("ticket change listener: %s", exc)
                self._say(False)
                failures += 1
                self._stop.wait(min(RECONNECT_CAP_S, RECONNECT_FIRST_S * 2 ** (failures - 1)))
                first = False
                continue

    def _say(self, reachable: bool) -> None:
        if reachable != self.reachable:
            self.reachable = reachable
            self.on_reachable(reachable)

    def _listen_pg(self, *, missed: bool) -> None:
        import psycopg

        conninfo = self.url.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(conninfo, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f"LISTEN {CHANNEL}")
            self._say(True)
            if missed:
                # Whatever changed while the connection was down was not heard.
                self.on_change(None)
            while not self._stop.is_set():
                for note in conn.notifies(timeout=CHECK_S):
                    self.on_change(parse(note.payload))
                    if self._stop.is_set():
                        return
                conn.execute("SELECT 1")

    def _poll(self, *, missed: bool) -> None:
        path = self.url.database or ""
        if path in ("", ":memory:"):  # a private in-memory database: nobody else writes it
            self._say(True)
            self._stop.wait()
            return
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA busy_timeout=5000")
            self._say(True)
            last = self._seq(conn)
            if missed:
                self.on_change(None)
            while not self._stop.wait(SQLITE_POLL_S):
                seq = self._seq(conn)
                if seq != last:
                    last = seq
                    self.on_change(None)
        finally:
            conn.close()

    @staticmethod
    def _seq(conn: sqlite3.Connection) -> int | None:
        row = conn.execute("SELECT seq FROM ticket_changes WHERE id = 1").fetchone()
        return None if row is None else int(row[0])
