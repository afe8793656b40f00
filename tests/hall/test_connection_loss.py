"""Connection loss in the core (issue 13 §4): a unit of work against a database that is gone
fails at once with a clear message and saves nothing; the same program works again when the
database is back; the delivery loop (the worker, the desktop's sender) keeps running through
it and delivers afterwards."""

from __future__ import annotations

import logging
import threading
import time

import pytest

from onewindow.access.users import Actor, create_user
from onewindow.exchange.loop import DeliveryLoop
from onewindow.hall import Hall
from onewindow.store.db import DatabaseUnavailable
from tests.conftest import PASSWORD, make_config
from tests.helpers.delivery_support import (
    by_utility,
    sample_form,
    start_simulators,
    submit,
    wait_until,
    wire,
)


@pytest.fixture
def pg_hall(own_pg):
    hall = Hall.open(make_config(own_pg.url("hall")), upgrade=False)
    with hall.unit() as (session, ctx):
        create_user(
            session,
            Actor.system(),
            username="zhangwei",
            password=PASSWORD,
            role="clerk",
            display_name="张伟",
            now=ctx.now,
        )
    yield hall
    hall.close()


def test_a_unit_of_work_without_the_database_fails_at_once_and_clearly(own_pg, pg_hall):
    own_pg.halt()
    started = time.monotonic()
    with pytest.raises(DatabaseUnavailable) as refused:
        submit(pg_hall, "zhangwei", sample_form("gas-only-resident.json"))
    assert time.monotonic() - started < 10
    assert str(refused.value).startswith("无法连接数据库，操作没有完成")
    own_pg.resume()
    done = submit(pg_hall, "zhangwei", sample_form("gas-only-resident.json"))
    assert len(done) == 1


def test_the_delivery_loop_outlives_a_database_restart_and_delivers_after(own_pg, pg_hall, caplog):
    sims = start_simulators()
    hall = wire(pg_hall, sims)
    loop = DeliveryLoop(hall, poll_s=0.2)
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        own_pg.halt()
        time.sleep(2.5)  # several passes fail meanwhile
        assert thread.is_alive()
        own_pg.resume()
        submit(hall, "zhangwei", sample_form("gas-only-resident.json"))
        loop.wake()
        wait_until(lambda: by_utility(hall)["gas"].utility_ticket_no is not None, 30)
        assert thread.is_alive()
    finally:
        loop.stop()
        thread.join(10)
        loop.close()
        for sim in sims.values():
            sim.stop()
    said = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert said and all("database unreachable" in r.getMessage() for r in said)
    assert all(r.exc_info is None for r in said)  # one line each, no traceback
    caplog.clear()
