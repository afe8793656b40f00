"""Tickets on the UI tests' hall (`ui_hall`, SQLite) and the ticket screens built over them.

Test modules import the fixtures they use from here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from onewindow.desk.counter_work import SignedIn
from onewindow.desk.ticket_work import HallTicketSource
from onewindow.hall import Hall
from onewindow.store.models import User
from tests.helpers.ticket_factory import add_ticket
from ui.print_service import PrintDialog
from ui.shift import Shift
from ui.tasks import TaskRunner
from ui.ticket_detail import TicketDetailPane
from ui.ticket_table import TicketListPage

TODAY = date(2026, 11, 27)


def at(day: int, hour: int = 9, month: int = 11) -> datetime:
    """A moment in hall time (UTC+8) in 2026."""
    return datetime(2026, month, day, hour - 8, 0, tzinfo=UTC)


def settle(qtbot: QtBot, runner: TaskRunner) -> None:
    """Let every background job finish and its callbacks run (before the runner is checked)."""
    qtbot.waitUntil(lambda: not runner.busy, timeout=30_000)
    runner.shutdown()


def keep(qtbot: QtBot, widget: QWidget, runner: TaskRunner) -> None:
    """Register a widget with qtbot; before it is closed, the background work it started ends
    and its callbacks run (pytest-qt closes widgets before fixtures are torn down)."""
    qtbot.addWidget(widget, before_close_func=lambda _w: settle(qtbot, runner))


# Print jobs answered OK by the (patched) print dialog: its title and the PDF file written.
Jobs = list[tuple[str, Path]]


@dataclass
class Desk:
    ids: dict[str, str]


@pytest.fixture
def desk(ui_hall: Hall, clerk: SignedIn) -> Desk:
    """Six tickets of the signed-in clerk, one of each kind a list must show apart."""
    with ui_hall.unit() as (s, _ctx):
        me = s.get(User, clerk.user_id)
        assert me is not None
        ids = {
            "today": add_ticket(
                s,
                1,
                clerk=me,
                name="李娜",
                utility="gas",
                history=[
                    ("queued", at(20), None),
                    ("accepted", at(20, 10), "已受理，明日上门勘查"),
                ],
                due_date=TODAY,
                utility_ticket_no="GAS-2026-000123",
                received_at=at(20),
            ).id,
            "overdue": add_ticket(
                s,
                2,
                clerk=me,
                name="王敏",
                phone="0398-8123456",
                utility="water",
                history=[("queued", at(21), None), ("surveying", at(23), "已派勘查员")],
                due_date=date(2026, 11, 25),
                utility_ticket_no="JC-2026-001234",
                received_at=at(21),
            ).id,
            "paused": add_ticket(
                s,
                3,
                clerk=me,
                name="赵强",
                phone="13912675678",
                utility="gas",
                details={"usage": "residential", "external_works": True, "external_length_m": 80},
                history=[
                    ("queued", at(20, 10), None),
                    ("accepted", at(23), None),
                    ("awaiting_applicant", at(24), "请补交产权证明"),
                ],
                due_date=date(2026, 11, 30),
                paused_workdays=4,
                utility_ticket_no="GAS-2026-000124",
                received_at=at(20, 10),
                materials=[
                    ("application_form", "报装申请表", True, None),
                    ("property_proof", "产权证明", False, date(2026, 12, 4)),
                ],
            ).id,
            "attention": add_ticket(
                s,
                4,
                clerk=me,
                name="陈杰",
                phone="13700001111",
                utility="power",
                service="new_connection",
                history=[("queued", at(26), None), ("needs_attention", at(26, 10), None)],
                due_date=date(2026, 12, 2),
                received_at=at(26),
                attention=[{"field": "applicant.id_number", "message": "证件号码与姓名不符"}],
            ).id,
            "closed": add_ticket(
                s,
                5,
                clerk=me,
                name="周涛",
                phone="13500002222",
                utility="water",
                history=[("queued", at(2), None), ("connected", at(3), "已通水")],
                due_date=date(2026, 11, 4),
                utility_ticket_no="JC-2026-000999",
                received_at=at(2),
            ).id,
            "provisional": add_ticket(
                s,
                6,
                clerk=me,
                name="吴艳",
                phone="13600003333",
                utility="power",
                service="repair",
                history=[("accepted", at(31, 9, month=12), None)],
                due_date=date(2027, 1, 12),
                provisional=True,
                received_at=at(31, 9, month=12),
            ).id,
        }
    return Desk(ids)


@pytest.fixture
def list_page(
    qtbot: QtBot, ui_hall: Hall, clerk: SignedIn, runner: TaskRunner, shift: Shift
) -> Iterator[TicketListPage]:
    page = TicketListPage(shift, HallTicketSource(ui_hall, clerk.user_id))
    keep(qtbot, page, runner)
    page.resize(1360, 700)
    yield page
    settle(qtbot, runner)


@pytest.fixture
def pane(qtbot: QtBot, runner: TaskRunner, shift: Shift) -> Iterator[TicketDetailPane]:
    widget = TicketDetailPane(shift)
    keep(qtbot, widget, runner)
    widget.resize(520, 900)
    yield widget
    settle(qtbot, runner)


def open_ticket(qtbot: QtBot, pane: TicketDetailPane, ticket_id: str) -> None:
    pane.show_ticket(ticket_id)
    qtbot.waitUntil(
        lambda: pane.detail is not None and pane.detail.ticket_id == ticket_id, timeout=10_000
    )


@pytest.fixture
def jobs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Jobs:
    """Each print dialog answered OK with the job written to a PDF file: (title, file)."""
    asked: Jobs = []

    def accept(cls: type, printer: QPrinter, parent: QWidget, title: str) -> bool:
        path = tmp_path / f"job-{len(asked) + 1}.pdf"
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        asked.append((title, path))
        return True

    monkeypatch.setattr(PrintDialog, "ask", classmethod(accept))
    return asked
