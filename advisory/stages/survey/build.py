"""The survey analysis: who answered, which framework conditions are bottlenecks, what people wrote.

A bottleneck is a framework condition that matters to respondents but where their needs are met
poorly: its gap is the mean importance minus the mean satisfaction, over the respondents who
rated both (1-5 scales). `build_survey_report` is pure: pydantic in, pydantic out.
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from advisory.domain.charts import RATING_SCALE, Chart, Series
from advisory.domain.conditions import CONDITIONS
from advisory.domain.sources import Source
from advisory.domain.text import Msg, Quote, _
from advisory.stages.survey.instrument import Instrument, Question, response_model
from advisory.stages.survey.models import (
    AnswerTheme,
    Bottleneck,
    CategoryCount,
    CrossTabRow,
    SurveyInputs,
    SurveyResult,
    TextAnswers,
)

TOP_BOTTLENECKS = 3
SHORT_LABELS: dict[str, Msg] = {
    **CONDITIONS,
    "cross_sectoral": _("Cross-sectoral collaboration"),
    "sme_access": _("SMEs' access to clusters"),
    "cluster_management": _("Cluster management"),
}


def label(question: Question) -> Msg:
    """A rated topic's short name in the reader's language (a chart axis has no room for the full question)."""
    return SHORT_LABELS.get(question.code) or Msg(id=question.text)


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
        size_labels={o.code: Msg(id=o.label) for o in instrument.question("size").options},
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
                    label=label(question),
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
            label=Msg(id=o.label),
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
            CrossTabRow(code=option.code, label=Msg(id=option.label), counts=counts, total=sum(counts.values()))
        )
    return result


def free_text(frame: pd.DataFrame, instrument: Instrument) -> list[TextAnswers]:
    """Free-text answers grouped by question, verbatim, in respondent order, with the wishes several share."""
    groups = []
    for question in (q for q in instrument.questions if q.kind == "text"):
        answers = [str(a) for a in frame.sort_values("respondent_id")[question.code].dropna() if str(a).strip()]
        groups.append(
            TextAnswers(
                question=question.code,
                text=Msg(id=question.text),
                answers=[Quote(text=a) for a in answers],
                themes=answer_themes(answers),
            )
        )
    return groups


def answer_themes(answers: list[str]) -> list[AnswerTheme]:
    """Answers saying the same thing, ignoring case, spacing and punctuation: most frequent first, then first
    written; each shown by its first wording."""
    first: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for answer in answers:
        key = " ".join(re.sub(r"[^\w\s]", " ", answer.casefold()).split())
        first.setdefault(key, answer.strip())
        counts[key] += 1
    order = list(first)
    ranked = sorted(order, key=lambda key: (-counts[key], order.index(key)))
    return [AnswerTheme(quote=Quote(text=first[key]), count=counts[key]) for key in ranked]


def gap_chart(bottlenecks: list[Bottleneck], source: Msg) -> Chart:
    return Chart(
        kind="barh",
        title=_("Gap between importance and satisfaction per framework condition"),
        categories=[b.label for b in bottlenecks],
        unit=_("gap (points on a 1-5 scale)"),
        series=[Series(name=_("Gap"), values=[b.gap for b in bottlenecks])],
        source=source,
    )


def ratings_chart(bottlenecks: list[Bottleneck], source: Msg) -> Chart:
    return Chart(
        kind="bar",
        title=_("Importance and satisfaction per framework condition (means, 1-5)"),
        categories=[b.label for b in bottlenecks],
        unit=_("mean rating (1-5)"),
        source=source,
        series=[
            Series(name=_("Importance"), values=[b.importance for b in bottlenecks]),
            Series(name=_("Satisfaction"), values=[b.satisfaction for b in bottlenecks]),
        ],
        value_range=RATING_SCALE,
        tick_step=1,
    )


def profile_chart(frame: pd.DataFrame, instrument: Instrument, source: Msg) -> Chart:
    """Responses by size band, one bar per organisation type."""
    sizes, types = instrument.question("size"), instrument.question("org_type")
    series = [
        Series(
            name=Msg(id=t.label),
            values=[float(((frame["org_type"] == t.code) & (frame["size"] == s.code)).sum()) for s in sizes.options],
        )
        for t in types.options
    ]
    return Chart(
        kind="bar",
        title=_("Responses by size and type of organisation"),
        unit=_("responses"),
        categories=[Msg(id=s.label) for s in sizes.options],
        series=series,
        source=source,
        whole_numbers=True,
    )


def survey_source(inputs: SurveyInputs, responses: int) -> Msg:
    name = inputs.region_name or inputs.region_code
    return _(
        "Regional survey {region}, {responses} responses, fieldwork until {day}",
        region=name,
        responses=responses,
        day=inputs.fieldwork_end,
    )


def _source_detail(inputs: SurveyInputs, responses: int) -> dict[str, Msg]:
    instrument = inputs.instrument
    return {
        "detail": _(
            "Instrument “{instrument}”, version {version}; {responses} responses of {invited} organisations invited",
            instrument=Msg(id=instrument.title),
            version=instrument.version,
            responses=responses,
            invited=inputs.invited,
        ),
        "year": _("fieldwork until {day}", day=inputs.fieldwork_end),
        "computation": _(
            "Counts and shares of respondents; mean importance and satisfaction (1-5) per condition over "
            "respondents who rated both; gap = importance minus satisfaction, bottlenecks ranked by gap"
        ),
    }
