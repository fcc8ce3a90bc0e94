"""The Regional Innovation Scoreboard method as pure pandas steps (tables in, tables out, no I/O).

The steps follow the RIS/EIS methodology reports (Hollanders & Es-Sadki, RIS 2021 and 2023
methodology; EIS technical annex):

1. latest value per region and indicator within the catalogue's window (the year is kept);
2. the reference set: real NUTS-2 regions (no `ZZ`/`XX` extra-regio codes, no EU/EA/EFTA
   aggregates) with values for at least `min_coverage` of the indicators;
3. square-root transform of skewed indicators (skewness above 1);
4. outliers, values beyond the reference mean ± `outlier_sd` standard deviations, are left out
   when setting the minimum and maximum (they are kept, and clipped to 0 or 1);
5. min-max normalisation to 0-1 over the reference set, reversed where lower is better;
6. composite = unweighted mean of the available normalised indicators, only when at least
   `min_coverage` of them are available;
7. score relative to the reference (the EU average = 100) and performance group.

Every step works on the whole region-by-indicator table at once: no loop over regions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from advisory.benchmarking.models import Catalogue, Indicator, MethodRules

NUTS2_CODE = r"^[A-Z]{2}[0-9A-Z]{2}$"
EXTRA_REGIO = ("ZZ", "XX")  # extra-regio and not-yet-assigned codes
AGGREGATES = ("EU", "EA", "EF")
EU27 = frozenset(
    "AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split()
)
NOT_CLASSIFIED = "Not classified"


# --- data ---------------------------------------------------------------------------------------
def indicator_series(long: pd.DataFrame, indicator: Indicator) -> pd.DataFrame:
    """One catalogue indicator per region and year, combining its source columns as the catalogue says."""
    rows = long[long["indicator"].isin(indicator.columns)]
    columns = rows.pivot_table(index=["region", "year"], columns="indicator", values="value", aggfunc="first")
    columns = columns.reindex(columns=indicator.columns)
    if indicator.combine == "sum":
        value = columns.sum(axis=1, min_count=len(indicator.columns))
    elif indicator.combine == "per_million":
        value = columns.iloc[:, 0] / columns.iloc[:, 1].replace(0, np.nan) * 1e6
    else:
        value = columns.iloc[:, 0]
    series = value.dropna().rename("value").reset_index()
    series["indicator"] = indicator.code
    return series[["region", "indicator", "year", "value"]]


def latest_values(series: pd.DataFrame, first_year: int, last_year: int) -> pd.DataFrame:
    """The latest non-missing value per region and indicator within the window, with its year."""
    window = series[series["year"].between(first_year, last_year)].dropna(subset=["value"])
    latest = window.sort_values("year").groupby(["region", "indicator"], sort=False).tail(1)
    return latest.sort_values(["region", "indicator"]).reset_index(drop=True)


def catalogue_values(long: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Latest values of every catalogue indicator (performance and structural) for every region."""
    indicators = catalogue.indicators + catalogue.structural
    series = pd.concat([indicator_series(long, indicator) for indicator in indicators], ignore_index=True)
    return latest_values(series, catalogue.first_year, catalogue.last_year)


def is_nuts2(codes: pd.Index) -> pd.Series:
    """True for real NUTS-2 codes; False for aggregates (EU28, EA19, EFTA) and extra-regio codes."""
    codes = pd.Series(codes, index=codes).astype(str)
    return codes.str.match(NUTS2_CODE) & ~codes.str[:2].isin(AGGREGATES) & ~codes.str[2:].isin(EXTRA_REGIO)


# --- method steps -------------------------------------------------------------------------------
def coverage(wide: pd.DataFrame) -> pd.Series:
    """Share of the indicators each region has a value for."""
    return wide.notna().mean(axis=1)


def transform(wide: pd.DataFrame, transforms: dict[str, str]) -> pd.DataFrame:
    """Square-root (skewed indicators) or log (population) transform, column by column."""
    shaped = wide.copy()
    for code, kind in transforms.items():
        if code in shaped and kind == "sqrt":
            shaped[code] = np.sqrt(shaped[code].clip(lower=0))
        elif code in shaped and kind == "log":
            shaped[code] = np.log(shaped[code].where(shaped[code] > 0))
    return shaped


def outliers(wide: pd.DataFrame, sd: float) -> pd.DataFrame:
    """True where a value lies beyond its column's mean ± `sd` standard deviations."""
    mean, spread = wide.mean(), wide.std()
    return (wide - mean).abs() > sd * spread


def min_max(wide: pd.DataFrame, reference: pd.Series, sd: float) -> pd.DataFrame:
    """Min-max normalise to 0-1 with the min and max of the reference rows, outliers left out."""
    rows = wide[reference.reindex(wide.index, fill_value=False)]
    kept = rows.mask(outliers(rows, sd))
    low, high = kept.min(), kept.max()
    span = (high - low).replace(0, np.nan)
    return ((wide - low) / span).clip(0, 1)


def orient(normalised: pd.DataFrame, lower_is_better: list[str]) -> pd.DataFrame:
    """Reverse the indicators where a lower value is better, so 1 is always the best."""
    oriented = normalised.copy()
    for code in lower_is_better:
        if code in oriented:
            oriented[code] = 1 - oriented[code]
    return oriented


def composite(normalised: pd.DataFrame, min_coverage: float) -> pd.DataFrame:
    """Unweighted mean of the available normalised indicators, missing below the coverage rule."""
    share = coverage(normalised)
    index = normalised.mean(axis=1, skipna=True).where(share >= min_coverage)
    return pd.DataFrame({"composite": index, "coverage": share})


def performance_group(relative: float | None) -> str:
    """Leader above 125 %, Strong 100-125 %, Moderate 70-100 %, Emerging below 70 % of the reference."""
    if relative is None or relative != relative:
        return NOT_CLASSIFIED
    if relative > 125:
        return "Leader"
    if relative >= 100:
        return "Strong"
    return "Moderate" if relative >= 70 else "Emerging"


def performance_groups(relative: pd.Series) -> pd.Series:
    """`performance_group` for a whole column at once."""
    conditions = [relative > 125, relative >= 100, relative >= 70, relative < 70]
    groups = np.select(conditions, ["Leader", "Strong", "Moderate", "Emerging"], default=NOT_CLASSIFIED)
    return pd.Series(groups, index=relative.index)


# --- the whole benchmark ------------------------------------------------------------------------
def to_wide(values: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    """Region-by-indicator table of the given catalogue codes (real NUTS-2 regions only)."""
    wide = values.pivot_table(index="region", columns="indicator", values="value", aggfunc="first")
    wide = wide.reindex(columns=codes)
    return wide[is_nuts2(wide.index)]


def score_all(values: pd.DataFrame, catalogue: Catalogue, rules: MethodRules) -> pd.DataFrame:
    """The benchmark table for every region: normalised indicators, composite, coverage, group.

    `values` is long (`region, indicator, year, value`), e.g. from `catalogue_values`.
    """
    indicators = catalogue.indicators
    codes = [indicator.code for indicator in indicators]
    raw = to_wide(values, codes)
    reference = coverage(raw) >= rules.min_coverage
    shaped = transform(raw, {i.code: i.transform for i in indicators})
    lower = [i.code for i in indicators if i.direction == "lower"]
    normalised = orient(min_max(shaped, reference, rules.outlier_sd), lower)
    table = normalised.join(composite(normalised, rules.min_coverage))
    table["reference"] = reference
    eu = reference & table.index.str[:2].isin(EU27)
    table["relative"] = table["composite"] / table.loc[eu, "composite"].mean() * 100
    table["group"] = performance_groups(table["relative"]).where(reference, NOT_CLASSIFIED)
    return table
