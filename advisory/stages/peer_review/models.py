"""The peer review's models: a reviewer's structured review (scores 1-5 per dimension), the meeting pack, the report."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, field_validator

from advisory.domain.charts import Chart
from advisory.domain.regions import RegionProfile
from advisory.domain.sources import Source
from advisory.domain.text import Msg, Quote, Text, _
from advisory.stages.peer_review.assignment import ReviewerAssignment

DIMENSIONS: dict[str, Msg] = {
    "relevance": _("Relevance of the cluster policy to the challenge"),
    "strategic_focus": _("Strategic focus (smart specialisation)"),
    "cross_sectoral": _("Cross-sectoral collaboration"),
    "sme_participation": _("SME participation"),
    "internationalisation": _("Internationalisation"),
    "governance": _("Governance & partnership"),
}
OTHER_THEME = "other"
THEMES: dict[str, Msg] = DIMENSIONS | {OTHER_THEME: _("Other recommendations")}


class Recommendation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    theme: str = Field(description="an assessment dimension code, or 'other'")
    text: str = Field(min_length=3)

    @field_validator("theme")
    @classmethod
    def _known_theme(cls, value: str) -> str:
        if value not in THEMES:
            raise ValueError(f"unknown theme {value!r}; use one of {', '.join(THEMES)}")
        return value


class PeerReview(BaseModel):
    """One reviewer's review of one host region; the record key is `reviewer_id`."""

    model_config = ConfigDict(extra="forbid")
    reviewer_id: str
    region: str
    scores: dict[str, int | None] = Field(description="dimension code -> 1..5, or null when unable to judge")
    strengths: list[str] = Field(default_factory=list)
    weaknesses: list[str] = Field(default_factory=list)
    recommendations: list[Recommendation] = Field(min_length=1)
    comments: str = ""

    @field_validator("scores")
    @classmethod
    def _every_dimension_scored(cls, scores: dict[str, int | None]) -> dict[str, int | None]:
        unknown = sorted(set(scores) - set(DIMENSIONS))
        missing = [code for code in DIMENSIONS if code not in scores]
        wrong = [f"{code}={value}" for code, value in scores.items() if value is not None and not 1 <= value <= 5]
        empty = ["no dimension is scored"] if scores and all(v is None for v in scores.values()) else []
        if unknown or missing or wrong or empty:
            raise ValueError(
                "; ".join(
                    part
                    for part in (
                        f"unknown dimensions {', '.join(unknown)}" if unknown else "",
                        f"missing scores for {', '.join(missing)}" if missing else "",
                        f"scores must be 1 to 5 (or empty): {', '.join(wrong)}" if wrong else "",
                        *empty,
                    )
                    if part
                )
            )
        return scores


# --- the meeting pack ----------------------------------------------------------------------
class _Seen(BaseModel):
    """Upstream results are read leniently: only the contract fields this pack shows, the rest ignored."""

    model_config = ConfigDict(extra="ignore")


class BottleneckSeen(_Seen):
    condition: str = ""
    label: Text
    importance: float | None = None
    satisfaction: float | None = None
    gap: float | None = None


class SurveySeen(_Seen):
    responses: int = 0
    invited: int = 0
    bottlenecks: list[BottleneckSeen] = Field(default_factory=list)


class IndicatorSeen(_Seen):
    name: Text  # a message of the benchmarking catalogue, shown in the reader's language
    value: float | None = None
    unit: Text = ""
    year: str | int | None = None


class BenchmarkingSeen(_Seen):
    relative_score: float | None = None
    group: str = "Not classified"
    group_name: Text = ""
    weaknesses: list[IndicatorSeen] = Field(default_factory=list)


class MismatchSeen(_Seen):
    kind: str = ""
    condition: str = ""
    text: Text  # a message of the assessment, shown in the reader's language


class AssessmentSeen(_Seen):
    weaknesses: list[Text] = Field(default_factory=list)
    mismatches: list[MismatchSeen] = Field(default_factory=list)


class PackInputs(BaseModel):
    region: RegionProfile
    today: dt.date
    slot: int = Field(
        default=0, description="the region's place in the programme: its meeting is that many weeks later"
    )
    meeting_start: dt.date | None = Field(default=None, description="the first meeting day, where the expert set it")
    assignments: list[ReviewerAssignment]
    assessment: AssessmentSeen
    survey: SurveySeen
    benchmarking: BenchmarkingSeen


class AgendaSession(BaseModel):
    day: int
    date: dt.date
    time: str
    title: Text
    purpose: Text


class KeyFigure(BaseModel):
    stage: Text
    label: Text
    value: float | None = None
    text: Text = ""
    unit: Text = ""
    digits: int = 1
    source: str


class PeerReviewPack(BaseModel):
    pack_date: dt.date
    meeting_start: dt.date
    meeting_end: dt.date
    reviews_due: dt.date
    assignments: list[ReviewerAssignment]
    agenda: list[AgendaSession]
    key_figures: list[KeyFigure]
    questions: list[Text]
    bottleneck_chart: Chart | None
    sources: list[Source]


# --- the report --------------------------------------------------------------------------
class ReportInputs(BaseModel):
    region: RegionProfile
    assignments: list[ReviewerAssignment]
    reviews: list[PeerReview]
    closed_early: bool = False
    meeting_year: str = ""


class DimensionScore(BaseModel):
    dimension: Text
    code: str
    mean: float | None
    spread: float | None = Field(description="highest minus lowest score")
    n: int
    disagreement: bool
    lowest: int | None = None
    highest: int | None = None


class RaisedBy(BaseModel):
    """One piece of advice, as its first reviewer wrote it, and how many of the reviewers gave it."""

    text: Quote
    reviewers: list[str]
    of: int = Field(description="reviews received")

    @property
    def raised_by(self) -> Msg:
        return _("raised by {count} of {total} reviewers", count=len(self.reviewers), total=self.of)


class ReviewerComment(BaseModel):
    by: str
    text: Quote


class RecommendationGroup(BaseModel):
    theme: Text
    advice: list[RaisedBy]


class PeerReviewReport(BaseModel):
    meeting_year: str = Field(default="", description="the year of the meeting the reviews come from")
    reviews_received: int
    reviews_expected: int
    reviewers: list[str] = Field(description="names of the reviewers whose reviews are in")
    missing_reviewers: list[str]
    closed_early: bool
    dimension_scores: list[DimensionScore]
    disagreements: list[Text]
    overall_mean: float | None
    strengths: list[RaisedBy]
    weaknesses: list[RaisedBy]
    recommendations: list[RecommendationGroup]
    comments: list[ReviewerComment] = Field(description="each reviewer's further comments, once, with who wrote them")
    score_chart: Chart
    sources: list[Source]
