"""Step definitions for features/briefing.feature: the expert edits and approves the policy briefing."""

from __future__ import annotations

import datetime as dt

from docx import Document
from pytest_bdd import given, parsers, scenarios, then, when

from advisory.adapters.documents.render import render
from advisory.adapters.documents.templates import build_template
from advisory.adapters.i18n import translator
from advisory.domain.documents import DocumentContext, DocumentMeta
from advisory.stages.assessment.build import build_assessment_report
from advisory.stages.assessment.gather import gather_assessment_report
from advisory.stages.briefing.build import build_policy_briefing
from advisory.stages.briefing.gather import gather_policy_briefing
from advisory.stages.briefing.models import BriefingEdits, RecommendationEdit
from tests.briefing_examples import REGIONS, context_with_assessment
from tests.documents import template_source

scenarios("briefing.feature")


@given(
    parsers.parse('the assessment, survey, benchmarking and peer review of "{name}" are finished'),
    target_fixture="stage_context",
)
def finished_stages(name):
    ctx = context_with_assessment(next(code for code, r in REGIONS.items() if r.name == name))
    ctx.results["assessment_report"] = build_assessment_report(gather_assessment_report(ctx)).model_dump(mode="json")
    return ctx


@given("the briefing is generated", target_fixture="briefing")
@when("the briefing is generated", target_fixture="briefing")
def generated(stage_context):
    return build_policy_briefing(gather_policy_briefing(stage_context))


@when(parsers.parse('the expert rewrites the first recommendation as "{text}"'), target_fixture="briefing")
def rewrite(stage_context, briefing, text):
    edit = BriefingEdits(
        by="Ana Kovačič", edits=[RecommendationEdit(recommendation_id=briefing.recommendations[0].id, text=text)]
    )
    stage_context.recorded["briefing_edits"] = [edit.model_dump(mode="json")]
    return build_policy_briefing(gather_policy_briefing(stage_context))


@when("the expert approves the briefing", target_fixture="delivered")
def approve(stage_context, briefing, tmp_path):
    meta = DocumentMeta(
        title="Final policy briefing",
        stage_label="Stage 5",
        version=2,
        date=dt.date(2026, 11, 21),
        status_line="Approved",
    )
    template = build_template(template_source("policy_briefing"), tmp_path)
    context = DocumentContext(region=stage_context.region, document=meta, result=briefing, sources=briefing.sources)
    document = Document(str(render(template, context, tmp_path / "briefing.docx").path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@then("every recommendation names at least one figure and the stage it came from")
def evidence_named(briefing):
    assert all(
        r.evidence and r.evidence[0].stage and r.evidence[0].figure.value is not None for r in briefing.recommendations
    )


@then("every figure has a source in the annex")
def figures_sourced(briefing):
    keys = {s.key for s in briefing.sources}
    assert {e.figure.source for r in briefing.recommendations for e in r.evidence} <= keys


@then(parsers.parse('the delivered document contains "{text}"'))
def delivered_contains(delivered, text):
    assert text in delivered


@then("the delivered document no longer contains the generated text")
def generated_text_gone(delivered, briefing):
    first = briefing.recommendations[0]
    words = translator("en")
    assert first.edited and words.text(first.text) in delivered
    assert delivered.count(words.text(first.generated_text)) == 1  # only in the record of generated text


@then("the generated text is kept for the record")
def generated_kept(briefing):
    assert briefing.edited[0].generated_text != briefing.edited[0].text


@then(parsers.parse("the Do's and Don'ts table shows principle {number:d} at risk"))
def principle_at_risk(briefing, number):
    assert briefing.principles[number - 1].status == "at risk"
    assert "Give grants to individual firms" not in briefing.principles[number - 1].at_risk_in  # titles listed
    assert briefing.recommendations[0].title in briefing.principles[number - 1].at_risk_in
