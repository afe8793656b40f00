"""Fixtures shared by the whole suite: Qt offscreen, a database on SQLite and PostgreSQL, a hall.

Every test that takes `hall` runs twice: on SQLite and on a throwaway PostgreSQL cluster that
this run starts (CI installs PostgreSQL, so there both always run; on a developer machine
without it the PostgreSQL half is skipped, loudly).
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import argon2.profiles
import pytest
from argon2 import PasswordHasher
from hypothesis import settings
from sqlalchemy import Engine, create_engine, text

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ONEWINDOW_LANG", "zh")

from onewindow.access import users as users_mod
from onewindow.access.users import Actor, create_user
from onewindow.clocks import workdays
from onewindow.config import Config, HallSettings
from onewindow.hall import Hall
from onewindow.simulator import Simulator
from onewindow.store import db
from onewindow.store.models import Base
from tests.helpers.pg_cluster import Cluster, find_bin_dir

CHEAP_HASHER = PasswordHasher.from_parameters(argon2.profiles.CHEAPEST)

# A loaded 2-core CI machine makes per-example deadlines flaky; in CI the examples are also
# derandomized, so a run that lands is reproducible (locally each run explores anew).
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

# A copy of ../shared/samples, so that a clean checkout tests the same forms.
SAMPLES = Path(__file__).resolve().parent / "samples"

PASSWORD = "Counter#2026"

# One audit key for the whole run: every hall a test opens and every configuration file it
# writes name it, so that halls sharing a database (the PostgreSQL one) verify each other.
AUDIT_KEY_FILE = Path(tempfile.mkdtemp(prefix="onewindow-test-")) / "audit.key"


@pytest.fixture(scope="session", autouse=True)
def _audit_key_folder() -> Iterator[None]:
    yield
    shutil.rmtree(AUDIT_KEY_FILE.parent, ignore_errors=True)


@pytest.fixture(autouse=True)
def _private_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Training mode keeps its database and audit key in the user data folder: a test's own."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap argon2 parameters for the many users tests create: with the production cost
    (about 0.3 s a hash) the suite would take minutes more. Patched in this process only;
    the product has no switch for it. A test of the real cost uses `users.HASHER`."""
    monkeypatch.setattr(users_mod, "_hasher", CHEAP_HASHER)


# The published holiday schedules the tests were written against: 2004–2026, as chinese-calendar
# 1.11 ships them. A later release that publishes 2027 helps a hall at once (it is not pinned
# below it), and the tests that check the 2027 fallback keep checking it.
PUBLISHED_YEARS = frozenset(range(2004, 2027))


@pytest.fixture(autouse=True, scope="session")
def published_schedules_up_to_2026() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        shipped = workdays._published_years()
        assert shipped >= PUBLISHED_YEARS, "chinese-calendar no longer ships 2004–2026"
        patch.setattr(workdays, "_published_years", lambda: PUBLISHED_YEARS)
        yield


@pytest.fixture(autouse=True)
def no_unexpected_warnings(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """A WARNING (or worse) log record fails the test that caused it, unless the test expects it.

    A test that means to provoke one asserts on it and then calls `caplog.clear()`.
    """
    yield
    loud = [r for r in caplog.get_records("call") if r.levelno >= logging.WARNING]
    if loud:
        pytest.fail(
            "unexpected log records: "
            + "; ".join(f"{r.name} {r.levelname}: {r.getMessage()}" for r in loud)
        )


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster | None]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL binaries missing in CI: .ci/run must install postgresql")
        yield None
        return
    cluster = Cluster(bin_dir)
    cluster.start()
    admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE ow_test"))
    admin.dispose()
    engine = db.make_engine(cluster.url("ow_test"))
    db.upgrade(engine)
    engine.dispose()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def pg_truncate(pg_cluster: Cluster | None) -> Iterator[Engine | None]:
    """Empties every table of the test database (cheaper than a database per test)."""
    if pg_cluster is None:
        yield None
        return
    engine = create_engine(pg_cluster.url("ow_test"), isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ow.db'}"
    engine: Engine | None = request.getfixturevalue("pg_truncate")
    if engine is None:
        pytest.skip("PostgreSQL is not installed here (CI installs it)")
    tables = ", ".join(t.name for t in reversed(Base.metadata.sorted_tables))
    with engine.connect() as conn:
        # The audit table refuses TRUNCATE (migration 0004_trust); replica mode, open to the
        # cluster's superuser only, skips that trigger.
        conn.execute(text("SET session_replication_role = replica"))
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        conn.execute(text("SET session_replication_role = DEFAULT"))
    return str(engine.url)


def make_config(db_url: str, **changes: object) -> Config:
    values: dict[str, object] = {
        "path": None,
        "training": False,
        "database_url": db_url,
        "hall": HallSettings(
            code="LBGX", name="灵宝市水电气共享营业厅", supervision_hotline="0398-12345"
        ),
        "counter_id": "W03",
        "utilities": {},
        "audit_key_file": AUDIT_KEY_FILE,
    }
    values.update(changes)
    return Config(**values)  # type: ignore[arg-type]


class FixedClock:
    """A clock a test sets and moves."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 27, 1, 30, tzinfo=UTC))  # 09:30 hall time, a Friday


@pytest.fixture
def hall(db_url: str, clock: FixedClock) -> Iterator[Hall]:
    h = Hall.open(make_config(db_url), clock=clock)
    yield h
    h.close()


@pytest.fixture
def sims() -> Iterator[dict[str, Simulator]]:
    """The three simulated utilities on loopback, stopped after the test."""
    from tests.helpers.delivery_support import start_simulators

    started = start_simulators()
    yield started
    for sim in started.values():
        sim.stop()


@pytest.fixture
def wired(hall: Hall, sims: dict[str, Simulator]) -> Hall:
    """The hall delivering to `sims`."""
    from tests.helpers.delivery_support import wire

    return wire(hall, sims)


@pytest.fixture
def users(hall: Hall) -> dict[str, str]:
    """One user of each role (and a second clerk); all with PASSWORD."""
    names = {"clerk": "zhangwei", "clerk2": "lina", "lead": "wangmin", "admin": "admin"}
    with hall.unit() as (session, ctx):
        for key, name in names.items():
            create_user(
                session,
                Actor.system(),
                username=name,
                password=PASSWORD,
                role=key.rstrip("2"),
                display_name=name,
                now=ctx.now,
            )
    return names


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


def pytest_report_header(config: pytest.Config) -> str:
    found = find_bin_dir()
    return f"postgresql: {found or 'not installed (PostgreSQL tests skipped)'}; " + (
        f"poppler: {'yes' if shutil.which('pdftotext') else 'no'}"
    )


@pytest.fixture
def config_file(db_url: str, tmp_path: Path) -> Path:
    path = tmp_path / "onewindow.toml"
    path.write_text(
        f"""
[database]
url = "{db_url}"
[hall]
code = "LBGX"
name = "灵宝市水电气共享营业厅"
supervision_hotline = "0398-12345"
[counter]
id = "W03"
[audit]
key_file = "{AUDIT_KEY_FILE}"
""",
        encoding="utf-8",
    )
    path.chmod(0o600)  # tests add tokens and secrets to it; a config holding one is private
    return path


@pytest.fixture
def cli(
    config_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    clock: FixedClock,
) -> Callable[..., tuple[int, str, str]]:
    """Runs `onewindow --config <config_file> ARGS…` in this process at the test's clock:
    returns (exit code, stdout, stderr)."""
    from onewindow.cli.main import main

    def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(
            ["--config", str(config_file), *args],
            hall_factory=lambda config: Hall.open(config, clock=clock),
        )
        out, err = capsys.readouterr()
        return code, out, err

    return run
