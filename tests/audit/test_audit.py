"""The audit trail's hash chain: whole when untouched, broken where a record was edited."""

from datetime import timedelta

from sqlalchemy import text

from onewindow.audit import chain as audit
from onewindow.cli.main import main as cli_main


def _append(hall, n):
    with hall.unit() as (session, ctx):
        for i in range(n):
            audit.record(
                session,
                actor="tester",
                action="test.event",
                now=ctx.now + timedelta(seconds=i),
                entity_type="ticket",
                entity_id=f"t{i}",
                details={"i": i, "名": "张伟"},
            )


def test_chain_links_each_record_to_the_one_before(hall):
    _append(hall, 5)
    with hall.unit() as (session, _):
        rows = session.execute(text("SELECT prev_hash, hash FROM audit_events ORDER BY id")).all()
        assert rows[0][0] == audit.GENESIS
        assert all(rows[i][0] == rows[i - 1][1] for i in range(1, len(rows)))
        assert audit.verify(session) is None


def test_an_edited_record_is_found(hall):
    _append(hall, 6)
    with hall.unit() as (session, _):
        third = session.execute(
            text("SELECT id FROM audit_events ORDER BY id LIMIT 1 OFFSET 2")
        ).scalar()
        session.execute(
            text("UPDATE audit_events SET actor = 'mallory' WHERE id = :i"), {"i": third}
        )
    with hall.unit() as (session, _):
        broken = audit.verify(session)
    assert broken is not None and broken.event_id == third


def test_a_deleted_record_is_found(hall):
    _append(hall, 4)
    with hall.unit() as (session, _):
        ids = session.execute(text("SELECT id FROM audit_events ORDER BY id")).scalars().all()
        session.execute(text("DELETE FROM audit_events WHERE id = :i"), {"i": ids[1]})
    with hall.unit() as (session, _):
        broken = audit.verify(session)
    assert broken is not None and broken.event_id == ids[2]


def test_audit_verify_command(hall, config_file, capsys):
    _append(hall, 3)
    assert cli_main(["--config", str(config_file), "audit", "verify"]) == 0
    assert "intact" in capsys.readouterr().out
    with hall.unit() as (session, _):
        session.execute(
            text("UPDATE audit_events SET details = '{\"i\": 99}' WHERE entity_id = 't1'")
        )
    assert cli_main(["--config", str(config_file), "audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert "audit record" in err and "altered" in err
