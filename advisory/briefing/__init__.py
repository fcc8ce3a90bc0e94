"""Stage 5, the final policy briefing: recommendations tied to evidence, checked against the Do's and Don'ts."""

from advisory.briefing.edits import apply_edits, parse_briefing_edits
from advisory.briefing.evidence import BenchmarkingEvidence, PeerReviewEvidence, SurveyEvidence
from advisory.briefing.models import (
    BriefingEdits,
    BriefingInputs,
    PolicyBriefing,
    Recommendation,
    RecommendationEdit,
)
from advisory.briefing.report import SUMMARY_BUDGET, build_policy_briefing

__all__ = [
    "SUMMARY_BUDGET", "BenchmarkingEvidence", "BriefingEdits", "BriefingInputs", "PeerReviewEvidence",
    "PolicyBriefing", "Recommendation", "RecommendationEdit", "SurveyEvidence", "apply_edits",
    "build_policy_briefing", "parse_briefing_edits",
]
