"""Inputs and result of the regional survey report (stage 2): responses in, bottlenecks, profile and free text out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from advisory.domain.charts import Chart
from advisory.domain.sources import Source
from advisory.domain.text import Quote, Text
from advisory.stages.survey.instrument import Instrument


class SurveyInputs(BaseModel):
    region_code: str
    region_name: str = ""
    responses: list[dict[str, Any]] = Field(description="accepted responses, model_dump(mode='json')")
    invited: int
    closed_by: str | None = None
    closing: Text = Field(default="", description="how the survey closed, e.g. '14 of 20 responses, closed on …'")
    fieldwork_end: dt.date
    instrument: Instrument


class Bottleneck(BaseModel):
    condition: str
    label: Text
    importance: float
    satisfaction: float
    gap: float
    n: int


class CategoryCount(BaseModel):
    code: str
    label: Text
    count: int
    share: float = Field(description="per cent of the responses counted")


class CrossTabRow(BaseModel):
    """Responses at one level of internationalisation, by size band (keys are size codes)."""

    code: str
    label: Text
    counts: dict[str, int]
    total: int


class AnswerTheme(BaseModel):
    """Answers that say the same thing (ignoring case, spacing and punctuation): one quote and how many wrote it."""

    quote: Quote
    count: int


class TextAnswers(BaseModel):
    question: str
    text: Text
    answers: list[Quote]
    themes: list[AnswerTheme] = Field(default_factory=list, description="most frequent first")


class SurveyResult(BaseModel):
    region_code: str
    responses: int
    invited: int
    response_rate: float
    closed_by: str | None = None
    closing: Text = ""
    fieldwork_end: dt.date
    bottlenecks: list[Bottleneck] = Field(description="framework conditions, largest gap first")
    top_bottlenecks: list[Bottleneck]
    further_gaps: list[Bottleneck] = Field(description="collaboration, SME access, cluster management")
    by_organisation_type: list[CategoryCount]
    by_size: list[CategoryCount]
    internationalisation_by_size: list[CrossTabRow]
    size_labels: dict[str, Text]
    collaboration_partners: list[CategoryCount]
    excellence_labels: list[CategoryCount]
    free_text: list[TextAnswers]
    gap_chart: Chart
    ratings_chart: Chart
    profile_chart: Chart
    sources: list[Source]
