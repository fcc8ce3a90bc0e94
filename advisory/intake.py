"""Recording what people send: files (stored as received, then validated), approvals and early closes.

Every channel (CLI, portal, demo) records inputs through these functions, so the same
validation, storage and event log apply whoever sends them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from advisory.pipeline import StageContext
from advisory.problems import Problem, UploadRejected
from advisory.project import Project, StoredStageContext
from advisory.regions import RegionProfile
from advisory.stages import StageStatus
from advisory.stages import stage as stage_named

Parser = Callable[[bytes, str, RegionProfile, StageContext], list[tuple[str, BaseModel]]]


@dataclass(frozen=True)
class InputKind:
    """A kind of input people send, the parser that validates it and the stage it feeds."""

    name: str
    stage: str
    parse: Parser
    description: str


class Receipt(BaseModel):
    """What the sender is told: stored as upload N, accepted or rejected, and why."""

    upload_id: int | None
    region: str
    kind: str
    filename: str
    sha256: str
    outcome: str  # accepted, rejected, duplicate
    recorded: int = 0
    superseded: int = 0
    unchanged: int = 0
    problems: list[Problem] = []

    @property
    def accepted(self) -> bool:
        return self.outcome in {"accepted", "duplicate"}


class ActionRefused(ValueError):
    """An action that is not allowed in the engagement's current state, with the reason."""


def submit_file(
    project: Project, kinds: dict[str, InputKind], region_code: str, kind: str, filename: str, data: bytes, uploaded_by: str
) -> Receipt:
    """Store the file as received, validate it, and record its inputs all together or not at all."""
    region = project.region(region_code)
    spec = kinds[kind]
    sha = hashlib.sha256(data).hexdigest()
    if len(data) > project.settings.max_upload_bytes:
        return _too_large(project, region.code, kind, filename, data, uploaded_by, sha)
    with project.unit_of_work() as uow:
        duplicate = uow.engagements.accepted_upload(region.code, kind, sha)
        upload = uow.engagements.add_upload(region.code, kind, filename, data, uploaded_by)
        uow.engagements.log(region.code, uploaded_by, "upload_received", kind=kind, filename=filename, sha256=sha)
        if duplicate is not None:
            upload.outcome = "duplicate"
        uow.commit()
        upload_id = upload.id
    if duplicate is not None:
        return Receipt(upload_id=upload_id, region=region.code, kind=kind, filename=filename, sha256=sha, outcome="duplicate")
    try:
        records = spec.parse(data, filename, region, StoredStageContext(project, region))
    except UploadRejected as rejected:
        return _reject(project, region.code, upload_id, kind, filename, sha, uploaded_by, rejected.problems)
    return _accept(project, region.code, upload_id, spec, filename, sha, uploaded_by, records)


def _reject(
    project: Project, region: str, upload_id: int, kind: str, filename: str, sha: str, by: str, problems: list[Problem]
) -> Receipt:
    with project.unit_of_work() as uow:
        upload = uow.engagements.upload(upload_id)
        upload.outcome = "rejected"
        upload.problems = [p.model_dump() for p in problems]
        uow.engagements.log(region, by, "upload_rejected", kind=kind, filename=filename, problems=len(problems))
        uow.commit()
    return Receipt(
        upload_id=upload_id, region=region, kind=kind, filename=filename, sha256=sha, outcome="rejected", problems=problems
    )


def _accept(
    project: Project, region: str, upload_id: int, spec: InputKind, filename: str, sha: str, by: str,
    records: list[tuple[str, BaseModel]],
) -> Receipt:
    recorded = superseded = unchanged = 0
    with project.unit_of_work() as uow:
        uow.engagements.lock_engagement(region)
        if uow.engagements.accepted_upload(region, spec.name, sha) is not None:
            # The same file arrived twice at once: the other copy was accepted while this one was parsed.
            uow.engagements.upload(upload_id).outcome = "duplicate"
            uow.commit()
            return Receipt(upload_id=upload_id, region=region, kind=spec.name, filename=filename, sha256=sha, outcome="duplicate")
        for key, model in records:
            previous = {r.key for r in uow.engagements.current_inputs(region, spec.name)}
            row = uow.engagements.record_input(
                region, spec.name, key, model.model_dump(mode="json"), recorded_by=by, upload_id=upload_id
            )
            if row is None:
                unchanged += 1
            else:
                recorded += 1
                superseded += key in previous
        upload = uow.engagements.upload(upload_id)
        upload.outcome = "accepted"
        uow.engagements.log(
            region, by, "upload_accepted", kind=spec.name, filename=filename, recorded=recorded, superseded=superseded
        )
        uow.commit()
    return Receipt(
        upload_id=upload_id, region=region, kind=spec.name, filename=filename, sha256=sha, outcome="accepted",
        recorded=recorded, superseded=superseded, unchanged=unchanged,
    )


def _too_large(project: Project, region: str, kind: str, filename: str, data: bytes, by: str, sha: str) -> Receipt:
    limit = project.settings.max_upload_bytes
    problem = Problem(file=filename, reason=f"file is {len(data):,} bytes; the limit is {limit:,} bytes")
    with project.unit_of_work() as uow:
        # The bytes over the limit are not kept: storing them is what the limit prevents.
        upload = uow.engagements.add_upload(region, kind, filename, b"", by)
        upload.sha256, upload.size, upload.outcome = sha, len(data), "rejected"
        upload.problems = [problem.model_dump()]
        uow.engagements.log(region, by, "upload_rejected", kind=kind, filename=filename, reason="too large")
        uow.commit()
        upload_id = upload.id
    return Receipt(
        upload_id=upload_id, region=region, kind=kind, filename=filename, sha256=sha, outcome="rejected", problems=[problem]
    )


def record_input(project: Project, region_code: str, kind: str, key: str, payload: BaseModel, by: str) -> bool:
    """Record one input entered directly (portal form, expert action); False when it changed nothing."""
    region = project.region(region_code)
    with project.unit_of_work() as uow:
        row = uow.engagements.record_input(region.code, kind, key, payload.model_dump(mode="json"), recorded_by=by)
        uow.engagements.log(region.code, by, "input_recorded", kind=kind, key=key, changed=row is not None)
        uow.commit()
    return row is not None


class StageClosed(BaseModel):
    stage: str
    by: str
    at: str


def close_stage(project: Project, region_code: str, stage_key: str, by: str) -> None:
    """An expert closes a waiting stage early (the survey or the peer review)."""
    region = project.region(region_code)
    stage = stage_named(stage_key)
    if stage.key not in {"survey", "peer_review"}:
        raise ActionRefused(f"only the survey and the peer review wait on outside input; {stage.key} cannot be closed")
    with project.unit_of_work() as uow:
        status = uow.engagements.stage_state(region.code, stage.key).status
    if status != StageStatus.AWAITING_INPUT:
        raise ActionRefused(f"{region.code} {stage.key} is {status}, not awaiting input; nothing to close")
    closed = StageClosed(stage=stage.key, by=by, at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    record_input(project, region.code, "stage_closed", stage.key, closed, by)


def approve(project: Project, region_code: str, stage_key: str, by: str) -> dict[str, Any]:
    """An expert approves the stage's latest document; the stage is then completed."""
    region = project.region(region_code)
    stage = stage_named(stage_key)
    final = project.stage_steps[stage.key][-1].document
    with project.unit_of_work() as uow:
        status = uow.engagements.stage_state(region.code, stage.key).status
        latest = uow.engagements.latest_document(region.code, final)
        if status != StageStatus.READY_FOR_APPROVAL or latest is None:
            raise ActionRefused(f"{region.code} {stage.key} is {status}; only a stage ready for approval can be approved")
        latest.approved_by, latest.approved_at = by, dt.datetime.now(dt.UTC).replace(tzinfo=None)
        uow.engagements.set_stage(region.code, stage.key, StageStatus.COMPLETED, actor=by)
        uow.engagements.log(region.code, by, "document_approved", document=final, version=latest.version)
        uow.commit()
        return {"document": final, "version": latest.version, "path": latest.path}
