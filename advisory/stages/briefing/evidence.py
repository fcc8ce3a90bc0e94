"""The upstream results the briefing reads, as lenient models of the contract fields only.

Other stages own their full result models; these read just the names agreed in the stage
contracts and ignore everything else, so a new field upstream never breaks the briefing.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from advisory.domain.text import Quote, Text


class Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore")


class BottleneckEvidence(Lenient):
    condition: str
    label: Text
    importance: float | None = None
    satisfaction: float | None = None
    gap: float
    n: int = 0


class WishEvidence(Lenient):
    quote: Quote
    count: int


class FreeTextEvidence(Lenient):
    question: str
    themes: list[WishEvidence] = Field(default_factory=list)


class SurveyEvidence(Lenient):
    responses: int = 0
    invited: int = 0
    bottlenecks: list[BottleneckEvidence] = Field(default_factory=list)
    further_gaps: list[BottleneckEvidence] = Field(default_factory=list, description="collaboration, SME access")
    free_text: list[FreeTextEvidence] = Field(default_factory=list)


class IndicatorEvidence(Lenient):
    code: str
    name: Text  # a message of the catalogue, shown in the reader's language
    dimension: Text = ""
    value: float | None = None
    unit: Text = ""
    year: int | str | None = None
    normalised: float | None = None
    peer_median: float | None = None


class BenchmarkingEvidence(Lenient):
    composite: float | None = None
    relative_score: float | None = None
    group: str = "Not classified"
    group_name: Text = ""
    weaknesses: list[IndicatorEvidence] = Field(default_factory=list)


class DimensionEvidence(Lenient):
    dimension: Text
    mean: float | None = None
    spread: float | None = None
    n: int = 0
    disagreement: bool = False


class AdviceEvidence(Lenient):
    text: Quote
    reviewers: list[str] = Field(default_factory=list)


class RecommendationGroupEvidence(Lenient):
    theme: Text
    advice: list[AdviceEvidence] = Field(default_factory=list)


class PeerReviewEvidence(Lenient):
    meeting_year: str = ""
    reviews_received: int = 0
    dimension_scores: list[DimensionEvidence] = Field(default_factory=list)
    recommendations: list[RecommendationGroupEvidence] = Field(default_factory=list)
