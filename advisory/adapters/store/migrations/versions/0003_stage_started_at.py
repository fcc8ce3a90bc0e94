"""stage_state.started_at: when a stage first ran (dates derived from it stay stable across re-runs)

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stage_state") as batch:
        batch.add_column(sa.Column("started_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("stage_state") as batch:
        batch.drop_column("started_at")
