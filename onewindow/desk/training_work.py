"""The units of work behind the training controls (ui/training_controls.py), run on the
background worker: a scenario for a ticket, a utility down or up, the pace. Each opens its own
transaction; the core refuses them outside training mode (onewindow.exchange.training_scenarios).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onewindow.access.acting import acting
from onewindow.exchange import training_scenarios

if TYPE_CHECKING:
    from onewindow.codes import Text
    from onewindow.hall import Hall


def scenario(hall: Hall, user_id: int, ticket_id: str, name: str) -> Text:
    """Make the scenario `name` happen to the ticket; what it did, in a sentence."""
    with hall.unit() as (session, ctx):
        return training_scenarios.run_scenario(
            session, acting(session, user_id), ticket_id, name, ctx=ctx
        )


def utility_down(hall: Hall, user_id: int, utility: str, down: bool) -> Text:
    with hall.unit() as (session, ctx):
        return training_scenarios.set_utility_down(
            session, acting(session, user_id), utility, down, ctx=ctx
        )


def pace(hall: Hall, user_id: int, name: str) -> Text:
    with hall.unit() as (session, ctx):
        return training_scenarios.set_pace(session, acting(session, user_id), name, ctx=ctx)


def states(hall: Hall) -> training_scenarios.SimulatorStates:
    """Which simulated utilities are down and at what pace they run (asked of them)."""
    return training_scenarios.simulator_states(hall.config)
