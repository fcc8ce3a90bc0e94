"""The engine: run a stage (gather each step's inputs, build and render when they changed, record it all),
and advance a region stage by stage until one waits on people.

A step whose inputs hash equals that of its latest document is skipped, so re-running is
idempotent; changed inputs make a new document version and never overwrite an old one. A
stage whose documents are all current waits for an expert's approval, then is completed.
Before any of that, a stage that settled (completed, waiting, ready for approval) is left as it
is when nothing it read has changed since (its fingerprint, services/fingerprint.py): no gather,
no build, no write.
`advance` is the one loop over the stages: the Prefect flow, the direct path and server-mode
workers all use it, each with its own way of running one stage.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from sqlalchemy.exc import OperationalError

from advisory.adapters.documents.templates import template_path
from advisory.domain.documents import DocumentContext, DocumentMeta
from advisory.domain.regions import RegionProfile
from advisory.domain.stages import STAGES, Stage, StageStatus, Step, Waiting, stage_label
from advisory.services import fingerprint
from advisory.services.project import Project, StoredStageContext

SETTLED = (StageStatus.COMPLETED, StageStatus.READY_FOR_APPROVAL, StageStatus.AWAITING_INPUT)


class StageOutcome(BaseModel):
    region: str
    stage: str
    status: StageStatus
    missing: str = ""
    documents_written: list[str] = []


def inputs_hash(inputs: BaseModel, template: Path) -> str:
    digest = hashlib.sha256(inputs.model_dump_json().encode())
    digest.update(template.read_bytes())
    return digest.hexdigest()


def template_for(project: Project, document: str) -> Path:
    return template_path(project.settings.templates_dir, document)


def run_stage(project: Project, region_code: str, stage: Stage) -> StageOutcome:
    """Advance one stage of one region as far as its inputs allow; failures leave it re-runnable."""
    region = project.region(region_code)
    settled = settled_outcome(project, region.code, stage)
    if settled is not None:
        return settled
    with project.unit_of_work() as uow:
        status = uow.engagements.stage_state(region.code, stage.key).status
        uow.commit()
    if status == StageStatus.COMPLETED and not _changed(project, region.code, stage):
        return StageOutcome(region=region.code, stage=stage.key, status=StageStatus.COMPLETED)
    with project.unit_of_work() as uow:
        uow.engagements.set_stage(region.code, stage.key, StageStatus.RUNNING)
        uow.commit()
    try:
        return _run_steps(project, region.code, stage)
    except OperationalError:
        raise  # the database dropped out: not the stage's fault, and the flow retries it (workflows/engagement.py)
    except Exception as exc:  # recorded, shown in status, and the stage stays re-runnable
        message = f"{type(exc).__name__}: {exc}"
        with project.unit_of_work() as uow:
            uow.engagements.set_stage(region.code, stage.key, StageStatus.FAILED, missing=message)
            uow.engagements.log(region.code, "engine", "stage_failed", stage=stage.key, error=traceback.format_exc())
            uow.commit()
        return StageOutcome(region=region.code, stage=stage.key, status=StageStatus.FAILED, missing=message)


StageRunner = Callable[[str, Stage], StageOutcome]
Recorder = Callable[[Any, dict[str, Any]], None]


def advance(region_code: str, run: StageRunner) -> list[StageOutcome]:
    """Run the stages in order with `run(region, stage)` until one is not completed (waits, fails, awaits approval)."""
    outcomes: list[StageOutcome] = []
    for each in STAGES:
        outcomes.append(run(region_code, each))
        if outcomes[-1].status != StageStatus.COMPLETED:
            break
    return outcomes


def settled_outcome(project: Project, region_code: str, stage: Stage) -> StageOutcome | None:
    """The stage's last outcome when it settled and nothing it read has changed since (no gather); else None."""
    with project.unit_of_work() as uow:
        state = uow.engagements.settled_states(region_code).get(stage.key)
    if state is None or state.status not in SETTLED:
        return None
    if not fingerprint.unchanged(project, region_code, stage, state.fingerprint):
        return None
    return StageOutcome(region=region_code, stage=stage.key, status=state.status, missing=state.missing)


def settled_outcomes(project: Project, region_code: str) -> list[StageOutcome] | None:
    """What advancing the region would return when none of its stages has anything to do; None when one has."""
    outcomes: list[StageOutcome] = []
    for each in STAGES:
        outcome = settled_outcome(project, region_code, each)
        if outcome is None:
            return None
        outcomes.append(outcome)
        if outcome.status != StageStatus.COMPLETED:
            break
    return outcomes


def advance_directly(project: Project, region_code: str) -> list[StageOutcome]:
    """What the `advance_engagement` flow does, without Prefect: for benchmarks, tests and debugging."""
    code = project.region(region_code).code
    return advance(code, lambda region, each: run_stage(project, region, each))


def _changed(project: Project, region_code: str, stage: Stage) -> bool:
    """Whether any step of a completed stage would now be built from different inputs (if not, its new
    fingerprint is kept, so the next run need not gather to know)."""
    region = project.region(region_code)
    context = StoredStageContext(project, region, stage.key)
    for step in project.stage_steps[stage.key]:
        gathered = step.gather(context)
        if isinstance(gathered, Waiting):
            return True
        template = template_for(project, step.document)
        with project.unit_of_work() as uow:
            latest = uow.engagements.latest_document(region_code, step.document)
        if latest is None or latest.inputs_hash != inputs_hash(gathered, template):
            return True
    _settle(project, region_code, stage, context, StageStatus.COMPLETED)
    return False


def _settle(
    project: Project,
    region_code: str,
    stage: Stage,
    context: StoredStageContext,
    status: StageStatus,
    missing: str = "",
    due: dt.date | None = None,
) -> None:
    """Record where the stage now stands, with the fingerprint of what its gathers read to get there."""
    recorded = fingerprint.record(project, region_code, stage, context.log)
    with project.unit_of_work() as uow:
        state = uow.engagements.set_stage(region_code, stage.key, status, missing=missing, due=due)
        state.fingerprint = recorded
        uow.commit()


def _run_steps(project: Project, region_code: str, stage: Stage) -> StageOutcome:
    context = StoredStageContext(project, project.region(region_code), stage.key)
    written: list[str] = []
    for step in project.stage_steps[stage.key]:
        gathered = step.gather(context)
        if isinstance(gathered, Waiting):
            _settle(project, region_code, stage, context, StageStatus.AWAITING_INPUT, gathered.missing, gathered.due)
            return StageOutcome(
                region=region_code,
                stage=stage.key,
                status=StageStatus.AWAITING_INPUT,
                missing=gathered.missing,
                documents_written=written,
            )
        if _write_document(project, project.region(region_code), stage, step, gathered):
            written.append(step.document)
    return _await_approval(project, region_code, context, stage, written)


def _write_document(project: Project, region: RegionProfile, stage: Stage, step: Step, gathered: BaseModel) -> bool:
    template = template_for(project, step.document)
    digest = inputs_hash(gathered, template)
    with project.unit_of_work() as uow:
        latest = uow.engagements.latest_document(region.code, step.document)
    if latest is not None and latest.inputs_hash == digest:
        return False
    result = step.build(gathered)
    version = (latest.version + 1) if latest else 1
    language = region.language
    meta = DocumentMeta(
        title=step.template.title_in(language),
        stage_label=stage_label(stage),
        version=version,
        date=project.today(),
        language=language,
    )
    context_model = DocumentContext(region=region, document=meta, result=result, sources=getattr(result, "sources", []))
    out = project.settings.output_dir / region.code / f"{step.document}_v{version}.docx"

    def record(uow, columns: dict[str, Any]) -> None:
        uow.engagements.add_document(region.code, stage=stage.key, **columns)
        uow.engagements.log(region.code, "engine", "document_written", document=step.document, version=version)
        if latest is not None and latest.approved_at is not None:
            outdate_later_stages(project, uow, region.code, stage, step.template.title_in("en"), version)

    write_version(project, NewVersion(step.document, version, template, digest, result, out), context_model, record)
    return True


@dataclass(frozen=True)
class NewVersion:
    """A document version about to be written: which, from which template and inputs, with which result, where."""

    document: str
    version: int
    template: Path
    inputs_hash: str
    result: BaseModel
    out: Path


def write_version(project: Project, new: NewVersion, context: DocumentContext, record: Recorder) -> None:
    """Render a new version to `new.out`: written aside first, recorded by `record(uow, columns)` (the version's
    columns: document, version, path, hashes, result) in a transaction that claims the version (a unique key),
    and only then put in place; a crash leaves the last version as it was."""
    from advisory.adapters.documents.render import render

    _remove_leftovers(new.out)
    pending = new.out.with_name(f".{new.out.stem}.{secrets.token_hex(4)}.pending")
    rendered = render(new.template, context, pending, language=context.document.language)
    columns = {
        "document": new.document,
        "version": new.version,
        "path": str(new.out),
        "sha256": rendered.sha256,
        "template": str(new.template.relative_to(project.settings.templates_dir)),
        "template_sha256": rendered.template_sha256,
        "inputs_hash": new.inputs_hash,
        "result": new.result.model_dump(mode="json"),
    }
    try:
        with project.unit_of_work() as uow:
            record(uow, columns)
            os.replace(pending, new.out)
            uow.commit()
    finally:
        pending.unlink(missing_ok=True)


def _remove_leftovers(out: Path) -> None:
    """Files of a run killed while writing this very version (render's .tmp, the engine's .pending)."""
    for leftover in out.parent.glob(f"*{out.stem}.*"):
        if leftover.suffix in {".tmp", ".pending"}:
            leftover.unlink(missing_ok=True)


def _await_approval(
    project: Project, region_code: str, context: StoredStageContext, stage: Stage, written: list[str]
) -> StageOutcome:
    """Completed when every document of the stage is approved in its latest version; else waiting for the
    expert, with a due date `approval_days` after the stage's last document was written (the day the stage
    became ready: a peer review pack waits for its report, and the two are approved together)."""
    with project.unit_of_work() as uow:
        waiting = uow.engagements.unapproved_latest(region_code, stage.key)
    if not waiting:
        status, missing, due = StageStatus.COMPLETED, "", None
    else:
        status = StageStatus.READY_FOR_APPROVAL
        missing = "expert approval of " + ", ".join(f"{doc.document} v{doc.version}" for doc in waiting)
        due = max(doc.created_at.date() for doc in waiting) + dt.timedelta(days=project.settings.approval_days)
    _settle(project, region_code, stage, context, status, missing, due)
    return StageOutcome(region=region_code, stage=stage.key, status=status, missing=missing, documents_written=written)


def outdate_later_stages(project: Project, uow, region_code: str, changed: Stage, document_title, version: int) -> None:
    """A stage already approved has a new document version: the stages after it that were done (or waiting for
    approval) used the old one. They are marked outdated (they run again and their new versions wait for
    approval, nothing is rewritten silently) and the coordinators are told, in this transaction."""
    later = [each for each in STAGES if each.number > changed.number]
    outdated = []
    for each in later:
        state = uow.engagements.stage_state(region_code, each.key)
        if state.status in (StageStatus.COMPLETED, StageStatus.READY_FOR_APPROVAL, StageStatus.OUTDATED):
            reason = f"outdated by a new {document_title.lower()} (version {version}): runs again, then awaits approval"
            uow.engagements.set_stage(region_code, each.key, StageStatus.OUTDATED, missing=reason)
            outdated.append(each)
    if outdated:
        from advisory.services.notifications import tell_outdated

        tell_outdated(project, uow, region_code, changed, version, outdated)
