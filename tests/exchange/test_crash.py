"""Crash test: a worker killed with SIGKILL at random moments while draining 200 tickets,
restarted until it drains, 20 rounds. Every ticket must be created exactly once at the
utility and none may be left undelivered (architecture.md: "killing the program at any
instant loses nothing and sends nothing twice")."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from onewindow.access.users import Actor, create_user
from onewindow.hall import Hall
from onewindow.simulator import Simulator
from onewindow.store.models import OutboxMessage, Ticket
from tests.conftest import AUDIT_KEY_FILE, PASSWORD, make_config
from tests.exchange.test_worker import CLI, utility_sections
from tests.helpers.delivery_support import TOKEN, sample_form, submit

pytestmark = pytest.mark.slow

ROUNDS = 20
# PostgreSQL repeats a shorter run of the same test: the suite's slow tests share a budget.
POSTGRES_ROUNDS = 6
APPLICATIONS = 100  # two tickets each: 200 per round
MAX_STARTS = 40
pause = threading.Event()  # never set: a sleep that is not time.sleep polling


def test_a_worker_killed_at_random_moments_delivers_every_ticket_exactly_once(
    db_url: str, sims: dict[str, Simulator], tmp_path: Path
) -> None:
    rng = random.Random(20261127)
    config_path = tmp_path / "onewindow.toml"
    config_path.write_text(
        f"""
[database]
url = "{db_url}"
[hall]
code = "LBGX"
name = "灵宝市水电气共享营业厅"
supervision_hotline = "0398-12345"
[counter]
id = "W03"
[audit]
key_file = "{AUDIT_KEY_FILE}"
"""
        + utility_sections(sims),
        encoding="utf-8",
    )
    config_path.chmod(0o600)  # it holds a signing secret
    # Slow answers now and then, so that kills land in the middle of requests too.
    for sim in sims.values():
        sim.add_fault("v1/tickets", "delay", seconds=0.02, probability=0.3)
    env = dict(os.environ, OW_TEST_TOKEN=TOKEN)
    hall = Hall.open(make_config(db_url))
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
    form = sample_form(only=("water", "gas"))
    kills = 0
    rounds = POSTGRES_ROUNDS if db_url.startswith("postgresql") else ROUNDS
    try:
        for _ in range(rounds):
            submitted = submit(hall, "zhangwei", form, count=APPLICATIONS)
            ours = {t for ids in submitted.values() for t in ids}
            assert len(ours) == 200
            kills += _drain_with_kills(rng, config_path, env, sims, kills_wanted=rng.choice([1, 2]))
            _check_round(hall, sims, ours)
    finally:
        hall.close()
    assert kills >= rounds * 0.9  # the test killed workers, it did not just watch them finish


def _posts(sims: dict[str, Simulator]) -> int:
    return sum(s.stats()["requests"].get("POST v1/tickets", 0) for s in sims.values())


def _drain_with_kills(
    rng: random.Random,
    config_path: Path,
    env: dict[str, str],
    sims: dict[str, Simulator],
    kills_wanted: int,
) -> int:
    """Start workers until one drains; kill the first `kills_wanted` of them with SIGKILL, at a
    random moment after start (start-up, migrations, claims) or, mostly, while they post."""
    kills = 0
    for _ in range(MAX_STARTS):
        baseline = _posts(sims)
        worker = subprocess.Popen(
            [*CLI, "--config", str(config_path), "worker", "--drain", "--timeout", "60"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            if kills < kills_wanted:
                if rng.random() < 0.25:
                    pause.wait(rng.uniform(0.05, 1.5))
                else:
                    deadline = time.monotonic() + 30
                    while _posts(sims) == baseline and worker.poll() is None:
                        assert time.monotonic() < deadline, "the worker never started sending"
                        pause.wait(0.005)
                    pause.wait(rng.uniform(0.0, 0.3))
                if worker.poll() is None:
                    worker.send_signal(signal.SIGKILL)
                    worker.wait()
                    kills += 1
                    continue
            code = worker.wait(timeout=90)
            assert worker.stderr is not None
            assert code == 0, worker.stderr.read().decode()
            return kills
        finally:
            if worker.poll() is None:
                worker.kill()
            if worker.stderr is not None:
                worker.stderr.close()
    pytest.fail(f"not drained after {MAX_STARTS} starts")


def _check_round(hall: Hall, sims: dict[str, Simulator], ours: set[str]) -> None:
    created: dict[str, int] = {}
    for sim in sims.values():
        created.update(sim.stats()["created"])
    mine = {t: created.get(t, 0) for t in ours}
    assert set(mine.values()) == {1}, {t: n for t, n in mine.items() if n != 1}
    with hall.sessions() as session:
        found = session.scalars(select(Ticket).where(Ticket.id.in_(ours))).all()
        states = set(
            session.scalars(
                select(OutboxMessage.state).where(OutboxMessage.ticket_id.in_(ours))
            ).all()
        )
    assert states == {"done"}
    assert all(t.utility_ticket_no and t.status == "accepted" for t in found)
    sample = random.Random(len(ours)).sample(list(found), 10)
    for ticket in sample:
        assert sims[ticket.utility].ticket(ticket.utility_ticket_no)["ticket_id"] == ticket.id
