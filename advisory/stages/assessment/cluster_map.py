"""Every region's cluster map: the European Cluster Observatory's measures and stars from employment by NACE division.

Input is Eurostat's structural business statistics by NUTS-2 region (`sbs_r_nuts06_r2`, persons
employed, 2015) in the long form `adapters.datasets.load_sbs_employment` gives. For every region
and sector (a NACE division, or an emerging industry made of whole divisions):

- size = the region's employment in the sector / the sector's European employment;
- focus = the region's employment in the sector / the region's employment in the business economy;
- specialisation = focus / (the sector's European employment / European employment in the same
  business-economy sections the region publishes), i.e. the location quotient, like for like.

Stars (the rules live in `domain.clusters`): one for size and one for focus when the region is among
the top 10 % of the n regions with a positive figure for the sector (rank within ceil(n / 10), ties
included), one for specialisation at a location quotient of 2 or more. European employment is the
sum of the countries' figures (EU-28, Norway, Iceland), because Eurostat leaves confidential regional cells
empty while the national figure is published. The business economy is Eurostat's aggregate
B-N_S95_X_K: sections B to N without K, plus division S95. Empty cells stay empty: a region without a
sector's figure gets no measures for it, an emerging industry needs every one of its divisions.

Everything here is pure pandas (tables in, tables out) except `reference_cluster_table`, which
reads the shipped data once per process.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from advisory.adapters.datasets import load_sbs_employment, nuts_successors
from advisory.domain.clusters import (
    EMERGING_INDUSTRIES,
    MEASURES,
    NACE_DIVISIONS,
    NACE_SECTIONS,
    SPECIALISATION_STAR_AT,
    TOP_PERCENT,
    ClusterMap,
    EmergingIndustry,
    SectorStars,
)
from advisory.domain.errors import InvalidData

YEAR = 2015
BUSINESS_ECONOMY = tuple(NACE_SECTIONS)  # sections B-N without K, and division S95
MEASURE_COLUMNS = ["employment", "size", "specialisation", "focus"]
STAR_COLUMNS = ["size_star", "specialisation_star", "focus_star"]


# --- the employment tables ------------------------------------------------------------------------
def regional_employment(employment: pd.DataFrame, successors: dict[str, str] | None = None) -> pd.DataFrame:
    """Region x NACE code (divisions and business-economy sections) of persons employed, NUTS-2 regions only.

    Extra-regio codes (`..ZZ`) and regions without any business-economy figure (codes of older NUTS
    versions left in the file, all empty) are dropped; `successors` renames codes to the NUTS
    version the project uses (e.g. FR21 -> FRF2).
    """
    rows = employment[(employment["level"] == 2) & ~employment["geo"].str.endswith("ZZ")]
    wide = rows.pivot_table(index="geo", columns="nace", values="persons_employed", aggfunc="first")
    wide = wide.reindex(columns=sorted(set(NACE_DIVISIONS) | set(BUSINESS_ECONOMY)))
    wide = wide[wide[list(BUSINESS_ECONOMY)].notna().any(axis=1)]
    if successors:
        wide = wide.rename(index=lambda code: successors.get(code, code))
        doubled = wide.index[wide.index.duplicated()].tolist()
        if doubled:
            raise InvalidData(f"regional employment: two regions renamed to the same code {', '.join(doubled)}")
    return wide.rename_axis(index="region", columns=None)


def european_employment(employment: pd.DataFrame) -> pd.Series:
    """Europe's persons employed per NACE code: the sum of the national figures (NUTS 0)."""
    countries = employment[employment["level"] == 0]
    totals = countries.groupby("nace")["persons_employed"].sum(min_count=1)
    return totals.reindex(sorted(set(NACE_DIVISIONS) | set(BUSINESS_ECONOMY)))


def with_emerging_industries(
    regional: pd.DataFrame, europe: pd.Series, industries: tuple[EmergingIndustry, ...] = EMERGING_INDUSTRIES
) -> tuple[pd.DataFrame, pd.Series]:
    """Add one column per emerging industry: the sum of its divisions, only where every division is published."""
    regional, europe = regional.copy(), europe.copy()
    for industry in industries:
        divisions = list(industry.divisions)
        regional[industry.code] = regional[divisions].sum(axis=1, min_count=len(divisions))
        europe[industry.code] = europe[divisions].sum(min_count=len(divisions))
    return regional, europe


# --- the three measures and the stars -------------------------------------------------------------
def measures(regional: pd.DataFrame, europe: pd.Series, sectors: list[str]) -> pd.DataFrame:
    """Long table `region, sector, employment, size, specialisation, focus` for every published cell."""
    sections = list(BUSINESS_ECONOMY)
    region_total = regional[sections].sum(axis=1, min_count=1)
    # Europe's employment in the same sections the region publishes: a region whose transport
    # figure is confidential is compared with Europe without transport, not with all of Europe.
    europe_like = regional[sections].notna().astype(float) @ europe[sections].fillna(0.0)
    jobs = regional[sectors]
    size = jobs / europe[sectors]
    focus = jobs.div(region_total, axis=0)
    european_share = pd.DataFrame(
        np.outer(1.0 / europe_like.to_numpy(), europe[sectors].to_numpy()), index=jobs.index, columns=sectors
    )
    specialisation = focus / european_share
    table = pd.concat(
        {"employment": jobs, "size": size, "specialisation": specialisation, "focus": focus}, axis=1
    ).stack(future_stack=True)
    table = table.rename_axis(["region", "sector"]).reset_index()
    return table.dropna(subset=["employment"]).reset_index(drop=True)


def top_share(values: pd.Series, groups: pd.Series, percent: int = TOP_PERCENT) -> pd.Series:
    """True for values among the top `percent` % of the positive ones of their group, ties included.

    Within each group (sector) of n regions with a positive figure, a region is in the top group
    when its rank (1 = largest, ties sharing the best rank) is at most ceil(n * percent / 100).
    Only regions where the sector exists count: where most regions have none, a zero must not rank
    among the top.
    """
    positive = values.where(values > 0)
    by_group = positive.groupby(groups, sort=False)
    ranks = by_group.rank(ascending=False, method="min")
    cutoff = (by_group.transform("count") * percent + 99) // 100  # integer ceiling: no surprise at n = 280
    return (ranks <= cutoff).fillna(False).astype(bool)


def stars(table: pd.DataFrame) -> pd.DataFrame:
    """Add a column per measure (True where it earns a star) and `stars`, their count (0-3)."""
    starred = table.copy()
    starred["size_star"] = top_share(starred["size"], starred["sector"])
    starred["focus_star"] = top_share(starred["focus"], starred["sector"])
    starred["specialisation_star"] = starred["specialisation"].ge(SPECIALISATION_STAR_AT)
    starred["stars"] = starred[STAR_COLUMNS].sum(axis=1).astype(int)
    return starred


def cluster_table(
    employment: pd.DataFrame,
    successors: dict[str, str] | None = None,
    industries: tuple[EmergingIndustry, ...] = EMERGING_INDUSTRIES,
) -> pd.DataFrame:
    """Every region's sectors (divisions and emerging industries) with measures and stars.

    Columns: `region, sector, kind, employment, size, specialisation, focus, size_star,
    specialisation_star, focus_star, stars`; one row per published region x sector cell.
    """
    regional = regional_employment(employment, successors)
    regional, europe = with_emerging_industries(regional, european_employment(employment), industries)
    divisions = [d for d in NACE_DIVISIONS if d in regional.columns]
    emerging = [i.code for i in industries]
    table = stars(measures(regional, europe, divisions + emerging))
    table["kind"] = np.where(table["sector"].isin(emerging), "emerging", "division")
    columns = ["region", "sector", "kind", *MEASURE_COLUMNS, *STAR_COLUMNS, "stars"]
    return table[columns]


def missing_sections(employment: pd.DataFrame, successors: dict[str, str] | None = None) -> dict[str, list[str]]:
    """Per region, the business-economy sections without a figure (left out of its total)."""
    sections = regional_employment(employment, successors)[list(BUSINESS_ECONOMY)]
    return {region: [s for s in sections.columns if pd.isna(row[s])] for region, row in sections.iterrows()}


# --- one region's map -------------------------------------------------------------------------------
def region_map(table: pd.DataFrame, region: str, missing: list[str] | None = None) -> ClusterMap | None:
    """The region's cluster map (most stars first, then largest focus), or None if the data do not hold it."""
    rows = table[table["region"] == region]
    if rows.empty:
        return None
    rows = rows.sort_values(["stars", "focus"], ascending=[False, False])

    def sector(row: pd.Series) -> SectorStars:
        starred = tuple(m for m in MEASURES if row[f"{m}_star"])
        specialisation = None if pd.isna(row["specialisation"]) else float(row["specialisation"])
        return SectorStars(
            sector=row["sector"],
            kind=row["kind"],
            employment=int(row["employment"]),
            size=float(row["size"]),
            specialisation=specialisation,
            focus=float(row["focus"]),
            starred=starred,
        )

    divisions = rows[rows["kind"] == "division"]
    published = set(divisions["sector"])
    return ClusterMap(
        region=region,
        year=YEAR,
        sectors=[sector(row) for _, row in divisions.iterrows()],
        emerging=[sector(row) for _, row in rows[rows["kind"] == "emerging"].iterrows()],
        not_published=[d for d in NACE_DIVISIONS if d not in published],
        missing_sections=list(missing or []),
    )


# --- the shipped data, read and derived once per process ----------------------------------------------
@lru_cache(maxsize=4)
def reference_cluster_table(datasets_dir: Path) -> pd.DataFrame:
    """`cluster_table` on the shipped SBS data, region codes in NUTS 2016 (the version of the benchmarking data)."""
    return cluster_table(load_sbs_employment(datasets_dir), nuts_successors(datasets_dir))


@lru_cache(maxsize=4)
def reference_missing_sections(datasets_dir: Path) -> dict[str, list[str]]:
    return missing_sections(load_sbs_employment(datasets_dir), nuts_successors(datasets_dir))


def reference_region_map(datasets_dir: Path, region: str) -> ClusterMap | None:
    """The region's cluster map from the shipped data (None if the region is not in them)."""
    missing = reference_missing_sections(datasets_dir).get(region, [])
    return region_map(reference_cluster_table(datasets_dir), region, missing)
