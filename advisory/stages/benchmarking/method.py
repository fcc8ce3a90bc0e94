"""The Regional Innovation Scoreboard method as pure pandas steps (the yearly panel in, scores out, no I/O).

The steps follow the RIS 2021 and 2023 methodology (Hollanders & Es-Sadki, Regional Innovation
Scoreboard 2021, European Commission, doi:10.2873/67175, p. 18 for the groups; its steps as
summarised by Salazar-Elena & Zabala-Iturriagagoitia, "The RIS under scrutiny", Cotec 2022,
Annex I pp. 86-87: "(1) eliminate outliers; (2) reduce data asymmetry; and (3) normalise the data
using the min-max procedure", the index "the simple average of these transformed indicators", and
"multiplied by a country correction factor" so the countries come out as in the EIS):

1. outliers: per indicator, values beyond the mean ± `outlier_sd` standard deviations of all RIS
   regions over all years are replaced by the highest (lowest) value that is not an outlier;
2. indicators whose skewness over all regions and years exceeds `skewness` are square-rooted
   (decided from the data, not fixed in the catalogue);
3. min-max normalisation to 0-1 over all regions AND all years of the window, so that a score is
   comparable from one year to the next; countries and the EU are scored on the same scale;
4. composite (the Regional Innovation Index) = unweighted mean of the available normalised
   indicators, where at least `min_coverage` of them are available;
5. relative to the EU: composite / EU composite of the same year x 100;
6. country correction: every region of a country is multiplied by the factor that makes the
   country's own score (its regions added up, with its national indicators) equal to its EIS 2023
   Summary Innovation Index relative to the EU of the same year;
7. performance groups from the edition's thresholds (RIS 2021/2023: Leader above 125 %, Strong
   100-125 %, Moderate 70-100 %, Emerging below 70 %), and subgroups +, middle, - as three equal
   bands of each group, the open groups bounded by the highest and the lowest regional score
   (RIS 2021 p. 18: Leader + above 144.8 %, Strong + 116.7-125 %, ..., Emerging - below 34.1 %);
8. trend: scores relative to the EU in the first year (= 100), last year minus first year, in
   points (the RIS's "performance change").

Every step works on the whole region-by-year table at once: no loop over regions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from advisory.stages.benchmarking.models import GROUPS, NOT_CLASSIFIED, Catalogue, MethodRules, Thresholds

EU = "EU"


# --- steps on the wide table (rows: unit, level, year; columns: indicators) -----------------------
def wide(panel: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    """The long panel as a table: one row per unit, level and year, one column per indicator."""
    table = panel.pivot_table(index=["unit", "level", "year"], columns="indicator", values="value", aggfunc="first")
    return table.reindex(columns=codes).astype(float)


def outlier_bounds(reference: pd.DataFrame, sd: float) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Per indicator: the lowest and highest values that are not outliers, and how many outliers there are."""
    mean, spread = reference.mean(), reference.std()
    outside = (reference - mean).abs() > sd * spread
    kept = reference.mask(outside)
    return kept.min(), kept.max(), outside.sum()


def replace_outliers(table: pd.DataFrame, low: pd.Series, high: pd.Series) -> pd.DataFrame:
    """Values beyond the non-outlier range take its bound (missing values stay missing)."""
    return table.clip(lower=low, upper=high, axis=1)


def square_root(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    shaped = table.copy()
    for code in columns:
        shaped[code] = np.sqrt(shaped[code].clip(lower=0))
    return shaped


def min_max(table: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """0-1 with the minimum and maximum of the reference rows (all regions, all years); others clipped."""
    low, high = reference.min(), reference.max()
    span = (high - low).replace(0, np.nan)
    return ((table - low) / span).clip(0, 1)


def orient(normalised: pd.DataFrame, lower_is_better: list[str]) -> pd.DataFrame:
    """Reverse the indicators where a lower value is better, so 1 is always the best."""
    oriented = normalised.copy()
    for code in lower_is_better:
        oriented[code] = 1 - oriented[code]
    return oriented


def composite(normalised: pd.DataFrame, min_coverage: float) -> pd.DataFrame:
    """Unweighted mean of the available normalised indicators, missing below the coverage rule."""
    coverage = normalised.notna().mean(axis=1)
    index = normalised.mean(axis=1, skipna=True).where(coverage >= min_coverage - 1e-9)
    return pd.DataFrame({"composite": index, "coverage": coverage})


# --- groups -------------------------------------------------------------------------------------
def performance_group(relative: float | None, thresholds: Thresholds | None = None) -> str:
    """Leader above 125 %, Strong 100-125 %, Moderate 70-100 %, Emerging below 70 % of the EU (RIS 2021/2023)."""
    limits = thresholds or Thresholds()
    if relative is None or relative != relative:
        return NOT_CLASSIFIED
    if relative > limits.leader:
        return "Leader"
    if relative >= limits.strong:
        return "Strong"
    return "Moderate" if relative >= limits.moderate else "Emerging"


def performance_groups(relative: pd.Series, thresholds: Thresholds | None = None) -> pd.Series:
    """`performance_group` for a whole column at once."""
    limits = thresholds or Thresholds()
    conditions = [relative > limits.leader, relative >= limits.strong, relative >= limits.moderate, relative.notna()]
    groups = np.select(conditions, list(GROUPS), default=NOT_CLASSIFIED)
    return pd.Series(groups, index=relative.index)


def group_bounds(relative: pd.Series, thresholds: Thresholds | None = None) -> dict[str, tuple[float, float]]:
    """Lower and upper bound of each group: the open groups end at the highest and lowest regional score."""
    limits = thresholds or Thresholds()
    top, bottom = float(relative.max()), float(relative.min())
    return {
        "Leader": (limits.leader, max(top, limits.leader)),
        "Strong": (limits.strong, limits.leader),
        "Moderate": (limits.moderate, limits.strong),
        "Emerging": (min(bottom, limits.moderate), limits.moderate),
    }


def subgroup_cuts(bounds: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """The two cut points of each group: three bands of equal width (RIS 2021 p. 18)."""
    return {group: (low + (high - low) / 3, low + 2 * (high - low) / 3) for group, (low, high) in bounds.items()}


def subgroups(relative: pd.Series, groups: pd.Series, cuts: dict[str, tuple[float, float]]) -> pd.Series:
    """'+' in a group's top band, '-' in its bottom band, '' in between or when not classified."""
    lower = groups.map(lambda g: cuts.get(g, (np.nan, np.nan))[0]).astype(float)
    upper = groups.map(lambda g: cuts.get(g, (np.nan, np.nan))[1]).astype(float)
    marks = np.select([relative >= upper, relative < lower], ["+", "-"], default="")
    return pd.Series(marks, index=relative.index).where(groups != NOT_CLASSIFIED, "")


def label(group: str, subgroup: str) -> str:
    """'Moderate +', 'Strong', 'Emerging -', 'Not classified'."""
    return f"{group} {subgroup}" if subgroup else group


# --- the whole scoreboard -----------------------------------------------------------------------
@dataclass(frozen=True)
class Scores:
    """Everything the method computes, for every RIS region (and its countries and the EU), every year."""

    normalised: pd.DataFrame  # (unit, level, year) x indicator, 0-1
    regions: pd.DataFrame  # (unit, year): composite (corrected), composite_raw, coverage, relative_raw, correction,
    #                       relative (to the EU of the same year), index (EU first year = 100)
    countries: pd.DataFrame  # (unit, year): the same for the countries
    eu: pd.DataFrame  # year: composite, index
    latest: pd.DataFrame  # unit: the last year's position, group, subgroup, rank, trend
    treatment: pd.DataFrame  # indicator: outliers, skewness, square_root, low, high
    cuts: dict[str, tuple[float, float]]
    bounds: dict[str, tuple[float, float]]
    first_year: int
    last_year: int


def eis_relative(eis_scores: dict[str, dict[int, float]], years: list[int], lag: int) -> pd.DataFrame:
    """Country by data year: the EIS Summary Innovation Index relative to the EU's of the same EIS year."""
    table = pd.DataFrame(eis_scores).T
    table.columns = [int(c) for c in table.columns]
    available = sorted(table.columns)
    picked = {year: min(max(year + lag, available[0]), available[-1]) for year in years}
    relative = table.div(table.loc[EU], axis=1) * 100
    return pd.DataFrame({year: relative[picked[year]] for year in years}, index=table.index)


def score(
    panel: pd.DataFrame, eis_scores: dict[str, dict[int, float]], catalogue: Catalogue, rules: MethodRules
) -> Scores:
    """The RIS method over the whole panel (long: unit, level, indicator, year, value)."""
    codes = [indicator.code for indicator in catalogue.indicators]
    table = wide(panel, codes)
    is_region = table.index.get_level_values("level") == "region"
    low, high, outliers = outlier_bounds(table[is_region], rules.outlier_sd)
    treated = replace_outliers(table, low, high)
    skewness = treated[is_region].skew()
    rooted = [code for code in codes if skewness.get(code, 0) > rules.skewness]
    shaped = square_root(treated, rooted)
    normalised = min_max(shaped, shaped[is_region])
    normalised = orient(normalised, [i.code for i in catalogue.indicators if i.direction == "lower"])
    scored = composite(normalised, rules.min_coverage)
    treatment = pd.DataFrame(
        {
            "outliers": outliers,
            "skewness": skewness,
            "square_root": [c in rooted for c in codes],
            "low": low,
            "high": high,
        }
    )
    return _positions(normalised, scored, treatment, eis_scores, catalogue, rules)


def _positions(normalised, scored, treatment, eis_scores, catalogue: Catalogue, rules: MethodRules) -> Scores:
    first, last = catalogue.first_year, catalogue.last_year
    eu = scored.xs("eu", level="level").droplevel("unit")[["composite"]]
    eu["index"] = eu["composite"] / eu.at[first, "composite"] * 100
    eis = eis_relative(eis_scores, catalogue.years, catalogue.eis_lag)
    countries = _relative(scored.xs("country", level="level"), eu, first)
    countries["eis_relative"] = [eis.at[c, y] if c in eis.index else np.nan for c, y in countries.index]
    countries["correction"] = countries["eis_relative"] / countries["relative_raw"]
    regions = _relative(scored.xs("region", level="level"), eu, first)
    factor = countries["correction"].reindex(
        pd.MultiIndex.from_arrays([regions.index.get_level_values(0).str[:2], regions.index.get_level_values(1)])
    )
    regions["correction"] = factor.to_numpy()
    for frame in (regions, countries):
        frame["composite_raw"] = frame["composite"]
        frame["composite"] = frame["composite_raw"] * frame["correction"]
        frame["relative"] = frame["relative_raw"] * frame["correction"]
        frame["index"] = frame["index_raw"] * frame["correction"]
    latest = regions.xs(last, level="year").copy()
    latest["group"] = performance_groups(latest["relative"], catalogue.edition.thresholds)
    classified = latest.loc[latest["group"] != NOT_CLASSIFIED, "relative"]
    bounds = group_bounds(classified, catalogue.edition.thresholds)
    cuts = subgroup_cuts(bounds)
    latest["subgroup"] = subgroups(latest["relative"], latest["group"], cuts)
    latest["label"] = [label(g, s) for g, s in zip(latest["group"], latest["subgroup"], strict=True)]
    latest["rank"] = latest["relative"].rank(ascending=False, method="min").astype("Int64")
    start = regions.xs(first, level="year")["index"]
    latest["trend"] = latest["index"] - start.reindex(latest.index)
    return Scores(normalised, regions, countries, eu, latest, treatment, cuts, bounds, first, last)


def _relative(scored: pd.DataFrame, eu: pd.DataFrame, first: int) -> pd.DataFrame:
    """Composite relative to the EU of the same year, and to the EU of the first year (uncorrected)."""
    table = scored.copy()
    years = table.index.get_level_values("year")
    table["relative_raw"] = table["composite"] / eu["composite"].reindex(years).to_numpy() * 100
    table["index_raw"] = table["composite"] / eu.at[first, "composite"] * 100
    return table
