"""What the policy briefing reads: the results of stages 1-4, the Cluster Policy Toolkit, the partner search and the
expert's edits."""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from advisory.adapters.datasets import load_toolkit
from advisory.domain.errors import InvalidData, UnknownRegion
from advisory.domain.stages import StageContext, Waiting
from advisory.stages.assessment.models import AssessmentResult
from advisory.stages.briefing.evidence import BenchmarkingEvidence, PeerReviewEvidence, SurveyEvidence
from advisory.stages.briefing.models import BriefingEdits, BriefingInputs, PossiblePartner
from advisory.stages.partners import find_partners

UPSTREAM: dict[str, tuple[str, type[BaseModel]]] = {
    "assessment_report": ("assessment report", AssessmentResult),
    "survey_report": ("survey report", SurveyEvidence),
    "benchmarking_report": ("benchmarking report", BenchmarkingEvidence),
    "peer_review_report": ("peer review report", PeerReviewEvidence),
}


def gather_policy_briefing(ctx: StageContext) -> BriefingInputs | Waiting:
    results = {document: ctx.result(document) for document in UPSTREAM}
    missing = [UPSTREAM[d][0] for d, result in results.items() if result is None]
    if missing:
        return Waiting(missing=f"waiting for the {_listed(missing)}")
    upstream = {document: _validated(document, result) for document, result in results.items()}
    return BriefingInputs(
        region=ctx.region,
        assessment=upstream["assessment_report"],
        survey=upstream["survey_report"],
        benchmarking=upstream["benchmarking_report"],
        peer_review=upstream["peer_review_report"],
        toolkit=load_toolkit(ctx.datasets_dir),
        edits=[BriefingEdits.model_validate(payload) for payload in ctx.inputs("briefing_edits")],
        partners=possible_partners(ctx),
    )


PARTNERS_SHOWN = 3


def possible_partners(ctx: StageContext) -> list[PossiblePartner]:
    """The partner search's best candidates for the region (none where the reference data do not hold it)."""
    try:
        search = find_partners(ctx.datasets_dir, ctx.regions_dir, ctx.region.code, top=PARTNERS_SHOWN)
    except UnknownRegion:
        return []
    return [
        PossiblePartner(name=c.match.name, code=c.match.code, score=c.match.score, reasons=c.reasons[:3])
        for c in search.candidates
    ]


def _validated(document: str, result: dict) -> BaseModel:
    try:
        return UPSTREAM[document][1].model_validate(result)
    except ValidationError as exc:
        raise InvalidData(f"{document}: stored result does not match the stage contract: {exc}") from exc


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
