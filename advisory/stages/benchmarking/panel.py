"""The yearly RIS panel: every RIS indicator for every RIS region, country and the EU, every year of the window.

Pure pandas, tables in and tables out:

1. each regional indicator is read per NUTS-2 region and year from Eurostat's columns;
2. a year without a figure takes the latest earlier one, and years before the first figure take the
   first one (the EIS/RIS rule for gaps), each cell keeping the year its figure refers to;
3. NUTS-2 regions add up to the RIS regions (NUTS 1 in Belgium, Austria, France and the UK):
   shares weighted by GDP (R&D intensities) or population, counts summed; a RIS region needs all
   its parts. Countries and the EU are added up the same way (at least 90 % of their weight);
4. national indicators, which have no public regional figure, are the country's score in the
   European Innovation Scoreboard 2023 database, carried by each of its regions (the RIS estimates
   regional figures from national ones where regional data are lacking). The EIS names a year after
   its edition; its statistics are mostly `eis_lag` years older, so the data year t takes EIS year
   t + lag (the nearest EIS year where that lies outside 2016-2023).

A missing figure stays missing (None), never zero.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from advisory.stages.benchmarking.models import Catalogue, Indicator, StructuralVariable
from advisory.stages.benchmarking.region_set import unit_map

POPULATION = "demo_r_d2jan_UNIT_NR__SEX_T__AGE_TOTAL"
PANEL_COLUMNS = ["unit", "level", "indicator", "year", "value", "data_year"]
COUNTRY_SHARE = 0.9  # share of a country's (the EU's) weight its regions' figures must cover


# --- NUTS-2 series ------------------------------------------------------------------------------
def nuts2_series(long: pd.DataFrame, columns: list[str], combine: str = "single") -> pd.DataFrame:
    """Region-by-year table of one indicator from its Eurostat columns (sum: all columns present)."""
    rows = long[long["indicator"].isin(columns)]
    cells = rows.pivot_table(index=["region", "year"], columns="indicator", values="value", aggfunc="first")
    cells = cells.reindex(columns=columns)
    value = cells.sum(axis=1, min_count=len(columns)) if combine == "sum" else cells.iloc[:, 0]
    return value.unstack("year")


def fill_years(table: pd.DataFrame, years: list[int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Values and the years they refer to, region by window year: gaps take the latest earlier figure,
    years before the first figure take the first one."""
    earlier = [y for y in table.columns if y < years[0]]
    table = table.reindex(columns=sorted(set(earlier) | set(years)))
    refers = pd.DataFrame(
        np.where(table.notna(), np.asarray(table.columns, dtype=float)[None, :], np.nan),
        index=table.index,
        columns=table.columns,
    )
    values, refers = table.ffill(axis=1)[years], refers.ffill(axis=1)[years]
    return values.bfill(axis=1), refers.bfill(axis=1)


def add_up(
    values: pd.DataFrame,
    refers: pd.DataFrame,
    groups: pd.Series,
    weights: pd.DataFrame | None,
    min_share: float,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Regions added up to groups, year by year: the weighted mean (or, without weights, the sum) of the
    members' figures, where the members with a figure carry at least `min_share` of the weight (of the
    members, for sums). The group's figure refers to the year most of its members' figures refer to
    (the older one on a tie)."""
    values = values[values.index.isin(groups.index)]
    key = groups.reindex(values.index)
    have = values.notna()
    usual = _usual_year(refers.reindex(index=values.index, columns=values.columns).where(have), key)
    if weights is None:
        share = have.groupby(key).mean()
        total = values.groupby(key).sum(min_count=1)
        return total.where(share >= min_share), usual.where(share >= min_share)
    weight = weights.reindex(index=values.index, columns=values.columns)
    known = weight.notna().groupby(key).all()
    covered = weight.where(have).groupby(key).sum(min_count=1)
    share = covered / weight.groupby(key).sum(min_count=1)
    mean = (values * weight).groupby(key).sum(min_count=1) / covered
    ok = known & (share >= min_share - 1e-9)
    return mean.where(ok), usual.where(ok)


def _usual_year(refers: pd.DataFrame, key: pd.Series) -> pd.DataFrame:
    """Per group and column, the year most members' figures refer to (the older one on a tie)."""
    cells = refers.rename_axis(index="member", columns="column").stack().rename("refers").reset_index()
    cells["group"] = key.reindex(cells["member"]).to_numpy()
    counts = cells.groupby(["group", "column", "refers"]).size().rename("n").reset_index()
    usual = counts.sort_values(["n", "refers"], ascending=[False, True]).drop_duplicates(["group", "column"])
    return usual.pivot(index="group", columns="column", values="refers").reindex(columns=refers.columns)


# --- national figures ---------------------------------------------------------------------------
def eis_table(eis: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """Country (EU as 'EU') by EIS year for one EIS indicator."""
    rows = eis[eis["indicator"] == indicator]
    table = rows.pivot_table(index="country", columns="year", values="value", aggfunc="first")
    return table.rename(index={"EU Average": "EU"})


def eis_year(year: int, lag: int, available: list[int]) -> int:
    """The EIS year whose statistics refer to `year` (the nearest one the database has)."""
    return int(min(max(year + lag, min(available)), max(available)))


def national_figures(table: pd.DataFrame, years: list[int], lag: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Country-by-window-year figures of one EIS indicator, and the year their statistics refer to."""
    available = [int(y) for y in table.columns]
    picked = {year: eis_year(year, lag, available) for year in years}
    values = pd.DataFrame({year: table[picked[year]] for year in years}, index=table.index)
    refers = pd.DataFrame({year: float(picked[year] - lag) for year in years}, index=table.index)
    return values, refers.where(values.notna())


# --- the panel ----------------------------------------------------------------------------------
def _long(values: pd.DataFrame, refers: pd.DataFrame, level: str, indicator: str) -> pd.DataFrame:
    stacked = values.stack(future_stack=True).rename("value").to_frame()
    stacked["data_year"] = refers.stack(future_stack=True).reindex(stacked.index)
    stacked = stacked.rename_axis(["unit", "year"]).reset_index()
    stacked["level"], stacked["indicator"] = level, indicator
    return stacked[PANEL_COLUMNS]


def _weights(eurostat: pd.DataFrame, gdp: pd.DataFrame, years: list[int]) -> dict[str, pd.DataFrame]:
    population, _ = fill_years(nuts2_series(eurostat, [POPULATION]), years)
    output = gdp[(gdp["level"] == 2) & (gdp["unit"] == "MIO_EUR")]
    output, _ = fill_years(output.pivot_table(index="region", columns="year", values="value"), years)
    return {"population": population, "gdp": output}


def _regional(
    eurostat: pd.DataFrame, indicator: Indicator, catalogue: Catalogue, weights: dict[str, pd.DataFrame]
) -> list[pd.DataFrame]:
    years = catalogue.years
    values, refers = fill_years(nuts2_series(eurostat, indicator.columns, indicator.combine), years)
    units = unit_map(values.index, catalogue.edition)
    eu = set(catalogue.edition.eu_countries)
    countries = pd.Series(units.index.str[:2], index=units.index)
    in_eu = countries[countries.isin(eu)].map(lambda _country: "EU")
    frames = []
    for level, groups, share in (
        ("region", units, 1.0),
        ("country", countries, COUNTRY_SHARE),
        ("eu", in_eu, COUNTRY_SHARE),
    ):
        population = add_up(values, refers, groups, weights["population"], share)
        if indicator.weight == "gdp":
            by_gdp = add_up(values, refers, groups, weights["gdp"], share)
            added = (by_gdp[0].combine_first(population[0]), by_gdp[1].combine_first(population[1]))
        else:
            added = population
        frames.append(_long(*added, level, indicator.code))
    return frames


def _national(eis: pd.DataFrame, indicator: Indicator, catalogue: Catalogue, units: list[str]) -> list[pd.DataFrame]:
    values, refers = national_figures(eis_table(eis, indicator.eis), catalogue.years, catalogue.eis_lag)
    countries = values.drop(index="EU", errors="ignore")
    regional = countries.reindex([u[:2] for u in units]).set_axis(units)
    regional_years = refers.reindex([u[:2] for u in units]).set_axis(units)
    frames = [_long(regional, regional_years, "region", indicator.code)]
    frames.append(_long(countries, refers.reindex(countries.index), "country", indicator.code))
    if "EU" in values.index:
        frames.append(_long(values.loc[["EU"]], refers.loc[["EU"]], "eu", indicator.code))
    return frames


def assemble(
    catalogue: Catalogue, eurostat: pd.DataFrame, gdp: pd.DataFrame, eis: pd.DataFrame, nuts2: Collection[str]
) -> pd.DataFrame:
    """The panel in long form: `unit, level, indicator, year, value, data_year` (values None where missing).

    `nuts2` are the NUTS-2 codes of the version the tables use (2016): rows under older codes, which
    Eurostat keeps for earlier years of regions since split or recoded, are left out."""
    eurostat = eurostat[eurostat["region"].isin(nuts2)]
    weights = _weights(eurostat, gdp, catalogue.years)
    frames: list[pd.DataFrame] = []
    for indicator in catalogue.indicators:
        if indicator.source == "regional":
            frames += _regional(eurostat, indicator, catalogue, weights)
    units = sorted(set().union(*(set(f.loc[f["level"] == "region", "unit"]) for f in frames)))
    for indicator in catalogue.indicators:
        if indicator.source == "national":
            frames += _national(eis, indicator, catalogue, units)
    panel = pd.concat(frames, ignore_index=True)
    covered = panel["unit"].str[:2].isin(catalogue.edition.countries) | (panel["level"] == "eu")
    return panel[covered].reset_index(drop=True)


def structure(
    catalogue: Catalogue, eurostat: pd.DataFrame, gdp: pd.DataFrame, eis: pd.DataFrame, nuts2: Collection[str]
) -> pd.DataFrame:
    """Each RIS region's structural context in the window's last year: values (`<code>`) and years (`<code>_year`)."""
    eurostat = eurostat[eurostat["region"].isin(nuts2)]
    weights = _weights(eurostat, gdp, catalogue.years)
    columns: dict[str, pd.Series] = {}
    for variable in catalogue.structure:
        if variable.source != "national":
            columns[variable.code], columns[f"{variable.code}_year"] = _regional_context(
                variable, catalogue, eurostat, gdp, weights
            )
    table = pd.DataFrame(columns)
    for variable in catalogue.structure:
        if variable.source == "national":
            figures = eis_table(eis, variable.eis)
            latest = figures.ffill(axis=1).iloc[:, -1]
            table[variable.code] = latest.reindex(table.index.str[:2]).to_numpy()
            table[f"{variable.code}_year"] = np.where(
                table[variable.code].notna(), float(figures.columns.max()), np.nan
            )
    return table


def _regional_context(
    variable: StructuralVariable,
    catalogue: Catalogue,
    eurostat: pd.DataFrame,
    gdp: pd.DataFrame,
    weights: dict[str, pd.DataFrame],
) -> tuple[pd.Series, pd.Series]:
    if variable.source == "regional_gdp":
        rows = gdp[(gdp["level"] == 2) & (gdp["unit"] == "PPS_HAB")]
        table = rows.pivot_table(index="region", columns="year", values="value")
    else:
        table = nuts2_series(eurostat, variable.columns)
    values, refers = fill_years(table, catalogue.years)
    units = unit_map(values.index, catalogue.edition)
    by = None if variable.aggregation == "sum" else weights["population"]
    added, years = add_up(values, refers, units, by, 1.0)
    return added[catalogue.last_year], years[catalogue.last_year]
