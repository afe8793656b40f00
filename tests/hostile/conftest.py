"""The bad-input corpus runs the command line in-process, on SQLite and PostgreSQL.

`hostile` runs one command and checks what every hostile input must give (issue 12): exit 2
(or 1), exactly one line on stderr, no traceback, and the database exactly as it was (every
table's row count compared before and after).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from onewindow.cli.main import main
from onewindow.hall import Hall
from onewindow.store import db
from onewindow.store.models import Base
from tests.conftest import PASSWORD, FixedClock


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in Base.metadata.sorted_tables
        }


def one_line(err: str) -> str:
    """The single line a failure prints; fails the test on anything more or less."""
    assert "Traceback" not in err, err
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].strip(), f"expected one line on stderr, got {err!r}"
    return lines[0]


def write_config(path: Path, text: str) -> Path:
    """A configuration file as an administrator leaves it: private, since it may hold a
    password (a readable one is refused before any of its values is looked at)."""
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """The test database, migrated (as `onewindow init` leaves it)."""
    made = db.make_engine(db_url)
    db.upgrade(made)
    yield made
    made.dispose()


@pytest.fixture
def cli(
    config_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    clock: FixedClock,
) -> Callable[..., Run]:
    """The command line against the test database, at 09:30 on Friday 2026-11-27 hall time."""

    def run(*args: str, config: Path | None = None, stdin: str | None = None) -> Run:
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        capsys.readouterr()
        code = main(
            ["--config", str(config or config_file), *args],
            hall_factory=lambda cfg: Hall.open(cfg, clock=clock),
        )
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return run


@pytest.fixture
def clerk(cli: Callable[..., Run]) -> str:
    done = cli("user", "add", "zhangwei", "--role", "clerk", stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert done.code == 0, done.err
    return "zhangwei"


@pytest.fixture
def application_no(cli: Callable[..., Run], clerk: str, samples: Path) -> str:
    done = cli("submit", str(samples / "gas-only-resident.json"), "--clerk", clerk)
    assert done.code == 0, done.err
    return done.out.strip()


@pytest.fixture
def hostile(cli: Callable[..., Run], engine: Engine) -> Callable[..., str]:
    """Runs a command that must fail cleanly; returns its one line of stderr."""

    def run(*args: str, config: Path | None = None, codes: tuple[int, ...] = (2,)) -> str:
        before = row_counts(engine)
        done = cli(*args, config=config)
        line = one_line(done.err)
        assert done.code in codes, (done.code, line)
        assert row_counts(engine) == before, line
        if "--json" not in args:
            assert done.out == "", done.out
        return line

    return run


@pytest.fixture
def form_file(tmp_path: Path) -> Callable[[object], Path]:
    """Writes a value as a form file (NaN and Infinity as Python writes them)."""
    count = iter(range(10**6))

    def write(value: object) -> Path:
        path = tmp_path / f"form-{next(count)}.json"
        if isinstance(value, bytes):
            path.write_bytes(value)
        elif isinstance(value, str):
            path.write_text(value, encoding="utf-8", errors="surrogatepass")
        else:
            path.write_text(json.dumps(value, ensure_ascii=True), encoding="utf-8")
        return path

    return write
