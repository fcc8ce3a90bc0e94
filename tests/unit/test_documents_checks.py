"""The template check."""

from advisory.adapters.documents.checks import check_template
from advisory.adapters.documents.house_style import TemplateBuilder
from advisory.adapters.documents.templates import build_template
from advisory.stages.assessment.models import AssessmentResult
from advisory.stages.briefing.template import SOURCE as BRIEFING
from advisory.stages.table import result_models


def test_a_misspelt_variable_and_a_missing_result_field_are_reported(tmp_path):
    builder = TemplateBuilder("Assessment report")
    builder.paragraph("{{ regoin.name }} {{ result.challenge }} {{ result.no_such_field }}")
    path = builder.save(tmp_path / "assessment_report.docx")
    undeclared = {i.variable for i in check_template(path, AssessmentResult) if i.kind == "undeclared"}
    assert undeclared == {"regoin", "result.no_such_field"}


def test_the_committed_briefing_template_has_no_undeclared_variables(tmp_path):
    path = build_template(BRIEFING, tmp_path)
    assert [i for i in check_template(path, result_models()["policy_briefing"]) if i.kind == "undeclared"] == []
