"""The keyed audit chain: whole when untouched; every way of rewriting or cutting it is found.

The database refuses UPDATE and DELETE on the table, so each tampering test first does what a
database owner could: it switches the triggers off (`owner_tampering`).
"""

import hashlib
import hmac
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from onewindow.audit import chain as audit
from onewindow.errors import ConfigError, OneWindowError
from onewindow.hall import Hall
from onewindow.store import db
from onewindow.store.models import AuditEvent
from tests.conftest import make_config


def _append(hall, n, start=0):
    with hall.unit() as (session, ctx):
        for i in range(start, start + n):
            audit.record(
                session,
                actor="tester",
                action="test.event",
                now=ctx.now + timedelta(seconds=i),
                entity_type="ticket",
                entity_id=f"t{i}",
                details={"i": i, "名": "张伟"},
            )


def _ids(hall):
    with hall.unit() as (session, _):
        return session.scalars(select(AuditEvent.id).order_by(AuditEvent.id)).all()


def _verify(hall):
    with hall.unit() as (session, _):
        return audit.verify(session)


@contextmanager
def owner_tampering(hall) -> Iterator[None]:
    """A connection that can change the table, as its owner could after disabling the
    triggers; they are back on afterwards (the PostgreSQL test database is shared)."""
    with hall.engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER audit_events_no_update"))
            conn.execute(text("DROP TRIGGER audit_events_no_delete"))
        else:
            conn.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
    try:
        yield
    finally:
        if hall.engine.dialect.name == "postgresql":
            with hall.engine.begin() as conn:
                conn.execute(text("ALTER TABLE audit_events ENABLE TRIGGER USER"))


def _rows(conn):
    return conn.execute(
        select(AuditEvent.__table__).order_by(AuditEvent.id)  # type: ignore[arg-type]
    ).all()


def _recompute_from(hall, first_id, digest):
    """What an attacker does after an edit: re-hash the chain from `first_id` on."""
    with hall.unit() as (session, _):
        rows = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        prev = audit.GENESIS
        for ev in rows:
            if ev.id >= first_id:
                ev.prev_hash = prev
                ev.hash = digest(
                    audit._payload(
                        prev, ev.at, ev.actor, ev.action, ev.entity_type, ev.entity_id, ev.details
                    )
                )
            prev = ev.hash


def test_chain_links_each_record_to_the_one_before(hall):
    _append(hall, 5)
    with hall.unit() as (session, _):
        rows = session.execute(text("SELECT prev_hash, hash FROM audit_events ORDER BY id")).all()
        assert rows[0][0] == audit.GENESIS
        assert all(rows[i][0] == rows[i - 1][1] for i in range(1, len(rows)))
        assert audit.verify(session) is None


def test_the_hash_is_keyed_not_plain_sha256(hall):
    _append(hall, 1)
    with hall.unit() as (session, _):
        ev = session.scalars(select(AuditEvent)).one()
        payload = audit._payload(
            ev.prev_hash, ev.at, ev.actor, ev.action, ev.entity_type, ev.entity_id, ev.details
        )
        key = session.info[audit.KEY_INFO].value
    assert ev.hash != hashlib.sha256(payload).hexdigest()
    assert ev.hash == hmac.new(key, payload, hashlib.sha256).hexdigest()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_events SET actor = 'mallory'",
        "DELETE FROM audit_events",
        "DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)",
    ],
)
def test_the_database_refuses_update_and_delete(hall, statement):
    _append(hall, 3)
    with pytest.raises(DBAPIError, match="append-only"), hall.engine.begin() as conn:
        conn.execute(text(statement))
    assert len(_ids(hall)) == 3
    assert _verify(hall) is None


def test_postgresql_refuses_truncate_too(hall):
    if hall.engine.dialect.name != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's")
    _append(hall, 2)
    with pytest.raises(DBAPIError, match="append-only"), hall.engine.begin() as conn:
        conn.execute(text("TRUNCATE audit_events"))
    assert len(_ids(hall)) == 2


def test_an_edited_record_is_found(hall):
    _append(hall, 6)
    third = _ids(hall)[2]
    with owner_tampering(hall), hall.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE id = :i"), {"i": third})
    broken = _verify(hall)
    assert broken is not None and broken.event_id == third and "altered" in broken.reason


def test_a_deleted_record_is_found(hall):
    _append(hall, 4)
    ids = _ids(hall)
    with owner_tampering(hall), hall.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE id = :i"), {"i": ids[1]})
    broken = _verify(hall)
    assert broken is not None and broken.event_id == ids[2] and "link" in broken.reason


@pytest.mark.parametrize(
    "digest",
    [
        pytest.param(lambda payload: hashlib.sha256(payload).hexdigest(), id="plain-sha256"),
        pytest.param(audit.keyed(b"a guess at the key, 32 bytes long"), id="guessed-key"),
    ],
)
def test_an_edit_with_the_chain_recomputed_without_the_key_is_found(hall, digest):
    _append(hall, 6)
    ids = _ids(hall)
    with owner_tampering(hall):
        with hall.engine.begin() as conn:
            conn.execute(
                text("UPDATE audit_events SET details = :d WHERE id = :i"),
                {"d": json.dumps({"i": 99}), "i": ids[2]},
            )
            conn.execute(text("DELETE FROM audit_events WHERE id = :i"), {"i": ids[4]})
        _recompute_from(hall, ids[2], digest)
    broken = _verify(hall)
    assert broken is not None and broken.event_id == ids[2]


def test_a_counter_with_another_key_cannot_chain_onto_the_trail(hall, tmp_path):
    _append(hall, 2)
    other_key = tmp_path / "other.key"
    other_key.write_text("ab" * 32)
    other_key.chmod(0o600)
    other = Hall.open(
        make_config(hall.engine.url.render_as_string(False), audit_key_file=other_key)
    )
    try:
        with pytest.raises(OneWindowError, match="审计密钥"):
            _append(other, 1)
    finally:
        other.close()
    assert len(_ids(hall)) == 2


# Anchors and the command line ----------------------------------------------------------------


def test_verify_command_finds_an_edit(hall, cli):
    _append(hall, 3)
    assert cli("audit", "verify")[0] == 0
    with owner_tampering(hall), hall.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET details = '{\"i\": 99}' WHERE entity_id = 't1'"))
    code, _, err = cli("audit", "verify")
    assert code == 1
    assert err.count("\n") == 1 and "audit record" in err and "altered" in err


@pytest.mark.parametrize("keep", [3, 0], ids=["newest-deleted", "all-deleted"])
def test_truncation_is_caught_by_an_anchor(hall, cli, tmp_path, keep):
    _append(hall, 5)
    anchors = tmp_path / "anchors.jsonl"
    code, out, _ = cli("audit", "anchor", "--out", str(anchors))
    assert code == 0 and "anchored record" in out
    assert anchors.stat().st_mode & 0o777 == 0o600
    _append(hall, 2, start=5)
    assert cli("audit", "anchor", "--out", str(anchors))[0] == 0
    assert len(anchors.read_text().splitlines()) == 2
    assert cli("audit", "verify", "--anchor", str(anchors))[0] == 0

    ids = _ids(hall)
    with owner_tampering(hall), hall.engine.begin() as conn:
        conn.execute(
            text("DELETE FROM audit_events WHERE id > :i"), {"i": ids[keep - 1] if keep else 0}
        )
    # What is left holds together: only the anchor tells.
    assert _verify(hall) is None
    code, _, err = cli("audit", "verify", "--anchor", str(anchors))
    assert code == 1 and "no longer in the chain" in err


@pytest.mark.parametrize(
    "forge",
    [
        lambda line: json.dumps({**json.loads(line), "seq": 1}),
        lambda line: json.dumps({**json.loads(line), "seq": 2**70}),
        lambda line: "[" * 100_000 + "]" * 100_000,
        lambda line: "not json",
        lambda line: json.dumps({"seq": "1", "hash": None}),
    ],
)
def test_a_forged_anchor_line_is_found(hall, cli, tmp_path, forge):
    _append(hall, 2)
    anchors = tmp_path / "anchors.jsonl"
    assert cli("audit", "anchor", "--out", str(anchors))[0] == 0
    anchors.write_text(forge(anchors.read_text().strip()) + "\n")
    code, _, err = cli("audit", "verify", "--anchor", str(anchors))
    assert code == 1 and "not a genuine anchor" in err and err.count("\n") == 1


def test_anchor_and_verify_are_audited(hall, cli, tmp_path):
    _append(hall, 1)
    anchors = tmp_path / "a.jsonl"
    cli("audit", "anchor", "--out", str(anchors))
    cli("audit", "verify", "--anchor", str(anchors))
    with hall.unit() as (session, _):
        actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["audit.anchor", "audit.verify"]


def test_anchor_of_an_empty_trail_is_bad_input(hall, cli, tmp_path):
    code, _, err = cli("audit", "anchor", "--out", str(tmp_path / "a.jsonl"))
    assert code == 2 and "empty" in err


# The key file ---------------------------------------------------------------------------------


def test_the_key_file_is_made_private_once_and_kept(db_url, tmp_path):
    key_file = tmp_path / "keys" / "audit.key"
    Hall.open(make_config(db_url, audit_key_file=key_file)).close()
    assert key_file.stat().st_mode & 0o777 == 0o600
    first = key_file.read_text()
    Hall.open(make_config(db_url, audit_key_file=key_file)).close()
    assert key_file.read_text() == first and len(bytes.fromhex(first.strip())) == 32


def test_a_lost_key_file_is_not_replaced_by_a_new_key(db_url, tmp_path):
    key_file = tmp_path / "audit.key"
    hall = Hall.open(make_config(db_url, audit_key_file=key_file))
    _append(hall, 1)
    hall.close()
    key_file.unlink()
    with pytest.raises(ConfigError, match="copy the hall's key file"):
        Hall.open(make_config(db_url, audit_key_file=key_file))
    assert not key_file.exists()


def test_a_key_file_others_can_read_is_refused(db_url, tmp_path):
    key_file = tmp_path / "audit.key"
    key_file.write_text("ab" * 32)
    key_file.chmod(0o644)
    with pytest.raises(ConfigError, match="chmod 600"):
        Hall.open(make_config(db_url, audit_key_file=key_file))


# Migration 0004_trust: the plain chain re-keyed once ------------------------------------------


def _at_revision_0003_with_a_plain_chain(db_url, n, *, break_at=None):
    engine = db.make_engine(db_url)
    db.upgrade(engine)
    cfg = db.alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
    plain = Hall(make_config(db_url), engine, db.session_factory(engine))
    with plain.sessions() as session, session.begin():
        prev = audit.GENESIS
        now = plain.now()
        for i in range(n):
            details = {"i": i}
            payload = audit._payload(prev, now, "old", "test.old", None, None, details)
            digest = hashlib.sha256(payload).hexdigest()
            if i == break_at:
                details = {"i": -1}  # edited after hashing
            session.add(
                AuditEvent(
                    at=now,
                    actor="old",
                    action="test.old",
                    details=details,
                    prev_hash=prev,
                    hash=digest,
                )
            )
            prev = digest
    engine.dispose()


def test_the_upgrade_rekeys_a_whole_plain_chain_and_says_so(db_url, tmp_path):
    _at_revision_0003_with_a_plain_chain(db_url, 4)
    # A hall from before the keyed chain has no key file yet: the upgrade makes one.
    config = make_config(db_url, audit_key_file=tmp_path / "new.key")
    hall = Hall.open(config)
    try:
        assert _verify(hall) is None
        with hall.unit() as (session, _):
            last = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert last.action == "audit.rekey" and last.details["records"] == 4
        _append(hall, 1)
        assert _verify(hall) is None
        # Once: a second start changes nothing.
        hall.close()
        hall = Hall.open(config)
        with hall.unit() as (session, _):
            rekeys = session.scalars(
                select(AuditEvent).where(AuditEvent.action == "audit.rekey")
            ).all()
        assert len(rekeys) == 1
    finally:
        hall.close()


def test_the_upgrade_refuses_to_rekey_a_broken_chain(db_url):
    _at_revision_0003_with_a_plain_chain(db_url, 4, break_at=2)
    with pytest.raises(ConfigError, match="不能加密钥重算"):
        Hall.open(make_config(db_url))
    engine = db.make_engine(db_url)
    try:
        with engine.begin() as conn:
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert revision == "0003"  # nothing half-done
    finally:
        if engine.dialect.name == "postgresql":
            db.upgrade(engine, rekey_audit=lambda session: None)  # back to head for the others
        engine.dispose()


def test_the_documented_application_role_may_only_add_to_and_read_the_trail(hall):
    """The grants README.md gives for PostgreSQL, run as written."""
    if hall.engine.dialect.name != "postgresql":
        pytest.skip("roles are PostgreSQL's")
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### PostgreSQL roles") :]
    sql = section[section.index("```sql") + 6 :]
    sql = sql[: sql.index("```")].replace("'…'", "'app-password'")
    statements = "\n".join(line.split("--")[0] for line in sql.splitlines()).split(";")
    with hall.engine.begin() as conn:
        if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = 'onewindow_app'")).first():
            conn.execute(text("DROP OWNED BY onewindow_app"))
            conn.execute(text("DROP ROLE onewindow_app"))
        for statement in statements:
            if statement.strip():
                conn.execute(text(statement))
    _append(hall, 2)
    as_app = hall.sessions()
    try:
        with as_app.begin():
            as_app.execute(text("SET LOCAL ROLE onewindow_app"))
            audit.record(as_app, actor="app", action="test.app", now=hall.now())
            as_app.execute(text("UPDATE users SET display_name = display_name"))
        for statement in (
            "UPDATE audit_events SET actor = 'x'",
            "DELETE FROM audit_events",
            "TRUNCATE audit_events",
            "ALTER TABLE audit_events DISABLE TRIGGER USER",
        ):
            with (
                pytest.raises(DBAPIError, match=r"permission denied|must be owner"),
                as_app.begin(),
            ):
                as_app.execute(text("SET LOCAL ROLE onewindow_app"))
                as_app.execute(text(statement))
    finally:
        as_app.close()
    assert len(_ids(hall)) == 3 and _verify(hall) is None
