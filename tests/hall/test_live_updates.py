"""Live across counters (issue 13 §2), in the core: every commit that changes tickets is heard
by every open client within 2 s — PostgreSQL's LISTEN/NOTIFY, SQLite's change counter — and
the listener outlives a database restart."""

from __future__ import annotations

import threading
import time

import pytest

from onewindow.access.users import Actor, get_user
from onewindow.hall import Hall
from onewindow.store.notify import ChangeListener
from onewindow.tickets.reassignment import reassign_tickets
from tests.conftest import make_config
from tests.helpers.lead_data import accepted_ticket


class Heard:
    """What a listener reported, safe to read from the test's thread."""

    def __init__(self) -> None:
        self.changes: list[frozenset[str] | None] = []
        self.reachable: list[bool] = []
        self._lock = threading.Lock()

    def change(self, ids: frozenset[str] | None) -> None:
        with self._lock:
            self.changes.append(ids)

    def state(self, ok: bool) -> None:
        with self._lock:
            self.reachable.append(ok)

    def wait(self, condition, timeout: float = 2.0) -> float:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            with self._lock:
                if condition(self):
                    return time.monotonic() - started
            time.sleep(0.02)
        raise AssertionError(f"not heard within {timeout} s: {self.changes} {self.reachable}")


def _heard_ids(heard: Heard, ticket_id: str) -> bool:
    return any(c is None or ticket_id in c for c in heard.changes)


@pytest.fixture
def ticket_id(hall, users):
    with hall.unit() as (session, ctx):
        return accepted_ticket(session, ctx, "lina").id


def test_a_reassign_on_another_counter_is_heard_within_two_seconds(hall, ticket_id, db_url):
    heard = Heard()
    listener = ChangeListener(hall.engine, heard.change, heard.state)
    listener.start()
    other = Hall.open(make_config(db_url), upgrade=False)  # another counter: its own engine
    try:
        heard.wait(lambda h: h.reachable == [True])
        time.sleep(0.6)  # the listener is past its first read of the counter
        heard.changes.clear()
        with other.unit() as (session, ctx):
            reassign_tickets(
                session,
                Actor.of(get_user(session, "wangmin")),
                [ticket_id],
                "zhangwei",
                "李娜请假",
                now=ctx.now,
            )
        took = heard.wait(lambda h: _heard_ids(h, ticket_id))
        assert took < 2.0
        if hall.engine.dialect.name == "postgresql":
            assert heard.changes == [frozenset({ticket_id})]  # named, not "everything"
    finally:
        listener.stop()
        other.close()


def test_a_change_rolled_back_is_not_announced(hall, ticket_id):
    heard = Heard()
    listener = ChangeListener(hall.engine, heard.change, heard.state)
    listener.start()
    try:
        heard.wait(lambda h: h.reachable == [True])
        time.sleep(0.6)
        heard.changes.clear()
        with pytest.raises(RuntimeError), hall.unit() as (session, ctx):
            reassign_tickets(
                session,
                Actor.of(get_user(session, "wangmin")),
                [ticket_id],
                "zhangwei",
                "李娜请假",
                now=ctx.now,
            )
            session.flush()
            raise RuntimeError("the clerk's unit of work failed after the change")
        time.sleep(1.2)
        assert heard.changes == []
    finally:
        listener.stop()


def test_the_listener_says_when_postgresql_is_gone_and_reconnects_by_itself(own_pg):
    hall = Hall.open(make_config(own_pg.url("hall")), upgrade=False)
    heard = Heard()
    listener = ChangeListener(hall.engine, heard.change, heard.state)
    listener.start()
    try:
        heard.wait(lambda h: h.reachable == [True])
        own_pg.halt()
        heard.wait(lambda h: h.reachable[-1] is False, timeout=8)
        own_pg.resume()
        heard.wait(lambda h: h.reachable[-1] is True, timeout=15)
        # What changed while it was away was not heard: the client is told to reload.
        heard.wait(lambda h: None in h.changes)
        assert listener._thread is not None and listener._thread.is_alive()
    finally:
        listener.stop()
        hall.close()
