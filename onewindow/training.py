"""Training mode: the bundled simulator serves all three utilities on loopback.

With no configuration file the client and `onewindow worker` start one simulator per utility
in this process and deliver to them, so a new clerk sees tickets go out and move through their
statuses without touching a real utility.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import TracebackType
from typing import Self

from onewindow.config import DEFAULT_UTILITY_NAMES, Config, UtilitySettings
from onewindow.simulator import Simulator, start_training_simulators

# Loopback answers in milliseconds; a stuck simulator should not hold a clerk's screen long.
TRAINING_TIMEOUT_S = 5.0


@dataclass
class TrainingUtilities:
    """The running simulators and the configuration that points at them; stop() ends them."""

    simulators: dict[str, Simulator]
    config: Config

    def stop(self) -> None:
        for simulator in self.simulators.values():
            simulator.stop()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def start_training(config: Config) -> TrainingUtilities:
    """Start the simulators (moving tickets every `simulator_step_seconds`) for a training
    configuration and return it with its utilities pointing at them."""
    simulators = start_training_simulators(step_seconds=config.simulator_step_seconds)
    utilities = {
        utility: UtilitySettings(
            utility=utility,
            name=DEFAULT_UTILITY_NAMES[utility],
            base_url=simulator.base_url,
            timeout_s=TRAINING_TIMEOUT_S,
            hotline="12345",
        )
        for utility, simulator in simulators.items()
    }
    return TrainingUtilities(simulators, replace(config, utilities=utilities))
