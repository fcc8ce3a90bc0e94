"""Inputs and result of the assessment report (stage 1): the policy self-assessment, expert findings, indicators."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from advisory.domain.charts import Chart
from advisory.domain.clusters import ClusterMap
from advisory.domain.regions import RegionProfile
from advisory.domain.sources import Source
from advisory.domain.text import Msg, Text


class StressTestAnswers(BaseModel):
    """What the region's policy makers say their current cluster policy prioritises (0 = none, 3 = high)."""

    model_config = ConfigDict(extra="forbid")
    region: str
    respondent: str = Field(min_length=2)
    organisation: str = ""
    priorities: dict[str, int] = Field(description="framework condition -> priority 0-3")
    cross_sectoral: int = Field(ge=0, le=3, description="does the policy foster cross-sectoral collaboration?")
    structural_change: int = Field(ge=0, le=3, description="does it support structural change into new activities?")
    comment: str = ""


class ExpertFinding(BaseModel):
    """One finding, rendered as its own section of the assessment report."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    title: str = Field(min_length=3)
    text: str = Field(min_length=10)
    theme: str = Field(min_length=2)
    interviewees: list[str] = Field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        """The text split at blank lines, so a long finding stays readable in Word."""
        return [" ".join(p.split()) for p in re.split(r"\n\s*\n", self.text) if p.strip()]


class IndicatorDistribution(BaseModel):
    """One regional indicator in one year: the region's value and the values of the regions it is compared with."""

    code: str
    year: int
    region_value: float
    country_values: list[float]
    eu_values: list[float]


class EisCountry(BaseModel):
    """The country's EIS 2023 series: Summary Innovation Index by year, the EU's, and the latest dimension scores."""

    country: str
    country_name: str
    group: str
    sii: dict[int, float]
    eu_sii: dict[int, float]
    dimensions: dict[str, float]


class AssessmentInputs(BaseModel):
    region: RegionProfile
    country: EisCountry | None
    indicators: list[IndicatorDistribution]
    stress_test: StressTestAnswers
    findings: list[ExpertFinding] = Field(default_factory=list)
    cluster_map: ClusterMap | None = Field(default=None, description="stars by sector; None where the data lack it")
    year: int | None = Field(default=None, description="the year the self-assessment was answered (the stage's)")


class DimensionScore(BaseModel):
    name: Msg
    score: float


class CountryContext(BaseModel):
    country_name: Text
    year: int
    sii: float
    eu_sii: float
    relative_to_eu: float = Field(description="SII as % of the EU score of the same year")
    group: str
    first_year: int
    trend: float = Field(description="change in SII points since first_year")
    strongest: list[DimensionScore]
    weakest: list[DimensionScore]
    trend_chart: Chart


class RegionalIndicator(BaseModel):
    code: str
    name: Msg
    condition: str
    unit: Msg
    year: int
    value: float
    country_median: float | None
    eu_median: float
    percentile: float = Field(description="share of EU NUTS-2 regions at or below the region, %")
    regions_compared: int
    source: str


class ConditionScore(BaseModel):
    condition: str
    label: Msg
    priority: int
    priority_label: Msg
    percentile: float | None = Field(description="mean EU percentile of the condition's indicators")
    verdict: str = Field(description="strength, average, weakness or not_measured (conditions.verdict)")
    verdict_label: Msg
    indicators: list[str] = Field(default_factory=list, description="codes of the indicators that measure it")


class Mismatch(BaseModel):
    kind: str
    condition: str
    text: Msg


class StarRow(BaseModel):
    """One sector of the region's cluster map, as the report's table shows it."""

    sector: Text
    employment: int
    size: float = Field(description="share of the sector's European employment, %")
    specialisation: float | None = Field(description="location quotient")
    focus: float = Field(description="share of the region's business-economy employment, %")
    stars: int


class ClusterSection(BaseModel):
    """Where the region's clusters are: its starred sectors, emerging-industry hotspots, a chart and the method."""

    year: int
    starred: list[StarRow] = Field(description="divisions with two or three stars (one-star ones if too few)")
    emerging: list[StarRow] = Field(description="emerging industries the data allow computing, hotspots first")
    counts: Msg
    gaps: Msg | None = None
    chart: Chart | None = None
    method: list[Msg]


class AssessmentResult(BaseModel):
    region_code: str
    challenge: str
    country: CountryContext | None
    indicators: list[RegionalIndicator]
    conditions: list[ConditionScore]
    weaknesses: list[Msg] = Field(description="conditions below the 40th EU percentile, weakest first")
    strengths: list[Msg] = Field(description="conditions above the 60th EU percentile")
    mismatches: list[Mismatch]
    stress_test: StressTestAnswers
    findings: list[ExpertFinding]
    percentile_chart: Chart | None
    alignment_chart: Chart
    cluster_map: ClusterSection | None = None
    year: int | None = Field(default=None, description="the year of the self-assessment")
    sources: list[Source]
