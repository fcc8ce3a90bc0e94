"""The stage table, as in DESIGN.md: each stage's steps (template, gather, build) and the inputs people send.

`INPUT_KINDS` needs only the parsers, so intake (the portal, the CLI's submit commands) loads this
module without the stages' computations. `STAGE_STEPS` and `TEMPLATES` import every stage's gather,
build and template (pandas, scipy, python-docx) and are built the first time the engine asks.
"""

from __future__ import annotations

import typing

from pydantic import BaseModel

from advisory.domain.stages import InputKind, StageKey, Step
from advisory.stages.assessment import parse as assessment_parse
from advisory.stages.briefing import parse as briefing_parse
from advisory.stages.peer_review import parse as peer_review_parse
from advisory.stages.survey import parse as survey_parse


def stage_steps() -> dict[StageKey, tuple[Step, ...]]:
    from advisory.stages.assessment import gather as assessment_gather
    from advisory.stages.assessment import template as assessment_template
    from advisory.stages.assessment.build import build_assessment_report
    from advisory.stages.benchmarking import template as benchmarking_template
    from advisory.stages.benchmarking.build import build_benchmarking_report
    from advisory.stages.benchmarking.gather import gather_benchmarking_report
    from advisory.stages.briefing import template as briefing_template
    from advisory.stages.briefing.build import build_policy_briefing
    from advisory.stages.briefing.gather import gather_policy_briefing
    from advisory.stages.peer_review import gather as peer_review_gather
    from advisory.stages.peer_review import template as peer_review_template
    from advisory.stages.peer_review.build import build_peer_review_pack, build_peer_review_report
    from advisory.stages.survey import template as survey_template
    from advisory.stages.survey.build import build_survey_report
    from advisory.stages.survey.gather import gather_survey_report

    return {
        StageKey.ASSESSMENT: (
            Step(assessment_template.SOURCE, assessment_gather.gather_assessment_report, build_assessment_report),
        ),
        StageKey.SURVEY: (Step(survey_template.SOURCE, gather_survey_report, build_survey_report),),
        StageKey.BENCHMARKING: (
            Step(benchmarking_template.SOURCE, gather_benchmarking_report, build_benchmarking_report),
        ),
        StageKey.PEER_REVIEW: (
            Step(peer_review_template.PACK, peer_review_gather.gather_peer_review_pack, build_peer_review_pack),
            Step(peer_review_template.REPORT, peer_review_gather.gather_peer_review_report, build_peer_review_report),
        ),
        StageKey.BRIEFING: (Step(briefing_template.SOURCE, gather_policy_briefing, build_policy_briefing),),
    }


INPUT_KINDS: dict[str, InputKind] = {
    kind.name: kind
    for kind in (
        InputKind(
            "survey_response", "survey", survey_parse.survey_responses, "survey responses (Excel workbook or CSV)"
        ),
        InputKind(
            "stress_test", "assessment", assessment_parse.stress_test, "policy self-assessment (stress test, YAML)"
        ),
        InputKind(
            "expert_findings",
            "assessment",
            assessment_parse.expert_findings,
            "findings from stakeholder interviews (YAML)",
        ),
        InputKind(
            "peer_review", "peer_review", peer_review_parse.peer_review, "a peer reviewer's review (YAML or Excel)"
        ),
        InputKind(
            "briefing_edits", "briefing", briefing_parse.briefing_edits, "the expert's edits to the briefing (YAML)"
        ),
    )
}


def __getattr__(name: str) -> typing.Any:
    # PEP 562: `from advisory.stages.table import STAGE_STEPS` builds the table on first use, then it is a global.
    if name == "STAGE_STEPS":
        globals()[name] = stage_steps()
    elif name == "TEMPLATES":
        from advisory.stages.programme import template as programme_template

        stages = tuple(step.template for steps in __getattr__("STAGE_STEPS").values() for step in steps)
        globals()[name] = (*stages, programme_template.SOURCE)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return globals()[name]


def result_models() -> dict[str, type[BaseModel]]:
    """Each document's result model, read from its build function's return annotation."""
    from advisory.stages.programme.models import ProgrammeReport

    table = __getattr__("STAGE_STEPS")
    models = {step.document: typing.get_type_hints(step.build)["return"] for steps in table.values() for step in steps}
    return {**models, "programme_report": ProgrammeReport}
