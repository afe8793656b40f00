"""The whole window of a signed-in user, built the way the client builds it (ui.app): the main
window with its ticket screens and, by role, the lead's and administrator's screens.

Every window of tests/ui/test_every_admin_action.py is constructed here and nowhere else, so
that a change to how screens are constructed is followed in one place. The hall runs from a
configuration file (the admin screen writes it) on SQLite and on PostgreSQL, with one user of
each role (conftest `users`, all with PASSWORD) and two open gas tickets of zhangwei's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from onewindow.config import load as load_config
from onewindow.desk import counter_work
from onewindow.desk.counter_work import Opened, SignedIn
from onewindow.hall import Hall
from tests.conftest import PASSWORD
from tests.helpers.lead_data import seed_ticket
from tests.ui.ticket_fixtures import keep
from ui.admin_page import AdminPage
from ui.audit_view import AuditView
from ui.lead_screens import LeadScreens
from ui.main_window import MainWindow
from ui.shift import Shift
from ui.sign_in import SignInDialog
from ui.tasks import TaskRunner
from ui.ticket_screens import TicketScreens

# The gas endpoint of the configuration file (the bundled simulator is started on it by tests).
GAS_TOKEN = "tok-5a6b7c8d9e0f1a2b"


@dataclass
class Screens:
    hall: Hall
    user: SignedIn
    tasks: TaskRunner
    window: MainWindow
    tickets: TicketScreens
    lead: LeadScreens

    @property
    def admin(self) -> AdminPage:
        assert self.lead.admin is not None, f"{self.user.username} has no 管理 page"
        return self.lead.admin

    @property
    def audit(self) -> AuditView:
        assert self.lead.audit is not None, f"{self.user.username} has no 审计 page"
        return self.lead.audit


@pytest.fixture
def file_hall(hall: Hall, config_file: Path, users: dict[str, str]) -> Hall:
    """The test hall (both engines) run from its configuration file, with a gas endpoint, one
    user of each role and two open tickets (whose due dates a policy or holiday change moves)."""
    with config_file.open("a", encoding="utf-8") as config:
        config.write(
            f'[utilities.gas]\nbase_url = "https://gas.example.cn/onewindow/"\n'
            f'token = "{GAS_TOKEN}"\n'
        )
    hall.config = load_config(config_file)
    with hall.unit() as (session, ctx):
        seed_ticket(session, ctx, clerk="zhangwei", received="2026-11-26 10:00")
        seed_ticket(
            session,
            ctx,
            clerk="zhangwei",
            received="2026-11-24 10:00",
            events=[("accepted", "2026-11-24 10:05")],
        )
    return hall


def open_screens(hall: Hall, user: SignedIn, runner: TaskRunner, settings: QSettings) -> Screens:
    """The window ui.app opens after a sign-in (without its delivery thread and idle watch)."""
    window = MainWindow(Shift(hall, user, runner, settings), counter_work.form_context(hall))
    return Screens(hall, user, runner, window, TicketScreens(window), LeadScreens(window))


def _shown(
    qtbot: QtBot, hall: Hall, user: SignedIn, runner: TaskRunner, settings: QSettings
) -> Iterator[Screens]:
    screens = open_screens(hall, user, runner, settings)
    keep(qtbot, screens.window, runner)
    screens.window.show()
    qtbot.waitUntil(lambda: not runner.busy, timeout=20_000)
    yield screens
    qtbot.waitUntil(lambda: not runner.busy, timeout=30_000)


@pytest.fixture
def admin_screens(
    qtbot: QtBot, file_hall: Hall, runner: TaskRunner, settings: QSettings
) -> Iterator[Screens]:
    """The administrator's window: 工单, 待办, 统计, 审计, 管理 (no 受理)."""
    admin = counter_work.sign_in(file_hall, "admin", PASSWORD)
    yield from _shown(qtbot, file_hall, admin, runner, settings)


@pytest.fixture
def clerk_screens(
    qtbot: QtBot, file_hall: Hall, runner: TaskRunner, settings: QSettings
) -> Iterator[Screens]:
    """A clerk's window: 受理, 工单, 待办."""
    clerk = counter_work.sign_in(file_hall, "zhangwei", PASSWORD)
    yield from _shown(qtbot, file_hall, clerk, runner, settings)


@pytest.fixture
def sign_in_window(
    qtbot: QtBot, file_hall: Hall, runner: TaskRunner, settings: QSettings
) -> Iterator[SignInDialog]:
    """The sign-in window over the hall, as ui.app shows it once the hall is open."""
    dialog = SignInDialog(runner, settings)
    keep(qtbot, dialog, runner)
    dialog.set_opened(Opened(file_hall, None))
    dialog.show()
    yield dialog
    qtbot.waitUntil(lambda: not runner.busy, timeout=30_000)


@pytest.fixture
def training_screens(
    qtbot: QtBot,
    training_hall: Hall,
    clerk: SignedIn,
    runner: TaskRunner,
    settings: QSettings,
) -> Iterator[Screens]:
    """A clerk's window in training mode (tests/ui/training_fixtures.py: the utilities are the
    bundled simulators on loopback; SQLite only): the training band carries 培训设置."""
    yield from _shown(qtbot, training_hall, clerk, runner, settings)
