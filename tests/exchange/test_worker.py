"""`onewindow worker` and `onewindow simulate` as architecture.md sets them out: drain, timeout,
what stays queued, SIGTERM, training mode, the simulator's first line."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from onewindow.access.users import Actor, create_user
from onewindow.cli.main import main
from onewindow.config import training_config
from onewindow.errors import BadInput
from onewindow.exchange.outbox import SENDING
from onewindow.hall import Hall
from onewindow.simulator import Simulator
from onewindow.store.models import StatusEvent
from onewindow.tickets.actions import resend_ticket
from tests.conftest import PASSWORD, make_config
from tests.helpers.delivery_support import (
    SECRET,
    TOKEN,
    by_utility,
    messages,
    sample_form,
    submit,
    tickets,
    wait_until,
)

CLI = [sys.executable, "-c", "import sys; from onewindow.cli.main import main; sys.exit(main())"]


def utility_sections(sims: dict[str, Simulator], **overrides: dict[str, str]) -> str:
    text = ""
    for utility, sim in sims.items():
        values = {
            "base_url": sim.base_url,
            "token_env": "OW_TEST_TOKEN",
            "signing_secret": SECRET,
            "timeout_s": "2",
        } | overrides.get(utility, {})
        if values.get("skip"):
            continue
        text += f"[utilities.{utility}]\n"
        for key, value in values.items():
            text += f"{key} = {value}\n" if key == "timeout_s" else f'{key} = "{value}"\n'
    return text


@pytest.fixture
def configure(config_file: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("OW_TEST_TOKEN", TOKEN)
    base = config_file.read_text(encoding="utf-8")

    def write(sims: dict[str, Simulator], **overrides: dict[str, str]) -> Path:
        config_file.write_text(base + utility_sections(sims, **overrides), encoding="utf-8")
        config_file.chmod(0o600)  # it holds a signing secret: others must not read it
        return config_file

    return write


@pytest.fixture
def cli(config_file, capsys, monkeypatch):
    def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["--config", str(config_file), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def clerk(cli) -> str:
    code, _, err = cli("user", "add", "zhangwei", "--role", "clerk", stdin=f"{PASSWORD}\n" * 2)
    assert code == 0, err
    return "zhangwei"


def submit_sample(cli, clerk: str, samples: Path) -> str:
    code, out, err = cli(
        "submit", str(samples / "gas-water-power-organization.json"), "--clerk", clerk
    )
    assert code == 0, err
    return out.strip()


def test_drain_delivers_everything_and_reads_the_feeds(
    configure, cli, clerk, samples, sims
) -> None:
    configure(sims)
    number = submit_sample(cli, clerk, samples)
    code, _, err = cli("worker", "--drain", "--timeout", "30")
    assert code == 0, err
    code, out, _ = cli("show", number, "--json")
    shown = json.loads(out)
    assert {t["status"] for t in shown["tickets"]} == {"accepted"}
    for ticket in shown["tickets"]:
        sim = sims[ticket["utility"]]
        assert sim.stats()["created"] == {ticket["ticket_id"]: 1}
        assert sim.ticket(ticket["utility_ticket_no"])["ticket_id"] == ticket["ticket_id"]
    assert TOKEN not in err and SECRET not in err
    # Nothing left: a second drain is immediate and sends nothing more.
    assert cli("worker", "--drain", "--timeout", "10")[0] == 0
    assert all(sum(s.stats()["created"].values()) == 1 for s in sims.values())


def test_unconfigured_and_refused_utilities_stay_queued_and_are_reported(
    configure, cli, clerk, samples, sims
) -> None:
    configure(sims, power={"skip": "yes"}, gas={"token_env": "", "token": "revoked"})
    number = submit_sample(cli, clerk, samples)
    code, _, err = cli("worker", "--drain", "--timeout", "30")
    assert code == 0, err
    assert "power" in err and "未配置" in err
    assert "gas" in err and "凭据被拒绝" in err
    assert "revoked" not in err
    shown = {t["utility"]: t for t in json.loads(cli("show", number, "--json")[1])["tickets"]}
    assert shown["water"]["status"] == "accepted"
    assert shown["power"]["status"] == "queued"
    assert shown["gas"]["status"] == "needs_attention"


def test_drain_exits_1_when_the_timeout_comes_first(configure, cli, clerk, samples, sims) -> None:
    sims["gas"].stop()  # down: deliverable after backoff, never delivered
    configure(sims)
    submit_sample(cli, clerk, samples)
    code, _, err = cli("worker", "--drain", "--timeout", "1.5")
    assert code == 1
    assert "未能发送完" in err


def test_sigterm_finishes_the_request_in_flight_and_exits_0(
    configure, cli, clerk, samples, sims, db_url
) -> None:
    path = configure(sims)
    # Slow answers, so the signal comes while a request is in flight.
    for sim in sims.values():
        sim.add_fault("v1/tickets", "delay", seconds=0.3, times=None)
    submit_sample(cli, clerk, samples)
    env = dict(os.environ, OW_TEST_TOKEN=TOKEN)
    with subprocess.Popen(
        [*CLI, "--config", str(path), "worker"], env=env, stderr=subprocess.PIPE, text=True
    ) as worker:
        try:
            wait_until(lambda: any(sum(s.stats()["created"].values()) for s in sims.values()), 30)
            worker.send_signal(signal.SIGTERM)
            assert worker.wait(timeout=15) == 0
        finally:
            if worker.poll() is None:
                worker.kill()
    hall = Hall.open(make_config(db_url), upgrade=False)
    try:
        # Whatever the utility created was recorded before the worker stopped.
        for ticket in tickets(hall).values():
            made = sims[ticket.utility].stats()["created"].get(ticket.id, 0)
            assert made <= 1
            if ticket.utility_ticket_no is None:
                continue
            assert made == 1
        assert SENDING not in {m.state for m in messages(hall)}
    finally:
        hall.close()


def test_simulate_prints_its_base_url_first_and_stops_on_sigterm() -> None:
    with subprocess.Popen(
        [*CLI, "simulate", "--utility", "gas", "--token", "t0k"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as process:
        try:
            assert process.stdout is not None
            url = process.stdout.readline().strip()
            assert url.startswith("http://127.0.0.1:") and url.endswith("/")
            answer = requests.get(
                url + "v1/health", headers={"Authorization": "Bearer t0k"}, timeout=5
            )
            assert answer.json() == {"status": "ok"}
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=10) == 0
        finally:
            if process.poll() is None:
                process.kill()


def test_training_mode_delivers_to_the_bundled_simulators(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("ONEWINDOW_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    config = training_config()
    assert str(tmp_path) in config.database_url
    hall = Hall.open(config)
    try:
        with hall.unit() as (session, ctx):
            create_user(
                session,
                Actor.system(),
                username="trainee",
                password=PASSWORD,
                role="clerk",
                display_name="学员",
                now=ctx.now,
            )
        submit(hall, "trainee", sample_form())
        code = main(["worker", "--drain", "--timeout", "30"])
        err = capsys.readouterr().err
        assert code == 0, err
        assert "training" in err
        shown = by_utility(hall)
        assert {t.status for t in shown.values()} == {"accepted"}
        assert all(t.utility_ticket_no for t in shown.values())
    finally:
        hall.close()


def test_a_utility_slower_than_the_timeout_gets_one_ticket_and_no_new_key(
    configure, cli, clerk, samples, sims, db_url
) -> None:
    """utility-api.md v1.1: the utility holds the key while it works (4 s), the worker's
    timeout is 0.5 s; every retry meanwhile is answered 409 `in_flight`, which is passing
    trouble: the ticket never needs a person, no new key is ever offered or accepted, and the
    utility ends with exactly one ticket."""
    path = configure(sims, gas={"timeout_s": "0.5"})
    sims["gas"].add_fault("v1/tickets", "delay", seconds=4.0, stage="before")
    number = submit_sample(cli, clerk, samples)
    env = dict(os.environ, OW_TEST_TOKEN=TOKEN)
    hall = Hall.open(make_config(db_url), upgrade=False)
    try:
        gas = by_utility(hall)["gas"]
        with subprocess.Popen(
            [*CLI, "--config", str(path), "worker", "--drain", "--timeout", "60"],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        ) as worker:
            try:
                wait_until(
                    lambda: "409" in sims["gas"].stats()["responses"].get("POST v1/tickets", {}), 30
                )
                # While the first request is still at the utility: no re-send, no new key.
                with hall.unit() as (session, ctx), pytest.raises(BadInput):
                    resend_ticket(session, Actor.system(), gas.id, {}, ctx=ctx)
                _, err = worker.communicate(timeout=60)
                assert worker.returncode == 0, err
            finally:
                if worker.poll() is None:
                    worker.kill()
        shown = {t["utility"]: t for t in json.loads(cli("show", number, "--json")[1])["tickets"]}
        assert shown["gas"]["status"] == "accepted" and shown["gas"]["attention"] is None
        assert sims["gas"].stats()["created"] == {gas.id: 1}
        answers = sims["gas"].stats()["responses"]["POST v1/tickets"]
        assert answers.get("409", 0) >= 1 and answers.get("200", 0) + answers.get("201", 0) >= 1
        assert {m.idempotency_key for m in messages(hall) if m.utility == "gas"} == {gas.id}
        with hall.sessions() as session:
            seen = session.scalars(
                select(StatusEvent.status).where(StatusEvent.ticket_id == gas.id)
            ).all()
        assert "needs_attention" not in seen
    finally:
        hall.close()
