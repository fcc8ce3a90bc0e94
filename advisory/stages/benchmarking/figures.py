"""The benchmarking report's charts as data: every one shows the region, its country, the EU and the peer median.

A missing figure stays None (the chart leaves a gap) and its category says "n/a", never a zero.
Every word is a message, drawn in the reader's language.
"""

from __future__ import annotations

from advisory.domain.charts import Chart, Series
from advisory.domain.text import Msg, Text, _
from advisory.stages.benchmarking.models import DimensionScore, IndicatorScore, TrendPoint

SOURCE = _(
    "Eurostat regional statistics (NUTS 2) and European Innovation Scoreboard 2023; "
    "observatory computation, Regional Innovation Scoreboard method"
)
EU = _("EU")
PEER_MEDIAN = _("Peer median")


def _category(label: Msg, missing: bool) -> Msg:
    return _("{label} (n/a)", label=label) if missing else label


def _series(region: str, country: Text, values: tuple[list, list, list, list]) -> list[Series]:
    names = (region, country, EU, PEER_MEDIAN)
    return [Series(name=name, values=list(column)) for name, column in zip(names, values, strict=True)]


def radar(indicators: list[IndicatorScore], region: str, country: Text, year: int) -> Chart:
    """Normalised scores (0 = lowest, 1 = highest RIS region over all years) of the region, country, EU and peers."""
    years = sorted({s.year for s in indicators if s.year is not None})
    span = f"{years[0]}-{years[-1]}" if years else str(year)
    return Chart(
        kind="radar",
        title=_("Normalised indicator scores, {year} (figures of {span})", year=year, span=span),
        categories=[_category(s.short, s.normalised is None) for s in indicators],
        series=_series(
            region,
            country,
            (
                [s.normalised for s in indicators],
                [s.country_normalised for s in indicators],
                [s.eu_normalised for s in indicators],
                [s.peer_median for s in indicators],
            ),
        ),
        value_range=(0.0, 1.0),
        tick_step=0.25,
        source=SOURCE,
        width_cm=15.0,
    )


def dimensions(scores: list[DimensionScore], region: str, country: Text, year: int) -> Chart:
    """Mean normalised score per RIS dimension: region, country, EU and peer median."""
    return Chart(
        kind="barh",
        title=_("Average normalised score per dimension, {year}", year=year),
        categories=[_category(s.dimension, s.region is None) for s in scores],
        series=_series(
            region,
            country,
            (
                [s.region for s in scores],
                [s.country for s in scores],
                [s.eu for s in scores],
                [s.peer_median for s in scores],
            ),
        ),
        unit=_("normalised score (0-1)"),
        value_range=(0.0, 1.0),
        tick_step=0.2,
        source=SOURCE,
    )


def trend(points: list[TrendPoint], region: str, country: Text) -> Chart | None:
    """Scores relative to the EU in the first year (= 100), year by year."""
    if not points:
        return None
    first, last = points[0].year, points[-1].year
    return Chart(
        kind="line",
        title=_("Innovation score {first}-{last} (EU {first} = 100)", first=first, last=last),
        categories=[str(p.year) for p in points],
        series=_series(
            region,
            country,
            (
                [p.region for p in points],
                [p.country for p in points],
                [p.eu for p in points],
                [p.peer_median for p in points],
            ),
        ),
        unit=_("score, EU {first} = 100", first=first),
        source=SOURCE,
    )
