"""Training mode: a bare machine gets one account of each role so a trainee can sign in."""

from dataclasses import replace

import pytest

from onewindow.access.users import sign_in
from onewindow.cli.main import main
from onewindow.config import TRAINING_PACE_SECONDS, training_config
from onewindow.desk.counter_work import open_configured
from onewindow.errors import ConfigError
from onewindow.exchange.training import (
    TRAINING_ACCOUNTS,
    TRAINING_PASSWORD,
    ensure_training_accounts,
    start_training,
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


def test_the_simulators_start_at_the_configured_pace_realtime_by_default() -> None:
    with start_training(training_config()) as training:
        steps = {s.step_seconds for s in training.simulators.values()}
        assert steps == {TRAINING_PACE_SECONDS["realtime"]} and steps.pop() >= 3 * 3600
    with start_training(replace(training_config(), training_pace="seconds")) as training:
        assert {s.step_seconds for s in training.simulators.values()} == {20.0}
    with pytest.raises(ConfigError, match="realtime、minutes、seconds"):
        start_training(replace(training_config(), training_pace="warp"))


def test_the_desktop_opens_training_at_the_pace_asked_for(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ONEWINDOW_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    opened = open_configured(None, training_pace="minutes")
    try:
        assert opened.training is not None
        assert opened.hall.config.training_pace == "minutes"
        assert {s.step_seconds for s in opened.training.simulators.values()} == {300.0}
    finally:
        opened.close()


def test_worker_pace_is_for_training_mode_only(config_file, capsys) -> None:
    assert main(["--config", str(config_file), "worker", "--pace", "seconds", "--drain"]) == 2
    assert "--pace is for training mode only" in capsys.readouterr().err
    assert main(["worker", "--pace", "warp"]) == 2
    assert "invalid choice: 'warp'" in capsys.readouterr().err
