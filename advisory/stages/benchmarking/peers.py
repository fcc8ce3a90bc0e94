"""Peer regions: the RIS regions most like the region in structure, or the expert's own list (up to five).

Structure is context the scoreboard does not score (GDP per head in PPS, population, the weight of
high- and medium-low-tech manufacturing in employment, the country's GDP per head), so a peer's
lead or lag on an indicator is a real difference, not an echo of the choice. Similarity is the
root mean square of the differences of standardised values (GDP and population on a log scale)
over the variables the region has figures for; a candidate lacking any of them is not compared
(regions of Norway, Serbia, Switzerland and the UK have no regional GDP in the project's data, so
they are never automatic peers of an EU region). At most `per_country` automatic peers come from
any one country, so the comparison reaches across borders.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def scaled(structure: pd.DataFrame, logs: list[str]) -> pd.DataFrame:
    """The structural values on the scale they are compared on (log where the catalogue says so)."""
    shaped = structure.copy()
    for code in logs:
        shaped[code] = np.log(shaped[code].where(shaped[code] > 0))
    return shaped


def standardise(structure: pd.DataFrame) -> pd.DataFrame:
    """Z-scores per column; constant columns carry no information and are dropped."""
    spread = structure.std().replace(0, np.nan)
    return ((structure - structure.mean()) / spread).dropna(axis=1, how="all")


def distances(standardised: pd.DataFrame, region: str) -> pd.Series:
    """Distance of every other region to `region` (root mean squared z-score difference over the region's
    variables); regions lacking one of them are left out."""
    own = standardised.loc[region].dropna().index
    difference = standardised[own] - standardised.loc[region, own]
    complete = difference.notna().all(axis=1)
    distance = np.sqrt((difference**2).mean(axis=1)).where(complete)
    return distance.drop(index=region).dropna().sort_values()


def nearest(
    standardised: pd.DataFrame, region: str, k: int, candidates: pd.Index, per_country: int | None = None
) -> pd.Series:
    """The k candidate regions closest to `region`, nearest first, at most `per_country` from any one country."""
    ranked = distances(standardised, region)
    ranked = ranked[ranked.index.isin(candidates)]
    if per_country is not None:
        countries = pd.Series(ranked.index.str[:2], index=ranked.index)
        ranked = ranked[(countries.groupby(countries).cumcount() < per_country).to_numpy()]
    return ranked.head(k)


def closest_variables(
    standardised: pd.DataFrame, region: str, peer: str, count: int = 2, skip: tuple[str, ...] = ()
) -> list[str]:
    """The structural variables on which the peer is most like the region (`skip`: not worth saying)."""
    difference = (standardised.loc[peer] - standardised.loc[region]).abs().dropna().drop(list(skip), errors="ignore")
    return list(difference.sort_values().index[:count])
