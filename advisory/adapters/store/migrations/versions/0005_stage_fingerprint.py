"""stage_state.fingerprint: what a stage read on its last run, so an unchanged stage is skipped without gathering

Revision ID: 0005
Revises: 0003 (set to 0004 when issue 16's migration lands first)
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stage_state") as batch:
        batch.add_column(sa.Column("fingerprint", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("stage_state") as batch:
        batch.drop_column("fingerprint")
