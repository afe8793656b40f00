"""Screenshots of the ticket list and a ticket's detail, in Chinese and English (offscreen).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m scripts.ticket_screenshots docs/screenshots

Builds a throwaway hall (SQLite in a temporary folder) with a few hundred generated tickets and
some hand-made ones, at Friday 2026-11-27 09:30 hall time, and saves
tickets-zh.png, tickets-en.png, ticket-detail-zh.png, ticket-detail-en.png.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QBuffer, QEventLoop, QIODevice, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from onewindow.config import UtilitySettings
from onewindow.desk import counter_work
from onewindow.hall import Hall
from onewindow.store.models import AgencyPermit, OutboxMessage, Ticket, User, UtilityLink
from tests.conftest import FixedClock, make_config
from tests.helpers.ticket_factory import add_ticket, add_user, bulk_tickets
from ui import i18n, look
from ui.main_window import MainWindow
from ui.shift import Shift
from ui.tasks import TaskRunner
from ui.ticket_screens import TicketScreens

TODAY = date(2026, 11, 27)


def at(day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour - 8, minute, tzinfo=UTC)


def fill(hall: Hall) -> tuple[counter_work.SignedIn, str]:
    with hall.unit() as (s, _ctx):
        me = add_user(s, "zhangwei", "张伟")
        others = [add_user(s, f"clerk{i}", n).id for i, n in enumerate(("李娜", "王敏", "刘洋"))]
        bulk_tickets(s, 600, clerk_ids=[me.id, *others], today=date(2026, 11, 19))
        add_ticket(
            s,
            9001,
            clerk=me,
            name="灵宝市函谷食品有限公司",
            phone="13903981234",
            utility="gas",
            history=[("queued", at(27, 9, 12), None), ("accepted", at(27, 9, 13), None)],
            due_date=date(2026, 12, 1),
            utility_ticket_no="GAS-2026-000123",
            received_at=at(27, 9, 12),
        )
        add_ticket(
            s,
            9002,
            clerk=me,
            name="王敏",
            phone="0398-8123456",
            utility="water",
            history=[("queued", at(24), None), ("surveying", at(25), "已派勘查员")],
            due_date=TODAY,
            utility_ticket_no="JC-2026-001234",
            received_at=at(24),
        )
        detail = add_ticket(
            s,
            9003,
            clerk=me,
            name="赵强",
            phone="13912675678",
            utility="gas",
            details={"usage": "commercial", "external_works": True, "external_length_m": 80},
            history=[
                ("queued", at(20, 10), None),
                ("accepted", at(20, 10, 1), "已受理，将于下一工作日上门勘查"),
                ("surveying", at(23, 9, 40), "勘查员李强已联系申请人"),
                ("awaiting_applicant", at(24, 15, 20), "请申请人补交产权证明后继续办理"),
            ],
            due_date=date(2026, 11, 30),
            paused_workdays=4,
            utility_ticket_no="GAS-2026-000124",
            received_at=at(20, 10),
            materials=[
                ("application_form", "报装申请表", True, None),
                ("business_license", "营业执照", True, None),
                (
                    "property_proof",
                    "产权证明（房产证、不动产权证或购房合同）",
                    False,
                    date(2026, 11, 27),
                ),
            ],
        )
        detail.permits = [
            AgencyPermit(kind="road_excavation", state="requested", updated_at=at(20))
        ]
        add_ticket(
            s,
            9004,
            clerk=me,
            name="陈杰",
            phone="13700001111",
            utility="power",
            history=[("queued", at(26), None), ("needs_attention", at(26, 10), None)],
            due_date=date(2026, 12, 3),
            received_at=at(26),
            attention=[{"field": "applicant.id_number", "message": "证件号码与姓名不符"}],
        )
        user = s.get(User, me.id)
        assert user is not None
        return (
            counter_work.SignedIn(user.id, user.username, user.display_name, "clerk", False),
            detail.id,
        )


def delivery_state(hall: Hall) -> None:
    """Water and power delivering; gas answering 503 for a while (◐ in the header)."""
    moment = at(27, 9, 25)
    with hall.unit() as (s, _ctx):
        for utility in ("water", "power", "gas"):
            s.add(UtilityLink(utility=utility, last_seq=0, last_ok_at=moment, updated_at=moment))
        ticket_id = s.scalars(select(Ticket.id).where(Ticket.utility == "gas")).first()
        s.add(
            OutboxMessage(
                ticket_id=ticket_id,
                utility="gas",
                kind="deliver",
                idempotency_key="screenshot-1",
                body=b"{}",
                state="pending",
                attempts=4,
                created_at=moment,
                next_attempt_at=moment,
                last_attempt_at=moment,
                last_http_status=503,
                last_error="HTTP 503 Service Unavailable",
            )
        )


def wait(app: QApplication, ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(widget: QWidget, path: Path) -> None:
    # 256 colours picked from the picture itself (reportlab's Pillow): exact UI colours, crisp
    # text, a small file.
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().save(buffer, "PNG")
    picture = Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGB")
    picture.quantize(256, dither=Image.Dither.NONE).save(path, optimize=True)
    print(f"{path}  {path.stat().st_size // 1024} KB")


def shoot(
    app: QApplication,
    hall: Hall,
    user: counter_work.SignedIn,
    detail_id: str,
    out: Path,
    language: str,
) -> None:
    i18n.install(app, language)
    suffix = "en" if language == i18n.EN else "zh"
    tasks = TaskRunner()
    settings = QSettings(str(out / f".screenshots-{suffix}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Shift(hall, user, tasks, settings), counter_work.form_context(hall))
    screens = TicketScreens(window)
    window.resize(1366, 768)
    window.show()
    window.show_page("tickets")
    wait(app, 1500)
    page = screens.tickets
    row = page.model.row_of(detail_id)
    assert row is not None
    page.browser.table.selectRow(row)
    wait(app, 1200)
    save(window, out / f"tickets-{suffix}.png")
    pane = page.browser.detail
    pane.setParent(None)
    pane.resize(560, 860)
    pane.show()
    wait(app, 300)
    save(pane, out / f"ticket-detail-{suffix}.png")
    pane.close()
    screens.delivery.stop()
    window.close()
    tasks.shutdown()
    Path(settings.fileName()).unlink(missing_ok=True)


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([argv[0]])
    look.load_font(app)
    look.apply_style(app)
    with tempfile.TemporaryDirectory() as folder:
        clock = FixedClock(datetime(2026, 11, 27, 1, 30, tzinfo=UTC))
        utilities = {
            u: UtilitySettings(u, u, f"http://127.0.0.1:9/{u}/", token="training")
            for u in ("water", "power", "gas")
        }
        config = make_config(f"sqlite:///{Path(folder) / 'shots.db'}", utilities=utilities)
        hall = Hall.open(config, clock=clock)
        user, detail_id = fill(hall)
        delivery_state(hall)
        for language in (i18n.ZH, i18n.EN):
            shoot(app, hall, user, detail_id, out, language)
        hall.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
