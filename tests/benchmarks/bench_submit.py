"""Validate + split + save one three-utility form on SQLite, against a bare insert of the same rows.

Run: `python -m tests.benchmarks.bench_submit [RUNS]`. The target (issue 2): median under
20 ms. The baseline inserts the same application, ticket, material, status, outbox and audit
rows with plain SQLAlchemy Core in one transaction, on the same kind of database file, so the
ratio shows what the checks, the numbering, the SLA clock and the audit chain cost.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert, select

from onewindow.access.users import Actor, create_user
from onewindow.config import Config, HallSettings
from onewindow.hall import Hall
from onewindow.intake.submit import submit_application
from onewindow.store.models import (
    Application,
    AuditEvent,
    Material,
    OutboxMessage,
    StatusEvent,
    Ticket,
    User,
)

FORM = Path(__file__).resolve().parents[1] / "samples" / "gas-water-power-organization.json"
TARGET_MS = 20.0


def _hall(folder: Path, name: str) -> Hall:
    config = Config(
        path=None,
        training=False,
        database_url=f"sqlite:///{folder / name}",
        hall=HallSettings(code="BNCH", name="基准营业厅", supervision_hotline="12345"),
        counter_id="W01",
        utilities={},
        audit_key_file=folder / "audit.key",
    )
    return Hall.open(config, clock=lambda: datetime.now(UTC))


def measure(runs: int) -> tuple[float, float]:
    form = json.loads(FORM.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        hall = _hall(Path(tmp), "submit.db")
        with hall.unit() as (session, ctx):
            create_user(
                session,
                Actor.system(),
                username="bench",
                password="Bench#2026",
                role="clerk",
                now=ctx.now,
            )
        submit_ms = []
        for _ in range(runs):
            started = time.perf_counter()
            with hall.unit() as (session, ctx):
                clerk = session.scalar(select(User).where(User.username == "bench"))
                submit_application(session, Actor.of(clerk), form, clerk=clerk, ctx=ctx)
            submit_ms.append((time.perf_counter() - started) * 1000)
        # The baseline copies the rows the service wrote and inserts them again, bare.
        with hall.sessions() as session:
            app = session.scalars(select(Application).limit(1)).one()
            rows = {
                model: [
                    {
                        c.key: getattr(obj, c.key)
                        for c in model.__table__.columns
                        if c.key != "id" or model is Ticket
                    }
                    for obj in session.scalars(select(model).where(*_of(model, app)))
                ]
                for model in (Ticket, Material, StatusEvent, OutboxMessage, AuditEvent)
            }
            app_row = {
                c.key: getattr(app, c.key) for c in Application.__table__.columns if c.key != "id"
            }
        bare_ms = []
        for i in range(runs):
            started = time.perf_counter()
            with hall.engine.begin() as conn:
                app_id = conn.execute(
                    insert(Application)
                    .values(app_row | {"application_no": f"BARE-{i}"})
                    .returning(Application.id)
                ).scalar_one()
                ids = {}
                for t in rows[Ticket]:
                    ids[t["id"]] = f"{t['id'][:30]}{i:06d}"
                    conn.execute(
                        insert(Ticket).values(t | {"id": ids[t["id"]], "application_id": app_id})
                    )
                for model in (Material, StatusEvent):
                    conn.execute(
                        insert(model), [r | {"ticket_id": ids[r["ticket_id"]]} for r in rows[model]]
                    )
                conn.execute(
                    insert(OutboxMessage),
                    [
                        r
                        | {
                            "ticket_id": ids[r["ticket_id"]],
                            "idempotency_key": f"{r['idempotency_key']}{i}",
                        }
                        for r in rows[OutboxMessage]
                    ],
                )
                conn.execute(insert(AuditEvent), rows[AuditEvent])
            bare_ms.append((time.perf_counter() - started) * 1000)
        hall.close()
    return statistics.median(submit_ms), statistics.median(bare_ms)


def _of(model: type, app: Application) -> list[object]:
    if model is Ticket:
        return [Ticket.application_id == app.id]
    if model is AuditEvent:
        return [AuditEvent.entity_id == app.application_no]
    ticket_ids = select(Ticket.id).where(Ticket.application_id == app.id)
    return [model.ticket_id.in_(ticket_ids)]  # type: ignore[attr-defined]


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 60
    submit, bare = measure(runs)
    print(
        f"submit one 3-utility form (validate+split+save), SQLite: median {submit:.2f} ms "
        f"(target < {TARGET_MS:.0f} ms)"
    )
    print(f"bare SQLAlchemy Core insert of the same rows:            median {bare:.2f} ms")
    print(f"ratio submit / bare: {submit / bare:.2f}")


if __name__ == "__main__":
    main()
