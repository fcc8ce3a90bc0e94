"""Candidate recommendations, edits, the Do's and Don'ts check and the one-page summary."""

import pytest

from advisory.domain.errors import UploadRejected
from advisory.domain.principles import PRINCIPLES, verdict
from advisory.stages.briefing.build import SUMMARY_BUDGET, build_policy_briefing
from advisory.stages.briefing.gather import gather_policy_briefing
from advisory.stages.briefing.models import BriefingEdits, RecommendationEdit
from advisory.stages.briefing.parse import parse_briefing_edits
from tests.briefing_examples import REGIONS, context_with_assessment


@pytest.fixture(scope="module")
def inputs():
    from advisory.stages.assessment.build import build_assessment_report
    from advisory.stages.assessment.gather import gather_assessment_report

    ctx = context_with_assessment("SI03")
    ctx.results["assessment_report"] = build_assessment_report(gather_assessment_report(ctx)).model_dump(mode="json")
    return gather_policy_briefing(ctx)


def test_recommendation_ids_are_stable_across_runs(inputs):
    assert [r.id for r in build_policy_briefing(inputs).recommendations] == [
        r.id for r in build_policy_briefing(inputs).recommendations
    ]


def test_survey_evidence_on_a_theme_joins_the_stress_test_recommendation(inputs):
    market = next(r for r in build_policy_briefing(inputs).recommendations if r.theme == "market")
    assert [e.stage for e in market.evidence][:2] == ["Assessment report (stress test)", "Regional survey"]
    assert market.evidence[1].figure.value == pytest.approx(1.4)


def test_an_edit_replaces_the_text_and_keeps_the_generated_one(inputs):
    first = build_policy_briefing(inputs).recommendations[0]
    edits = BriefingEdits(
        by="Ana", edits=[RecommendationEdit(recommendation_id=first.id, text="Fund networks of SMEs.")]
    )
    edited = build_policy_briefing(inputs.model_copy(update={"edits": [edits]})).recommendations[0]
    assert (edited.text, edited.edited, edited.edited_by) == ("Fund networks of SMEs.", True, "Ana")
    assert edited.generated_text == first.text


def test_a_dropped_recommendation_leaves_the_briefing_and_an_unknown_id_is_reported(inputs):
    first = build_policy_briefing(inputs).recommendations[0]
    edits = BriefingEdits(
        by="Ana",
        edits=[
            RecommendationEdit(recommendation_id=first.id, drop=True),
            RecommendationEdit(recommendation_id="no-such-rule:x", text="x"),
        ],
    )
    briefing = build_policy_briefing(inputs.model_copy(update={"edits": [edits]}))
    assert first.id not in [r.id for r in briefing.recommendations]
    assert [r.id for r in briefing.dropped] == [first.id] and briefing.unmatched_edits == ["no-such-rule:x"]


def test_wording_about_individual_firms_puts_the_first_principle_at_risk():
    assert verdict(PRINCIPLES[0], "Give grants to individual firms in the cluster") == "at risk"
    assert verdict(PRINCIPLES[0], "Support networks of firms") == "supports"
    assert verdict(PRINCIPLES[6], "Open European value chains") == "supports"


def test_the_executive_summary_stays_within_one_page(inputs):
    summary = build_policy_briefing(inputs).summary
    assert len(summary.lead) + sum(len(p) for p in summary.points) <= SUMMARY_BUDGET
    assert len(summary.points) <= 6


def test_edits_for_another_region_or_without_a_change_are_refused():
    data = b"region: PL21\nby: Ana\nedits:\n  - {recommendation_id: survey-gap:market}\n"
    with pytest.raises(UploadRejected) as rejected:
        parse_briefing_edits(data, "edits.yaml", REGIONS["SI03"])
    assert {p.field for p in rejected.value.problems} == {"region", "edits"}


def test_the_briefing_waits_for_every_missing_report():
    ctx = context_with_assessment("SI03")
    del ctx.results["peer_review_report"]
    assert gather_policy_briefing(ctx).missing == "waiting for the assessment report and peer review report"
