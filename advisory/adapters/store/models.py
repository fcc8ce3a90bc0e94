"""The project database: engagements, stage states, uploads, inputs, documents, the event log and portal access.

Times are naive UTC and always set by the repositories from the project's clock, never by the database.
What may exist only once is a uniqueness rule here, not only a check in code, so two requests at the
same moment cannot both pass the check: one current input per key, one live copy of a file per sender,
one result per form post.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Engagement(Base):
    """One region's advisory support through the five stages."""

    __tablename__ = "engagement"
    id: Mapped[int] = mapped_column(primary_key=True)
    region: Mapped[str] = mapped_column(String(8), unique=True)
    started_at: Mapped[dt.datetime]


class StageState(Base):
    """Where one stage of one engagement stands, and what it waits for."""

    __tablename__ = "stage_state"
    __table_args__ = (UniqueConstraint("engagement_id", "stage"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagement.id"))
    stage: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(32), default="pending")
    missing: Mapped[str] = mapped_column(Text, default="")
    due: Mapped[dt.date | None]
    started_at: Mapped[dt.datetime | None]
    updated_at: Mapped[dt.datetime]
    # What the last run read and the digest of it (services/fingerprint.py); null until a run settles.
    fingerprint: Mapped[dict[str, Any] | None]


LIVE_UPLOAD = text("outcome IN ('received', 'accepted')")
CURRENT_INPUT = text("superseded_by IS NULL")


class Upload(Base):
    """A file exactly as received, stored before anyone looks inside it.

    A rejected file keeps only its hash, size and first bytes (enough to show what it was) once its
    problems are recorded. One sender has at most one live (received or accepted) copy of a file.
    """

    __tablename__ = "upload"
    __table_args__ = (
        Index(
            "uq_upload_live",
            "engagement_id",
            "kind",
            "sha256",
            "uploaded_by",
            unique=True,
            sqlite_where=LIVE_UPLOAD,
            postgresql_where=LIVE_UPLOAD,
        ),
        Index("ix_upload_sender_day", "uploaded_by", "received_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagement.id"))
    kind: Mapped[str] = mapped_column(String(32))
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int]
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[str] = mapped_column(String(255))
    received_at: Mapped[dt.datetime]
    outcome: Mapped[str] = mapped_column(String(16), default="received")
    problems: Mapped[list[Any]] = mapped_column(default=list)


class RecordedInput(Base):
    """One accepted input (a survey response, a review, a self-assessment ...) as validated data.

    A newer input with the same kind and key supersedes the older one; both stay in history.
    """

    __tablename__ = "recorded_input"
    __table_args__ = (
        Index("ix_input_current", "engagement_id", "kind", "superseded_by"),
        Index(
            "uq_input_current",
            "engagement_id",
            "kind",
            "key",
            unique=True,
            sqlite_where=CURRENT_INPUT,
            postgresql_where=CURRENT_INPUT,
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagement.id"))
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(255))
    payload: Mapped[dict[str, Any]]
    sha256: Mapped[str] = mapped_column(String(64))
    upload_id: Mapped[int | None] = mapped_column(ForeignKey("upload.id"))
    recorded_by: Mapped[str] = mapped_column(String(255))
    recorded_at: Mapped[dt.datetime]
    superseded_by: Mapped[int | None] = mapped_column(ForeignKey("recorded_input.id"))


class WrittenDocument:
    """What every written document version records: which document and version, where its file is, the hashes
    of the file, its template and its inputs, the result it shows, and its approval."""

    document: Mapped[str] = mapped_column(String(64))
    version: Mapped[int]
    path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    template: Mapped[str] = mapped_column(String(255))
    template_sha256: Mapped[str] = mapped_column(String(64))
    inputs_hash: Mapped[str] = mapped_column(String(64))
    result: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime]
    approved_by: Mapped[str | None] = mapped_column(String(255))
    approved_at: Mapped[dt.datetime | None]


class DocumentVersion(WrittenDocument, Base):
    """One generated Word document of a region; a new version is made only when its inputs change."""

    __tablename__ = "document_version"
    __table_args__ = (UniqueConstraint("engagement_id", "document", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagement.id"))
    stage: Mapped[str] = mapped_column(String(32))


class ProgrammeDocument(WrittenDocument, Base):
    """A document of the whole programme (the programme report): versioned and approved like a region's documents,
    but belonging to no one region."""

    __tablename__ = "programme_document"
    __table_args__ = (UniqueConstraint("document", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)


class Event(Base):
    """Append-only log of who did what, when."""

    __tablename__ = "event"
    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int | None] = mapped_column(ForeignKey("engagement.id"))
    at: Mapped[dt.datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(255))
    action: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class AccessToken(Base):
    """A personal sign-in link issued by the observatory; only the token's sha256 is stored."""

    __tablename__ = "access_token"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    email: Mapped[str] = mapped_column(String(255))
    name: Mapped[str | None] = mapped_column(String(200))
    region: Mapped[str | None] = mapped_column(String(8))
    reviewer_id: Mapped[str | None] = mapped_column(String(64))
    issued_by: Mapped[str] = mapped_column(String(255))
    issued_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    revoked_at: Mapped[dt.datetime | None]
    last_used_at: Mapped[dt.datetime | None]


class FormDraft(Base):
    """A form someone is still filling in on the portal (saved as they go): one per person and form."""

    __tablename__ = "form_draft"
    __table_args__ = (UniqueConstraint("token_id", "form"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    token_id: Mapped[int] = mapped_column(ForeignKey("access_token.id"))
    form: Mapped[str] = mapped_column(String(32))
    region: Mapped[str] = mapped_column(String(8))
    answers: Mapped[dict[str, Any]]
    updated_at: Mapped[dt.datetime]


class PortalSession(Base):
    """A signed-in browser: a random session id (stored as sha256 only) given in exchange for a personal link.

    It ends at sign-out, when its link is revoked, after `session_hours`, or after `session_idle_minutes`
    without use, whichever comes first.
    """

    __tablename__ = "portal_session"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    token_id: Mapped[int] = mapped_column(ForeignKey("access_token.id"), index=True)
    started_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    last_used_at: Mapped[dt.datetime]
    ended_at: Mapped[dt.datetime | None]


class SignInAttempt(Base):
    """A sign-in that failed (unknown, expired or withdrawn code), counted per address for the rate limit."""

    __tablename__ = "signin_attempt"
    __table_args__ = (Index("ix_signin_attempt_address_at", "address", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime]


class FormPost(Base):
    """One portal form as posted, by its idempotency key: a repeated post (a double click) gets the first result."""

    __tablename__ = "form_post"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    token_id: Mapped[int] = mapped_column(ForeignKey("access_token.id"))
    action: Mapped[str] = mapped_column(String(255))
    fingerprint: Mapped[str] = mapped_column(String(64))
    posted_at: Mapped[dt.datetime]
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))


class OutboxMessage(Base):
    """A message to a person, written in the same transaction as what caused it, then sent once by a sender.

    `dedupe_key` makes queuing idempotent: a reminder for the same person, stage and day is queued once,
    however often the daily tick runs. A sender claims a message (status `sending`, with a lease), sends
    it, and marks it `sent`; a claim whose lease ran out (its sender died) is taken over.
    """

    __tablename__ = "outbox_message"
    id: Mapped[int] = mapped_column(primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(255), unique=True)
    engagement_id: Mapped[int | None] = mapped_column(ForeignKey("engagement.id"))
    stage: Mapped[str | None] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    recipient: Mapped[str] = mapped_column(String(255))
    recipient_name: Mapped[str] = mapped_column(String(255), default="")
    language: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str] = mapped_column(Text)
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    attachments: Mapped[list[Any]] = mapped_column(default=list)
    due: Mapped[dt.date | None]
    created_at: Mapped[dt.datetime]
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime]
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[dt.datetime | None]
    sent_at: Mapped[dt.datetime | None]
    last_error: Mapped[str] = mapped_column(Text, default="")
