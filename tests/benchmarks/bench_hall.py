"""A hall on one PostgreSQL at scale (issue 13 §5): throughput and the lead's screens.

Run: `python -m tests.benchmarks bench_hall` (needs PostgreSQL's binaries, as the tests do).

1. Submissions per second with 1, 2, 4 and 8 counters submitting through the core in their
   own processes (tests/hall/load_harness.py), with the p50/p95 submit time. Baseline: one
   counter.
2. Deliveries per second with 1, 2 and 4 workers (`onewindow worker`) emptying the same
   queue of 300 tickets to the three simulators. Baseline: one worker.
3. The lead's workload screen and the indicator report (a month, a year) on 300,000 tickets
   over three years (about 1.9 million status events), written with COPY. Targets: workload
   < 300 ms, a month < 1 s, a year < 3 s. Baseline: a bare count of the period's status
   events (what reading the histories costs the database at the least).
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psycopg
from sqlalchemy import create_engine, func, select, text

from onewindow.access.users import Actor, Role
from onewindow.clock import hall_date
from onewindow.hall import Hall
from onewindow.lead import workload as wl
from onewindow.lead.indicators import compute_indicators
from onewindow.store.models import Application, StatusEvent, Ticket
from tests.conftest import make_config
from tests.hall.cluster import OwnCluster
from tests.hall.load_harness import HallUnderLoad
from tests.helpers.pg_cluster import find_bin_dir

SUBMIT_S = 10.0
QUEUE_APPLICATIONS = 150  # 300 tickets with the two sample forms
BIG = 300_000


def submissions(cluster: OwnCluster, folder: Path) -> None:
    hall = HallUnderLoad(cluster, folder)
    try:
        base = None
        print("   counters  submits/s  p50 ms  p95 ms")
        for clients in (1, 2, 4, 8):
            started = hall.start_clients(clients, SUBMIT_S)
            hall.wait_ready(started)
            report = hall.collect(started, SUBMIT_S)
            assert not report.errors, report.errors[:3]
            rate = report.submits_per_s
            base = base or rate
            print(
                f"   {clients:8d}  {rate:9.1f}  {report.percentile(50):6.0f}  "
                f"{report.percentile(95):6.0f}   ({rate / base:.2f}× one counter)",
                flush=True,
            )
    finally:
        hall.close()


def deliveries(cluster: OwnCluster, folder: Path) -> None:
    print("   workers  deliveries/s  seconds for the queue")
    base = None
    for workers in (1, 2, 4):
        run = folder / f"deliver{workers}"
        run.mkdir()
        admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("DROP DATABASE IF EXISTS hall WITH (FORCE)"))
            conn.execute(text("CREATE DATABASE hall"))
        admin.dispose()
        hall = HallUnderLoad(cluster, run, clerks=1)
        try:
            _queue(hall.hall, hall.clerk_ids[0], QUEUE_APPLICATIONS)
            tickets = hall.undelivered()
            started = time.monotonic()
            for _ in range(workers):
                hall.start_worker()
            assert hall.wait_delivered(600), f"{hall.undelivered()} left"
            took = time.monotonic() - started
            rate = tickets / took
            base = base or rate
            print(
                f"   {workers:7d}  {rate:12.1f}  {took:8.1f}   ({rate / base:.2f}× one worker)",
                flush=True,
            )
        finally:
            hall.close()


def _queue(hall: Hall, clerk_id: int, applications: int) -> None:
    from onewindow.desk.counter_work import submit

    samples = Path(__file__).resolve().parents[1] / "samples"
    forms = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(samples.glob("g*.json"))]
    for n in range(applications):
        submit(hall, clerk_id, forms[n % len(forms)])


# 3. The lead's screens on 300,000 tickets.

PATHS = {
    "gas": [
        ["accepted", "surveying", "inspecting", "connected"],
        ["accepted", "surveying", "awaiting_approval", "constructing", "inspecting", "connected"],
    ],
    "water": [
        ["accepted", "surveying", "constructing", "inspecting", "connected"],
        ["accepted", "awaiting_applicant", "surveying", "inspecting", "connected"],
    ],
    "power": [
        ["accepted", "surveying", "awaiting_approval", "constructing", "inspecting", "connected"],
        ["accepted", "surveying", "inspecting", "connected"],
    ],
}
SERVICES = ["new_connection"] * 6 + ["capacity_change", "transfer", "repair", "disconnect"]


def seed(conninfo: str, tickets: int, start: date, days: int, clerks: list[int]) -> int:
    """Three years of a busy hall, written with COPY: applications of one to three tickets,
    each with a plausible history (most connected, some waiting, rejected or cancelled)."""
    rng = random.Random(13)
    apps, rows, events = [], [], []
    app_id = made = 0
    while made < tickets:
        app_id += 1
        day = start + timedelta(days=rng.randrange(days))
        received = datetime(day.year, day.month, day.day, rng.randrange(1, 9), tzinfo=UTC)
        rating = rng.choice([None, None, 3, 4, 5, 5])
        clerk = rng.choice(clerks)
        apps.append(
            (
                app_id,
                f"LBGX-{day:%Y%m%d}-{app_id:07d}",
                "LBGX",
                "W01",
                clerk,
                received,
                received,
                "person",
                "李娜",
                "resident_id",
                "110101199003074477",
                None,
                "13803981234",
                "灵宝市五龙路8号",
                None,
                None,
                None,
                True,
                "{}",
                rating,
                received if rating else None,
            )
        )
        for position, utility in enumerate(
            rng.sample(["water", "power", "gas"], rng.randint(1, 3))
        ):
            made += 1
            ticket_id = f"00000000-0000-4000-8000-{made:012d}"
            details: dict[str, object] = {"usage": rng.choice(["residential", "non_residential"])}
            if utility == "gas":
                details["external_works"] = rng.random() < 0.3
            history = [("queued", received, "counter")]
            at = received + timedelta(minutes=rng.randrange(1, 30))
            history.append(("delivered", at, "delivery"))
            fate, path = rng.random(), rng.choice(PATHS[utility])
            steps = (
                ["accepted", "rejected"]
                if fate < 0.05
                else ["accepted", "cancelled"]
                if fate < 0.08
                else path[: rng.randint(1, len(path) - 1)]
                if fate < 0.2
                else path
            )
            for status in steps:
                at += timedelta(hours=rng.randrange(2, 60))
                history.append((status, at, "utility"))
            status, last = history[-1][0], history[-1][1]
            closed = last if status in ("connected", "rejected", "cancelled") else None
            accepted = next((a for s, a, _ in history if s == "accepted"), None)
            due = hall_date(received) + timedelta(days=rng.randrange(1, 20))
            rows.append(
                (
                    ticket_id,
                    app_id,
                    position,
                    utility,
                    rng.choice(SERVICES),
                    None,
                    json.dumps(details),
                    status,
                    None,
                    clerk,
                    received,
                    last,
                    accepted,
                    closed,
                    due,
                    False,
                    2,
                    0,
                    rng.random() < 0.1,
                    None,
                    1,
                    1,
                )
            )
            events.extend(
                (ticket_id, s, a, None, src, None, None, None, a) for s, a, src in history
            )
    with psycopg.connect(conninfo) as conn, conn.cursor() as cur:
        with cur.copy(
            "COPY applications (id, application_no, hall_code, counter_id, clerk_id, received_at,"
            " created_at, applicant_kind, applicant_name, id_type, id_number, contact_name, phone,"
            " site_address, project_name, permit_no, land_acquired_on, consent, form, rating,"
            " rated_at) FROM STDIN"
        ) as copy:
            for row in apps:
                copy.write_row(row)
        with cur.copy(
            "COPY tickets (id, application_id, position, utility, service, account_no, details,"
            " status, utility_ticket_no, assignee_id, created_at, updated_at, accepted_at,"
            " closed_at, due_date, due_provisional, limit_workdays, paused_workdays, returned,"
            " attention, delivery_round, version) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)
        with cur.copy(
            "COPY status_events (ticket_id, status, at, note, source, utility, feed_id, feed_seq,"
            " recorded_at) FROM STDIN"
        ) as copy:
            for row in events:
                copy.write_row(row)
        cur.execute(
            "SELECT setval(pg_get_serial_sequence('applications', 'id'), max(id)) FROM applications"
        )
        conn.commit()
        cur.execute("ANALYZE")
    return len(events)


def _median_ms(work, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def lead_screens(cluster: OwnCluster) -> None:
    admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS big WITH (FORCE)"))
        conn.execute(text("CREATE DATABASE big"))
    admin.dispose()
    hall = Hall.open(make_config(cluster.url("big")))
    from onewindow.access.users import create_user

    with hall.unit() as (session, ctx):
        clerks = [
            create_user(
                session,
                Actor.system(),
                username=f"clerk{n}",
                password="Bench#2026",
                role="clerk",
                display_name=f"受理员{n}",
                now=ctx.now,
            ).id
            for n in range(12)
        ]
    started = time.perf_counter()
    conninfo = cluster.url("big").replace("postgresql+psycopg", "postgresql")
    events = seed(conninfo, BIG, date(2024, 1, 1), 3 * 365, clerks)
    print(
        f"   seeded {BIG:,} tickets, {events:,} status events in "
        f"{time.perf_counter() - started:.0f} s"
    )
    lead = Actor("lead", Role.LEAD)
    with hall.unit() as (session, ctx):
        today = hall_date(ctx.now)

        def workload() -> None:
            wl.hall_summary(session, lead, today=today)
            wl.clerk_loads(session, lead, today=today)
            wl.tickets_by_utility_and_status(session, lead)
            wl.approaching_due(session, lead, today=today, calendar=ctx.calendar)
            wl.overdue_tickets(session, lead, today=today)

        ms = _median_ms(workload, 5)
        print(f"   workload (the 统计 screen's five queries): {ms:6.0f} ms   target < 300 ms")
        for label, first, last, target in (
            ("a month", date(2025, 3, 1), date(2025, 3, 31), 1000),
            ("a year ", date(2025, 1, 1), date(2025, 12, 31), 3000),
        ):
            report = compute_indicators(
                session,
                lead,
                date_from=first,
                date_to=last,
                calendar=ctx.calendar,
                policy=ctx.policy,
                now=ctx.now,
            )
            tickets = sum(r.tickets for r in report.rows)
            ms = _median_ms(
                lambda first=first, last=last: compute_indicators(
                    session,
                    lead,
                    date_from=first,
                    date_to=last,
                    calendar=ctx.calendar,
                    policy=ctx.policy,
                    now=ctx.now,
                ),
                3,
            )
            start = datetime.combine(first, datetime.min.time(), UTC) - timedelta(hours=8)
            end = datetime.combine(last, datetime.min.time(), UTC) + timedelta(hours=16)
            bare = _median_ms(
                lambda start=start, end=end: session.execute(
                    select(func.count())
                    .select_from(StatusEvent)
                    .join(Ticket, Ticket.id == StatusEvent.ticket_id)
                    .join(Application, Application.id == Ticket.application_id)
                    .where(Application.received_at >= start, Application.received_at < end)
                ).scalar_one(),
                3,
            )
            print(
                f"   indicators, {label} ({tickets:,} tickets): {ms:6.0f} ms   target < "
                f"{target} ms; a bare count of its status events {bare:.0f} ms ({ms / bare:.1f}×)"
            )
    hall.close()


def main() -> None:
    if find_bin_dir() is None:
        print("   PostgreSQL is not installed: skipped")
        return
    parts = {"submit", "deliver", "lead"}
    only = parts & set(sys.argv[1:]) or parts  # `python -m tests.benchmarks.bench_hall lead`
    with tempfile.TemporaryDirectory() as tmp:
        cluster = OwnCluster(find_bin_dir())  # type: ignore[arg-type]
        cluster.start()
        try:
            admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text("CREATE DATABASE hall"))
            admin.dispose()
            if "submit" in only:
                print("-- submissions per second, counters in their own processes")
                submissions(cluster, Path(tmp))
            if "deliver" in only:
                print("-- deliveries per second, `onewindow worker` processes")
                deliveries(cluster, Path(tmp))
            if "lead" in only:
                print(f"-- the lead's screens on {BIG:,} tickets")
                lead_screens(cluster)
        finally:
            cluster.stop()


if __name__ == "__main__":
    main()
