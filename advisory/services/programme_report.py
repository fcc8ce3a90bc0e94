"""The programme report: written when the regions' approved documents change, versioned and approved like a stage's.

`refresh` gathers every region's newest approved documents; when they differ from what the latest
version was built from, it builds and renders a new version (in English, the Policy Forum's
language) under `output/programme/`; otherwise it leaves the latest version as it is. `export`
renders the latest version in another language beside it; `approve` records an expert's approval.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from advisory.adapters.i18n import check_language
from advisory.domain.documents import Addressee, DocumentContext, DocumentMeta
from advisory.domain.errors import ActionRefused
from advisory.domain.regions import RegionProfile
from advisory.domain.text import _
from advisory.services.engine import NewVersion, inputs_hash, template_for, write_version
from advisory.services.export import write_copy
from advisory.services.project import Project

DOCUMENT = "programme_report"
LANGUAGE = "en"
PROGRAMME = Addressee(name=_("Model demonstrator regions"), country_name=_("European Cluster Policy Forum"))


class ProgrammeReportVersion(BaseModel):
    version: int
    path: str
    written: bool = Field(default=False, description="this call wrote it (else it was current already)")
    approved_by: str | None = None
    regions: int = 0


class StoredProgrammeContext:
    """What the programme report's gather reads, from the project database."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.regions: dict[str, RegionProfile] = project.regions

    def approved(self, document: str):
        from advisory.stages.programme.gather import Approved

        with self.project.unit_of_work() as uow:
            rows = uow.engagements.approved_documents(document)
            return {
                code: Approved(result=row.result, version=row.version, approved=row.approved_at.date())
                for code, row in rows.items()
                if code in self.regions
            }


def refresh(project: Project) -> ProgrammeReportVersion | None:
    """Write a new version when the approved documents changed since the latest; None before any region has an
    approved assessment report (or for a project trying out other stages)."""
    from advisory.stages.programme.build import build_programme_report
    from advisory.stages.programme.gather import gather_programme_report
    from advisory.stages.programme.template import SOURCE

    if not project.runs_the_stage_table:
        return None
    gathered = gather_programme_report(StoredProgrammeContext(project))
    if not gathered.regions:
        return None
    template = template_for(project, DOCUMENT)
    digest = inputs_hash(gathered, template)
    with project.unit_of_work() as uow:
        latest = uow.programme.latest(DOCUMENT)
        if latest is not None and latest.inputs_hash == digest:
            return _version(latest, len(gathered.regions))
    result = build_programme_report(gathered)
    version = latest.version + 1 if latest else 1
    meta = DocumentMeta(
        title=SOURCE.title_in(LANGUAGE),
        stage_label=_("European Cluster Policy Forum"),
        version=version,
        date=project.today(),
        language=LANGUAGE,
    )
    out = project.settings.output_dir / "programme" / f"{DOCUMENT}_v{version}.docx"

    def record(uow, columns: dict) -> None:
        uow.programme.add(**columns)
        uow.engagements.log(None, "engine", "document_written", document=DOCUMENT, version=version)

    context = DocumentContext(region=PROGRAMME, document=meta, result=result, sources=result.sources)
    write_version(project, NewVersion(DOCUMENT, version, template, digest, result, out), context, record)
    return ProgrammeReportVersion(version=version, path=str(out), written=True, regions=len(gathered.regions))


def export(project: Project, language: str) -> Path:
    """The latest version, rendered again in `language` beside the English one (same result, same version)."""
    from advisory.stages.programme.models import ProgrammeReport
    from advisory.stages.programme.template import SOURCE

    language = check_language(language)
    with project.unit_of_work() as uow:
        latest = uow.programme.latest(DOCUMENT)
        if latest is None:
            raise ActionRefused(
                "there is no programme report yet: it is written once a region's assessment is approved"
            )
        version, result = latest.version, ProgrammeReport.model_validate(latest.result)
        written = latest.created_at.date()
    if language == LANGUAGE:
        return Path(latest.path)
    meta = DocumentMeta(
        title=SOURCE.title_in(language),
        stage_label=_("European Cluster Policy Forum"),
        version=version,
        date=written,
        language=language,
    )
    out = project.settings.output_dir / "programme" / f"{DOCUMENT}_v{version}.{language}.docx"
    context = DocumentContext(region=PROGRAMME, document=meta, result=result, sources=result.sources)
    write_copy(project, DOCUMENT, context, out)
    return out


def approve(project: Project, by: str) -> ProgrammeReportVersion:
    """An expert approves the latest version; approving it twice is refused, naming who approved it."""
    with project.unit_of_work(immediate=True) as uow:
        latest = uow.programme.latest(DOCUMENT)
        if latest is None:
            raise ActionRefused("there is no programme report to approve yet")
        if latest.approved_at is not None:
            raise ActionRefused(
                f"programme report v{latest.version} was approved already by {latest.approved_by} "
                f"on {latest.approved_at:%Y-%m-%d}"
            )
        latest.approved_by, latest.approved_at = by, project.clock.now()
        uow.engagements.log(None, by, "document_approved", document=DOCUMENT, version=latest.version)
        uow.commit()
        return _version(latest)


def latest(project: Project) -> ProgrammeReportVersion | None:
    with project.unit_of_work() as uow:
        row = uow.programme.latest(DOCUMENT)
        return _version(row) if row else None


def _version(row, regions: int = 0) -> ProgrammeReportVersion:
    return ProgrammeReportVersion(version=row.version, path=row.path, approved_by=row.approved_by, regions=regions)
