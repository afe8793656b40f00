"""Screenshots of the lead's and administrator's screens, and page 1 of the indicator report.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m scripts.lead_screenshots docs/screenshots

Builds a throwaway hall (SQLite in a temporary folder) at Friday 2026-11-27 09:30 hall time
with four clerks and a few dozen tickets of October and November, and saves, in Chinese (zh)
and English (en), stats-*.png, audit-*.png, admin-users-*.png, admin-endpoints-*.png,
admin-policy-*.png, admin-holidays-*.png; and indicators-report.png (the PDF's first page,
via pdftoppm).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from onewindow.access.users import Actor, create_user
from onewindow.config import load as load_config
from onewindow.desk import counter_work
from onewindow.hall import Hall
from onewindow.lead.indicators import compute_indicators
from onewindow.papers.indicator_report import render_pdf
from onewindow.store.models import Ticket
from onewindow.tickets.reassignment import reassign_tickets
from tests.conftest import PASSWORD, FixedClock
from tests.helpers.lead_data import seed_ticket
from ui import i18n, look
from ui.admin_page import AdminPage
from ui.audit_view import AuditView
from ui.lead_view import LeadView
from ui.shift import Shift
from ui.tasks import TaskRunner

CLERKS = (("zhangwei", "张伟"), ("lina", "李娜"), ("liuyang", "刘洋"), ("zhaoqiang", "赵强"))
FLOWS = {
    "plain": ["accepted", "surveying", "inspecting", "connected"],
    "works": [
        "accepted",
        "surveying",
        "awaiting_approval",
        "constructing",
        "inspecting",
        "connected",
    ],
}


def fill(hall: Hall) -> None:
    rng = random.Random(11)
    with hall.unit() as (session, ctx):
        for name, display, role in (
            ("wangmin", "王敏", "lead"),
            ("admin", "系统管理员", "admin"),
            *((n, d, "clerk") for n, d in CLERKS),
        ):
            create_user(
                session,
                Actor.system(),
                username=name,
                password=PASSWORD,
                role=role,
                display_name=display,
                now=ctx.now,
            )
        day = date(2026, 10, 8)
        while day <= date(2026, 11, 27):
            if day.weekday() < 5:
                for _ in range(rng.randint(0, 2)):
                    utility = rng.choice(("water", "power", "gas", "gas"))
                    works = utility == "gas" and rng.random() < 0.3
                    flow = FLOWS["works" if works else "plain"]
                    age = (date(2026, 11, 27) - day).days
                    steps = len(flow) if age > 12 else rng.randint(0, len(flow) - 1)
                    moment = datetime(day.year, day.month, day.day, 9, rng.randint(0, 59))
                    events = []
                    for status in flow[:steps]:
                        moment += timedelta(hours=rng.choice((2, 20, 26)))
                        if moment.date() > date(2026, 11, 27):
                            break
                        events.append((status, f"{moment:%Y-%m-%d %H:%M}"))
                    seed_ticket(
                        session,
                        ctx,
                        clerk=rng.choice(CLERKS)[0],
                        received=f"{day:%Y-%m-%d} 09:{rng.randint(0, 59):02d}",
                        utility=utility,
                        details={"usage": "residential", "external_works": works},
                        events=events,
                        returned=rng.random() < 0.1,
                        rating=rng.choice((None, 5, 5, 4, 3)),
                    )
            day += timedelta(days=1)
        seed_ticket(
            session,
            ctx,
            clerk="zhangwei",
            received="2026-11-24 10:00",
            events=[("accepted", "2026-11-24 10:05"), ("surveying", "2026-11-24 15:00")],
        )
        seed_ticket(
            session,
            ctx,
            clerk="lina",
            received="2026-11-26 10:00",
            utility="power",
            events=[("needs_attention", "2026-11-26 10:01")],
        )
    with hall.unit() as (session, ctx):
        some = session.scalars(select(Ticket.id).where(Ticket.closed_at.is_(None)).limit(2)).all()
        lead = Actor(name="wangmin", role=None)
        reassign_tickets(
            session, lead, list(some), "liuyang", "张伟外出勘查，由刘洋跟进", now=ctx.now
        )


def settle(app: QApplication, tasks: TaskRunner) -> None:
    for _ in range(100):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if not tasks.busy:
            break
    loop = QEventLoop()
    QTimer.singleShot(300, loop.quit)
    loop.exec()


def save(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(path)


def shoot(
    app: QApplication,
    lead: Shift,
    admin: Shift,
    out: Path,
    suffix: str,
) -> None:
    tasks = lead.tasks
    stats = LeadView(lead)
    stats.resize(1366, 800)
    stats.show()
    stats.refresh()
    settle(app, tasks)
    save(stats, out / f"stats-{suffix}.png")

    audit = AuditView(lead)
    audit.resize(1366, 700)
    audit.show()
    audit.load_actions()
    audit.search()
    settle(app, tasks)
    save(audit, out / f"audit-{suffix}.png")

    page = AdminPage(admin)
    page.resize(1200, 720)
    page.show()
    for index, name in enumerate(("users", "endpoints", "lists", "policy", "holidays")):
        page.tabs.setCurrentIndex(index)
        if name == "endpoints":
            page.endpoints.utility.setCurrentIndex(2)  # gas, the configured one
        page.load_tab(index)
        settle(app, tasks)
        if name in ("users", "endpoints", "policy", "holidays"):
            save(page, out / f"admin-{name}-{suffix}.png")
    for widget in (stats, audit, page):
        widget.close()


def main(out: Path) -> None:
    app = QApplication(sys.argv[:1])
    look.load_font(app)
    look.apply_style(app)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        clock = FixedClock(datetime(2026, 11, 27, 1, 30, tzinfo=UTC))
        config_file = Path(tmp) / "onewindow.toml"
        config_file.write_text(
            f"""[database]
url = "sqlite:///{Path(tmp) / "hall.db"}"
[hall]
code = "LBGX"
name = "灵宝市水电气共享营业厅"
supervision_hotline = "0398-12345"
[counter]
id = "3"
[utilities.gas]
name = "灵宝市天然气有限公司"
base_url = "https://gas.example.cn/onewindow/"
token = "tok-5a6b7c8d9e0f1a2b"
hotline = "0398-2222222"
[audit]
key_file = "{Path(tmp) / "audit.key"}"
""",
            encoding="utf-8",
        )
        config_file.chmod(0o600)  # it holds a token
        hall = Hall.open(load_config(config_file), clock=clock)
        fill(hall)
        tasks = TaskRunner()
        settings = QSettings(str(Path(tmp) / "ws.ini"), QSettings.Format.IniFormat)
        lead = Shift(hall, counter_work.sign_in(hall, "wangmin", PASSWORD), tasks, settings)
        admin = Shift(hall, counter_work.sign_in(hall, "admin", PASSWORD), tasks, settings)

        for language, suffix in ((i18n.ZH, "zh"), (i18n.EN, "en")):
            i18n.install(app, language)
            shoot(app, lead, admin, out, suffix)
        i18n.install(app, i18n.ZH)

        with hall.unit() as (session, ctx):
            report = compute_indicators(
                session,
                Actor.system(),
                date_from=date(2026, 10, 1),
                date_to=date(2026, 11, 27),
                calendar=ctx.calendar,
                policy=ctx.policy,
                now=ctx.now,
            )
        pdf = Path(tmp) / "report.pdf"
        pdf.write_bytes(render_pdf(report, hall_name=hall.config.hall.name))
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "80",
                "-png",
                "-singlefile",
                str(pdf),
                str(out / "indicators-report"),
            ],
            check=True,
        )
        print(out / "indicators-report.png")
        tasks.shutdown()
        hall.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
