"""The survey analysis: who answered, which framework conditions are bottlenecks, what people wrote.

A bottleneck is a framework condition that matters to respondents but where their needs are met
poorly: its gap is the mean importance minus the mean satisfaction, over the respondents who
rated both (1-5 scales). `build_survey_report` is pure: pydantic in, pydantic out.
"""

from __future__ import annotations

import pandas as pd

from advisory.domain.charts import Chart, Series
from advisory.domain.sources import Source
from advisory.stages.survey.closing import long_date
from advisory.stages.survey.instrument import Instrument, Question, response_model, translate
from advisory.stages.survey.models import (
    Bottleneck,
    CategoryCount,
    CrossTabRow,
    SurveyInputs,
    SurveyResult,
    TextAnswers,
)

TOP_BOTTLENECKS = 3


def build_survey_report(inputs: SurveyInputs) -> SurveyResult:
    instrument = inputs.instrument
    frame = responses_frame(inputs)
    conditions = [q for q in instrument.questions if q.kind == "likert_pair" and q.condition]
    others = [q for q in instrument.questions if q.kind == "likert_pair" and not q.condition]
    bottlenecks = rank_gaps(frame, conditions)
    source = survey_source(inputs, len(frame))
    return SurveyResult(
        region_code=inputs.region_code,
        responses=len(frame),
        invited=inputs.invited,
        response_rate=100.0 * len(frame) / inputs.invited if inputs.invited else 0.0,
        closed_by=inputs.closed_by,
        closing=inputs.closing,
        fieldwork_end=inputs.fieldwork_end,
        bottlenecks=bottlenecks,
        top_bottlenecks=[b for b in bottlenecks if b.gap > 0][:TOP_BOTTLENECKS],
        further_gaps=rank_gaps(frame, others),
        by_organisation_type=category_counts(frame, instrument.question("org_type")),
        by_size=category_counts(frame, instrument.question("size")),
        internationalisation_by_size=cross_tab(
            frame, instrument.question("internationalisation"), instrument.question("size")
        ),
        size_labels={o.code: translate(o.label, "en") for o in instrument.question("size").options},
        collaboration_partners=category_counts(frame, instrument.question("partners")),
        excellence_labels=category_counts(
            frame[frame["org_type"] == "cluster_organisation"], instrument.question("excellence_label")
        ),
        free_text=free_text(frame, instrument),
        gap_chart=gap_chart(bottlenecks, source),
        ratings_chart=ratings_chart(bottlenecks, source),
        profile_chart=profile_chart(frame, instrument, source),
        sources=[Source(key=f"survey:{inputs.region_code}", dataset=source, **_source_detail(inputs, len(frame)))],
    )


def responses_frame(inputs: SurveyInputs) -> pd.DataFrame:
    """One row per respondent, validated against the instrument (the last answer per reference wins)."""
    model = response_model(inputs.instrument)
    rows = [model.model_validate(response).model_dump() for response in inputs.responses]
    columns = ["respondent_id", *inputs.instrument.answer_columns[1:]]
    frame = pd.DataFrame(rows, columns=columns) if rows else pd.DataFrame(columns=columns)
    return frame.drop_duplicates("respondent_id", keep="last").reset_index(drop=True)


def rank_gaps(frame: pd.DataFrame, questions: list[Question]) -> list[Bottleneck]:
    """Mean importance, satisfaction and their gap per Likert pair, largest gap first."""
    gaps = []
    for order, question in enumerate(questions):
        importance, satisfaction = question.columns
        rated = frame[[importance, satisfaction]].dropna().astype(float)
        if rated.empty:
            continue
        mean_importance, mean_satisfaction = rated[importance].mean(), rated[satisfaction].mean()
        gaps.append(
            (
                order,
                Bottleneck(
                    condition=question.code,
                    label=translate(question.text, "en").split(":")[0],
                    importance=round(mean_importance, 4),
                    satisfaction=round(mean_satisfaction, 4),
                    gap=round(mean_importance - mean_satisfaction, 4),
                    n=len(rated),
                ),
            )
        )
    # Ties keep the instrument's order, so the ranking is the same on every run.
    return [gap for _, gap in sorted(gaps, key=lambda item: (-item[1].gap, item[0]))]


def category_counts(frame: pd.DataFrame, question: Question) -> list[CategoryCount]:
    """Counts per option (every option shown, zeros included); shares of the respondents counted."""
    values = frame[question.code].explode() if question.kind == "multiple" else frame[question.code]
    counts = values.value_counts()
    total = len(frame)
    return [
        CategoryCount(
            code=o.code,
            label=translate(o.label, "en"),
            count=int(counts.get(o.code, 0)),
            share=100.0 * int(counts.get(o.code, 0)) / total if total else 0.0,
        )
        for o in question.options
    ]


def cross_tab(frame: pd.DataFrame, rows: Question, columns: Question) -> list[CrossTabRow]:
    table = pd.crosstab(frame[rows.code], frame[columns.code]) if len(frame) else pd.DataFrame()
    result = []
    for option in rows.options:
        counts = {
            c.code: int(table.at[option.code, c.code]) if option.code in table.index and c.code in table.columns else 0
            for c in columns.options
        }
        result.append(
            CrossTabRow(
                code=option.code, label=translate(option.label, "en"), counts=counts, total=sum(counts.values())
            )
        )
    return result


def free_text(frame: pd.DataFrame, instrument: Instrument) -> list[TextAnswers]:
    """Free-text answers grouped by question, verbatim, in respondent order."""
    groups = []
    for question in (q for q in instrument.questions if q.kind == "text"):
        answers = [str(a) for a in frame.sort_values("respondent_id")[question.code].dropna() if str(a).strip()]
        groups.append(TextAnswers(question=question.code, text=translate(question.text, "en"), answers=answers))
    return groups


def gap_chart(bottlenecks: list[Bottleneck], source: str) -> Chart:
    return Chart(
        kind="barh",
        title="Gap between importance and satisfaction per framework condition",
        categories=[b.label for b in bottlenecks],
        unit="gap (points on a 1-5 scale)",
        series=[Series(name="Gap", values=[b.gap for b in bottlenecks])],
        source=source,
    )


def ratings_chart(bottlenecks: list[Bottleneck], source: str) -> Chart:
    return Chart(
        kind="bar",
        title="Importance and satisfaction per framework condition (means, 1-5)",
        categories=[b.label for b in bottlenecks],
        unit="mean rating (1-5)",
        source=source,
        series=[
            Series(name="Importance", values=[b.importance for b in bottlenecks]),
            Series(name="Satisfaction", values=[b.satisfaction for b in bottlenecks]),
        ],
    )


def profile_chart(frame: pd.DataFrame, instrument: Instrument, source: str) -> Chart:
    """Responses by size band, one bar per organisation type."""
    sizes, types = instrument.question("size"), instrument.question("org_type")
    series = [
        Series(
            name=translate(t.label, "en"),
            values=[float(((frame["org_type"] == t.code) & (frame["size"] == s.code)).sum()) for s in sizes.options],
        )
        for t in types.options
    ]
    return Chart(
        kind="bar",
        title="Responses by size and type of organisation",
        unit="responses",
        categories=[translate(s.label, "en") for s in sizes.options],
        series=series,
        source=source,
    )


def survey_source(inputs: SurveyInputs, responses: int) -> str:
    name = inputs.region_name or inputs.region_code
    return f"Regional survey {name}, {responses} responses, fieldwork until {long_date(inputs.fieldwork_end)}"


def _source_detail(inputs: SurveyInputs, responses: int) -> dict[str, str]:
    instrument = inputs.instrument
    return {
        "detail": f"Instrument '{translate(instrument.title, 'en')}' version {instrument.version}; "
        f"{responses} responses of {inputs.invited} organisations invited",
        "year": f"fieldwork until {long_date(inputs.fieldwork_end)}",
        "computation": "Counts and shares of respondents; mean importance and satisfaction (1-5) per "
        "condition over respondents who rated both; gap = importance minus satisfaction, "
        "bottlenecks ranked by gap",
    }
