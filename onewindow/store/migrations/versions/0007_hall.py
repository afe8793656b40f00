"""a hall on one database: ticket versions (optimistic locking) and SQLite's change counter

Revision ID: 0007_hall
Revises: 0006_materials
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_hall"
down_revision = "0006_materials"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    changes = op.create_table(
        "ticket_changes",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_changes")),
    )
    op.bulk_insert(changes, [{"id": 1, "seq": 0}])


def downgrade() -> None:
    op.drop_table("ticket_changes")
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_column("version")
