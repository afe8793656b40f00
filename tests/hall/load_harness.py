"""A whole hall on one PostgreSQL, for the load test and the benchmark: counters submitting
through the core in their own processes (tests/hall/load_client.py), `onewindow worker`
processes delivering, and the three utilities' simulators on loopback (in this process, so
that a test can cut one and bring it back with its tickets intact, as a utility's service
restarting would)."""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from onewindow.access.users import Actor, create_user
from onewindow.config import UTILITIES
from onewindow.hall import Hall
from onewindow.simulator import Simulator
from onewindow.store.models import Application, OutboxMessage, Ticket
from tests.conftest import AUDIT_KEY_FILE, make_config
from tests.hall.cluster import OwnCluster

CLI = [sys.executable, "-c", "import sys; from onewindow.cli.main import main; sys.exit(main())"]
TOKEN = "load-token-3c9e"
SECRET = "load-secret-77a1"
PASSWORD = "Counter#2026"


def _env() -> dict[str, str]:
    return os.environ | {"PYTHONPATH": os.getcwd()}


@dataclass
class LoadReport:
    submitted: list[dict[str, Any]]
    refused: int
    errors: list[str]
    seconds: float
    deliveries: int = 0
    delivery_seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def percentile(self, p: float) -> float:
        times = sorted(s["ms"] for s in self.submitted)
        if not times:
            return float("nan")
        return times[min(len(times) - 1, round(p / 100 * (len(times) - 1)))]

    @property
    def submits_per_s(self) -> float:
        return len(self.submitted) / self.seconds

    @property
    def deliveries_per_s(self) -> float:
        return self.deliveries / self.delivery_seconds if self.delivery_seconds else 0.0

    def summary(self) -> str:
        return (
            f"{len(self.submitted)} applications in {self.seconds:.0f} s "
            f"({self.submits_per_s:.1f}/s), submit p50 {self.percentile(50):.0f} ms, "
            f"p95 {self.percentile(95):.0f} ms, p99 {self.percentile(99):.0f} ms; "
            f"{self.deliveries} deliveries at {self.deliveries_per_s:.1f}/s; "
            f"{self.refused} submits refused while the database was away"
        )


class HallUnderLoad:
    def __init__(self, cluster: OwnCluster, folder: Path, *, clerks: int = 8) -> None:
        self.cluster = cluster
        self.folder = folder
        self.url = cluster.url("hall")
        self.sims = {
            u: Simulator(u, token=TOKEN, secret=SECRET, step_seconds=3.0).start() for u in UTILITIES
        }
        self.hall = Hall.open(make_config(self.url))
        self.clerk_ids: list[int] = []
        with self.hall.unit() as (session, ctx):
            for n in range(clerks):
                user = create_user(session, Actor.system(), username=f"clerk{n}",
                                   password=PASSWORD, role="clerk", display_name=f"受理员{n}",
                                   now=ctx.now)  # fmt: skip
                session.flush()
                self.clerk_ids.append(user.id)
        self.counter_config = self._config("counter.toml", utilities=False)
        self.worker_config = self._config("worker.toml", utilities=True)
        self.workers: list[subprocess.Popen[str]] = []
        self._logs: list[Any] = []

    def _config(self, name: str, *, utilities: bool) -> Path:
        text = (
            f'[database]\nurl = "{self.url}"\n[hall]\ncode = "LBGX"\n'
            'name = "灵宝市水电气共享营业厅"\nsupervision_hotline = "0398-12345"\n'
            '[counter]\nid = "W01"\n'
            f'[audit]\nkey_file = "{AUDIT_KEY_FILE}"\n'
        )
        if utilities:
            for utility, sim in self.sims.items():
                text += (
                    f'[utilities.{utility}]\nbase_url = "{sim.base_url}"\ntoken = "{TOKEN}"\n'
                    f'signing_secret = "{SECRET}"\ntimeout_s = 3\n'
                )
        path = self.folder / name
        path.write_text(text, encoding="utf-8")
        path.chmod(0o600)  # it may hold tokens: the program refuses a readable one
        return path

    # The processes.

    def start_worker(self) -> subprocess.Popen[str]:
        log = (self.folder / f"worker{len(self.workers)}.log").open("w", encoding="utf-8")
        self._logs.append(log)
        worker = subprocess.Popen(
            [*CLI, "--config", str(self.worker_config), "worker"],
            env=_env(),
            stdout=subprocess.DEVNULL,
            stderr=log,
            text=True,
        )
        self.workers.append(worker)
        return worker

    def worker_log(self, n: int) -> str:
        return (self.folder / f"worker{n}.log").read_text(encoding="utf-8")[-3000:]

    def kill_worker(self, worker: subprocess.Popen[str]) -> None:
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)

    def start_clients(self, count: int, seconds: float) -> list[tuple[subprocess.Popen[str], Path]]:
        started = []
        for n in range(count):
            out = self.folder / f"client{n}.json"
            client = subprocess.Popen(
                [sys.executable, "-m", "tests.hall.load_client", str(self.counter_config),
                 str(self.clerk_ids[n % len(self.clerk_ids)]), str(seconds), str(out)],
                env=_env(),
                stderr=subprocess.PIPE,
                text=True,
            )  # fmt: skip
            started.append((client, out))
        return started

    def wait_ready(self, clients: list[tuple[subprocess.Popen[str], Path]]) -> None:
        """Until every client has opened the hall (Python and Qt-free imports take a while
        on a busy machine): the load and its faults are timed from then."""
        deadline = time.monotonic() + 120
        while not all(out.with_suffix(".ready").exists() for _, out in clients):
            assert time.monotonic() < deadline, "clients did not start"
            for client, _ in clients:
                if client.poll() is not None:
                    _, err = client.communicate()
                    raise AssertionError(f"a client ended early: {err[-2000:]}")
            time.sleep(0.1)

    def collect(
        self, clients: list[tuple[subprocess.Popen[str], Path]], seconds: float
    ) -> LoadReport:
        report = LoadReport(submitted=[], refused=0, errors=[], seconds=seconds)
        for client, out in clients:
            _, err = client.communicate(timeout=seconds + 120)
            assert client.returncode == 0, err
            found = json.loads(out.read_text(encoding="utf-8"))
            report.submitted += found["submitted"]
            report.refused += found["refused"]
            report.errors += found["errors"]
        return report

    # What the database and the utilities hold.

    def undelivered(self) -> int:
        with self.hall.sessions() as session:
            return int(
                session.scalar(
                    select(func.count())
                    .select_from(OutboxMessage)
                    .where(OutboxMessage.kind == "deliver", OutboxMessage.state != "done")
                )
                or 0
            )

    def wait_delivered(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.undelivered() == 0:
                    return True
            except Exception:  # the database restarting under the test
                pass
            time.sleep(0.5)
        return False

    def delivery_rate(self, report: LoadReport) -> None:
        with self.hall.sessions() as session:
            first, last, done = session.execute(
                select(
                    func.min(OutboxMessage.created_at),
                    func.max(OutboxMessage.done_at),
                    func.count(),
                ).where(OutboxMessage.kind == "deliver", OutboxMessage.state == "done")
            ).one()
        report.deliveries = int(done)
        if first is not None and last is not None:
            report.delivery_seconds = (last - first).total_seconds()

    def application_numbers(self) -> list[str]:
        with self.hall.sessions() as session:
            return list(session.scalars(select(Application.application_no)))

    def tickets(self) -> list[tuple[str, str, str | None]]:
        with self.hall.sessions() as session:
            return [(t.id, t.utility, t.utility_ticket_no) for t in session.scalars(select(Ticket))]

    def created_at_utilities(self) -> dict[str, dict[str, int]]:
        return {u: dict(sim.stats()["created"]) for u, sim in self.sims.items()}

    def close(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
        for worker in self.workers:
            try:
                worker.wait(30)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
        for log in self._logs:
            log.close()
        self.hall.close()
        for sim in self.sims.values():
            sim.stop()


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
