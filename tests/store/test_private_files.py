"""Private files: the database, its folder, the training folder, the audit key and the
configuration an administrator saves are readable by their owner only; `backup` copies the
database consistently and privately."""

import sqlite3
import stat
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from onewindow.access.users import Actor
from onewindow.admin import hall_settings
from onewindow.admin.hall_settings import EndpointChange, HallData
from onewindow.audit import chain as audit
from onewindow.cli.main import main
from onewindow.config import load, training_config, user_data_dir
from onewindow.errors import BadInput
from onewindow.hall import Hall
from onewindow.store import db
from onewindow.store.models import AuditEvent, User
from tests.conftest import AUDIT_KEY_FILE


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def _config_text(db_path, extra=""):
    return f"""
[database]
url = "sqlite:///{db_path}"
[hall]
code = "LBGX"
name = "灵宝市水电气共享营业厅"
supervision_hotline = "0398-12345"
[counter]
id = "W03"
[audit]
key_file = "{AUDIT_KEY_FILE}"
{extra}"""


def test_init_makes_the_database_and_its_folder_private(tmp_path, capsys):
    config = tmp_path / "ow.toml"
    config.write_text(_config_text(tmp_path / "data" / "ow.db"), encoding="utf-8")
    assert main(["--config", str(config), "init"]) == 0
    assert mode(tmp_path / "data") == 0o700
    assert mode(tmp_path / "data" / "ow.db") == 0o600
    # SQLite gives its journal files the database's mode.
    assert all(mode(p) == 0o600 for p in (tmp_path / "data").iterdir())


def test_training_start_makes_a_private_folder_key_and_database(clock):
    hall = Hall.open(training_config(), clock=clock)
    try:
        folder = user_data_dir()
        assert mode(folder) == 0o700
        assert mode(folder / "training.db") == 0o600
        assert mode(folder / "audit.key") == 0o600
    finally:
        hall.close()


def test_an_administrators_save_leaves_the_configuration_private(hall, users, tmp_path):
    path = tmp_path / "hall.toml"
    path.write_text(_config_text(tmp_path / "ow.db"), encoding="utf-8")
    path.chmod(0o644)  # no secret in it yet: allowed
    with hall.unit() as (session, ctx):
        hall_settings.save_hall_data(
            session,
            Actor.system(),
            load(path),
            HallData(code="LBZX", name="灵宝市政务服务中心", supervision_hotline="12345"),
            now=ctx.now,
        )
    assert mode(path) == 0o600


def test_a_readable_configuration_holding_a_token_is_refused_in_one_line(tmp_path, capsys):
    path = tmp_path / "ow.toml"
    extra = '[utilities.gas]\nbase_url = "https://gas.example.cn/"\ntoken = "tok-secret-1"\n'
    path.write_text(_config_text(tmp_path / "ow.db", extra), encoding="utf-8")
    path.chmod(0o644)
    assert main(["--config", str(path), "init"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"chmod 600 {path}" in err and "tok-secret-1" not in err
    assert not (tmp_path / "ow.db").exists()


def test_backup_is_a_consistent_private_copy(hall, users, cli, tmp_path):
    if db.sqlite_file(hall.engine) is None:
        code, _, err = cli("backup", "--out", str(tmp_path / "b.db"))
        assert code == 2 and "pg_dump" in err and err.count("\n") == 1
        assert not (tmp_path / "b.db").exists()
        return
    out = tmp_path / "copies" / "backup.db"
    out.parent.mkdir()
    out.write_bytes(b"an older backup")
    out.chmod(0o644)
    code, stdout, _ = cli("backup", "--out", str(out))
    assert code == 0 and "backup written" in stdout
    assert mode(out) == 0o600
    assert [p.name for p in out.parent.iterdir()] == ["backup.db"]
    copy = sqlite3.connect(out)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        copied_users = copy.execute("SELECT count(*) FROM users").fetchone()[0]
    finally:
        copy.close()
    with hall.unit() as (session, _):
        assert session.scalar(select(func.count()).select_from(User)) == copied_users == 4
        last = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert last.action == "backup" and last.details == {"file": str(out)}
    # The copy is a hall of its own that verifies with the same key.
    restored = Hall.open(replace(hall.config, database_url=f"sqlite:///{out}"))
    try:
        with restored.unit() as (session, _):
            assert audit.verify(session) is None
    finally:
        restored.close()


@pytest.mark.parametrize("target", ["", "missing-folder/x.db", "."])
def test_backup_to_a_bad_place_is_bad_input(hall, cli, tmp_path, target):
    if db.sqlite_file(hall.engine) is None:
        pytest.skip("PostgreSQL halls use pg_dump")
    code, _, err = cli("backup", "--out", str(tmp_path / target) if target else "")
    assert code == 2 and err.count("\n") == 1


def test_credentials_in_an_endpoint_url_are_neither_stored_nor_audited(hall, users, tmp_path):
    path = tmp_path / "hall.toml"
    path.write_text(_config_text(tmp_path / "ow.db"), encoding="utf-8")
    before = path.read_bytes()
    change = EndpointChange(
        utility="gas", name="燃气公司", base_url="https://gasuser:pa55word@gas.example.cn/"
    )
    with pytest.raises(BadInput) as refused, hall.unit() as (session, ctx):
        hall_settings.save_endpoint(session, Actor.system(), load(path), change, now=ctx.now)
    assert "pa55word" not in str(refused.value)
    assert path.read_bytes() == before
    with hall.unit() as (session, _):
        details = session.scalars(select(AuditEvent.details)).all()
    assert "pa55word" not in str(details)
