"""Every action button of the working screens, clicked, and its effect checked.

Each screen's table below names every action button the screen can show, with what clicking
it must change (a row in the database, a file, a print job) — not that the button is
enabled. A screen that gains a button without a line here fails, so no action reaches a
clerk untried (补打回执 in the detail pane once failed every time, behind a test that only
checked that it was enabled).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractButton, QDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from onewindow.desk import counter_work
from onewindow.desk.counter_work import SignedIn
from onewindow.exchange.loop import DeliveryLoop
from onewindow.hall import Hall
from onewindow.simulator.server import Simulator
from onewindow.store.models import (
    Application,
    AuditEvent,
    Material,
    OutboxMessage,
    PrintRecord,
    Ticket,
    User,
)
from tests.helpers.delivery_support import SECRET, TOKEN, wire
from tests.helpers.ticket_factory import add_ticket
from tests.ui import lead_fixtures, ticket_fixtures, training_fixtures
from tests.ui.clicks import click, count
from tests.ui.conftest import ShiftOf
from tests.ui.lead_fixtures import LeadDesk
from tests.ui.ticket_fixtures import TODAY, Desk, Jobs, at, keep, open_ticket
from ui.lead_view import LeadView
from ui.print_service import SaveDialog
from ui.reassign_dialog import ReassignDialog
from ui.shift import Shift
from ui.tasks import TaskRunner
from ui.ticket_detail import TicketDetailPane
from ui.ticket_dialogs import CancelDialog, MaterialDialog, ResendDialog
from ui.visit_result import VisitResult

desk = ticket_fixtures.desk
pane = ticket_fixtures.pane
jobs = ticket_fixtures.jobs
lead_desk = lead_fixtures.lead_desk
training_hall = training_fixtures.training_hall
submitted = training_fixtures.submitted
training_pane = training_fixtures.training_pane


def action_buttons(screen: QWidget) -> set[str]:
    """The object names of the push buttons a screen shows (check boxes and radio buttons
    are choices, not actions)."""
    return {
        b.objectName() or b.text()
        for b in screen.findChildren(QAbstractButton)
        if isinstance(b, QPushButton) and b.isVisibleTo(screen)
    }


# The ticket detail pane ----------------------------------------------------------------------


@pytest.fixture
def refused_cancel(ui_hall: Hall, clerk: SignedIn) -> str:
    """A ticket the utility connected after refusing its cancel: marked until acknowledged."""
    with ui_hall.unit() as (session, _ctx):
        me = session.get(User, clerk.user_id)
        assert me is not None
        return add_ticket(
            session,
            9,
            clerk=me,
            name="孙丽",
            utility="power",
            history=[("accepted", at(25), None), ("connected", at(26), "已送电")],
            utility_ticket_no="PWR-2026-000009",
            received_at=at(25),
            attention=[{"field": "", "message": "已开通，不能撤销"}],
        ).id


def _record_material(
    qtbot: QtBot, pane: TicketDetailPane, hall: Hall, desk: Desk, mp: pytest.MonkeyPatch
) -> None:
    ticket_id = desk.ids["paused"]
    open_ticket(qtbot, pane, ticket_id)
    mp.setattr(MaterialDialog, "ask", classmethod(lambda cls, missing, parent: ["property_proof"]))
    with qtbot.waitSignal(pane.changed, timeout=10_000):
        click(qtbot, pane.buttons["record_material"])
    with hall.sessions() as session:
        proof = session.scalar(
            select(Material).where(
                Material.ticket_id == ticket_id, Material.code == "property_proof"
            )
        )
        assert proof is not None and proof.received


def _cancel(
    qtbot: QtBot, pane: TicketDetailPane, hall: Hall, desk: Desk, mp: pytest.MonkeyPatch
) -> None:
    ticket_id = desk.ids["today"]
    open_ticket(qtbot, pane, ticket_id)
    mp.setattr(CancelDialog, "ask", classmethod(lambda cls, number, parent: "申请人不再需要"))
    with qtbot.waitSignal(pane.changed, timeout=10_000):
        click(qtbot, pane.buttons["cancel"])
    with hall.sessions() as session:
        ticket = session.get(Ticket, ticket_id)
        # Asked of the utility, not done: 撤销中 until it confirms.
        assert ticket is not None and ticket.status == "cancel_requested"


@pytest.fixture
def refused_delivery(ui_hall: Hall, clerk: SignedIn, samples: Path) -> Iterator[str]:
    """A gas ticket the utility refused as invalid (nothing created there): a real delivery
    to the bundled simulator, answered 422 `invalid`."""
    sims = {"gas": Simulator("gas", token=TOKEN, secret=SECRET).start()}
    try:
        words = [{"field": "applicant.phone", "message": "联系电话无法接通"}]
        sims["gas"].add_fault("v1/tickets", "invalid", errors=words)
        form = json.loads((samples / "gas-only-resident.json").read_text("utf-8"))
        number = counter_work.submit(ui_hall, clerk.user_id, form).application_no
        DeliveryLoop(wire(ui_hall, sims), rng=random.Random(7)).run_pass(feeds=False)
        with ui_hall.sessions() as session:
            ticket = session.scalars(
                select(Ticket).join(Application).where(Application.application_no == number)
            ).one()
            assert ticket.status == "needs_attention"
        yield ticket.id
    finally:
        sims["gas"].stop()


def _resend(
    qtbot: QtBot, pane: TicketDetailPane, hall: Hall, ticket_id: str, mp: pytest.MonkeyPatch
) -> None:
    open_ticket(qtbot, pane, ticket_id)
    before = count(hall, OutboxMessage, ticket_id=ticket_id)
    mp.setattr(
        ResendDialog,
        "ask",
        classmethod(lambda cls, messages, parent: {"applicant.phone": "13803981235"}),
    )
    said: list[str] = []
    pane.failed.connect(said.append)
    pane.changed.connect(said.append)
    click(qtbot, pane.buttons["resend"])
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    assert said == [ticket_id]
    assert count(hall, OutboxMessage, ticket_id=ticket_id) == before + 1
    with hall.sessions() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None and ticket.status == "queued"


def _reprint(qtbot: QtBot, pane: TicketDetailPane, hall: Hall, desk: Desk, jobs: Jobs) -> None:
    open_ticket(qtbot, pane, desk.ids["overdue"])
    with qtbot.waitSignal(pane.message, timeout=20_000):
        click(qtbot, pane.buttons["reprint"])
    qtbot.waitUntil(lambda: bool(jobs) and jobs[-1][1].exists(), timeout=10_000)
    assert count(hall, PrintRecord, kind="receipt") == 1


def _reprint_notice(
    qtbot: QtBot, pane: TicketDetailPane, hall: Hall, desk: Desk, jobs: Jobs
) -> None:
    open_ticket(qtbot, pane, desk.ids["paused"])
    with qtbot.waitSignal(pane.message, timeout=20_000):
        click(qtbot, pane.buttons["reprint_notice"])
    qtbot.waitUntil(lambda: bool(jobs) and jobs[-1][1].exists(), timeout=10_000)
    assert count(hall, PrintRecord, kind="notice") == 1


def _acknowledge(qtbot: QtBot, pane: TicketDetailPane, hall: Hall, ticket_id: str) -> None:
    open_ticket(qtbot, pane, ticket_id)
    with qtbot.waitSignal(pane.changed, timeout=10_000):
        click(qtbot, pane.buttons["acknowledge"])
    with hall.sessions() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None and ticket.attention_at is None
    assert count(hall, AuditEvent, action="ticket.attention_acknowledged") == 1


DETAIL_ACTIONS = {
    "record_material",
    "cancel",
    "resend",
    "reprint",
    "reprint_notice",
    "acknowledge",
}


def test_the_detail_pane_offers_no_action_this_file_does_not_click(
    qtbot: QtBot, pane: TicketDetailPane, desk: Desk, refused_cancel: str, refused_delivery: str
) -> None:
    offered: set[str] = set()
    for ticket_id in [*desk.ids.values(), refused_cancel, refused_delivery]:
        open_ticket(qtbot, pane, ticket_id)
        offered |= {key for key, b in pane.buttons.items() if b.isVisibleTo(pane)}
    assert offered == DETAIL_ACTIONS


@pytest.mark.parametrize("action", sorted(DETAIL_ACTIONS))
def test_each_detail_action_does_what_it_says(
    action: str,
    qtbot: QtBot,
    pane: TicketDetailPane,
    ui_hall: Hall,
    desk: Desk,
    refused_cancel: str,
    jobs: Jobs,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    if action == "record_material":
        _record_material(qtbot, pane, ui_hall, desk, monkeypatch)
    elif action == "cancel":
        _cancel(qtbot, pane, ui_hall, desk, monkeypatch)
    elif action == "resend":
        _resend(qtbot, pane, ui_hall, request.getfixturevalue("refused_delivery"), monkeypatch)
    elif action == "reprint":
        _reprint(qtbot, pane, ui_hall, desk, jobs)
    elif action == "reprint_notice":
        _reprint_notice(qtbot, pane, ui_hall, desk, jobs)
    else:
        _acknowledge(qtbot, pane, ui_hall, refused_cancel)


# The visit result ----------------------------------------------------------------------------


@pytest.fixture
def result(
    qtbot: QtBot,
    ui_hall: Hall,
    clerk: SignedIn,
    runner: TaskRunner,
    shift: Shift,
    samples: Path,
) -> VisitResult:
    form = json.loads((samples / "gas-water-power-organization.json").read_text("utf-8"))
    submitted = counter_work.submit(ui_hall, clerk.user_id, form)
    view = VisitResult(shift)
    keep(qtbot, view, runner)
    view.show()
    with qtbot.waitSignal(view.receipt_ready, timeout=20_000):
        view.show_visit(submitted)
    return view


def _papers(hall: Hall) -> list[str]:
    with hall.sessions() as session:
        return sorted(r.kind for r in session.scalars(select(PrintRecord)))


VISIT_ACTIONS: dict[str, Callable[..., None]] = {}


def visit_action(name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    def register(check: Callable[..., None]) -> Callable[..., None]:
        VISIT_ACTIONS[name] = check
        return check

    return register


@visit_action("print_button")
def _print_all(qtbot: QtBot, view: VisitResult, hall: Hall, jobs: Jobs, **_: object) -> None:
    click(qtbot, view.print_button)
    qtbot.waitUntil(lambda: _papers(hall) == ["notice", "receipt"], timeout=20_000)
    qtbot.waitUntil(lambda: bool(jobs) and jobs[-1][1].exists(), timeout=10_000)


@visit_action("notice_button")
def _notice(qtbot: QtBot, view: VisitResult, hall: Hall, jobs: Jobs, **_: object) -> None:
    click(qtbot, view.notice_button)
    qtbot.waitUntil(lambda: _papers(hall) == ["notice"], timeout=20_000)


@visit_action("form_button")
def _form(qtbot: QtBot, view: VisitResult, hall: Hall, jobs: Jobs, **_: object) -> None:
    click(qtbot, view.form_button)
    qtbot.waitUntil(lambda: _papers(hall) == ["application_form"], timeout=20_000)


@visit_action("save_button")
def _save(
    qtbot: QtBot, view: VisitResult, hall: Hall, tmp_path: Path, mp: pytest.MonkeyPatch, **_: object
) -> None:
    target = tmp_path / "saved.pdf"
    mp.setattr(SaveDialog, "ask", classmethod(lambda cls, parent, suggested: str(target)))
    click(qtbot, view.save_button)
    qtbot.waitUntil(target.exists, timeout=20_000)
    assert target.read_bytes().startswith(b"%PDF") and _papers(hall) == ["receipt"]


@visit_action("rate_button")
def _rate(qtbot: QtBot, view: VisitResult, hall: Hall, **_: object) -> None:
    view.rating_buttons[4].click()
    with qtbot.waitSignal(view.rated, timeout=10_000):
        click(qtbot, view.rate_button)
    with hall.sessions() as session:
        assert session.scalar(select(Application.rating)) == 4


def test_the_visit_result_offers_no_action_this_file_does_not_click(result: VisitResult) -> None:
    named = {
        name: getattr(result, name).objectName() or getattr(result, name).text()
        for name in VISIT_ACTIONS
    }
    assert action_buttons(result) == set(named.values())


@pytest.mark.parametrize("action", sorted(VISIT_ACTIONS))
def test_each_visit_action_does_what_it_says(
    action: str,
    qtbot: QtBot,
    result: VisitResult,
    ui_hall: Hall,
    jobs: Jobs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    VISIT_ACTIONS[action](qtbot, result, ui_hall, jobs=jobs, tmp_path=tmp_path, mp=monkeypatch)


# The team lead's view ------------------------------------------------------------------------


@pytest.fixture
def lead_view(
    qtbot: QtBot, shift_of: ShiftOf, runner: TaskRunner, lead_desk: LeadDesk, tmp_path: Path
) -> LeadView:
    def save_dialog(parent: QWidget, title: str, suggested: str, filter_text: str) -> str:
        return str(tmp_path / suggested)

    view = LeadView(shift_of(lead_desk.lead), save_dialog=save_dialog)
    keep(qtbot, view, runner)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.refresh()
    return view


def test_every_lead_action_does_what_it_says(
    qtbot: QtBot,
    lead_view: LeadView,
    ui_hall: Hall,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view = lead_view
    buttons = {
        "refresh": view.refresh_button,
        "reassign": view.reassign_button,
        "pdf": view.pdf_button,
        "csv": view.csv_button,
    }
    assert action_buttons(view) == {b.objectName() or b.text() for b in buttons.values()}

    with qtbot.waitSignal(view.loaded, timeout=10_000):
        click(qtbot, buttons["refresh"])

    selection = view.due_view.selectionModel()
    selection.select(
        view.due.index(0, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    chosen = view.selected_tickets()[0].ticket_id

    def fill_and_accept(dialog: ReassignDialog) -> int:
        dialog.target.setCurrentIndex(dialog.target.findData("lina"))
        dialog.reason.setPlainText("张伟下午外出勘查")
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReassignDialog, "exec", fill_and_accept)
    with qtbot.waitSignal(view.reassigned, timeout=10_000):
        click(qtbot, buttons["reassign"])
    with ui_hall.sessions() as session:
        ticket = session.get(Ticket, chosen)
        assert ticket is not None and ticket.assignee is not None
        assert ticket.assignee.username == "lina"

    for kind in ("pdf", "csv"):
        with qtbot.waitSignal(view.message, timeout=20_000):
            click(qtbot, buttons[kind])
        (saved,) = tmp_path.glob(f"*.{kind}")
        assert saved.stat().st_size > 0


# The training scenarios of the detail pane (training mode only) ------------------------------

TRAINING_ACTIONS = {"trainingScenarios"}


def test_in_training_mode_the_detail_pane_adds_only_the_scenario_menu(
    qtbot: QtBot, training_pane: TicketDetailPane, submitted: dict[str, str]
) -> None:
    open_ticket(qtbot, training_pane, submitted["water"])
    core_actions = {b.objectName() for b in training_pane.buttons.values()}
    assert action_buttons(training_pane) - core_actions == TRAINING_ACTIONS


def _scenario(qtbot: QtBot, pane: TicketDetailPane, ticket_id: str, name: str) -> None:
    """Choose a scenario from the pane's 培训场景 menu, as a trainer does."""
    open_ticket(qtbot, pane, ticket_id)
    button = pane.findChild(QPushButton, "trainingScenarios")
    assert button is not None and button.isEnabled() and button.isVisibleTo(pane)
    entry = next(a for a in button.menu().actions() if a.objectName() == f"scenario_{name}")
    with qtbot.waitSignal(pane.changed, timeout=10_000):
        entry.trigger()


def _status(hall: Hall, ticket_id: str) -> Ticket:
    with hall.sessions() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket


@pytest.mark.parametrize("name", ["refuse_cancel", "overdue", "returned", "refused"])
def test_each_training_scenario_does_what_it_says(
    name: str,
    qtbot: QtBot,
    training_pane: TicketDetailPane,
    training_hall: Hall,
    submitted: dict[str, str],
    clerk: SignedIn,
) -> None:
    from onewindow.desk import ticket_work
    from tests.helpers.delivery_support import deliver

    pane, hall = training_pane, training_hall
    if name != "returned":
        deliver(hall)
    ticket_id = submitted["power"]
    _scenario(qtbot, pane, ticket_id, name)
    if name == "refuse_cancel":
        ticket_work.cancel(hall, clerk.user_id, ticket_id, "申请人撤回")
        deliver(hall, feeds=False)
        assert _status(hall, ticket_id).attention_at is not None
        pane.show_ticket(ticket_id)
        qtbot.waitUntil(lambda: pane.buttons["acknowledge"].isVisibleTo(pane), timeout=10_000)
    elif name == "overdue":
        assert _status(hall, ticket_id).due_date < TODAY
        # The pane shows the ticket again, overdue (show_ticket after the change).
        qtbot.waitUntil(
            lambda: (
                pane.detail is not None
                and any("已超期" in line for line in pane.clock_texts(pane.detail))
            ),
            timeout=10_000,
        )
    elif name == "returned":
        # Not delivered yet: the delivery is refused as invalid, so it can be corrected.
        deliver(hall)
        assert _status(hall, ticket_id).status == "needs_attention"
        pane.show_ticket(ticket_id)
        qtbot.waitUntil(lambda: pane.buttons["resend"].isEnabled(), timeout=10_000)
    else:
        deliver(hall)
        assert _status(hall, ticket_id).status == "rejected"
        pane.show_ticket(ticket_id)

        def closed() -> bool:
            button = pane.findChild(QPushButton, "trainingScenarios")
            return button is not None and not button.isEnabled()

        qtbot.waitUntil(closed, timeout=10_000)
