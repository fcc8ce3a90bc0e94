"""Inputs and result of the assessment report (stage 1)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from advisory.assessment.findings import ExpertFinding
from advisory.charts import Chart
from advisory.regions import RegionProfile
from advisory.sources import Source
from advisory.stress_test import StressTestAnswers


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


class DimensionScore(BaseModel):
    name: str
    score: float


class CountryContext(BaseModel):
    country_name: str
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
    name: str
    condition: str
    unit: str
    year: int
    value: float
    country_median: float | None
    eu_median: float
    percentile: float = Field(description="share of EU NUTS-2 regions at or below the region, %")
    regions_compared: int
    source: str


class ConditionScore(BaseModel):
    condition: str
    label: str
    priority: int
    priority_label: str
    percentile: float | None = Field(description="mean EU percentile of the condition's indicators")
    standing: str = Field(description="strength, weakness, middle or not measured")


class Mismatch(BaseModel):
    kind: str
    condition: str
    text: str


class AssessmentResult(BaseModel):
    region_code: str
    challenge: str
    country: CountryContext | None
    indicators: list[RegionalIndicator]
    conditions: list[ConditionScore]
    weaknesses: list[str] = Field(description="labels of the weakest measured framework conditions")
    strengths: list[str]
    mismatches: list[Mismatch]
    stress_test: StressTestAnswers
    findings: list[ExpertFinding]
    percentile_chart: Chart | None
    alignment_chart: Chart
    sources: list[Source]
