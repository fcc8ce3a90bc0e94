"""Partner search for a region across every region of the reference data: behind `advisory partners`, the experts'
partner page and the briefing's possible partners.

The reference data (cluster stars of every region from Eurostat's business statistics by NACE
division, and every region's normalised benchmarking indicators) are read and derived once per
process (`partner_reference`), so a search after the first costs milliseconds. The ranking rule is
`domain.partners`; this module only assembles what it needs and names the regions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from advisory.adapters.datasets import load_indicator_catalogue, nuts_names, nuts_successors
from advisory.adapters.region_profiles import load_regions
from advisory.domain.clusters import MEASURES, SectorStars, focus_divisions, sector_divisions
from advisory.domain.errors import UnknownRegion
from advisory.domain.partners import FOCUS_WEIGHT, Match, RegionStrengths, rank_partners, reasons, thirds
from advisory.domain.regions import RegionProfile
from advisory.domain.text import Msg, Text, _
from advisory.stages.assessment.cluster_map import YEAR, reference_cluster_table
from advisory.stages.benchmarking.gather import benchmark_table

NORMALISED = "_normalised"


@dataclass(frozen=True)
class PartnerReference:
    """Every region the partner search can name, with its strengths, built once per process."""

    regions: dict[str, RegionStrengths]
    domain_names: dict[str, Text]
    profiles: dict[str, RegionProfile]
    successors: dict[str, str]


@dataclass(frozen=True)
class Candidate:
    rank: int
    match: Match
    reasons: list[Msg]


@dataclass(frozen=True)
class PartnerSearch:
    """The answer for one region: who, ranked by the stated rule, with the reasons and the data behind them."""

    region: RegionStrengths
    focus: tuple[str, ...]
    focus_industries: list[str]
    unmapped_focus: list[str]
    sector: str | None
    candidates: list[Candidate]
    considered: int
    rule: Msg = field(
        default_factory=lambda: _(
            "score = {weight} x focus points (the candidate's cluster stars in the focus sectors) + shared points "
            "(the smaller star count of the two regions in every other division) + complementary domains "
            "(benchmarking indicators where one region is in the top third and the other in the bottom third)",
            weight=FOCUS_WEIGHT,
        )
    )
    data: Msg = field(
        default_factory=lambda: _(
            "Cluster stars: Eurostat structural business statistics by NUTS 2 region (sbs_r_nuts06_r2), persons "
            "employed by NACE division, {year}; a coarser map than the European Cluster Observatory's categories. "
            "Strengths and weaknesses: the benchmarking stage's normalised indicators (Eurostat regional "
            "statistics, latest year per indicator).",
            year=YEAR,
        )
    )


def find_partners(
    datasets_dir: Path, regions_dir: Path, region: str, sector: str | None = None, top: int = 10
) -> PartnerSearch:
    """Candidate partner regions for `region` (any NUTS-2 code of the reference data), best first."""
    reference = partner_reference(datasets_dir, regions_dir)
    home = reference.regions[known_region(reference, region)]
    profile = reference.profiles.get(home.code)
    industries = list(profile.focus_industries) if profile else []
    focus, unmapped = focus_divisions(industries)
    only_focus = sector is not None
    if sector is not None:
        focus = sector_divisions(sector)
    matches = rank_partners(home, reference.regions.values(), focus, only_focus=only_focus)
    candidates = [
        Candidate(rank, match, reasons(match, home.name, reference.domain_names, searched=only_focus))
        for rank, match in enumerate(matches[:top], start=1)
    ]
    return PartnerSearch(
        region=home,
        focus=focus,
        focus_industries=industries,
        unmapped_focus=unmapped,
        sector=sector,
        candidates=candidates,
        considered=len(reference.regions) - 1,
    )


def known_region(reference: PartnerReference, region: str) -> str:
    """The region's code in the reference data (an older NUTS code is carried to its successor), or UnknownRegion."""
    code = region.strip().upper()
    code = reference.successors.get(code, code)
    if code in reference.regions:
        return code
    raise UnknownRegion(
        f"unknown region {region!r}: not in the reference data ({len(reference.regions)} NUTS-2 regions with cluster "
        f"stars or benchmarking indicators); the demonstrator regions are {', '.join(sorted(reference.profiles))}"
    )


# --- the reference data, read and derived once -------------------------------------------------------
@lru_cache(maxsize=4)
def partner_reference(datasets_dir: Path, regions_dir: Path) -> PartnerReference:
    profiles = load_regions(regions_dir)
    successors = nuts_successors(datasets_dir)
    names = nuts_names(datasets_dir) | {code: profile.name for code, profile in profiles.items()}
    starred = starred_sectors(reference_cluster_table(datasets_dir))
    indicators = normalised_indicators(benchmark_table(datasets_dir), successors)
    # Only the indicators with regional figures: the others carry the country's score, the same for every region.
    indicators = indicators[[c for c in indicators.columns if c in regional_domains(datasets_dir)]]
    standing = {domain: thirds(indicators[domain].dropna().to_dict()) for domain in indicators.columns}
    codes = sorted(set(starred) | set(indicators.index))
    regions = {
        code: RegionStrengths(
            code=code,
            name=names.get(code, code),
            sectors=starred.get(code, {}),
            standing={domain: by_region[code] for domain, by_region in standing.items() if code in by_region},
        )
        for code in codes
    }
    return PartnerReference(regions, domain_names(datasets_dir, list(indicators.columns)), profiles, successors)


def starred_sectors(table: pd.DataFrame) -> dict[str, dict[str, SectorStars]]:
    """Region -> division -> its figures, for the divisions with at least one star."""
    rows = table[(table["kind"] == "division") & (table["stars"] > 0)]
    found: dict[str, dict[str, SectorStars]] = {}
    for row in rows.itertuples(index=False):
        starred = tuple(m for m in MEASURES if getattr(row, f"{m}_star"))
        # built from our own computation, so not validated again (2,800 of them on every start)
        found.setdefault(row.region, {})[row.sector] = SectorStars.model_construct(
            sector=row.sector,
            kind="division",
            employment=int(row.employment),
            size=float(row.size),
            specialisation=None if pd.isna(row.specialisation) else float(row.specialisation),
            focus=float(row.focus),
            starred=starred,
        )
    return found


def normalised_indicators(table: pd.DataFrame, successors: dict[str, str]) -> pd.DataFrame:
    """Region x domain of the benchmarking table's normalised indicators (0-1, 1 best); other columns ignored.

    Regions listed under an older NUTS code as well as under its successor are one region: the
    successor's values come first, the older code's fill only what the successor lacks.
    """
    columns = [c for c in table.columns if str(c).endswith(NORMALISED)]
    wide = table[columns].apply(pd.to_numeric, errors="coerce")
    wide.columns = [c[: -len(NORMALISED)] for c in columns]
    codes = pd.Series(wide.index.astype(str), index=wide.index)
    wide["_native"] = ~codes.isin(successors.keys()) | codes.map(lambda c: successors.get(c) == c)
    wide.index = codes.map(lambda c: successors.get(c, c))
    wide = wide.sort_values("_native", ascending=False, kind="stable").drop(columns="_native")
    return wide.groupby(level=0, sort=True).first().dropna(how="all")


def regional_domains(datasets_dir: Path) -> set[str]:
    """The benchmarking indicators with figures of the region's own (not its country's)."""
    items = load_indicator_catalogue(datasets_dir).get("indicators", [])
    return {item.get("code") for item in items if isinstance(item, dict) and item.get("source") == "regional"}


def domain_names(datasets_dir: Path, domains: list[str]) -> dict[str, Text]:
    """Each benchmarking domain's short name from the indicator catalogue (its code, readable, if not listed)."""
    catalogue = {
        item.get("code"): item.get("short") or item.get("name")
        for item in load_indicator_catalogue(datasets_dir).get("indicators", [])
        if isinstance(item, dict)
    }
    return {domain: catalogue.get(domain) or domain.replace("_", " ").capitalize() for domain in domains}
