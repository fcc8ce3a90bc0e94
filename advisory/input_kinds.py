"""What people send, kind by kind: the parser that validates it and the key a newer copy supersedes."""

from __future__ import annotations

from pydantic import BaseModel

from advisory.assessment import parse_findings
from advisory.briefing import parse_briefing_edits
from advisory.inputs.peer_review import assigned_reviewer_ids
from advisory.intake import InputKind
from advisory.peer_review.intake import parse_review
from advisory.pipeline import StageContext
from advisory.regions import RegionProfile
from advisory.stress_test import parse_stress_test
from surveys.instrument import default_instrument
from surveys.intake import parse_survey_upload


def survey_responses(data: bytes, filename: str, region: RegionProfile, ctx: StageContext) -> list[tuple[str, BaseModel]]:
    responses = parse_survey_upload(data, filename, region, default_instrument(ctx.instruments_dir))
    return [(response.respondent_id, response) for response in responses]


def stress_test(data: bytes, filename: str, region: RegionProfile, ctx: StageContext) -> list[tuple[str, BaseModel]]:
    return [("policy", parse_stress_test(data, filename, region))]


def expert_findings(data: bytes, filename: str, region: RegionProfile, ctx: StageContext) -> list[tuple[str, BaseModel]]:
    return [(finding.id, finding) for finding in parse_findings(data, filename, region)]


def peer_review(data: bytes, filename: str, region: RegionProfile, ctx: StageContext) -> list[tuple[str, BaseModel]]:
    review = parse_review(data, filename, region, assigned_reviewer_ids(ctx.result("peer_review_pack")))
    return [(review.reviewer_id, review)]


def briefing_edits(data: bytes, filename: str, region: RegionProfile, ctx: StageContext) -> list[tuple[str, BaseModel]]:
    # The expert sends the whole set of edits each time: the newest set replaces the previous one.
    return [("edits", parse_briefing_edits(data, filename, region))]


INPUT_KINDS: dict[str, InputKind] = {
    kind.name: kind
    for kind in (
        InputKind("survey_response", "survey", survey_responses, "survey responses (Excel workbook or CSV)"),
        InputKind("stress_test", "assessment", stress_test, "policy self-assessment (stress test, YAML)"),
        InputKind("expert_findings", "assessment", expert_findings, "findings from stakeholder interviews (YAML)"),
        InputKind("peer_review", "peer_review", peer_review, "a peer reviewer's review (YAML or Excel)"),
        InputKind("briefing_edits", "briefing", briefing_edits, "the expert's edits to the briefing (YAML)"),
    )
}
