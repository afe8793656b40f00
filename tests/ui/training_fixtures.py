"""A training hall for the UI tests: `ui_hall` in training mode, its utilities the bundled
simulators on loopback, one application submitted and delivered, and a detail pane over it.

Test modules import the fixtures they use from here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from onewindow.desk import counter_work
from onewindow.desk.counter_work import SignedIn
from onewindow.hall import Hall
from onewindow.simulator import Simulator
from onewindow.store.models import Ticket
from tests.helpers.delivery_support import sample_form, wire
from tests.ui.conftest import ShiftOf
from tests.ui.ticket_fixtures import keep, settle
from ui.tasks import TaskRunner
from ui.ticket_detail import TicketDetailPane


@pytest.fixture
def training_hall(ui_hall: Hall, sims: dict[str, Simulator]) -> Hall:
    wired = wire(ui_hall, sims)
    return wired.with_config(replace(wired.config, training=True))


def ticket(hall: Hall, utility: str) -> Ticket:
    with hall.sessions() as session:
        return session.scalars(select(Ticket).where(Ticket.utility == utility)).one()


@pytest.fixture
def submitted(training_hall: Hall, clerk: SignedIn) -> dict[str, str]:
    """One application for water, power and gas; its ticket ids by utility (not delivered)."""
    counter_work.submit(training_hall, clerk.user_id, sample_form())
    return {u: ticket(training_hall, u).id for u in ("water", "power", "gas")}


@pytest.fixture
def training_pane(
    qtbot: QtBot,
    training_hall: Hall,
    clerk: SignedIn,
    runner: TaskRunner,
    shift_of: ShiftOf,
) -> Iterator[TicketDetailPane]:
    widget = TicketDetailPane(shift_of(clerk, training_hall))
    keep(qtbot, widget, runner)
    widget.resize(520, 900)
    yield widget
    settle(qtbot, runner)
