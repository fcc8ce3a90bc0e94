"""The benchmarking stage's models: the RIS edition and catalogue, method rules, inputs and result."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, model_validator

from advisory.domain.charts import Chart
from advisory.domain.sources import Source
from advisory.domain.text import Msg, Text, _

GROUPS = ("Leader", "Strong", "Moderate", "Emerging")
NOT_CLASSIFIED = "Not classified"

# The performance groups as readers call them: a region's group with its subgroup (the sign joined to the name by a
# no-break space, so a narrow column never leaves it alone on a line), and the groups in a table.
GROUP_NAMES: dict[tuple[str, str], Msg] = {
    ("Leader", "+"): _("Innovation Leader\u00a0+"),
    ("Leader", ""): _("Innovation Leader"),
    ("Leader", "-"): _("Innovation Leader\u00a0-"),
    ("Strong", "+"): _("Strong Innovator\u00a0+"),
    ("Strong", ""): _("Strong Innovator"),
    ("Strong", "-"): _("Strong Innovator\u00a0-"),
    ("Moderate", "+"): _("Moderate Innovator\u00a0+"),
    ("Moderate", ""): _("Moderate Innovator"),
    ("Moderate", "-"): _("Moderate Innovator\u00a0-"),
    ("Emerging", "+"): _("Emerging Innovator\u00a0+"),
    ("Emerging", ""): _("Emerging Innovator"),
    ("Emerging", "-"): _("Emerging Innovator\u00a0-"),
    (NOT_CLASSIFIED, ""): _("Not classified"),
}
GROUPS_PLURAL: dict[str, Msg] = {
    "Leader": _("Innovation Leaders"),
    "Strong": _("Strong Innovators"),
    "Moderate": _("Moderate Innovators"),
    "Emerging": _("Emerging Innovators"),
    NOT_CLASSIFIED: _("Not classified"),
}


def group_name(group: str, subgroup: str = "") -> Msg:
    """'Strong Innovator +': the performance group with its subgroup, as readers call it."""
    return GROUP_NAMES.get((group, subgroup), GROUP_NAMES[(NOT_CLASSIFIED, "")])


# --- the catalogue (datasets/indicators.yaml) ---------------------------------------------------
class Thresholds(BaseModel):
    """Performance groups: share of the EU's score of the same year, in per cent."""

    leader: float = 125.0
    strong: float = 100.0
    moderate: float = 70.0


class Edition(BaseModel):
    """The Regional Innovation Scoreboard edition the stage follows: who it covers and how it groups."""

    name: str
    short: str
    eu_countries: list[str]
    other_countries: list[str] = Field(default_factory=list)
    nuts1_countries: list[str] = Field(default_factory=list, description="countries the RIS scores at NUTS 1")
    thresholds: Thresholds = Field(default_factory=Thresholds)

    @property
    def countries(self) -> list[str]:
        return [*self.eu_countries, *self.other_countries]


class Indicator(BaseModel):
    """One RIS indicator and where its figures come from: Eurostat NUTS-2 columns or the country's EIS score."""

    code: str
    ris: str = Field(description="the RIS indicator number, e.g. 2.2.1")
    name: str
    short: str = Field(default="", description="label for charts")
    dimension: str
    unit: str = "EIS score, EU 2016 = 100"
    direction: Literal["higher", "lower"] = "higher"
    source: Literal["regional", "national"]
    columns: list[str] = Field(default_factory=list)
    combine: Literal["single", "sum"] = "single"
    tables: str = Field(default="", description="Eurostat tables, for the annex")
    weight: Literal["population", "gdp"] = Field(default="population", description="how regions add up to NUTS 1")
    eis: str = Field(default="", description="the EIS 2023 indicator a national figure comes from")
    proxy: str = Field(default="", description="where the regional figure differs from the RIS definition")

    @model_validator(mode="after")
    def _has_a_source(self) -> Indicator:
        if self.source == "regional" and not self.columns:
            raise ValueError(f"{self.code}: a regional indicator needs columns")
        if self.source == "national" and not self.eis:
            raise ValueError(f"{self.code}: a national indicator needs its EIS indicator")
        return self


class StructuralVariable(BaseModel):
    """Context peers are chosen on; never scored. Its name is written as it reads inside a sentence."""

    code: str
    name: str
    unit: str = ""
    source: Literal["regional", "regional_gdp", "national"]
    columns: list[str] = Field(default_factory=list)
    aggregation: Literal["mean", "sum"] = "mean"
    eis: str = ""
    scale: Literal["linear", "log"] = "linear"


class Catalogue(BaseModel):
    """The benchmarking catalogue (`datasets/indicators.yaml`). Its names, units and notes are English
    messages: `catalogue_words` hands them to the catalogs, and the stage shows them as `Msg`s."""

    edition: Edition
    first_year: int
    last_year: int
    eis_lag: int = Field(default=2, description="EIS edition year minus the year its statistics refer to")
    indicators: list[Indicator]
    structure: list[StructuralVariable] = Field(default_factory=list)

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))


def catalogue_words(fileobj, keywords, comment_tags, options):  # noqa: ARG001 - Babel's extractor signature
    """Babel extractor (babel.cfg) for the catalogue: every name, unit and note a reader sees is a message."""
    import yaml

    catalogue = Catalogue.model_validate(
        yaml.safe_load(fileobj.read().decode("utf-8")) | {"first_year": 0, "last_year": 0}
    )
    texts = [catalogue.edition.name]
    for indicator in catalogue.indicators:
        texts += [indicator.name, indicator.short, indicator.dimension, indicator.unit, indicator.proxy]
    for variable in catalogue.structure:
        texts += [variable.name, variable.unit]
    for text in dict.fromkeys(texts):
        if text:
            yield 0, "_", text, []


class MethodRules(BaseModel):
    """The published method's parameters, so the annex can state them and tests can vary them."""

    outlier_sd: float = Field(default=2.0, description="values beyond mean ± this many sd are outliers")
    skewness: float = Field(default=1.0, description="indicators skewed beyond this are square-rooted")
    min_coverage: float = Field(default=0.6, description="share of indicators a composite needs")
    strength_margin: float = Field(default=0.10, description="normalised distance that makes a strength")
    peers_k: int = 5
    peers_per_country: int = Field(default=2, description="at most this many automatic peers from any one country")


# --- inputs -------------------------------------------------------------------------------------
class Panel(BaseModel):
    """The yearly RIS panel, column by column: every RIS region, country and the EU, every indicator, every year.

    `level` is region, country or eu; `data_year` the year the figure refers to (a gap is filled with
    the latest earlier figure, so it can be older than `year`); a missing value is None, never zero.
    """

    unit: list[str]
    level: list[Literal["region", "country", "eu"]]
    indicator: list[str]
    year: list[int]
    value: list[float | None]
    data_year: list[int | None]


class StructureRow(BaseModel):
    """One RIS region's structural context (values as published, before any scaling)."""

    region: str
    values: dict[str, float | None]
    years: dict[str, int | None]


class RegionName(BaseModel):
    code: str
    name: str
    country: str


class PublishedScore(BaseModel):
    """A published RIS index of a region, for comparison only (never used to compute anything)."""

    edition: str
    year: int
    value: float
    scale: Text


class BenchmarkingInputs(BaseModel):
    region_code: str = Field(description="the region's RIS code (its NUTS-1 region where the RIS uses NUTS 1)")
    region_name: str
    profile_code: str = Field(default="", description="the demonstrator region's own NUTS-2 code")
    profile_name: str = Field(default="", description="the demonstrator region's own name")
    as_of: int = Field(description="the year the report is written in, to say how old each figure is")
    catalogue: Catalogue
    panel: Panel
    eis_scores: dict[str, dict[int, float]] = Field(
        description="country (and 'EU') -> EIS year -> Summary Innovation Index (EU 2016 = 100)"
    )
    structure: list[StructureRow]
    regions: list[RegionName]
    country_names: dict[str, str] = Field(default_factory=dict, description="ISO code -> name")
    expert_peers: list[str] = Field(default_factory=list, max_length=5)
    published: list[PublishedScore] = Field(default_factory=list)
    rules: MethodRules = Field(default_factory=MethodRules)
    validation: Msg | None = Field(default=None, description="how the method compares with published RIS results")
    bottlenecks: dict[str, Text] = Field(
        default_factory=dict, description="survey condition code -> label, to flag matching indicators"
    )


# --- the result ---------------------------------------------------------------------------------
class IndicatorScore(BaseModel):
    """One RIS indicator for the region in the latest year, beside its country, the EU and the peers."""

    code: str
    ris: str = ""
    name: Msg
    short: Msg
    dimension: Msg
    source: Literal["regional", "national"] = "regional"
    value: float | None
    unit: Msg
    year: int | None = Field(description="the year the figure refers to")
    age: int | None = Field(default=None, description="years between that year and the report")
    normalised: float | None
    country_value: float | None = None
    country_normalised: float | None = None
    eu_value: float | None = None
    eu_normalised: float | None = None
    eu_year: int | None = None
    peer_median: float | None = Field(default=None, description="median normalised score of the peers")
    peer_median_value: float | None = None
    missing: Msg | None = Field(default=None, description="why there is no figure, when there is none")
    notes: list[Msg] = Field(default_factory=list, description="survey bottlenecks it speaks to, proxies")

    @property
    def gap(self) -> float | None:
        """Normalised score minus the peer median (positive: ahead of the peers)."""
        if self.normalised is None or self.peer_median is None:
            return None
        return self.normalised - self.peer_median

    @property
    def gap_eu(self) -> float | None:
        """Normalised score minus the EU's (positive: ahead of the EU)."""
        if self.normalised is None or self.eu_normalised is None:
            return None
        return self.normalised - self.eu_normalised


class IndicatorGap(BaseModel):
    """A strength or weakness against one reference (the EU or the peers), with the figures behind it."""

    code: str
    ris: str
    name: Msg
    short: Msg
    dimension: Msg
    source: Literal["regional", "national"]
    value: float | None
    unit: Msg
    year: int | None
    reference: Literal["eu", "peers"]
    reference_value: float | None
    normalised: float
    reference_normalised: float
    gap: float = Field(description="normalised score minus the reference's, on the 0-1 scale")
    text: Msg = Field(description="the gap in plain words, with both figures")


class PeerRegion(BaseModel):
    code: str
    name: Text
    country: Text = ""
    distance: float | None
    composite: float | None = None
    relative_score: float | None = None
    group: str = Field(default="", description="performance group and subgroup, e.g. 'Strong +' (a key)")
    group_name: Msg | None = Field(default=None, description="the group as readers call it")
    reason: Msg | None = None
    gdp_per_head: float | None = None
    population: float | None = None


class DimensionScore(BaseModel):
    dimension: Msg
    region: float | None
    country: float | None = None
    eu: float | None = None
    peer_median: float | None
    indicators: int


class GroupCount(BaseModel):
    group: str = Field(description="the performance group (a key)")
    name: Msg
    regions: int
    share: float | None = None


class TrendPoint(BaseModel):
    """Scores relative to the EU in the first year (= 100): the RIS's measure of change."""

    year: int
    region: float | None
    country: float | None
    eu: float | None
    peer_median: float | None


class SubgroupBounds(BaseModel):
    group: str
    lower: float | None
    upper: float | None
    cuts: tuple[float, float]


class IndicatorTreatment(BaseModel):
    """What the method did to one indicator over all regions and years (the annex says it)."""

    code: str
    outliers: int
    skewness: float | None
    square_root: bool


class BenchmarkingResult(BaseModel):
    region_code: str
    region_name: str = ""
    country: str = ""
    country_name: Text = ""
    profile_code: str = ""
    edition: Msg
    year: int = Field(description="the latest year of the panel: the position is for this year")
    as_of: int = Field(default=0, description="the year of the report, from which the age of figures is counted")
    first_year: int
    composite: float | None
    relative_score: float | None = Field(description="score relative to the EU of the same year (= 100)")
    group: str = Field(description="performance group with subgroup, e.g. 'Moderate +' (a key)")
    group_name: Msg = Field(description="the group with subgroup as readers call it")
    performance_group: str = NOT_CLASSIFIED
    subgroup: Literal["+", "", "-"] = ""
    rank: int | None = None
    regions_ranked: int = 0
    trend: float | None = Field(default=None, description="change first to last year, in points (EU first year = 100)")
    eu_trend: float | None = None
    country_relative: float | None = Field(default=None, description="the country's EIS score relative to the EU")
    country_group: str = ""
    country_group_name: Msg | None = None
    correction: float | None = Field(default=None, description="country correction factor of the latest year")
    coverage: float
    reference_label: Msg
    reference_regions: int
    indicators: list[IndicatorScore]
    strengths: list[IndicatorScore] = Field(description="clearly above the peer median")
    weaknesses: list[IndicatorScore] = Field(description="clearly below the peer median")
    strengths_vs_eu: list[IndicatorGap] = Field(default_factory=list)
    weaknesses_vs_eu: list[IndicatorGap] = Field(default_factory=list)
    strengths_vs_peers: list[IndicatorGap] = Field(default_factory=list)
    weaknesses_vs_peers: list[IndicatorGap] = Field(default_factory=list)
    summary: Msg | None = Field(default=None, description="what the report compares, with which method")
    headline: list[Msg] = Field(default_factory=list, description="what matters to the region, in plain words")
    published_note: Msg | None = Field(default=None, description="the published scoreboard's figure, if any")
    dimensions: list[DimensionScore]
    trend_points: list[TrendPoint] = Field(default_factory=list)
    peers: list[PeerRegion]
    peer_choice: Literal["expert", "automatic"]
    peer_reason: Msg
    group_counts: list[GroupCount]
    subgroups: list[SubgroupBounds] = Field(default_factory=list)
    treatment: list[IndicatorTreatment] = Field(default_factory=list)
    published: list[PublishedScore] = Field(default_factory=list)
    method_notes: list[Msg] = Field(default_factory=list)
    rules: MethodRules
    radar_chart: Chart
    dimension_chart: Chart
    trend_chart: Chart | None = None
    sources: list[Source]
