"""What the programme report reads: every region's approved documents (the newest approved version of each)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from pydantic import BaseModel, ValidationError

from advisory.domain.documents import DOCUMENT_TITLES
from advisory.domain.errors import InvalidData
from advisory.domain.regions import RegionProfile
from advisory.stages.briefing.evidence import SurveyEvidence
from advisory.stages.programme.models import (
    AssessmentDigest,
    BenchmarkingDigest,
    BriefingDigest,
    DocumentReference,
    PeerReviewDigest,
    ProgrammeInputs,
    RegionDossier,
)

READS: dict[str, tuple[str, type[BaseModel]]] = {
    "assessment_report": ("assessment", AssessmentDigest),
    "survey_report": ("survey", SurveyEvidence),
    "benchmarking_report": ("benchmarking", BenchmarkingDigest),
    "peer_review_report": ("peer_review", PeerReviewDigest),
    "policy_briefing": ("briefing", BriefingDigest),
}
ALSO_APPROVED = ("peer_review_pack",)  # approved with the report; listed among the documents, not read


class Approved(BaseModel):
    """A region's approved version of one document."""

    result: dict[str, Any]
    version: int
    approved: dt.date


class ProgrammeContext(Protocol):
    regions: dict[str, RegionProfile]

    def approved(self, document: str) -> dict[str, Approved]:
        """Region code -> the newest approved version of this document."""


def gather_programme_report(ctx: ProgrammeContext) -> ProgrammeInputs:
    approved = {document: ctx.approved(document) for document in (*READS, *ALSO_APPROVED)}
    dossiers, not_started = [], []
    for code, profile in sorted(ctx.regions.items()):
        if code not in approved["assessment_report"]:
            not_started.append(profile.name)
            continue
        fields: dict[str, Any] = {}
        for document, (name, model) in READS.items():
            found = approved[document].get(code)
            fields[name] = _validated(code, document, model, found.result) if found else None
        references = {
            document: DocumentReference(title=DOCUMENT_TITLES[document], version=found.version, approved=found.approved)
            for document in ("assessment_report", "survey_report", "benchmarking_report", *ALSO_APPROVED)
            + ("peer_review_report", "policy_briefing")
            if (found := approved[document].get(code)) is not None
        }
        dossiers.append(RegionDossier(profile=profile, documents=references, **fields))
    latest = max((ref.approved for d in dossiers for ref in d.documents.values()), default=None)
    # As of the last approval it reads (not today): the same approvals make the same report on any day.
    return ProgrammeInputs(as_of=latest or dt.date.min, regions=dossiers, not_started=not_started)


def _validated(region: str, document: str, model: type[BaseModel], result: dict[str, Any]) -> BaseModel:
    try:
        return model.model_validate(result)
    except ValidationError as exc:
        raise InvalidData(f"{region} {document}: stored result does not match the stage contract: {exc}") from exc
