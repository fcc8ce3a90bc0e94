"""Gather for the benchmarking stage: the RIS panel, structure and names, the peers and survey bottlenecks.

The reference data are read and assembled once per process and version of the datasets
(`reference_data`, cached): the six regions' gathers and `advisory benchmark all` share one panel.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from pydantic import TypeAdapter

from advisory.adapters.datasets import (
    country_names,
    load_eis2023,
    load_eurostat_nuts2,
    load_indicator_catalogue,
    load_nuts_changes,
    load_regional_gdp,
    load_ris2019,
    load_ris2025,
    nuts2_codes,
    nuts_names,
    reference_cache,
)
from advisory.domain.errors import UnknownRegion
from advisory.domain.stages import StageContext, Waiting
from advisory.domain.text import Msg, Text, _
from advisory.stages.benchmarking import method, panel, region_set, validation
from advisory.stages.benchmarking.models import (
    BenchmarkingInputs,
    Catalogue,
    MethodRules,
    Panel,
    PublishedScore,
    RegionName,
    StructureRow,
)

SII = "0 Summary Innovation Index"
RIS2025 = "RIS 2025"
RIS2025_SCALE = _("index, the EU in {year} = 100", year=2018)


@dataclass(frozen=True)
class Reference:
    """What every region's benchmark is computed from (read once per process)."""

    catalogue: Catalogue
    panel: pd.DataFrame
    structure: pd.DataFrame
    eis_scores: dict[str, dict[int, float]]
    names: dict[str, str]
    countries: dict[str, str]
    nuts2: frozenset[str]
    earlier: dict[str, str]  # NUTS 2021 code -> the NUTS 2016 region it lies in, where they differ

    @property
    def units(self) -> list[str]:
        return sorted(self.panel.loc[self.panel["level"] == "region", "unit"].unique())


@reference_cache
def reference_data(datasets_dir: Path) -> Reference:
    catalogue = Catalogue.model_validate(load_indicator_catalogue(datasets_dir))
    columns = [c for i in catalogue.indicators for c in i.columns] + [c for v in catalogue.structure for c in v.columns]
    eurostat = load_eurostat_nuts2(datasets_dir, tuple(dict.fromkeys([*columns, panel.POPULATION])))
    gdp, eis = load_regional_gdp(datasets_dir), load_eis2023(datasets_dir)
    nuts2 = nuts2_codes(datasets_dir, "2016")
    assembled = panel.assemble(catalogue, eurostat, gdp, eis, nuts2)
    countries = country_names(datasets_dir)
    units = sorted(assembled.loc[assembled["level"] == "region", "unit"].unique())
    return Reference(
        catalogue=catalogue,
        panel=assembled,
        structure=panel.structure(catalogue, eurostat, gdp, eis, nuts2),
        eis_scores=_eis_scores(eis),
        names=region_set.names(nuts_names(datasets_dir), units, countries),
        countries=countries,
        nuts2=nuts2,
        earlier=region_set.predecessors(load_nuts_changes(datasets_dir)),
    )


def _eis_scores(eis: pd.DataFrame) -> dict[str, dict[int, float]]:
    rows = eis[eis["indicator"] == SII].dropna(subset=["value"])
    rows = rows.assign(country=rows["country"].replace({"EU Average": method.EU}))
    return {
        country: dict(zip(g["year"].astype(int), g["value"].astype(float), strict=True))
        for country, g in rows.groupby("country")
    }


@reference_cache
def scoreboard(datasets_dir: Path) -> method.Scores:
    """The method over every RIS region, with the default rules (for the table and the validation)."""
    reference = reference_data(datasets_dir)
    return method.score(reference.panel, reference.eis_scores, reference.catalogue, MethodRules())


@reference_cache
def _panel_model(datasets_dir: Path) -> Panel:
    frame = reference_data(datasets_dir).panel
    return Panel(
        unit=frame["unit"].tolist(),
        level=frame["level"].tolist(),
        indicator=frame["indicator"].tolist(),
        year=frame["year"].astype(int).tolist(),
        value=[None if pd.isna(v) else float(v) for v in frame["value"]],
        data_year=[None if pd.isna(v) else int(v) for v in frame["data_year"]],
    )


@reference_cache
def _structure_rows(datasets_dir: Path) -> tuple[StructureRow, ...]:
    reference = reference_data(datasets_dir)
    codes = [v.code for v in reference.catalogue.structure]
    rows = []
    for region, row in reference.structure.iterrows():
        rows.append(
            StructureRow(
                region=str(region),
                values={c: None if pd.isna(row[c]) else float(row[c]) for c in codes},
                years={c: None if pd.isna(row[f"{c}_year"]) else int(row[f"{c}_year"]) for c in codes},
            )
        )
    return tuple(rows)


@reference_cache
def checks(datasets_dir: Path) -> dict[str, dict[str, float]]:
    """How the method compares with the published RIS 2019 and RIS 2025 (never fitted to either)."""
    reference, scores = reference_data(datasets_dir), scoreboard(datasets_dir)
    year_2025 = 2018 - reference.catalogue.eis_lag
    regions = scores.regions["relative"]
    ours_2025 = regions.xs(year_2025, level="year") if year_2025 in scores.regions.index.get_level_values(1) else None
    result = {"ris2019": validation.against_ris2019(load_ris2019(datasets_dir), scores.latest["relative"])}
    if ours_2025 is not None:
        thresholds = reference.catalogue.edition.thresholds
        result["ris2025"] = validation.against_ris2025(load_ris2025(datasets_dir), ours_2025, 2018, thresholds)
        result["ris2025"]["year"] = float(year_2025)
    return result


def validation_text(datasets_dir: Path) -> Msg | None:
    found = checks(datasets_dir)
    if "ris2025" not in found:
        return None
    return validation.sentence(found["ris2019"], found["ris2025"], 2018, int(found["ris2025"]["year"]))


def _published(datasets_dir: Path, code: str) -> list[PublishedScore]:
    table = load_ris2025(datasets_dir)
    rows = table[table["region"] == code].sort_values("year")
    if rows.empty:
        return []
    picked = rows.iloc[[0, -1]].drop_duplicates("year")
    return [
        PublishedScore(edition=RIS2025, year=int(r.year), value=float(r.value), scale=RIS2025_SCALE)
        for r in picked.itertuples()
    ]


def _bottlenecks(ctx: StageContext) -> dict[str, Text]:
    """Survey bottlenecks (condition -> label as the survey report words it), if the survey report exists."""
    survey = ctx.result("survey_report") or {}
    return {
        item["condition"]: _label(item.get("label") or item["condition"])
        for item in survey.get("bottlenecks", [])[:3]
        if isinstance(item, dict) and "condition" in item
    }


def _label(stored: object) -> Text:
    """A stored label as text: a message or quote as it was; a plain string is the engine's English name of a
    condition ('Financial conditions'), looked up in the reader's catalog like any message."""
    label = _TEXT.validate_python(stored)
    return Msg(id=label) if isinstance(label, str) and "{" not in label and "}" not in label else label


_TEXT: TypeAdapter[Text] = TypeAdapter(Text)


def ris_region(reference: Reference, code: str) -> str:
    """The RIS region a code names, or the error that tells the expert what to write instead."""
    units = set(reference.units)
    unit = region_set.unit_of_profile(code, units, reference.catalogue.edition, reference.earlier)
    if unit is not None:
        return unit
    edition = reference.catalogue.edition
    wanted = code.strip().upper()
    country = reference.countries.get(wanted[:2], wanted[:2])
    if wanted[:2] not in edition.countries:
        raise UnknownRegion(
            f"{wanted} is not in the reference data of the {edition.name}: it covers the EU, "
            f"{', '.join(reference.countries.get(c, c) for c in edition.other_countries)}, not {country}"
        )
    raise UnknownRegion(f"{wanted} is not in the reference data: no region of the {edition.name} has this code")


def expert_peers(reference: Reference, codes: list[str], region: str) -> list[str]:
    """The expert's peers as RIS regions; a NUTS-2 code inside a NUTS-1 RIS region, or a NUTS 2021 code the
    2016 tables do not know, is refused with the code to write instead."""
    edition = reference.catalogue.edition
    units = set(reference.units)
    chosen, problems = [], []
    for code in codes:
        wanted = code.strip().upper()
        if wanted in units:
            chosen.append(wanted)
        elif (unit := region_set.ris_unit(wanted, edition)) in units and unit != wanted:
            problems.append(
                f"{wanted} (the RIS scores {reference.countries.get(wanted[:2], wanted[:2])} at NUTS 1: "
                f"write {unit}, {reference.names.get(unit, unit)})"
            )
        elif (earlier := reference.earlier.get(wanted)) in units:
            problems.append(
                f"{wanted} (a NUTS 2021 code; the scoreboard's data use NUTS 2016: write {earlier}, "
                f"{reference.names.get(earlier, earlier)})"
            )
        else:
            problems.append(wanted)
    if problems:
        raise UnknownRegion(
            f"{region}: peer regions {', '.join(problems)} are not in the reference data of the {edition.name}; "
            "correct peer_regions in the region profile"
        )
    return chosen


def gather_benchmarking_report(ctx: StageContext) -> BenchmarkingInputs | Waiting:
    reference = reference_data(ctx.datasets_dir)
    unit = ris_region(reference, ctx.region.code)
    peers = expert_peers(reference, list(ctx.region.peer_regions), ctx.region.code)
    name = ctx.region.name if unit == ctx.region.code else reference.names.get(unit, unit)
    return BenchmarkingInputs(
        region_code=unit,
        region_name=name,
        profile_code=ctx.region.code,
        profile_name=ctx.region.name,
        as_of=ctx.stage_started.year,
        catalogue=reference.catalogue,
        panel=_panel_model(ctx.datasets_dir),
        eis_scores=reference.eis_scores,
        structure=list(_structure_rows(ctx.datasets_dir)),
        regions=[RegionName(code=u, name=reference.names.get(u, u), country=u[:2]) for u in reference.units],
        country_names=reference.countries,
        expert_peers=peers,
        published=_published(ctx.datasets_dir, ctx.region.code),
        validation=validation_text(ctx.datasets_dir),
        bottlenecks=_bottlenecks(ctx),
    )


def benchmark_table(datasets_dir: Path) -> pd.DataFrame:
    """One row per RIS region: name, composite, score relative to the EU, group with subgroup, trend,
    rank, coverage, correction factor and the normalised indicators of the last year."""
    reference, scores = reference_data(datasets_dir), scoreboard(datasets_dir)
    latest = scores.latest
    first, last = scores.first_year, scores.last_year
    normalised = scores.normalised.xs(("region", last), level=("level", "year"))
    codes = [indicator.code for indicator in reference.catalogue.indicators]
    table = pd.DataFrame(
        {
            "name": [reference.names.get(u, u) for u in latest.index],
            "country": latest.index.str[:2],
            "year": last,
            "composite": latest["composite"],
            "relative_to_eu": latest["relative"],
            "group": latest["label"],
            "performance_group": latest["group"],
            "rank": latest["rank"],
            "trend": latest["trend"],
            "trend_years": f"{first}-{last}",
            "coverage": latest["coverage"],
            "country_correction": latest["correction"],
        },
        index=latest.index,
    )
    scores_by_code = normalised.reindex(index=latest.index, columns=codes).add_suffix("_normalised")
    return table.join(scores_by_code).rename_axis("region").sort_index()
