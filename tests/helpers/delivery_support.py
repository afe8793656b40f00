"""Shared by the delivery, tracking, worker and crash tests: simulators on loopback, a hall
wired to them, and applications submitted through the real service function."""

from __future__ import annotations

import copy
import json
import random
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import requests
from sqlalchemy import select

from onewindow.access.users import Actor, get_user
from onewindow.config import DEFAULT_UTILITY_NAMES, UTILITIES, UtilitySettings
from onewindow.exchange.loop import DeliveryLoop
from onewindow.hall import Hall
from onewindow.intake.submit import submit_application
from onewindow.simulator import Simulator, signature
from onewindow.store.models import OutboxMessage, Ticket
from tests.conftest import SAMPLES

TOKEN = "tok-7f3a9c-secret-bearer"
SECRET = "sig-51d2e8-hmac-secret"


def start_simulators(**options: Any) -> dict[str, Simulator]:
    options = {"token": TOKEN, "secret": SECRET} | options
    return {u: Simulator(u, **options).start() for u in UTILITIES}


def settings_for(sim: Simulator, **changes: Any) -> UtilitySettings:
    values: dict[str, Any] = {
        "utility": sim.utility,
        "name": DEFAULT_UTILITY_NAMES[sim.utility],
        "base_url": sim.base_url,
        "token": TOKEN,
        "signing_secret": SECRET,
        "timeout_s": 2.0,
    }
    values.update(changes)
    return UtilitySettings(**values)


def wire(hall: Hall, sims: dict[str, Simulator], **per_utility: dict[str, Any]) -> Hall:
    """The hall with its utilities pointing at the simulators (per-utility setting changes)."""
    utilities = {u: settings_for(s, **per_utility.get(u, {})) for u, s in sims.items()}
    return hall.with_config(replace(hall.config, utilities=utilities))


def sample_form(name: str = "gas-water-power-organization.json", only: tuple[str, ...] = ()) -> Any:
    form = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    if only:
        form = copy.deepcopy(form)
        form["services"] = {u: s for u, s in form["services"].items() if u in only}
    return form


def submit(
    hall: Hall, clerk: str, form: Any | None = None, *, count: int = 1
) -> dict[str, list[str]]:
    """Submit `count` applications; {application_no: [ticket ids]}."""
    submitted: dict[str, list[str]] = {}
    with hall.unit() as (session, ctx):
        user = get_user(session, clerk)
        for _ in range(count):
            application = submit_application(
                session, Actor.of(user), form or sample_form(), clerk=user, ctx=ctx
            )
            submitted[application.application_no] = [t.id for t in application.tickets]
    return submitted


def tickets(hall: Hall) -> dict[str, Ticket]:
    """Every ticket by id, fresh from the database."""
    with hall.sessions() as session:
        found = session.scalars(select(Ticket)).all()
        return {t.id: t for t in found}


def by_utility(hall: Hall) -> dict[str, Ticket]:
    """The tickets of a hall holding one application, by utility."""
    return {t.utility: t for t in tickets(hall).values()}


def messages(hall: Hall) -> list[OutboxMessage]:
    with hall.sessions() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def post_signed(sim: Simulator, path: str, body: bytes, key: str) -> requests.Response:
    """A POST as a client would sign it (utility-api.md v1.1), straight to the simulator."""
    stamp = str(int(datetime.now(UTC).timestamp()))
    target = urlsplit(sim.base_url + path).path
    return requests.post(
        sim.base_url + path,
        data=body,
        headers={
            "Authorization": f"Bearer {TOKEN}",
            "Idempotency-Key": key,
            "Content-Type": "application/json",
            "X-OneWindow-Timestamp": stamp,
            "X-OneWindow-Signature": signature(SECRET, stamp, "POST", target, key, body),
        },
        timeout=5,
    )


def deliver(hall: Hall, *, feeds: bool = True) -> None:
    """One pass of the delivery loop: every request due is sent (and the feeds read)."""
    loop = DeliveryLoop(hall, rng=random.Random(3))
    loop.run_pass(feeds=feeds)
    loop.close()


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        pause.wait(0.02)


def created(sim: Simulator) -> dict[str, int]:
    return dict(sim.stats()["created"])


def posts(sim: Simulator, operation: str = "POST v1/tickets") -> int:
    return int(sim.stats()["requests"].get(operation, 0))
