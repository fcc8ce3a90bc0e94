"""The stage table: for each stage, its steps in order (document, gather, build), as in DESIGN.md."""

from __future__ import annotations

from advisory.assessment import build_assessment_report
from advisory.benchmarking import build_benchmarking_report
from advisory.briefing import build_policy_briefing
from advisory.inputs.assessment import gather_assessment_report
from advisory.inputs.benchmarking import gather_benchmarking_report
from advisory.inputs.briefing import gather_policy_briefing
from advisory.inputs.peer_review import gather_peer_review_pack, gather_peer_review_report
from advisory.inputs.survey import gather_survey_report
from advisory.peer_review.pack import build_peer_review_pack
from advisory.peer_review.report import build_peer_review_report
from advisory.pipeline import Step
from advisory.stages import StageKey
from surveys.analysis import build_survey_report

STAGE_STEPS: dict[StageKey, tuple[Step, ...]] = {
    StageKey.ASSESSMENT: (Step("assessment_report", gather_assessment_report, build_assessment_report),),
    StageKey.SURVEY: (Step("survey_report", gather_survey_report, build_survey_report),),
    StageKey.BENCHMARKING: (Step("benchmarking_report", gather_benchmarking_report, build_benchmarking_report),),
    StageKey.PEER_REVIEW: (
        Step("peer_review_pack", gather_peer_review_pack, build_peer_review_pack),
        Step("peer_review_report", gather_peer_review_report, build_peer_review_report),
    ),
    StageKey.BRIEFING: (Step("policy_briefing", gather_policy_briefing, build_policy_briefing),),
}
