"""The benchmarking report's charts as data: every one shows the region, its country, the EU and the peer median.

A missing figure stays None (the chart leaves a gap) and its category says "n/a", never a zero.
"""

from __future__ import annotations

from advisory.domain.charts import Chart, Series
from advisory.stages.benchmarking.models import DimensionScore, IndicatorScore, TrendPoint

SOURCE = (
    "Eurostat regional statistics (NUTS 2) and European Innovation Scoreboard 2023; "
    "observatory computation, Regional Innovation Scoreboard method"
)


def _category(label: str, missing: bool) -> str:
    return f"{label} (n/a)" if missing else label


def radar(indicators: list[IndicatorScore], region: str, country: str, year: int) -> Chart:
    """Normalised scores (0 = lowest, 1 = highest RIS region over all years) of the region, country, EU and peers."""
    years = sorted({s.year for s in indicators if s.year is not None})
    span = f"{years[0]}-{years[-1]}" if years else str(year)
    return Chart(
        kind="radar",
        title=f"Normalised indicator scores, {year} (figures of {span})",
        categories=[_category(s.short or s.name, s.normalised is None) for s in indicators],
        series=[
            Series(name=region, values=[s.normalised for s in indicators]),
            Series(name=country, values=[s.country_normalised for s in indicators]),
            Series(name="EU", values=[s.eu_normalised for s in indicators]),
            Series(name="Peer median", values=[s.peer_median for s in indicators]),
        ],
        value_range=(0.0, 1.0),
        source=SOURCE,
        width_cm=15.0,
    )


def dimensions(scores: list[DimensionScore], region: str, country: str, year: int) -> Chart:
    """Mean normalised score per RIS dimension: region, country, EU and peer median."""
    return Chart(
        kind="barh",
        title=f"Average normalised score per dimension, {year}",
        categories=[_category(s.dimension, s.region is None) for s in scores],
        series=[
            Series(name=region, values=[s.region for s in scores]),
            Series(name=country, values=[s.country for s in scores]),
            Series(name="EU", values=[s.eu for s in scores]),
            Series(name="Peer median", values=[s.peer_median for s in scores]),
        ],
        unit="normalised score (0-1)",
        value_range=(0.0, 1.0),
        source=SOURCE,
    )


def trend(points: list[TrendPoint], region: str, country: str) -> Chart | None:
    """Scores relative to the EU in the first year (= 100), year by year."""
    if not points:
        return None
    first, last = points[0].year, points[-1].year
    return Chart(
        kind="line",
        title=f"Innovation score {first}-{last} (EU {first} = 100)",
        categories=[str(p.year) for p in points],
        series=[
            Series(name=region, values=[p.region for p in points]),
            Series(name=country, values=[p.country for p in points]),
            Series(name="EU", values=[p.eu for p in points]),
            Series(name="Peer median", values=[p.peer_median for p in points]),
        ],
        unit=f"score, EU {first} = 100",
        source=SOURCE,
    )
