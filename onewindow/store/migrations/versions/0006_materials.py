"""materials as the seed means them: who received a document, whether a rule asked for it, and
why a visit does not need it

Revision ID: 0006_materials
Revises: 0005_exchange
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_materials"
down_revision = "0005_exchange"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("materials", schema=None) as batch_op:
        batch_op.add_column(sa.Column("received_by", sa.String(length=80), nullable=True))
        # Rows saved before the rules existed came from the catalogue's checklists: required.
        batch_op.add_column(
            sa.Column("required", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.add_column(sa.Column("waived_reason", sa.Text(), nullable=True))
    with op.batch_alter_table("materials", schema=None) as batch_op:
        batch_op.alter_column("required", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("materials", schema=None) as batch_op:
        batch_op.drop_column("waived_reason")
        batch_op.drop_column("required")
        batch_op.drop_column("received_by")
