"""A hall under load and faults (issue 13, "How it is checked"): 8 counters submitting through
the core and 2 workers delivering against one PostgreSQL and three simulators, while the
database is restarted, a worker is SIGKILLed, one utility's service is killed and brought
back and another's port refuses connections for a while.

Nothing may be lost or doubled: every application numbered uniquely, every ticket created
exactly once at its utility and delivered after recovery; no deadlock or serialization error
reaches a clerk (a submit refused while the database is away is a clear message, and the
clerk submits again). Submit latency (p50/p95/p99) and deliveries per second are reported.
Bounded: 30 s of load and at most 90 s to deliver the rest.
"""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest

from tests.hall.load_harness import HallUnderLoad

pytestmark = pytest.mark.slow

LOAD_S = 30.0


def _faults(hall: HallUnderLoad, started: float, log: list[str]) -> None:
    """The faults, each at its moment of the run (seconds after the clients started)."""

    def at(second: float) -> None:
        time.sleep(max(0.0, started + second - time.monotonic()))

    at(4)
    hall.kill_worker(hall.workers[0])
    log.append("worker 1 SIGKILLed")
    at(6)
    hall.start_worker()
    log.append("worker 1 restarted")
    at(9)
    hall.cluster.halt()
    log.append("PostgreSQL stopped")
    at(12)
    hall.cluster.resume()
    log.append("PostgreSQL started")
    at(15)
    hall.sims["gas"].stop()  # the gas company's service dies, connections dropped
    log.append("gas simulator killed")
    at(18)
    hall.sims["gas"].start()
    log.append("gas simulator restarted")
    at(19)
    hall.sims["power"].stop()  # the line to the power company: a refusing port
    log.append("power port refusing")
    at(26)
    hall.sims["power"].start()
    log.append("power port open again")


def test_eight_counters_two_workers_and_faults_lose_and_double_nothing(
    own_pg, tmp_path, record_property
):
    hall = HallUnderLoad(own_pg, tmp_path)
    try:
        hall.start_worker()
        hall.start_worker()
        clients = hall.start_clients(8, LOAD_S)
        hall.wait_ready(clients)
        started = time.monotonic()
        happened: list[str] = []
        faults = threading.Thread(target=_faults, args=(hall, started, happened))
        faults.start()
        report = hall.collect(clients, LOAD_S)
        faults.join()
        assert len(happened) == 8, happened

        # No error but "the database is away" reached a clerk.
        assert report.errors == []
        assert report.refused > 0  # the restart was felt, and said plainly
        assert len(report.submitted) > 50

        # Every application numbered uniquely; every one a clerk was told of is there.
        numbers = hall.application_numbers()
        assert len(numbers) == len(set(numbers))
        told = [s["application_no"] for s in report.submitted]
        assert len(told) == len(set(told))
        assert set(told) <= set(numbers)

        # Everything delivered after recovery, each ticket created once at its utility.
        assert hall.wait_delivered(90), f"{hall.undelivered()} deliveries left"
        tickets = hall.tickets()
        created = hall.created_at_utilities()
        for ticket_id, utility, utility_no in tickets:
            assert utility_no is not None, ticket_id
            assert created[utility].get(ticket_id) == 1, (utility, ticket_id)
        per_utility = Counter(utility for _, utility, _ in tickets)
        assert {u: len(c) for u, c in created.items()} == dict(per_utility)
        for n, worker in enumerate(hall.workers):
            if n != 0:  # the one SIGKILLed on purpose
                assert worker.poll() is None, hall.worker_log(n)

        hall.delivery_rate(report)
        print("\nhall under load:", report.summary(), "; faults:", ", ".join(happened))
        for key, value in {
            "applications": len(report.submitted),
            "submit_p50_ms": report.percentile(50),
            "submit_p95_ms": report.percentile(95),
            "submit_p99_ms": report.percentile(99),
            "deliveries_per_s": report.deliveries_per_s,
        }.items():
            record_property(key, round(value, 1))
    finally:
        hall.close()
