"""The sources-and-methods annex of the benchmarking report: every dataset, year and step."""

from __future__ import annotations

import re

import pandas as pd

from advisory.benchmarking.models import BenchmarkingInputs, Indicator
from advisory.sources import Source

EUROSTAT = "Eurostat regional statistics, NUTS-2 (Honti et al. 2020, Data in Brief 33:106464)"
RIS_METHOD = (
    "Regional Innovation Scoreboard 2023 methodology (Hollanders & Es-Sadki, European Commission); "
    "European Innovation Scoreboard 2023 methodology report"
)


def _tables(indicator: Indicator) -> str:
    """Eurostat table codes behind the indicator (the lower-case prefix of each column name)."""
    names = [re.match(r"^[a-z0-9]+(?:_[a-z0-9]+)*", column) for column in indicator.columns]
    codes = [match.group(0) if match else column for match, column in zip(names, indicator.columns, strict=True)]
    return ", ".join(dict.fromkeys(codes))


def _years(values: pd.DataFrame, code: str, region: str) -> str:
    rows = values[values["indicator"] == code]
    mine = rows.loc[rows["region"] == region, "year"]
    spread = f"reference regions {rows['year'].min()}-{rows['year'].max()}" if len(rows) else "no data"
    return f"{int(mine.iloc[0])} ({spread})" if len(mine) else f"missing ({spread})"


def indicator_source(inputs: BenchmarkingInputs, values: pd.DataFrame, indicator: Indicator, regions: int) -> Source:
    rules = inputs.rules
    shape = "square root (skewed); " if indicator.transform == "sqrt" else ""
    better = "reversed (lower is better); " if indicator.direction == "lower" else ""
    return Source(
        key=f"eurostat:{indicator.code}",
        dataset=EUROSTAT,
        detail=f"{indicator.name} ({indicator.unit}), table {_tables(indicator)}; {indicator.ris}",
        year=_years(values, indicator.code, inputs.region_code),
        computation=(
            f"Latest year in {inputs.catalogue.first_year}-{inputs.catalogue.last_year}; {shape}{better}"
            f"min-max over {regions} regions, outliers (± {rules.outlier_sd:g} sd) out of min and max"
        ),
    )


def method_sources(inputs: BenchmarkingInputs, regions: int) -> list[Source]:
    rules = inputs.rules
    catalogue = inputs.catalogue
    structural = ", ".join(s.name.lower() for s in catalogue.structural)
    return [
        Source(
            key="method:composite",
            dataset=RIS_METHOD,
            detail="Composite index, reference set and performance groups",
            year=f"{catalogue.first_year}-{catalogue.last_year}",
            computation=(
                f"Reference set: {regions} real NUTS-2 regions (extra-regio ZZ/XX codes and EU/EA/EFTA "
                f"aggregates excluded) with at least {rules.min_coverage:.0%} of the indicators. Composite = "
                f"unweighted mean of the available normalised indicators (at least {rules.min_coverage:.0%}). "
                "Relative score: composite / unweighted mean composite of EU-27 reference regions x 100. "
                "Groups: Leader > 125, Strong 100-125, Moderate 70-100, Emerging < 70 (the EIS 2023 rule, "
                "which reproduces the published group of all 38 countries)."
            ),
        ),
        Source(
            key="method:outliers",
            dataset=RIS_METHOD,
            detail="Outliers and skewed indicators",
            computation=(
                f"Values beyond the reference mean ± {rules.outlier_sd:g} standard deviations are left out "
                "when setting min and max, then clipped to 0 or 1 (RIS: outliers do not set the scale). "
                "Indicators with skewness above 1 are square-root transformed first. The RIS reports use "
                "mean ± 2 sd (earlier EIS editions 3 sd); the multiple is a parameter of the method."
            ),
        ),
        Source(
            key="method:peers",
            dataset=EUROSTAT,
            detail=f"Structural indicators: {structural}",
            year=f"{catalogue.first_year}-{catalogue.last_year}",
            computation=(
                f"Peers: the {rules.peers_k} reference regions with the smallest root-mean-square difference "
                "of z-scores (population on a log scale), or the expert's list (up to five). Strength or "
                f"weakness: normalised score at least {rules.strength_margin:.2f} above or below the peer median."
            ),
        ),
    ]


def for_result(inputs: BenchmarkingInputs, values: pd.DataFrame, table: pd.DataFrame) -> list[Source]:
    regions = int(table["reference"].sum())
    sources = [indicator_source(inputs, values, i, regions) for i in inputs.catalogue.indicators]
    sources += method_sources(inputs, regions)
    if inputs.validation:
        sources.append(
            Source(
                key="validation:ris2019",
                dataset="Regional Innovation Scoreboard 2019, published Regional Innovation Index (RII)",
                detail="External check of the method (not used to fit anything)",
                year="2019",
                computation=inputs.validation,
            )
        )
    return sources
