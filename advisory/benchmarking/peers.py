"""Peer regions: the structurally most similar regions, or the expert's own list.

Similarity is a Euclidean distance on standardised structural indicators (population on a log
scale, employment structure, education), averaged over the indicators both regions have, so a
missing value neither helps nor hurts a candidate.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MIN_SHARED = 0.5  # a candidate must share at least half the structural indicators to be compared


def standardise(structure: pd.DataFrame) -> pd.DataFrame:
    """Z-scores per column; constant columns carry no information and are dropped."""
    spread = structure.std().replace(0, np.nan)
    return ((structure - structure.mean()) / spread).dropna(axis=1, how="all")


def distances(standardised: pd.DataFrame, region: str) -> pd.Series:
    """Distance of every other region to `region` (root mean squared z-score difference)."""
    difference = standardised - standardised.loc[region]
    shared = difference.notna().mean(axis=1)
    distance = np.sqrt((difference**2).mean(axis=1, skipna=True)).where(shared >= MIN_SHARED)
    return distance.drop(index=region).dropna().sort_values()


def nearest(standardised: pd.DataFrame, region: str, k: int, candidates: pd.Index) -> pd.Series:
    """The k candidate regions closest to `region`, nearest first."""
    ranked = distances(standardised, region)
    return ranked[ranked.index.isin(candidates)].head(k)


def automatic_reason(k: int, names: list[str], pool: int) -> str:
    return (
        f"The {k} regions most similar in structure ({', '.join(names)}), chosen automatically among "
        f"{pool} benchmarked regions by distance on standardised structural indicators; "
        "the region itself is excluded."
    )


def expert_reason(codes: list[str]) -> str:
    return (
        f"Chosen by the observatory's expert ({', '.join(codes)}); the ecosystem scoreboard allows up to "
        "five user-chosen peers. Structural distances are shown for information."
    )
