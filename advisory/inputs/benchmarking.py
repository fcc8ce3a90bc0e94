"""Gather for the benchmarking stage: reference data, catalogue, peers and survey bottlenecks."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd
from scipy.stats import spearmanr

from advisory.benchmarking.method import catalogue_values, score_all
from advisory.benchmarking.models import BenchmarkingInputs, Catalogue, IndicatorValue, MethodRules
from advisory.datasets import (
    country_names,
    load_eurostat_nuts2,
    load_indicator_catalogue,
    load_ris2019,
)
from advisory.pipeline import StageContext, Waiting


class UnknownPeerRegion(ValueError):
    """The expert named a peer region that the reference data does not hold."""


@lru_cache(maxsize=4)
def reference_data(datasets_dir: Path) -> tuple[Catalogue, pd.DataFrame]:
    """The catalogue and the latest value of every catalogue indicator for every region (cached:
    the six regions' gathers share one read of the 4,454-row file)."""
    catalogue = Catalogue.model_validate(load_indicator_catalogue(datasets_dir))
    return catalogue, catalogue_values(load_eurostat_nuts2(datasets_dir), catalogue)


@lru_cache(maxsize=4)
def _values(datasets_dir: Path) -> tuple[IndicatorValue, ...]:
    _, values = reference_data(datasets_dir)
    return tuple(IndicatorValue(**row) for row in values.to_dict("records"))


@lru_cache(maxsize=4)
def ris_validation(datasets_dir: Path) -> str:
    """Spearman rank correlation of our composite with the published RIS 2019 index."""
    catalogue, values = reference_data(datasets_dir)
    table = score_all(values, catalogue, MethodRules())
    joined = load_ris2019(datasets_dir).set_index("region").join(table["composite"], how="inner").dropna()
    rho = spearmanr(joined["rii"], joined["composite"]).statistic
    return f"Spearman rank correlation with the published RIS 2019 index: {rho:.2f} over {len(joined)} regions"


def _bottlenecks(ctx: StageContext) -> dict[str, str]:
    """Survey bottlenecks (condition -> label), if the survey report exists; none otherwise."""
    survey = ctx.result("survey_report") or {}
    return {
        item["condition"]: item.get("label", item["condition"])
        for item in survey.get("bottlenecks", [])[:3]
        if isinstance(item, dict) and "condition" in item
    }


def gather_benchmarking_report(ctx: StageContext) -> BenchmarkingInputs | Waiting:
    catalogue, values = reference_data(ctx.datasets_dir)
    known = set(values["region"])
    unknown = [code for code in ctx.region.peer_regions if code not in known]
    if unknown:
        raise UnknownPeerRegion(
            f"{ctx.region.code}: peer regions {', '.join(unknown)} are not in the reference data; "
            "correct peer_regions in the region profile"
        )
    return BenchmarkingInputs(
        region_code=ctx.region.code,
        region_name=ctx.region.name,
        catalogue=catalogue,
        values=list(_values(ctx.datasets_dir)),
        country_names=country_names(ctx.datasets_dir),
        region_names={code: profile.name for code, profile in ctx.regions.items()},
        expert_peers=list(ctx.region.peer_regions),
        validation=ris_validation(ctx.datasets_dir),
        bottlenecks=_bottlenecks(ctx),
    )
