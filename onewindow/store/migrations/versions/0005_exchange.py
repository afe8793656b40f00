"""utility API v1.1: 64-bit feed sequence numbers, the answer's error code, the attention mark

Revision ID: 0005_exchange
Revises: 0004_trust
Create Date: 2026-11-30

A feed `seq` may be anything below 2^63, so the cursor and the recorded sequence numbers
become BIGINT. Outbox rows keep the `error` code of their last answer (a 422 is `invalid` or
`key_reused`, and only the first proves that nothing was created); rows refused before this
version got their 422 from a v1 server, where it always meant invalid. Tickets get
`attention_at`, the mark a person must act on, set for those already waiting for one.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_exchange"
down_revision = "0004_trust"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("utility_links", schema=None) as batch_op:
        batch_op.alter_column(
            "last_seq", existing_type=sa.Integer(), type_=sa.BigInteger(), existing_nullable=False
        )
    with op.batch_alter_table("status_events", schema=None) as batch_op:
        batch_op.alter_column(
            "feed_seq", existing_type=sa.Integer(), type_=sa.BigInteger(), existing_nullable=True
        )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_error_code", sa.String(length=40), nullable=True))
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attention_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_tickets_attention_at"), ["attention_at"], unique=False)
    op.execute(
        "UPDATE outbox SET last_error_code = 'invalid' "
        "WHERE state = 'failed' AND last_http_status = 422"
    )
    tickets = sa.table(
        "tickets",
        sa.column("id", sa.String),
        sa.column("status", sa.String),
        sa.column("attention", sa.JSON),
        sa.column("updated_at", sa.DateTime(timezone=True)),
        sa.column("attention_at", sa.DateTime(timezone=True)),
    )
    bind = op.get_bind()
    waiting = [
        (row.id, row.updated_at)
        for row in bind.execute(
            sa.select(tickets.c.id, tickets.c.status, tickets.c.attention, tickets.c.updated_at)
        )
        if row.status == "needs_attention" or row.attention
    ]
    for ticket_id, updated_at in waiting:
        bind.execute(
            tickets.update().where(tickets.c.id == ticket_id).values(attention_at=updated_at)
        )


def downgrade() -> None:
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tickets_attention_at"))
        batch_op.drop_column("attention_at")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("last_error_code")
    with op.batch_alter_table("status_events", schema=None) as batch_op:
        batch_op.alter_column(
            "feed_seq", existing_type=sa.BigInteger(), type_=sa.Integer(), existing_nullable=True
        )
    with op.batch_alter_table("utility_links", schema=None) as batch_op:
        batch_op.alter_column(
            "last_seq", existing_type=sa.BigInteger(), type_=sa.Integer(), existing_nullable=False
        )
