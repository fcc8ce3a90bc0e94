"""The benchmarking report's charts as data: radar of indicators and bars per dimension."""

from __future__ import annotations

from advisory.benchmarking.models import DimensionScore, IndicatorScore
from advisory.charts import Chart, Series

SOURCE = "Eurostat regional statistics (NUTS-2); observatory computation, RIS method"


def radar(indicators: list[IndicatorScore], region_name: str) -> Chart:
    """Normalised scores (0 = lowest, 1 = highest reference region) against the peer median."""
    return Chart(
        kind="radar",
        title="Normalised indicator scores (0-1)",
        categories=[score.short or score.name for score in indicators],
        series=[
            Series(name=region_name, values=[score.normalised for score in indicators]),
            Series(name="Peer median", values=[score.peer_median for score in indicators]),
        ],
        source=SOURCE,
        width_cm=15.0,
    )


def dimensions(scores: list[DimensionScore], region_name: str) -> Chart:
    """Mean normalised score per dimension, region against the peer median."""
    return Chart(
        kind="bar",
        title="Average normalised score per dimension (0-1)",
        categories=[score.dimension for score in scores],
        series=[
            Series(name=region_name, values=[score.region for score in scores]),
            Series(name="Peer median", values=[score.peer_median for score in scores]),
        ],
        unit="normalised score (0-1)",
        source=SOURCE,
    )
