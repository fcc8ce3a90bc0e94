"""Moving a stage forward: gather each step's inputs, build and render when they changed, record it all.

A step whose inputs hash equals that of its latest document is skipped, so re-running is
idempotent; changed inputs make a new document version and never overwrite an old one. A
stage whose documents are all current waits for an expert's approval, then is completed.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import secrets
import traceback
from pathlib import Path

from pydantic import BaseModel
from sqlalchemy.exc import OperationalError

from advisory.documents.render import render
from advisory.documents.templates import template_path
from advisory.pipeline import DocumentContext, DocumentMeta, Step, Waiting
from advisory.project import Project, StoredStageContext
from advisory.stages import STAGES, Stage, StageStatus, stage_label


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


def document_title(document: str, language: str = "en") -> str:
    try:
        source = importlib.import_module(f"advisory.documents.templates.{document}")
    except ModuleNotFoundError:
        return document.replace("_", " ").capitalize()
    return getattr(source, "TITLES", {}).get(language, source.TITLE)


def template_for(project: Project, document: str, language: str) -> Path:
    return template_path(project.settings.templates_dir, document, language)


def run_stage(project: Project, region_code: str, stage: Stage) -> StageOutcome:
    """Advance one stage of one region as far as its inputs allow; failures leave it re-runnable."""
    region = project.region(region_code)
    with project.unit_of_work() as uow:
        state = uow.engagements.stage_state(region.code, stage.key)
        if state.status == StageStatus.COMPLETED and not _changed(project, region.code, stage):
            return StageOutcome(region=region.code, stage=stage.key, status=StageStatus.COMPLETED)
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


def advance_without_prefect(project: Project, region_code: str) -> list[StageOutcome]:
    """What `advance_engagement` does, called directly: for benchmarks and debugging, not for users."""
    outcomes: list[StageOutcome] = []
    for each in STAGES:
        outcomes.append(run_stage(project, region_code, each))
        if outcomes[-1].status != StageStatus.COMPLETED:
            break
    return outcomes


def _changed(project: Project, region_code: str, stage: Stage) -> bool:
    """Whether any step of a completed stage would now be built from different inputs."""
    context = StoredStageContext(project, project.region(region_code), stage.key)
    for step in project.stage_steps[stage.key]:
        gathered = step.gather(context)
        if isinstance(gathered, Waiting):
            return True
        template = template_for(project, step.document, context.region.language)
        with project.unit_of_work() as uow:
            latest = uow.engagements.latest_document(region_code, step.document)
        if latest is None or latest.inputs_hash != inputs_hash(gathered, template):
            return True
    return False


def _run_steps(project: Project, region_code: str, stage: Stage) -> StageOutcome:
    context = StoredStageContext(project, project.region(region_code), stage.key)
    written: list[str] = []
    for step in project.stage_steps[stage.key]:
        gathered = step.gather(context)
        if isinstance(gathered, Waiting):
            with project.unit_of_work() as uow:
                uow.engagements.set_stage(
                    region_code, stage.key, StageStatus.AWAITING_INPUT, missing=gathered.missing, due=gathered.due
                )
                uow.commit()
            return StageOutcome(
                region=region_code, stage=stage.key, status=StageStatus.AWAITING_INPUT,
                missing=gathered.missing, documents_written=written,
            )
        if _write_document(project, context, stage, step, gathered):
            written.append(step.document)
    return _await_approval(project, region_code, stage, written)


def _write_document(
    project: Project, context: StoredStageContext, stage: Stage, step: Step, gathered: BaseModel
) -> bool:
    region = context.region
    template = template_for(project, step.document, region.language)
    digest = inputs_hash(gathered, template)
    with project.unit_of_work() as uow:
        latest = uow.engagements.latest_document(region.code, step.document)
    if latest is not None and latest.inputs_hash == digest:
        return False
    result = step.build(gathered)
    version = (latest.version + 1) if latest else 1
    language = region.language if template.parent.name == region.language else "en"
    meta = DocumentMeta(
        title=document_title(step.document, language),
        stage_label=stage_label(stage, language),
        version=version,
        date=context.today,
        language=language,
    )
    context_model = DocumentContext(region=region, document=meta, result=result, sources=getattr(result, "sources", []))
    out = project.settings.output_dir / region.code / f"{step.document}_v{version}.docx"
    _remove_leftovers(out)
    pending = out.with_name(f".{out.stem}.{secrets.token_hex(4)}.pending")
    rendered = render(template, context_model, pending, language=meta.language)
    try:
        with project.unit_of_work() as uow:
            uow.engagements.add_document(
                region.code,
                stage=stage.key,
                document=step.document,
                version=version,
                path=str(out),
                sha256=rendered.sha256,
                template=str(template.relative_to(project.settings.templates_dir)),
                template_sha256=rendered.template_sha256,
                inputs_hash=digest,
                result=result.model_dump(mode="json"),
            )
            uow.engagements.log(region.code, "engine", "document_written", document=step.document, version=version)
            # The row claims version N first (a unique key); only the run that holds it puts its file in place.
            os.replace(pending, out)
            uow.commit()
    finally:
        pending.unlink(missing_ok=True)
    return True


def _remove_leftovers(out: Path) -> None:
    """Files of a run killed while writing this very version (render's .tmp, the engine's .pending)."""
    for leftover in out.parent.glob(f"*{out.stem}.*"):
        if leftover.suffix in {".tmp", ".pending"}:
            leftover.unlink(missing_ok=True)


def _await_approval(project: Project, region_code: str, stage: Stage, written: list[str]) -> StageOutcome:
    final = project.stage_steps[stage.key][-1].document
    with project.unit_of_work() as uow:
        latest = uow.engagements.latest_document(region_code, final)
        approved = latest is not None and latest.approved_at is not None
        status = StageStatus.COMPLETED if approved else StageStatus.READY_FOR_APPROVAL
        missing = "" if approved else f"expert approval of {final} v{latest.version}"
        uow.engagements.set_stage(region_code, stage.key, status, missing=missing)
        uow.commit()
    return StageOutcome(region=region_code, stage=stage.key, status=status, missing=missing, documents_written=written)

