"""The benchmarking stage's models: indicator catalogue, method rules, inputs and result."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from advisory.charts import Chart
from advisory.sources import Source


class Indicator(BaseModel):
    """One catalogue entry: what a column of the reference data measures and how it is scored."""

    code: str
    name: str
    short: str = Field(default="", description="label for charts")
    dimension: str
    unit: str = ""
    direction: Literal["higher", "lower"] = "higher"
    transform: Literal["none", "sqrt", "log"] = "none"
    ris: str = Field(default="", description="the RIS indicator it stands for")
    columns: list[str] = Field(min_length=1)
    combine: Literal["single", "sum", "per_million"] = "single"


class Catalogue(BaseModel):
    """The indicator catalogue (`datasets/indicators.yaml`)."""

    first_year: int
    last_year: int
    indicators: list[Indicator]
    structural: list[Indicator] = Field(default_factory=list)


class MethodRules(BaseModel):
    """The published method's parameters, so the annex can state them and tests can vary them."""

    outlier_sd: float = Field(default=2.0, description="values beyond mean ± this many sd are outliers")
    min_coverage: float = Field(default=0.6, description="share of indicators a composite needs")
    strength_margin: float = Field(default=0.10, description="normalised distance from the peer median")
    peers_k: int = 5


class IndicatorValue(BaseModel):
    """The latest value of one indicator for one region within the catalogue's window."""

    region: str
    indicator: str
    year: int
    value: float


class BenchmarkingInputs(BaseModel):
    region_code: str
    region_name: str
    catalogue: Catalogue
    values: list[IndicatorValue]
    country_names: dict[str, str] = Field(default_factory=dict, description="ISO code -> name")
    region_names: dict[str, str] = Field(default_factory=dict, description="known NUTS-2 names")
    expert_peers: list[str] = Field(default_factory=list, max_length=5)
    reference: Literal["eu", "peers"] = "eu"
    rules: MethodRules = Field(default_factory=MethodRules)
    validation: str = Field(default="", description="how the method compares with the published RIS index")
    bottlenecks: dict[str, str] = Field(
        default_factory=dict, description="survey condition code -> label, to flag matching indicators"
    )


class IndicatorScore(BaseModel):
    code: str
    name: str
    short: str = ""
    dimension: str
    value: float | None
    unit: str
    year: int | None
    normalised: float | None
    peer_median: float | None
    note: str = ""

    @property
    def gap(self) -> float | None:
        """Normalised score minus the peer median (positive: ahead of the peers)."""
        if self.normalised is None or self.peer_median is None:
            return None
        return self.normalised - self.peer_median


class PeerRegion(BaseModel):
    code: str
    name: str
    distance: float | None
    composite: float | None = None
    group: str = ""


class DimensionScore(BaseModel):
    dimension: str
    region: float | None
    peer_median: float | None
    indicators: int


class GroupCount(BaseModel):
    group: str
    regions: int


class BenchmarkingResult(BaseModel):
    region_code: str
    composite: float | None
    relative_score: float | None = Field(description="composite relative to the reference (= 100)")
    group: str
    coverage: float
    reference_label: str
    reference_regions: int
    indicators: list[IndicatorScore]
    strengths: list[IndicatorScore]
    weaknesses: list[IndicatorScore]
    dimensions: list[DimensionScore]
    peers: list[PeerRegion]
    peer_choice: Literal["expert", "automatic"]
    peer_reason: str
    group_counts: list[GroupCount]
    rules: MethodRules
    radar_chart: Chart
    dimension_chart: Chart
    sources: list[Source]
