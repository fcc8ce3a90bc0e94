"""Stage 1, the assessment report: country context, regional profile, policy self-assessment and expert findings."""

from advisory.assessment.findings import ExpertFinding, parse_findings
from advisory.assessment.models import (
    AssessmentInputs,
    AssessmentResult,
    ConditionScore,
    EisCountry,
    IndicatorDistribution,
    Mismatch,
    RegionalIndicator,
)
from advisory.assessment.report import build_assessment_report

__all__ = [
    "AssessmentInputs", "AssessmentResult", "ConditionScore", "EisCountry", "ExpertFinding",
    "IndicatorDistribution", "Mismatch", "RegionalIndicator", "build_assessment_report", "parse_findings",
]
