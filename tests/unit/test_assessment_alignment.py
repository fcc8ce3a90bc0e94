"""The stress test: priorities against measured weaknesses, on hand-computed examples."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisory.adapters.region_profiles import load_regions
from advisory.domain.errors import UploadRejected
from advisory.settings import PROJECT_ROOT
from advisory.stages.assessment.alignment import condition_scores, mismatches
from advisory.stages.assessment.conditions import verdict
from advisory.stages.assessment.models import IndicatorDistribution, StressTestAnswers
from advisory.stages.assessment.parse import parse_stress_test
from advisory.stages.assessment.regional import regional_indicator

REGION = load_regions(PROJECT_ROOT / "regions")["SI03"]


def answers(**priorities: int) -> StressTestAnswers:
    levels = dict.fromkeys(("industrial", "market", "cultural", "knowledge", "regulatory", "financial", "support"), 1)
    return StressTestAnswers(
        region="SI03", respondent="Ana", priorities=levels | priorities, cross_sectoral=3, structural_change=3
    )


def observed(code: str, value: float) -> IndicatorDistribution:
    return IndicatorDistribution(
        code=code, year=2018, region_value=value, country_values=[1, 2, 3], eu_values=[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    )


def test_percentile_counts_regions_at_or_below_and_medians_come_from_the_same_year():
    indicator = regional_indicator(observed("tertiary", 4))
    assert indicator.percentile == 40.0
    assert indicator.eu_median == 5.5 and indicator.country_median == 2


def test_priority_on_a_strength_and_an_unprioritised_weakest_condition_are_flagged():
    indicators = [
        regional_indicator(observed("tertiary", 9)),
        regional_indicator(observed("rd_business", 2)),
        regional_indicator(observed("hightech_manufacturing", 6)),
        regional_indicator(observed("kis_employment", 4)),
    ]
    stress = answers(knowledge=3, financial=0)
    scores = condition_scores(indicators, stress)
    found = {(m.kind, m.condition) for m in mismatches(scores, stress)}
    assert ("priority_on_strength", "knowledge") in found
    assert ("weakness_without_priority", "financial") in found
    weakest = next(m for m in mismatches(scores, stress) if m.condition == "financial")
    assert str(weakest.text) == (
        "Financial conditions: the region's weakest condition (EU percentile 20, below the 40th), "
        "but the policy gives it no priority."
    )


def test_unmeasured_conditions_are_never_called_weak():
    scores = condition_scores([regional_indicator(observed("tertiary", 1))], answers())
    assert {s.verdict for s in scores if s.condition in ("cultural", "regulatory", "support")} == {"not_measured"}


@given(st.floats(min_value=0, max_value=100))
def test_a_verdict_never_contradicts_its_eu_percentile(percentile):
    found = verdict(percentile)
    assert (found == "weakness") == (percentile < 40)
    assert (found == "strength") == (percentile > 60)
    assert (found == "average") == (40 <= percentile <= 60)


def test_a_strong_condition_of_the_region_is_never_a_weakness_because_its_others_are_stronger():
    """Dresden's case in the issue: industrial conditions at EU percentile 79 were called a weakness."""
    indicators = [
        regional_indicator(observed("hightech_manufacturing", 8)),  # percentile 80
        regional_indicator(observed("tertiary", 10)),  # 100
        regional_indicator(observed("rd_business", 10)),  # 100
    ]
    scores = {s.condition: s for s in condition_scores(indicators, answers())}
    assert scores["industrial"].verdict == "strength" and scores["industrial"].percentile == 80
    assert not [s for s in scores.values() if s.verdict == "weakness"]


def test_a_stress_test_upload_lists_every_problem_at_once():
    data = b"respondent: X\npriorities: {industrial: 5, market: 1, magic: 2}\ncross_sectoral: 9\n"
    with pytest.raises(UploadRejected) as rejected:
        parse_stress_test(data, "st.yaml", REGION)
    fields = {p.field for p in rejected.value.problems}
    assert {
        "priorities.industrial",
        "priorities.magic",
        "priorities.knowledge",
        "cross_sectoral",
        "structural_change",
        "respondent",
    } <= fields
