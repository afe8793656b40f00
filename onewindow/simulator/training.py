"""The three simulated utilities a client without configuration (training mode) talks to."""

from onewindow.simulator.cli import DEFAULT_STEP_SECONDS
from onewindow.simulator.server import Simulator

UTILITIES = ("water", "power", "gas")


def start_training_simulators(step_seconds: float = DEFAULT_STEP_SECONDS) -> dict[str, Simulator]:
    """One started simulator per utility on free loopback ports, without credentials; the
    caller stops them."""
    started: dict[str, Simulator] = {}
    try:
        for utility in UTILITIES:
            started[utility] = Simulator(utility, step_seconds=step_seconds).start()
    except OSError:
        for simulator in started.values():
            simulator.stop()
        raise
    return started
