"""Step definitions for features/assessment.feature."""

from __future__ import annotations

from pytest_bdd import given, parsers, scenarios, then, when

from advisory.domain.stages import Waiting
from advisory.stages.assessment.build import build_assessment_report
from advisory.stages.assessment.gather import gather_assessment_report
from tests.briefing_examples import context_with_assessment
from tests.fakes import REGIONS, FakeStageContext

scenarios("assessment.feature")


@given(parsers.parse('the region "{name}" with its challenge'), target_fixture="stage_context")
def region(name):
    return FakeStageContext(region=next(r for r in REGIONS.values() if r.name == name))


@given("the region's policy makers submitted their stress test", target_fixture="stage_context")
def stress_test_submitted(stage_context):
    return context_with_assessment(stage_context.region.code)


@when("the assessment report is prepared", target_fixture="outcome")
def prepared(stage_context):
    gathered = gather_assessment_report(stage_context)
    return gathered if isinstance(gathered, Waiting) else build_assessment_report(gathered)


@then(parsers.parse('it waits for "{missing}"'))
def waits(outcome, missing):
    assert outcome.missing == missing


@then(parsers.parse('the report flags "{text}"'))
def flags(outcome, text):
    assert any(text in str(m.text) for m in outcome.mismatches)
