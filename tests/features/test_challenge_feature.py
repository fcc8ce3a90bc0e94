"""Step definitions for features/challenge.feature: Dresden's challenge becomes its first recommendation."""

from __future__ import annotations

from pytest_bdd import given, parsers, scenarios, then, when

from advisory.domain.text import english
from advisory.stages.assessment.build import build_assessment_report
from advisory.stages.assessment.gather import gather_assessment_report
from advisory.stages.briefing.build import build_policy_briefing
from advisory.stages.briefing.gather import gather_policy_briefing
from advisory.stages.briefing.models import BriefingEdits, RecommendationEdit
from tests.briefing_examples import REGIONS, context_with_assessment

scenarios("challenge.feature")


@given(
    parsers.parse('the assessment, survey, benchmarking and peer review of "{name}" are finished'),
    target_fixture="inputs",
)
def finished_stages(name):
    ctx = context_with_assessment(next(code for code, r in REGIONS.items() if r.name == name))
    ctx.results["assessment_report"] = build_assessment_report(gather_assessment_report(ctx)).model_dump(mode="json")
    return gather_policy_briefing(ctx)


@when("the briefing is generated", target_fixture="first")
def generated(inputs):
    return build_policy_briefing(inputs).recommendations[0]


@when(parsers.parse('the expert rewrites the first recommendation as "{text}"'), target_fixture="first")
def rewritten(inputs, text):
    edits = BriefingEdits(by="Dr. Jürgen Weiß", edits=[RecommendationEdit(recommendation_id="challenge", text=text)])
    first = build_policy_briefing(inputs.model_copy(update={"edits": [edits]})).recommendations[0]
    assert english(first.text) == text
    return first


@then(parsers.parse('the first recommendation answers the challenge "{challenge}"'))
def answers(first, challenge):
    assert first.id == "challenge"
    assert challenge in english(first.title) and challenge in english(first.text)


@then(parsers.parse('it quotes the survey\'s most frequent wish "{wish}", written by {n:d} of {total:d} respondents'))
def quotes_wish(first, wish, n, total):
    assert f"“{wish}” ({n} of {total})" in english(first.text)
    assert any(wish in english(e.figure.label) and e.figure.value == n for e in first.evidence)


@then("it recommends an instrument of the toolkit that brings firms of different sectors together")
def cross_sectoral_instrument(first):
    assert first.instrument is not None and first.instrument.cross_sectoral
    assert first.instrument.name.id in english(first.text)
    assert first.instrument in first.good_practices


@then("it cites findings of at least two stages, each with its value and year")
def two_stages(first):
    assert len({e.figure.source for e in first.evidence}) >= 2
    for evidence in first.evidence:
        assert evidence.figure.value is not None and evidence.figure.year, english(evidence.figure.label)


@then(parsers.parse('its plan names "{organisation}" among those who act'))
def who_acts(first, organisation):
    step = next(s for s in first.plan if english(s.aspect) == "Who acts")
    assert organisation in english(step.text)


@then("the first recommendation still supports principle 5, a systemic, cross-sectoral approach")
def still_cross_sectoral(first):
    assert next(p.verdict for p in first.principles if p.number == 5) == "supports"


@then("no principle is at risk in it")
def none_at_risk(first):
    assert [p.number for p in first.principles if p.verdict == "at risk"] == []
