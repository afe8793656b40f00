"""The three simulated utilities a client without configuration (training mode) talks to."""

import time
from datetime import UTC, datetime

from onewindow.simulator.cli import DEFAULT_STEP_SECONDS
from onewindow.simulator.server import Simulator

UTILITIES = ("water", "power", "gas")


def start_training_simulators(step_seconds: float = DEFAULT_STEP_SECONDS) -> dict[str, Simulator]:
    """One started simulator per utility on free loopback ports, without credentials; the
    caller stops them."""
    started: dict[str, Simulator] = {}
    base = restart_number_base()
    try:
        for utility in UTILITIES:
            started[utility] = Simulator(
                utility, step_seconds=step_seconds, number_base=base
            ).start()
    except OSError:
        for simulator in started.values():
            simulator.stop()
        raise
    return started


def restart_number_base(now: float | None = None) -> int:
    """Where a training simulator's numbers start: the seconds since the year began, so that a
    restarted simulator never hands out a number the training database already holds (unless
    the last run made more than one ticket a second)."""
    moment = datetime.fromtimestamp(time.time() if now is None else now, UTC)
    return int(
        (moment - moment.replace(month=1, day=1, hour=0, minute=0, second=0)).total_seconds()
    )
