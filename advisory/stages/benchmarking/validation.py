"""The method against published Regional Innovation Scoreboards it was never fitted to (pure pandas).

Two checks, by rank and by performance group:

- RIS 2019: the published Regional Innovation Index (relative to the EU in 2011; the EU28's own
  index in 2019 is the file's EU28 row) against the method's last year. Its groups follow the RIS
  2017/2019 thresholds, Leader above 120 %, Strong 90-120 %, Moderate 50-90 %, Modest below 50 % of
  the EU ("Innovation leaders ... more than 20% above the EU average, Strong innovators ... between
  90% and 120% ..., Moderate innovators ... between 50% and 90% ..., Modest innovators ... below 50%",
  RIS 2017 announcement, innovationdata.be), so both sides are grouped with those.
- RIS 2025 (Central European regions only): its 2018 scores are relative to the EU in 2018, so
  they group with the edition thresholds of today; they are set against the method's figures for
  the data year the EIS lag gives (2018 - lag).

Nothing here feeds back into the method: weights, thresholds and rules are never tuned to these tables.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from advisory.domain.text import Msg, _
from advisory.stages.benchmarking.method import performance_groups
from advisory.stages.benchmarking.models import Thresholds

RIS2019_THRESHOLDS = Thresholds(leader=120, strong=90, moderate=50)


def against_ris2019(published: pd.DataFrame, relative: pd.Series) -> dict[str, float]:
    """Rank correlation and group agreement with the published RIS 2019 index (`region, rii`, with an EU28 row)."""
    index = published.set_index("region")["rii"]
    eu = float(index.get("EU28", np.nan))
    joined = pd.concat([index.rename("published"), relative.rename("ours")], axis=1, join="inner").dropna()
    theirs = performance_groups(joined["published"] / eu * 100, RIS2019_THRESHOLDS)
    ours = performance_groups(joined["ours"], RIS2019_THRESHOLDS)
    return _summary(joined, theirs, ours)


def against_ris2025(
    published: pd.DataFrame, relative: pd.Series, year: int, thresholds: Thresholds
) -> dict[str, float]:
    """Rank correlation and group agreement with the RIS 2025 index of `year` (relative to the EU of that year)."""
    index = published[published["year"] == year].set_index("region")["value"]
    joined = pd.concat([index.rename("published"), relative.rename("ours")], axis=1, join="inner").dropna()
    theirs = performance_groups(joined["published"], thresholds)
    ours = performance_groups(joined["ours"], thresholds)
    return _summary(joined, theirs, ours)


def _summary(joined: pd.DataFrame, theirs: pd.Series, ours: pd.Series) -> dict[str, float]:
    from scipy.stats import spearmanr  # 0.4 s to import: only the checks need it

    if len(joined) < 3:
        return {"regions": float(len(joined)), "spearman": float("nan"), "agreement": float("nan")}
    return {
        "regions": float(len(joined)),
        "spearman": float(spearmanr(joined["published"], joined["ours"]).statistic),
        "agreement": float((theirs == ours).mean()),
    }


def sentence(ris2019: dict[str, float], ris2025: dict[str, float], year: int, ours_2025: int) -> Msg:
    """The checks in one paragraph for the annex."""
    return _(
        "Spearman rank correlation with the published RIS 2019 index: {spearman_2019:.2f} over {regions_2019} "
        "regions; the same performance group (RIS 2019 thresholds) for {agreement_2019:.0f} % of them. Against the "
        "RIS 2025 database's {year} scores of {regions_2025} Central European regions (this method's {ours}): "
        "Spearman {spearman_2025:.2f}, the same group for {agreement_2025:.0f} %. No weight or threshold was fitted "
        "to either table.",
        spearman_2019=ris2019["spearman"],
        regions_2019=round(ris2019["regions"]),
        agreement_2019=ris2019["agreement"] * 100,
        year=year,
        regions_2025=round(ris2025["regions"]),
        ours=ours_2025,
        spearman_2025=ris2025["spearman"],
        agreement_2025=ris2025["agreement"] * 100,
    )
