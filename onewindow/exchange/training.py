"""Training mode: the bundled simulator serves all three utilities on loopback.

With no configuration file the client and `onewindow worker` start one simulator per utility
in this process and deliver to them, so a new clerk sees tickets go out and move through their
statuses without touching a real utility.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import TracebackType
from typing import Self

from sqlalchemy import select

from onewindow.access.users import Actor, create_user
from onewindow.config import (
    DEFAULT_UTILITY_NAMES,
    TRAINING_PACE_SECONDS,
    Config,
    UtilitySettings,
    check_training_pace,
)
from onewindow.hall import Hall
from onewindow.simulator import Simulator, start_training_simulators
from onewindow.store.models import User

# A trainee must be able to sign in on a bare machine; the training database holds no real
# data, so a known password is no risk there (and real halls never run in training mode).
TRAINING_PASSWORD = "training"
TRAINING_ACCOUNTS = (
    ("trainee", "clerk", "培训受理员"),
    ("lead", "lead", "培训班组长"),
    ("admin", "admin", "培训管理员"),
)

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
    """Start the simulators (moving tickets at the configuration's training pace) for a
    training configuration and return it with its utilities pointing at them."""
    simulators = start_training_simulators(
        step_seconds=TRAINING_PACE_SECONDS[check_training_pace(config.training_pace)]
    )
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


def ensure_training_accounts(hall: Hall) -> bool:
    """In a training database without users, create one of each role; True when created."""
    if not hall.config.training:
        raise ValueError("training accounts only in training mode")
    with hall.unit() as (session, ctx):
        if session.scalar(select(User.id).limit(1)) is not None:
            return False
        for username, role, display_name in TRAINING_ACCOUNTS:
            create_user(
                session,
                Actor.system(),
                username=username,
                password=TRAINING_PASSWORD,
                role=role,
                display_name=display_name,
                now=ctx.now,
            )
    return True
