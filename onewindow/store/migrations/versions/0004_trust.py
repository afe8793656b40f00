"""the audit trail keyed and append-only: re-key the chain once, refuse UPDATE and DELETE

Revision ID: 0004_trust
Revises: 0003
Create Date: 2026-11-30

The chain was plain SHA-256, which anyone who can write the database can recompute after an
edit. The existing records are checked as they are and re-hashed with the audit key (the
caller hands over `rekey_audit`, see onewindow.store.db.upgrade), which also appends an
`audit.rekey` record saying so. Then triggers make the database itself refuse UPDATE and
DELETE (and on PostgreSQL TRUNCATE) on the table; a database owner can still drop them, which
is why the chain is keyed and anchored too.
"""

import sqlalchemy as sa
from alembic import context, op
from sqlalchemy.orm import Session

from onewindow.codes import Text
from onewindow.errors import ConfigError

revision = "0004_trust"
down_revision = "0003"
branch_labels = None
depends_on = None

_SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER audit_events_no_{what.lower()} BEFORE {what} ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: {what} refused'); END"""
    for what in ("UPDATE", "DELETE")
]
_POSTGRES_TRIGGERS = [
    """CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP;
    END $$""",
    """CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()""",
    """CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()""",
]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT 1 FROM audit_events LIMIT 1")).first() is not None:
        rekey = context.config.attributes.get("rekey_audit")
        if rekey is None:
            raise ConfigError(
                Text(
                    "升级需要审计密钥来重算已有的审计链：请用 onewindow init 升级",
                    "the audit key is needed to re-key the existing audit trail",
                )
            )
        with Session(bind=bind) as session:
            rekey(session)
            session.flush()
    for statement in _SQLITE_TRIGGERS if bind.dialect.name == "sqlite" else _POSTGRES_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    # The chain stays keyed: a plain hash chain is what this revision replaced.
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER audit_events_no_update")
        op.execute("DROP TRIGGER audit_events_no_delete")
    else:
        op.execute("DROP TRIGGER audit_events_no_truncate ON audit_events")
        op.execute("DROP TRIGGER audit_events_no_change ON audit_events")
        op.execute("DROP FUNCTION audit_events_append_only()")
