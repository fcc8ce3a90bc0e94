"""The region's position on the main Eurostat indicators against its country's regions and all EU regions."""

from __future__ import annotations

from statistics import median

from scipy.stats import percentileofscore

from advisory.domain.charts import Chart, Series
from advisory.domain.text import _
from advisory.stages.assessment.conditions import indicator
from advisory.stages.assessment.models import IndicatorDistribution, RegionalIndicator


def regional_indicator(observed: IndicatorDistribution) -> RegionalIndicator:
    """Percentile = share of EU regions at or below the region's value in the same year ('weak' percentile)."""
    definition = indicator(observed.code)
    return RegionalIndicator(
        code=observed.code,
        name=definition.name,
        condition=definition.condition,
        unit=definition.unit,
        year=observed.year,
        value=observed.region_value,
        country_median=median(observed.country_values) if observed.country_values else None,
        eu_median=median(observed.eu_values),
        percentile=float(percentileofscore(observed.eu_values, observed.region_value, kind="weak")),
        regions_compared=len(observed.eu_values),
        source=definition.source_key,
    )


def percentile_chart(indicators: list[RegionalIndicator], region_name: str) -> Chart | None:
    if not indicators:
        return None
    return Chart(
        kind="barh",
        title=_("{region}: position among EU regions (percentile)", region=region_name),
        categories=[i.name for i in indicators],
        series=[Series(name=region_name, values=[i.percentile for i in indicators])],
        unit=_("EU percentile (50 = EU median)"),
        source="Eurostat regional statistics, " + _years(indicators),
    )


def _years(indicators: list[RegionalIndicator]) -> str:
    years = sorted({i.year for i in indicators})
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
