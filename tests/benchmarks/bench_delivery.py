"""Delivery and tracking throughput against the simulator on loopback.

Run: `.venv/bin/python -m tests.benchmarks.bench_delivery [TICKETS]`.

1. Deliver 2,000 queued tickets (SQLite file, one simulated utility in its own process) with
   the real sender — claims, posts with Idempotency-Key, answers recorded with history, SLA
   clock and audit — and, in the same run, 2,000 bare `requests.Session.post` calls of the
   same kind of body to an identical simulator process (its own, so that its tickets do not
   enter the feed measured next). Goal: the sender reaches at least 0.5 of the bare rate.
2. Apply a 10,000-change feed (those tickets moving through their statuses) from cursor 0.
   Target: under 2 s.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import replace
from pathlib import Path

import requests
from sqlalchemy import func, select

from onewindow.access.users import Actor, create_user, get_user
from onewindow.config import UtilitySettings
from onewindow.exchange.client import UtilityClient
from onewindow.exchange.feed import read_feed
from onewindow.exchange.loop import DeliveryLoop
from onewindow.hall import Hall
from onewindow.intake.submit import submit_application
from onewindow.store.models import OutboxMessage, StatusEvent
from tests.conftest import PASSWORD, make_config
from tests.helpers.delivery_support import sample_form

TICKETS = 2000
RATIO_GOAL = 0.5
FEED_CHANGES = 10_000
FEED_TARGET_S = 2.0


def start_simulator() -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "onewindow.simulator",
            "--utility",
            "gas",
            "--step-seconds",
            "0",
            "--page-cap",
            "1000",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    return process, process.stdout.readline().strip()


def queue_tickets(hall: Hall, count: int) -> None:
    form = sample_form(only=("gas",))
    with hall.unit() as (session, ctx):
        create_user(
            session,
            Actor.system(),
            username="bench",
            password=PASSWORD,
            role="clerk",
            display_name="bench",
            now=ctx.now,
        )
    done = 0
    while done < count:
        with hall.unit() as (session, ctx):
            clerk = get_user(session, "bench")
            for _ in range(min(200, count - done)):
                submit_application(session, Actor.of(clerk), form, clerk=clerk, ctx=ctx)
                done += 1


def bare_posts(base_url: str, template: bytes, count: int) -> float:
    document = json.loads(template)
    bodies = []
    for _ in range(count):
        document["ticket_id"] = str(uuid.uuid4())
        bodies.append((document["ticket_id"], json.dumps(document, ensure_ascii=False).encode()))
    session = requests.Session()
    started = time.perf_counter()
    for key, body in bodies:
        answer = session.post(
            base_url + "v1/tickets",
            data=body,
            headers={"Idempotency-Key": key, "Content-Type": "application/json"},
            timeout=10,
        )
        assert answer.status_code == 201, answer.text
    elapsed = time.perf_counter() - started
    session.close()
    return elapsed


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else TICKETS
    simulator, base_url = start_simulator()
    twin, twin_url = start_simulator()
    try:
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{Path(folder) / 'bench.db'}"
            settings = UtilitySettings("gas", "燃气公司", base_url, timeout_s=10)
            hall = Hall.open(make_config(url, utilities={"gas": settings}))
            try:
                run(hall, base_url, twin_url, count)
            finally:
                hall.close()
    finally:
        for process in (simulator, twin):
            process.terminate()
            process.wait(timeout=10)


def run(hall: Hall, base_url: str, twin_url: str, count: int) -> None:
    started = time.perf_counter()
    queue_tickets(hall, count)
    print(f"queued {count} tickets in {time.perf_counter() - started:.1f} s (not measured)")
    with hall.sessions() as session:
        template = session.scalars(select(OutboxMessage.body).limit(1)).one()

    bare_s = bare_posts(twin_url, template, count)
    loop = DeliveryLoop(hall, rng=random.Random(1))
    started = time.perf_counter()
    report = loop.run_pass(feeds=False)
    ours_s = time.perf_counter() - started
    delivered = report.lanes["gas"].delivered
    assert delivered == count, f"delivered {delivered} of {count}"
    bare_rate, ours_rate = count / bare_s, count / ours_s
    ratio = ours_rate / bare_rate
    print(f"bare requests.Session.post: {count} in {bare_s:.2f} s = {bare_rate:.0f}/s")
    print(f"sender (claim, post, record): {count} in {ours_s:.2f} s = {ours_rate:.0f} tickets/s")
    print(
        f"ratio {ratio:.2f} (goal ≥ {RATIO_GOAL}) {'OK' if ratio >= RATIO_GOAL else 'BELOW GOAL'}"
    )

    # Each advance moves every ticket one status on: accepted + 4 steps = 5 changes a ticket.
    steps = max(0, FEED_CHANGES // count - 1)
    for _ in range(steps):
        requests.post(base_url + "_control/advance", json={}, timeout=60).raise_for_status()
    client = UtilityClient(replace(hall.config.utilities["gas"]))
    started = time.perf_counter()
    feed = read_feed(hall, client, limit=1000)
    feed_s = time.perf_counter() - started
    client.close()
    with hall.sessions() as session:
        events = session.scalar(select(func.count()).select_from(StatusEvent))
    read = count * (steps + 1)
    verdict = "OK" if feed_s < FEED_TARGET_S else "OVER TARGET"
    print(
        f"feed: {read} changes in {feed.pages} pages applied in {feed_s:.2f} s "
        f"= {read / feed_s:.0f} changes/s (target < {FEED_TARGET_S:g} s) {verdict}; "
        f"{events} status events stored"
    )


if __name__ == "__main__":
    main()
