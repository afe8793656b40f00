"""Upgrading a hall (issue 13 §1): migrations run once when several clients start together,
and a client older than the database refuses to start, before writing, with a clear line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, select, text

from onewindow.hall import Hall
from onewindow.store import db
from onewindow.store.db import SchemaTooNew
from onewindow.store.models import User
from tests.conftest import AUDIT_KEY_FILE, make_config

CLI = [sys.executable, "-c", "import sys; from onewindow.cli.main import main; sys.exit(main())"]


def _config_file(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "onewindow.toml"
    path.write_text(
        f'[database]\nurl = "{url}"\n[hall]\ncode = "LBGX"\nname = "灵宝市水电气共享营业厅"\n'
        'supervision_hotline = "0398-12345"\n[counter]\nid = "W03"\n'
        f'[audit]\nkey_file = "{AUDIT_KEY_FILE}"\n',
        encoding="utf-8",
    )
    return path


def _head() -> str:
    """The newest migration this program ships."""
    engine = create_engine("sqlite://")
    head = ScriptDirectory.from_config(db.alembic_config(engine)).get_current_head()
    engine.dispose()
    assert head is not None
    return head


@pytest.fixture(params=["sqlite", "postgres"])
def fresh_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hall.db'}"
    return request.getfixturevalue("own_pg").url("hall")


def test_a_client_older_than_the_database_refuses_to_start_before_writing(fresh_url, tmp_path):
    engine = db.make_engine(fresh_url)
    db.upgrade(engine)
    with engine.begin() as conn:  # a newer program upgraded the database
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_newer'"))
    engine.dispose()

    with pytest.raises(SchemaTooNew) as refused:
        Hall.open(make_config(fresh_url))
    assert "0099_newer" in str(refused.value)
    assert _head() in str(refused.value)
    with pytest.raises(SchemaTooNew):
        Hall.open(make_config(fresh_url), upgrade=False)

    done = subprocess.run(
        [*CLI, "--config", str(_config_file(tmp_path, fresh_url)), "init"],
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ | {"PYTHONPATH": os.getcwd()},
    )
    assert done.returncode == 1
    assert done.stderr.startswith("onewindow: 数据库结构版本 0099_newer 比本程序新")
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    # Nothing was written: the version is the newer program's, no user appeared.
    check = create_engine(fresh_url)
    with check.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [
            "0099_newer"
        ]
        assert conn.execute(select(User)).all() == []
    check.dispose()


def test_clients_starting_together_run_the_migrations_once(own_pg, tmp_path):
    admin = create_engine(own_pg.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE together"))
    admin.dispose()
    url = own_pg.url("together")
    config = _config_file(tmp_path, url)
    starts = [
        subprocess.Popen(
            [*CLI, "--config", str(config), "init"],
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ | {"PYTHONPATH": os.getcwd()},
        )
        for _ in range(4)
    ]
    for start in starts:
        _out, err = start.communicate(timeout=120)
        assert start.returncode == 0, err
    engine = create_engine(url)
    with engine.connect() as conn:
        versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        assert versions == [_head()]
        assert conn.execute(text("SELECT id, seq FROM ticket_changes")).all() == [(1, 0)]
    engine.dispose()
