"""Training mode: a bare machine gets one account of each role so a trainee can sign in."""

from dataclasses import replace

import pytest

from onewindow.access.users import sign_in
from onewindow.config import training_config
from onewindow.exchange.training import (
    TRAINING_ACCOUNTS,
    TRAINING_PASSWORD,
    ensure_training_accounts,
)
from onewindow.hall import Hall


def test_training_accounts_are_created_once(tmp_path, clock):
    config = replace(training_config(), database_url=f"sqlite:///{tmp_path / 't.db'}")
    hall = Hall.open(config, clock=clock)
    try:
        assert ensure_training_accounts(hall) is True
        assert ensure_training_accounts(hall) is False
        for username, role, _ in TRAINING_ACCOUNTS:
            user = sign_in(hall.sessions, username, TRAINING_PASSWORD, now=clock.moment)
            assert user.role == role
    finally:
        hall.close()


def test_never_outside_training_mode(hall):
    with pytest.raises(ValueError):
        ensure_training_accounts(hall)
