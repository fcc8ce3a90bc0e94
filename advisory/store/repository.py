"""The engagement repository and unit of work: the only code that queries the project database."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from advisory.store.models import (
    DocumentVersion,
    Engagement,
    Event,
    RecordedInput,
    StageState,
    Upload,
    utcnow,
)


def payload_hash(payload: Any) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


class EngagementRepository:
    """Reads and writes one session's view of engagements; commits belong to the unit of work."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # --- engagements and stages --------------------------------------------------------------
    def engagement(self, region: str) -> Engagement:
        query = select(Engagement).where(Engagement.region == region)
        found = self.session.scalar(query)
        if found is None:
            try:
                with self.session.begin_nested():  # two first inputs at once: one insert wins
                    found = Engagement(region=region)
                    self.session.add(found)
            except IntegrityError:
                found = self.session.scalar(query)
        return found

    def lock_engagement(self, region: str) -> Engagement:
        """Hold the engagement's row until commit, so its inputs are recorded one submission at a time."""
        self.engagement(region)
        return self.session.scalar(select(Engagement).where(Engagement.region == region).with_for_update())

    def engagements(self) -> list[Engagement]:
        return list(self.session.scalars(select(Engagement).order_by(Engagement.region)))

    def stage_state(self, region: str, stage: str) -> StageState:
        engagement = self.engagement(region)
        found = self.session.scalar(
            select(StageState).where(StageState.engagement_id == engagement.id, StageState.stage == stage)
        )
        if found is None:
            try:
                with self.session.begin_nested():
                    found = StageState(engagement_id=engagement.id, stage=stage, status="pending", missing="")
                    self.session.add(found)
            except IntegrityError:
                found = self.session.scalar(
                    select(StageState).where(StageState.engagement_id == engagement.id, StageState.stage == stage)
                )
        return found

    def stage_states(self) -> list[tuple[str, StageState]]:
        rows = self.session.execute(
            select(Engagement.region, StageState).join(StageState, StageState.engagement_id == Engagement.id)
        )
        return [(region, state) for region, state in rows]

    def set_stage(
        self, region: str, stage: str, status: str, *, missing: str = "", due: dt.date | None = None, actor: str = "engine"
    ) -> StageState:
        state = self.stage_state(region, stage)
        if (state.status, state.missing) != (status, missing):
            self.log(region, actor, "stage_status", stage=stage, status=status, missing=missing, previous=state.status)
            state.status, state.missing, state.due, state.updated_at = status, missing, due, utcnow()
            if status == "running" and state.started_at is None:
                state.started_at = state.updated_at
        return state

    def stage_started_on(self, region: str, stage: str) -> dt.date | None:
        """The day the stage first ran (dates derived from it stay stable across re-runs)."""
        started = self.stage_state(region, stage).started_at
        return started.date() if started else None

    # --- uploads and inputs ------------------------------------------------------------------
    def add_upload(self, region: str, kind: str, filename: str, content: bytes, uploaded_by: str) -> Upload:
        upload = Upload(
            engagement_id=self.engagement(region).id,
            kind=kind,
            filename=filename,
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
            content=content,
            uploaded_by=uploaded_by,
            problems=[],
        )
        self.session.add(upload)
        self.session.flush()
        return upload

    def accepted_upload(self, region: str, kind: str, sha256: str) -> Upload | None:
        return self.session.scalar(
            select(Upload).where(
                Upload.engagement_id == self.engagement(region).id,
                Upload.kind == kind,
                Upload.sha256 == sha256,
                Upload.outcome == "accepted",
            )
        )

    def upload(self, upload_id: int) -> Upload | None:
        return self.session.get(Upload, upload_id)

    def record_input(
        self, region: str, kind: str, key: str, payload: dict[str, Any], *, recorded_by: str, upload_id: int | None = None
    ) -> RecordedInput | None:
        """Record one input; a same-key input is superseded. Returns None when nothing changed."""
        current = self._current(region, kind, key)
        digest = payload_hash(payload)
        if current is not None and current.sha256 == digest:
            return None
        new = RecordedInput(
            engagement_id=self.engagement(region).id,
            kind=kind,
            key=key,
            payload=payload,
            sha256=digest,
            upload_id=upload_id,
            recorded_by=recorded_by,
        )
        self.session.add(new)
        self.session.flush()
        if current is not None:
            current.superseded_by = new.id
        return new

    def _inputs(self, region: str, kind: str) -> Select[tuple[RecordedInput]]:
        return select(RecordedInput).where(
            RecordedInput.engagement_id == self.engagement(region).id, RecordedInput.kind == kind
        )

    def _current(self, region: str, kind: str, key: str) -> RecordedInput | None:
        return self.session.scalar(
            self._inputs(region, kind).where(RecordedInput.key == key, RecordedInput.superseded_by.is_(None))
        )

    def current_inputs(self, region: str, kind: str) -> list[RecordedInput]:
        """The accepted inputs of this kind that no newer one superseded, by key."""
        query = self._inputs(region, kind).where(RecordedInput.superseded_by.is_(None))
        return list(self.session.scalars(query.order_by(RecordedInput.key)))

    def input_history(self, region: str, kind: str, key: str) -> list[RecordedInput]:
        """Every version of one input, oldest first (superseded ones included)."""
        query = self._inputs(region, kind).where(RecordedInput.key == key)
        return list(self.session.scalars(query.order_by(RecordedInput.id)))

    # --- documents ---------------------------------------------------------------------------
    def latest_document(self, region: str, document: str) -> DocumentVersion | None:
        return self.session.scalar(
            select(DocumentVersion)
            .where(DocumentVersion.engagement_id == self.engagement(region).id, DocumentVersion.document == document)
            .order_by(DocumentVersion.version.desc())
            .limit(1)
        )

    def latest_results(self, document: str) -> dict[str, dict[str, Any]]:
        rows = self.session.execute(
            select(Engagement.region, DocumentVersion)
            .join(DocumentVersion, DocumentVersion.engagement_id == Engagement.id)
            .where(DocumentVersion.document == document)
            .order_by(DocumentVersion.version)
        )
        return {region: version.result for region, version in rows}

    def documents(self, region: str | None = None) -> list[tuple[str, DocumentVersion]]:
        query = select(Engagement.region, DocumentVersion).join(
            DocumentVersion, DocumentVersion.engagement_id == Engagement.id
        )
        if region:
            query = query.where(Engagement.region == region)
        rows = self.session.execute(query.order_by(Engagement.region, DocumentVersion.id))
        return [(code, version) for code, version in rows]

    def document(self, document_id: int) -> tuple[str, DocumentVersion] | None:
        row = self.session.execute(
            select(Engagement.region, DocumentVersion)
            .join(DocumentVersion, DocumentVersion.engagement_id == Engagement.id)
            .where(DocumentVersion.id == document_id)
        ).first()
        return (row[0], row[1]) if row else None

    def add_document(self, region: str, **fields: Any) -> DocumentVersion:
        version = DocumentVersion(engagement_id=self.engagement(region).id, **fields)
        self.session.add(version)
        self.session.flush()
        return version

    # --- event log ---------------------------------------------------------------------------
    def log(self, region: str | None, actor: str, action: str, **detail: Any) -> None:
        engagement_id = self.engagement(region).id if region else None
        self.session.add(Event(engagement_id=engagement_id, actor=actor, action=action, detail=detail))

    def events(self, region: str | None = None, limit: int = 200) -> list[tuple[str | None, Event]]:
        query = select(Engagement.region, Event).outerjoin(Engagement, Event.engagement_id == Engagement.id)
        if region:
            query = query.where(Engagement.region == region)
        rows = self.session.execute(query.order_by(Event.id.desc()).limit(limit))
        return [(code, event) for code, event in rows]


class UnitOfWork:
    """`with UnitOfWork(factory) as uow: ...; uow.commit()` — rolls back unless committed."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self.factory = factory

    def __enter__(self) -> UnitOfWork:
        self.session = self.factory()
        self.engagements = EngagementRepository(self.session)
        return self

    def __exit__(self, *exc: object) -> None:
        # close() rolls back anything uncommitted but, unlike rollback(), leaves loaded objects readable.
        self.session.close()

    def commit(self) -> None:
        self.session.commit()
