"""`onewindow self-check [--json]`: exit 0 when all is well, 1 with one line per problem."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from onewindow.audit.key import load_key
from onewindow.cli.main import main
from onewindow.simulator import Simulator
from onewindow.store.db import make_engine
from tests.conftest import AUDIT_KEY_FILE

Run = Callable[..., tuple[int, str, str]]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _write_config(path: Path, db_url: str, extra: str = "", key: Path = AUDIT_KEY_FILE) -> Path:
    path.write_text(
        f'[database]\nurl = "{db_url}"\n[hall]\ncode = "LBGX"\nname = "灵宝市水电气共享营业厅"\n'
        f'supervision_hotline = "0398-12345"\n[counter]\nid = "W03"\n'
        f'[audit]\nkey_file = "{key}"\n{extra}',
        encoding="utf-8",
    )
    path.chmod(0o600)  # it may hold a token or a database password
    return path


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_a_ready_installation_is_green_with_its_utility_answering(
    run: Run, db_url: str, tmp_path: Path
) -> None:
    simulator = Simulator("gas", token="T0KEN-check").start()
    try:
        config = _write_config(
            tmp_path / "ow.toml",
            db_url,
            f'[utilities.gas]\nbase_url = "{simulator.base_url}"\ntoken = "T0KEN-check"\n',
        )
        initialised = run("--config", str(config), "init")
        assert initialised[0] == 0, initialised[2]
        code, out, err = run("--config", str(config), "self-check", "--json")
    finally:
        simulator.stop()
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["ok"] and not report["training"]
    checks = {c["check"]: c for c in report["checks"]}
    assert set(checks) == {"database", "font", "translations", "audit key", "utility gas"}
    assert all(c["ok"] for c in checks.values())


def test_a_database_behind_the_programs_schema_is_named(
    run: Run, db_url: str, tmp_path: Path
) -> None:
    config = _write_config(tmp_path / "ow.toml", db_url)
    assert run("--config", str(config), "init")[0] == 0
    engine = make_engine(db_url)
    with engine.begin() as connection:
        head = connection.scalar(text("SELECT version_num FROM alembic_version"))
        connection.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    try:
        code, out, err = run("--config", str(config), "self-check")
    finally:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head})
        engine.dispose()
    assert code == 1
    (line,) = err.splitlines()
    assert line.startswith("onewindow: self-check: database: ")
    assert "at schema 0001" in line and f"needs {head}" in line and "onewindow init" in line
    assert "ok  font" in out  # the other checks still ran


def test_a_missing_database_is_reported_not_created(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "ow.db"
    config = _write_config(tmp_path / "ow.toml", f"sqlite:///{missing}")
    code, _out, err = run("--config", str(config), "self-check")
    assert code == 1
    assert err.splitlines() == [
        f"onewindow: self-check: database: no database at {missing} (run onewindow init)"
    ]
    assert not missing.exists() and not missing.parent.exists()


def test_every_problem_on_a_line_of_its_own(run: Run, tmp_path: Path) -> None:
    key = tmp_path / "audit.key"
    load_key(key)  # makes one, private
    key.chmod(0o644)  # readable by others: the hall's key must not be
    closed = _free_port()
    config = _write_config(
        tmp_path / "ow.toml",
        f"postgresql+psycopg://counter:s3cret@127.0.0.1:{_free_port()}/onewindow",
        f'[utilities.water]\nbase_url = "http://127.0.0.1:{closed}/"\ntoken = "T"\n',
        key=key,
    )
    code, out, err = run("--config", str(config), "self-check")
    assert code == 1
    lines = err.splitlines()
    assert [line.split(":")[2].strip() for line in lines] == [
        "database",
        "audit key",
        "utility water",
    ]
    assert "unreachable" in lines[0] and "s3cret" not in err + out
    assert "chmod 600" in lines[1]
    assert f"127.0.0.1:{closed}" in lines[2]


def test_training_mode_checks_the_bundled_simulators(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-config"))
    monkeypatch.delenv("ONEWINDOW_CONFIG", raising=False)
    assert run("init")[0] == 0
    code, out, err = run("self-check", "--json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["training"]
    utilities = [c for c in report["checks"] if c["check"].startswith("utility ")]
    assert [c["check"] for c in utilities] == ["utility water", "utility power", "utility gas"]
    assert all(c["ok"] and "127.0.0.1" in c["detail"] for c in utilities)
