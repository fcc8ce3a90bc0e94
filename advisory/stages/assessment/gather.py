"""What the assessment report reads: EIS country series, Eurostat NUTS-2 distributions, stress test and findings."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from advisory.adapters.datasets import load_eis2023, load_eurostat_nuts2, reference_cache
from advisory.domain.stages import StageContext, Waiting
from advisory.stages.assessment.cluster_map import reference_region_map
from advisory.stages.assessment.conditions import EU_COUNTRIES, INDICATORS, IndicatorDefinition
from advisory.stages.assessment.models import (
    AssessmentInputs,
    EisCountry,
    ExpertFinding,
    IndicatorDistribution,
    StressTestAnswers,
)

SII = "0 Summary Innovation Index"


def gather_assessment_report(ctx: StageContext) -> AssessmentInputs | Waiting:
    answers = ctx.inputs("stress_test")
    if not answers:
        return Waiting(missing="policy self-assessment not yet submitted")
    tables = indicator_tables(ctx.datasets_dir)
    observed = [indicator_distribution(tables[d.code], d, ctx.region.code) for d in INDICATORS]
    return AssessmentInputs(
        region=ctx.region,
        country=eis_country(load_eis2023(ctx.datasets_dir), ctx.region.country),
        indicators=[o for o in observed if o is not None],
        stress_test=StressTestAnswers.model_validate(answers[-1]),
        findings=[
            ExpertFinding.model_validate(f)
            for payload in ctx.inputs("expert_findings")
            for f in (payload.get("findings", [payload]) if isinstance(payload, dict) else payload)
        ],
        cluster_map=reference_region_map(ctx.datasets_dir, ctx.region.code),
        year=ctx.stage_started.year,
    )


@reference_cache
def indicator_tables(datasets_dir: Path) -> dict[str, pd.DataFrame]:
    """Per indicator: value per region and year, and whether the region is an EU one (derived once, not per region)."""
    long = load_eurostat_nuts2(datasets_dir)
    tables = {}
    for definition in INDICATORS:
        wide = _indicator_values(long, definition)
        tables[definition.code] = wide.assign(eu=wide["region"].map(_is_eu_region).astype(bool))
    return tables


def indicator_distribution(
    wide: pd.DataFrame, definition: IndicatorDefinition, region: str
) -> IndicatorDistribution | None:
    """The latest year in which the region has every column of the indicator, with all EU regions' values that year."""
    mine = wide[wide["region"] == region]
    if mine.empty:
        return None
    year = int(mine["year"].max())
    same_year = wide[(wide["year"] == year) & wide["eu"]]
    return IndicatorDistribution(
        code=definition.code,
        year=year,
        region_value=float(mine.loc[mine["year"] == year, "value"].iloc[0]),
        country_values=same_year.loc[same_year["region"].str[:2] == region[:2], "value"].tolist(),
        eu_values=same_year["value"].tolist(),
    )


def _indicator_values(long: pd.DataFrame, definition: IndicatorDefinition) -> pd.DataFrame:
    rows = long[long["indicator"].isin(definition.columns)]
    wide = rows.pivot_table(index=["region", "year"], columns="indicator", values="value", aggfunc="first")
    wide = wide.dropna(subset=[c for c in definition.columns if c in wide.columns])
    if set(definition.columns) - set(wide.columns):
        return pd.DataFrame(columns=["region", "year", "value"])
    return wide.sum(axis=1).rename("value").reset_index()


def _is_eu_region(code: str) -> bool:
    # 'ZZ' and 'XX' codes are extra-regio territories, not regions
    return len(code) == 4 and code[:2] in EU_COUNTRIES and not code.endswith(("ZZ", "XX"))


def eis_country(eis: pd.DataFrame, country: str) -> EisCountry | None:
    """The country's EIS series; None for a country the scoreboard does not cover."""
    mine = eis[eis["country"] == country]
    if mine.empty:
        return None
    eu = eis[(eis["country"] == "EU Average") & (eis["indicator"] == SII)]
    index = mine[mine["indicator"] == SII].sort_values("year")
    latest = int(index["year"].max())
    dimensions = mine[(mine["year"] == latest) & mine["indicator"].str.match(r"^\d+\.\d+ ")].dropna(subset=["value"])
    return EisCountry(
        country=country,
        country_name=str(index["country_name"].iloc[-1]),
        group=str(index["group"].iloc[-1]),
        sii={int(y): float(v) for y, v in zip(index["year"], index["value"], strict=True)},
        eu_sii={int(y): float(v) for y, v in zip(eu["year"], eu["value"], strict=True)},
        dimensions=dict(zip(dimensions["indicator"], dimensions["value"].astype(float), strict=True)),
    )
