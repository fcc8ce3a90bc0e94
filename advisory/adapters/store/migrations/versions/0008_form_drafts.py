"""form_draft: what people are still filling in on the portal, one draft per person and form (the survey, the
stress test, the expert's findings); the survey drafts move over

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "form_draft",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_id", sa.Integer(), sa.ForeignKey("access_token.id"), nullable=False),
        sa.Column("form", sa.String(32), nullable=False),
        sa.Column("region", sa.String(8), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("token_id", "form"),
    )
    op.execute(
        "INSERT INTO form_draft (token_id, form, region, answers, updated_at) "
        "SELECT token_id, 'survey', region, answers, updated_at FROM survey_draft"
    )
    op.drop_table("survey_draft")


def downgrade() -> None:
    op.create_table(
        "survey_draft",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_id", sa.Integer(), sa.ForeignKey("access_token.id"), nullable=False, unique=True),
        sa.Column("region", sa.String(8), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.execute(
        "INSERT INTO survey_draft (token_id, region, answers, updated_at) "
        "SELECT token_id, region, answers, updated_at FROM form_draft WHERE form = 'survey'"
    )
    op.drop_table("form_draft")
