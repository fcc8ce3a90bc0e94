"""Inputs, expert edits and result of the final policy briefing (stage 5)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from advisory.domain.charts import Chart
from advisory.domain.regions import RegionProfile
from advisory.domain.sources import Source, SourcedFigure
from advisory.domain.text import Msg, Text
from advisory.domain.toolkit import Instrument
from advisory.stages.assessment.models import AssessmentResult
from advisory.stages.briefing.evidence import BenchmarkingEvidence, PeerReviewEvidence, SurveyEvidence


class RecommendationEdit(BaseModel):
    model_config = ConfigDict(extra="forbid")
    recommendation_id: str = Field(min_length=3)
    title: str | None = None
    text: str | None = None
    drop: bool = False
    by: str | None = Field(default=None, description="who made this edit, when not the one who saved the set")


class BriefingEdits(BaseModel):
    """The expert's edits to the generated recommendations; kept as the approved version."""

    model_config = ConfigDict(extra="forbid")
    edits: list[RecommendationEdit] = Field(min_length=1)
    by: str = Field(min_length=2)


class PossiblePartner(BaseModel):
    """A region the partner search ranks high for this one, with the reasons it gives (cluster stars, strengths)."""

    name: str
    code: str
    score: int
    reasons: list[Msg]


class BriefingInputs(BaseModel):
    region: RegionProfile
    assessment: AssessmentResult
    survey: SurveyEvidence
    benchmarking: BenchmarkingEvidence
    peer_review: PeerReviewEvidence
    toolkit: list[Instrument]
    edits: list[BriefingEdits] = Field(default_factory=list)
    partners: list[PossiblePartner] = Field(default_factory=list, description="the partner search's top candidates")


class Evidence(BaseModel):
    stage: Text = Field(description="the stage the figure came from, in the reader's words")
    figure: SourcedFigure


class PrincipleNote(BaseModel):
    number: int
    do: Msg
    verdict: Literal["supports", "at risk", "not addressed"]


class PlanStep(BaseModel):
    """One line of a recommendation's plan: what it is (who acts, first step, ...) and what it says."""

    aspect: Msg
    text: Text


class Recommendation(BaseModel):
    id: str = Field(description="rule and evidence, stable across re-runs so edits keep applying")
    theme: str
    title: Text
    text: Text
    generated_title: Text
    generated_text: Text
    edited: bool = False
    edited_by: str = ""
    evidence: list[Evidence]
    instrument: Instrument | None = Field(default=None, description="the toolkit's instrument it recommends")
    plan: list[PlanStep] = Field(default_factory=list, description="who acts, first step, measure, horizon, cost")
    good_practices: list[Instrument] = Field(default_factory=list)
    principles: list[PrincipleNote] = Field(default_factory=list)

    @property
    def at_risk(self) -> list[PrincipleNote]:
        return [p for p in self.principles if p.verdict == "at risk"]


class PrincipleCheck(BaseModel):
    number: int
    do: Msg
    dont: Msg
    supported_by: list[Text]
    at_risk_in: list[Text]
    status: Literal["respected", "at risk", "not addressed"]
    status_label: Msg


class ExecutiveSummary(BaseModel):
    lead: Msg
    points: list[Text]
    figures: list[SourcedFigure]


class PolicyBriefing(BaseModel):
    region_code: str
    summary: ExecutiveSummary
    recommendations: list[Recommendation]
    dropped: list[Recommendation]
    unmatched_edits: list[str]
    principles: list[PrincipleCheck]
    good_practices: list[Instrument]
    possible_partners: list[PossiblePartner] = Field(default_factory=list)
    bottleneck_chart: Chart | None
    sources: list[Source]

    @property
    def edited(self) -> list[Recommendation]:
        return [r for r in self.recommendations if r.edited]
