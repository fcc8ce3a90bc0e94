"""Candidate recommendations, edits, the Do's and Don'ts check and the one-page summary."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisory.domain.errors import UploadRejected
from advisory.domain.principles import PRINCIPLES, verdict
from advisory.domain.text import english
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


def test_findings_of_several_stages_on_one_theme_make_one_recommendation(inputs):
    market = next(r for r in build_policy_briefing(inputs).recommendations if r.theme == "market")
    stages = [english(e.stage) for e in market.evidence]
    assert stages[:2] == ["Assessment report (stress test)", "Regional survey"] and "Peer review" in stages
    assert market.evidence[1].figure.value == pytest.approx(1.4)


def test_the_first_recommendation_answers_the_regions_challenge_with_the_surveys_own_words(inputs):
    first = build_policy_briefing(inputs).recommendations[0]
    assert first.id == "challenge" and inputs.region.challenge.split(":")[0] in english(first.title)
    assert "“Offene Projektformate für KMU aus anderen Branchen” (6 of 14)" in english(first.text)
    assert len({english(e.stage) for e in first.evidence}) >= 2


def test_every_recommendation_cites_two_findings_and_names_the_regions_industries_and_organisations(inputs):
    briefing = build_policy_briefing(inputs)
    assert english(briefing.summary.lead).count(f"makes {len(briefing.recommendations)} recommendation") == 1
    for recommendation in briefing.recommendations:
        assert len(recommendation.evidence) >= 2, recommendation.id
        text = english(recommendation.text)
        assert inputs.region.focus_industries[0] in text, recommendation.id
        assert inputs.region.cluster_organisations[0].name in text, recommendation.id


@given(st.sampled_from(["Einzelunternehmen", "einzelne Unternehmen", "posamezna podjetja", "individual firms"]))
def test_an_edit_in_the_regions_language_about_single_firms_is_at_risk_and_keeps_the_instruments_verdicts(words):
    text = f"Zuschüsse für {words} im Cluster"
    assert verdict(PRINCIPLES[0], text, "cross-sectoral") == "at risk"
    assert verdict(PRINCIPLES[4], text, "cross-sectoral") == "supports"  # a cross-cluster project, in any words


def test_an_edit_replaces_the_text_and_keeps_the_generated_one(inputs):
    first = build_policy_briefing(inputs).recommendations[0]
    edits = BriefingEdits(
        by="Ana", edits=[RecommendationEdit(recommendation_id=first.id, text="Fund networks of SMEs.")]
    )
    edited = build_policy_briefing(inputs.model_copy(update={"edits": [edits]})).recommendations[0]
    assert (english(edited.text), edited.edited, edited.edited_by) == ("Fund networks of SMEs.", True, "Ana")
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
    assert len(english(summary.lead)) + sum(len(english(p)) for p in summary.points) <= SUMMARY_BUDGET
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
