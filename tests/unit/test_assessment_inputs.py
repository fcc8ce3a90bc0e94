"""Gathering the assessment report's inputs from the real reference data."""

from advisory.stages.assessment.build import build_assessment_report
from advisory.stages.assessment.gather import gather_assessment_report
from advisory.stages.assessment.parse import parse_findings
from tests.briefing_examples import context_with_assessment, demo_bytes
from tests.fakes import REGIONS, FakeStageContext


def test_the_assessment_waits_for_the_policy_self_assessment():
    assert (
        gather_assessment_report(FakeStageContext(region=REGIONS["DED2"])).missing
        == "policy self-assessment not yet submitted"
    )


def test_every_demo_region_gets_a_country_context_and_labels_that_match_their_eu_percentiles():
    for code in REGIONS:
        result = build_assessment_report(gather_assessment_report(context_with_assessment(code)))
        assert result.country is not None
        assert {s.key for s in result.sources} >= {i.source for i in result.indicators}
        for score in result.conditions:
            p = score.percentile
            expected = "not_measured" if p is None else "weakness" if p < 40 else "strength" if p > 60 else "average"
            assert score.verdict == expected, (code, score.condition, p, score.verdict)
            assert str(score.verdict_label) in {
                "strength",
                "average",
                "weakness",
                "not measured by a regional indicator",
            }
        assert [str(w) for w in result.weaknesses] == [
            str(s.label) for s in sorted(result.conditions, key=lambda s: s.percentile or 0) if s.verdict == "weakness"
        ]
        for mismatch in result.mismatches:
            if mismatch.kind == "priority_on_strength":
                assert "strength" in str(mismatch.text) and "above the 60th" in str(mismatch.text)


def test_slovenia_in_2023_is_a_moderate_innovator_at_95_percent_of_the_eu():
    country = build_assessment_report(gather_assessment_report(context_with_assessment("SI03"))).country
    assert country.group == "Moderate" and round(country.relative_to_eu, 1) == 95.1  # 103.104 / 108.467
    assert round(country.trend, 3) == 2.937  # 103.104 - 100.167


def test_demo_findings_keep_non_ascii_and_markup_characters():
    findings = parse_findings(demo_bytes("findings", "SI03"), "SI03.yaml", REGIONS["SI03"])
    assert "Štajerska & Koroška" in findings[0].text and "< 1 %" in findings[1].text
