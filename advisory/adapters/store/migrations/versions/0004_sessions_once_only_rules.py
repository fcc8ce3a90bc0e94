"""portal sessions, sign-in attempts, form posts; what may exist once as uniqueness rules

One current input per key and one live copy of a file per sender become unique indexes; rows that
broke them before (two identical posts at the same moment) are resolved first, the newest input
staying current and the first copy of a file staying live. Uploads left "received" by a request that
failed are marked rejected, and rejected uploads keep only their first bytes.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

KEPT_BYTES = 1024
LIVE = "outcome IN ('received', 'accepted')"


def upgrade() -> None:
    _resolve_doubled_inputs()
    _resolve_doubled_uploads()
    with op.batch_alter_table("recorded_input") as batch:
        batch.create_index(
            "uq_input_current",
            ["engagement_id", "kind", "key"],
            unique=True,
            sqlite_where=sa.text("superseded_by IS NULL"),
            postgresql_where=sa.text("superseded_by IS NULL"),
        )
    with op.batch_alter_table("upload") as batch:
        batch.create_index(
            "uq_upload_live",
            ["engagement_id", "kind", "sha256", "uploaded_by"],
            unique=True,
            sqlite_where=sa.text(LIVE),
            postgresql_where=sa.text(LIVE),
        )
        batch.create_index("ix_upload_sender_day", ["uploaded_by", "received_at"])
    with op.batch_alter_table("access_token") as batch:
        batch.add_column(sa.Column("name", sa.String(length=200), nullable=True))
    op.create_table(
        "portal_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_sha256", sa.String(length=64), nullable=False),
        sa.Column("token_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["token_id"], ["access_token.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_sha256"),
    )
    op.create_index("ix_portal_session_token_id", "portal_session", ["token_id"])
    op.create_table(
        "signin_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_signin_attempt_address_at", "signin_attempt", ["address", "at"])
    op.create_table(
        "form_post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("token_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=255), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("posted_at", sa.DateTime(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["token_id"], ["access_token.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )


def _resolve_doubled_inputs() -> None:
    """Where several inputs with one key are current, the newest stays current and supersedes the others."""
    newest = (
        "SELECT MAX(n.id) FROM recorded_input n WHERE n.engagement_id = recorded_input.engagement_id "
        "AND n.kind = recorded_input.kind AND n.key = recorded_input.key AND n.superseded_by IS NULL"
    )
    op.execute(f"UPDATE recorded_input SET superseded_by = ({newest}) WHERE superseded_by IS NULL AND id < ({newest})")


def _resolve_doubled_uploads() -> None:
    """Stuck uploads become rejected; of one sender's live copies of a file, the first accepted one stays live."""
    connection = op.get_bind()
    upload = sa.table(
        "upload", sa.column("id"), sa.column("filename"), sa.column("outcome"), sa.column("problems", sa.JSON)
    )
    stuck = connection.execute(sa.select(upload.c.id, upload.c.filename).where(upload.c.outcome == "received"))
    for upload_id, filename in list(stuck):
        problem = {"file": filename, "reason": "the file could not be read at the time; please send it again"}
        connection.execute(
            sa.update(upload).where(upload.c.id == upload_id).values(outcome="rejected", problems=[problem])
        )
    first = (
        "SELECT MIN(f.id) FROM upload f WHERE f.engagement_id = upload.engagement_id AND f.kind = upload.kind "
        "AND f.sha256 = upload.sha256 AND f.uploaded_by = upload.uploaded_by AND f.outcome = 'accepted'"
    )
    op.execute(f"UPDATE upload SET outcome = 'duplicate' WHERE outcome = 'accepted' AND id > ({first})")
    if connection.dialect.name == "postgresql":
        op.execute(f"UPDATE upload SET content = substring(content from 1 for {KEPT_BYTES}) WHERE outcome = 'rejected'")
    else:
        op.execute(f"UPDATE upload SET content = substr(content, 1, {KEPT_BYTES}) WHERE outcome = 'rejected'")


def downgrade() -> None:
    op.drop_table("form_post")
    op.drop_index("ix_signin_attempt_address_at", table_name="signin_attempt")
    op.drop_table("signin_attempt")
    op.drop_index("ix_portal_session_token_id", table_name="portal_session")
    op.drop_table("portal_session")
    with op.batch_alter_table("access_token") as batch:
        batch.drop_column("name")
    with op.batch_alter_table("upload") as batch:
        batch.drop_index("ix_upload_sender_day")
        batch.drop_index("uq_upload_live")
    with op.batch_alter_table("recorded_input") as batch:
        batch.drop_index("uq_input_current")
