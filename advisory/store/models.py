"""The project database: engagements, stage states, uploads, inputs, documents and the event log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Engagement(Base):
    """One region's advisory support through the five stages."""

    __tablename__ = "engagement"
    id: Mapped[int] = mapped_column(primary_key=True)
    region: Mapped[str] = mapped_column(String(8), unique=True)
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


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
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Upload(Base):
    """A file exactly as received, stored before anyone looks inside it."""

    __tablename__ = "upload"
    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagement.id"))
    kind: Mapped[str] = mapped_column(String(32))
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int]
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[str] = mapped_column(String(255))
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    outcome: Mapped[str] = mapped_column(String(16), default="received")
    problems: Mapped[list[Any]] = mapped_column(default=list)


class RecordedInput(Base):
    """One accepted input (a survey response, a review, a self-assessment ...) as validated data.

    A newer input with the same kind and key supersedes the older one; both stay in history.
    """

    __tablename__ = "recorded_input"
    __table_args__ = (Index("ix_input_current", "engagement_id", "kind", "superseded_by"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagement.id"))
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(255))
    payload: Mapped[dict[str, Any]]
    sha256: Mapped[str] = mapped_column(String(64))
    upload_id: Mapped[int | None] = mapped_column(ForeignKey("upload.id"))
    recorded_by: Mapped[str] = mapped_column(String(255))
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    superseded_by: Mapped[int | None] = mapped_column(ForeignKey("recorded_input.id"))


class DocumentVersion(Base):
    """One generated Word document; a new version is made only when its inputs change."""

    __tablename__ = "document_version"
    __table_args__ = (UniqueConstraint("engagement_id", "document", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagement.id"))
    stage: Mapped[str] = mapped_column(String(32))
    document: Mapped[str] = mapped_column(String(64))
    version: Mapped[int]
    path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    template: Mapped[str] = mapped_column(String(255))
    template_sha256: Mapped[str] = mapped_column(String(64))
    inputs_hash: Mapped[str] = mapped_column(String(64))
    result: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    approved_by: Mapped[str | None] = mapped_column(String(255))
    approved_at: Mapped[dt.datetime | None]


class Event(Base):
    """Append-only log of who did what, when."""

    __tablename__ = "event"
    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int | None] = mapped_column(ForeignKey("engagement.id"))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
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
    region: Mapped[str | None] = mapped_column(String(8))
    reviewer_id: Mapped[str | None] = mapped_column(String(64))
    issued_by: Mapped[str] = mapped_column(String(255))
    issued_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime]
    revoked_at: Mapped[dt.datetime | None]
    last_used_at: Mapped[dt.datetime | None]


class SurveyDraft(Base):
    """A survey response a regional contact is still filling in on the portal (saved as they go)."""

    __tablename__ = "survey_draft"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_id: Mapped[int] = mapped_column(ForeignKey("access_token.id"), unique=True)
    region: Mapped[str] = mapped_column(String(8))
    answers: Mapped[dict[str, Any]]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
