"""What the policy briefing reads: the results of stages 1-4, the good-practice library and the expert's edits."""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from advisory.adapters.datasets import load_good_practices
from advisory.domain.errors import InvalidData
from advisory.domain.stages import StageContext, Waiting
from advisory.stages.assessment.models import AssessmentResult
from advisory.stages.briefing.evidence import BenchmarkingEvidence, PeerReviewEvidence, SurveyEvidence
from advisory.stages.briefing.models import BriefingEdits, BriefingInputs

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
        good_practices=load_good_practices(ctx.datasets_dir),
        edits=[BriefingEdits.model_validate(payload) for payload in ctx.inputs("briefing_edits")],
    )


def _validated(document: str, result: dict) -> BaseModel:
    try:
        return UPSTREAM[document][1].model_validate(result)
    except ValidationError as exc:
        raise InvalidData(f"{document}: stored result does not match the stage contract: {exc}") from exc


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
