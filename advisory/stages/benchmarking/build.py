"""The benchmarking stage: `build_benchmarking_report(inputs) -> BenchmarkingResult` (pure).

The region's position, group and trend come from the RIS method over every RIS region (`method`);
its peers from structural similarity (`peers`); what it reads first (`headline`) is the position,
the group with subgroup, the trend and the three largest gaps against its peers and the EU.
"""

from __future__ import annotations

import pandas as pd

from advisory.domain.errors import UnknownRegion
from advisory.stages.benchmarking import annex, figures, method, peers
from advisory.stages.benchmarking.models import (
    GROUPS,
    NOT_CLASSIFIED,
    BenchmarkingInputs,
    BenchmarkingResult,
    DimensionScore,
    GroupCount,
    IndicatorGap,
    IndicatorScore,
    IndicatorTreatment,
    PeerRegion,
    SubgroupBounds,
    TrendPoint,
)

# Survey framework conditions that a RIS dimension speaks to (for cross-references only).
CONDITION_DIMENSIONS = {
    "knowledge": ("Human resources", "Attractive research systems", "Linkages"),
    "financial": ("Finance and support", "Firm investments"),
    "industrial": ("Employment impacts", "Sales impacts"),
}
GROUP_WORDS = {
    "Leader": "an Innovation Leader, above 125 % of the EU",
    "Strong": "a Strong Innovator, 100-125 % of the EU",
    "Moderate": "a Moderate Innovator, 70-100 % of the EU",
    "Emerging": "an Emerging Innovator, below 70 % of the EU",
}
SUBGROUP_WORDS = {
    "+": "in the top third of its group",
    "": "in the middle third of its group",
    "-": "in the bottom third of its group",
}
HEADLINE_GAPS = 3


def build_benchmarking_report(inputs: BenchmarkingInputs) -> BenchmarkingResult:
    catalogue, rules = inputs.catalogue, inputs.rules
    panel = pd.DataFrame(inputs.panel.model_dump())
    scores = method.score(panel, inputs.eis_scores, catalogue, rules)
    region = inputs.region_code
    if region not in scores.latest.index:
        raise UnknownRegion(f"{region} is not in the reference data")
    names = {r.code: r.name for r in inputs.regions}
    chosen, peer_rows, reason = _peers(inputs, scores, names)
    indicators = _indicator_scores(inputs, panel, scores, chosen)
    latest = scores.latest.loc[region]
    country = region[:2]
    country_relative = _country_relative(scores, country)
    margin = rules.strength_margin
    gaps_eu = _gaps(indicators, "eu", inputs)
    gaps_peers = _gaps(indicators, "peers", inputs)
    trend_points = _trend(scores, region, chosen)
    dimensions = _dimensions(inputs, scores, chosen)
    region_name = inputs.region_name
    result = BenchmarkingResult(
        region_code=region,
        region_name=region_name,
        country=country,
        country_name=inputs.country_names.get(country, country),
        profile_code=inputs.profile_code or region,
        edition=catalogue.edition.name,
        year=scores.last_year,
        as_of=inputs.as_of,
        first_year=scores.first_year,
        composite=_number(latest["composite"]),
        relative_score=_number(latest["relative"]),
        group=str(latest["label"]),
        performance_group=str(latest["group"]),
        subgroup=str(latest["subgroup"]),  # type: ignore[arg-type]
        rank=None if pd.isna(latest["rank"]) else int(latest["rank"]),
        regions_ranked=int((scores.latest["group"] != NOT_CLASSIFIED).sum()),
        trend=_number(latest["trend"]),
        eu_trend=_number(scores.eu.at[scores.last_year, "index"] - 100),
        country_relative=country_relative,
        country_group=method.performance_group(country_relative, catalogue.edition.thresholds),
        correction=_number(latest["correction"]),
        coverage=float(latest["coverage"]),
        reference_label="EU = 100 (the EU's score of the same year)",
        reference_regions=len(scores.latest),
        indicators=indicators,
        strengths=_ranked([s for s in indicators if s.gap is not None and s.gap >= margin]),
        weaknesses=_ranked([s for s in indicators if s.gap is not None and s.gap <= -margin]),
        strengths_vs_eu=[g for g in gaps_eu if g.gap >= margin],
        weaknesses_vs_eu=[g for g in reversed(gaps_eu) if g.gap <= -margin],
        strengths_vs_peers=[g for g in gaps_peers if g.gap >= margin],
        weaknesses_vs_peers=[g for g in reversed(gaps_peers) if g.gap <= -margin],
        dimensions=dimensions,
        trend_points=trend_points,
        peers=peer_rows,
        peer_choice="expert" if inputs.expert_peers else "automatic",
        peer_reason=reason,
        group_counts=_group_counts(scores),
        subgroups=[
            SubgroupBounds(group=g, lower=scores.bounds[g][0], upper=scores.bounds[g][1], cuts=scores.cuts[g])
            for g in GROUPS
        ],
        treatment=[
            IndicatorTreatment(
                code=code,
                outliers=int(row["outliers"]),
                skewness=_number(row["skewness"]),
                square_root=bool(row["square_root"]),
            )
            for code, row in scores.treatment.iterrows()
        ],
        published=inputs.published,
        rules=rules,
        radar_chart=figures.radar(
            indicators, region_name, inputs.country_names.get(country, country), scores.last_year
        ),
        dimension_chart=figures.dimensions(
            dimensions, region_name, inputs.country_names.get(country, country), scores.last_year
        ),
        trend_chart=figures.trend(trend_points, region_name, inputs.country_names.get(country, country)),
        sources=[],
    )
    result = result.model_copy(update={"headline": headline(result, inputs)})
    return result.model_copy(
        update={"method_notes": annex.method_notes(result, inputs), "sources": annex.for_result(result, inputs, panel)}
    )


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _country_relative(scores: method.Scores, country: str) -> float | None:
    key = (country, scores.last_year)
    return _number(scores.countries["relative"].get(key))


# --- peers ----------------------------------------------------------------------------------------
def _structure(inputs: BenchmarkingInputs) -> tuple[pd.DataFrame, pd.DataFrame]:
    values = pd.DataFrame({row.region: row.values for row in inputs.structure}).T.astype(float)
    years = pd.DataFrame({row.region: row.years for row in inputs.structure}).T
    return values, years


def _peers(inputs: BenchmarkingInputs, scores: method.Scores, names: dict[str, str]):
    """The chosen peers (codes), their rows for the report, and why these peers."""
    region, rules = inputs.region_code, inputs.rules
    values, _years = _structure(inputs)
    logs = [v.code for v in inputs.catalogue.structure if v.scale == "log"]
    classified = scores.latest.index[scores.latest["group"] != NOT_CLASSIFIED]
    pool = values.loc[values.index.isin(classified) | (values.index == region)]
    standardised = peers.standardise(peers.scaled(pool, logs))
    if region not in standardised.index:
        standardised = peers.standardise(peers.scaled(values, logs))
    distance = peers.distances(standardised, region) if region in standardised.index else pd.Series(dtype=float)
    if inputs.expert_peers:
        unknown = [code for code in inputs.expert_peers if code not in scores.latest.index]
        if unknown:
            raise UnknownRegion(f"peer regions not in the reference data: {', '.join(unknown)}")
        chosen = list(inputs.expert_peers)
        reason = (
            f"Chosen by the observatory's expert ({', '.join(names.get(c, c) for c in chosen)}); up to five "
            "regions of the scoreboard can be named. The structural distance is shown for information."
        )
    else:
        nearest = peers.nearest(standardised, region, rules.peers_k, classified, rules.peers_per_country)
        chosen = list(nearest.index)
        variables = ", ".join(_lower(v.name) for v in inputs.catalogue.structure)
        reason = (
            f"The {len(chosen)} regions of the scoreboard most like {inputs.region_name} in structure ({variables}; "
            f"none of these is scored), at most {rules.peers_per_country} from any one country, chosen among "
            f"{len(classified)} classified regions by the distance between standardised values (0 = identical)."
        )
    rows = [_peer_row(inputs, scores, names, standardised, values, code, distance.get(code)) for code in chosen]
    return chosen, rows, reason


def _peer_row(inputs, scores, names, standardised, values, code, distance) -> PeerRegion:
    region = inputs.region_code
    by_code = {v.code: v for v in inputs.catalogue.structure}
    national = tuple(v.code for v in inputs.catalogue.structure if v.source == "national")
    skip = national if code[:2] == region[:2] else ()
    similar = (
        peers.closest_variables(standardised, region, code, skip=skip)
        if code in standardised.index and region in standardised.index
        else []
    )
    words = [
        f"{_lower(by_code[v].name)} {_plain(values.at[code, v], by_code[v].unit)} "
        f"(here {_plain(values.at[region, v], by_code[v].unit)})"
        for v in similar
    ]
    latest = scores.latest.loc[code]
    return PeerRegion(
        code=code,
        name=names.get(code, code),
        country=inputs.country_names.get(code[:2], code[:2]),
        distance=_number(distance),
        composite=_number(latest["composite"]),
        relative_score=_number(latest["relative"]),
        group=str(latest["label"]),
        reason=("Similar " + " and ".join(words)) if words else "",
        gdp_per_head=_number(values.at[code, "gdp_per_head"]) if "gdp_per_head" in values else None,
        population=_number(values.at[code, "population"]) if "population" in values else None,
    )


def _lower(name: str) -> str:
    """'GDP per head' stays, 'Population' becomes 'population'."""
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


def _plain(value: object, unit: str) -> str:
    """A structural figure in plain words: 3.4 million, 19,700 PPS, 6.1 %."""
    if value is None or pd.isna(value):
        return "n/a"
    number = float(value)
    if unit == "persons":
        return f"{number / 1e6:.1f} million" if number >= 1e6 else f"{number / 1e3:,.0f} thousand"
    if unit.startswith("%"):
        return f"{number:.1f} %"
    if unit.startswith("PPS"):
        return f"{number:,.0f} PPS"
    return f"{number:,.1f}"


# --- indicators -----------------------------------------------------------------------------------
def _indicator_scores(inputs: BenchmarkingInputs, panel: pd.DataFrame, scores: method.Scores, chosen: list[str]):
    region, last = inputs.region_code, scores.last_year
    country = region[:2]
    raw = panel[panel["year"] == last].set_index(["unit", "level", "indicator"])
    normalised = scores.normalised.xs(last, level="year")
    flagged = {
        dimension: label
        for condition, label in inputs.bottlenecks.items()
        for dimension in CONDITION_DIMENSIONS.get(condition, ())
    }
    result = []
    for indicator in inputs.catalogue.indicators:
        code = indicator.code
        mine = _cell(raw, (region, "region", code))
        peer_values = [_cell(raw, (p, "region", code))[0] for p in chosen]
        peer_scores = [_number(normalised[code].get((p, "region"))) for p in chosen]
        notes = [f"Survey bottleneck: {flagged[indicator.dimension]}"] if indicator.dimension in flagged else []
        if indicator.proxy:
            notes.append(f"Proxy: {indicator.proxy}")
        result.append(
            IndicatorScore(
                code=code,
                ris=indicator.ris,
                name=indicator.name,
                short=indicator.short,
                dimension=indicator.dimension,
                source=indicator.source,
                value=mine[0],
                unit=indicator.unit,
                year=mine[1],
                age=None if mine[1] is None else inputs.as_of - mine[1],
                normalised=_number(normalised[code].get((region, "region"))),
                country_value=_cell(raw, (country, "country", code))[0],
                country_normalised=_number(normalised[code].get((country, "country"))),
                eu_value=_cell(raw, (method.EU, "eu", code))[0],
                eu_normalised=_number(normalised[code].get((method.EU, "eu"))),
                eu_year=_cell(raw, (method.EU, "eu", code))[1],
                peer_median=_median(peer_scores),
                peer_median_value=_median(peer_values),
                missing=_missing_reason(indicator.source) if mine[0] is None else "",
                note="; ".join(notes),
            )
        )
    return result


def _cell(raw: pd.DataFrame, key: tuple[str, str, str]) -> tuple[float | None, int | None]:
    if key not in raw.index:
        return None, None
    row = raw.loc[key]
    value, year = _number(row["value"]), _number(row["data_year"])
    return value, (None if value is None or year is None else int(year))


def _median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return float(pd.Series(present).median()) if present else None


def _missing_reason(source: str) -> str:
    if source == "national":
        return "not in the EIS 2023 database for this country"
    return "no figure for this region in the Eurostat table in any year up to the last"


def _ranked(scores: list[IndicatorScore]) -> list[IndicatorScore]:
    """The clearest gap first."""
    return sorted(scores, key=lambda s: -abs(s.gap or 0))


def _gaps(indicators: list[IndicatorScore], reference: str, inputs: BenchmarkingInputs) -> list[IndicatorGap]:
    """Every indicator's gap to the reference, largest lead first, largest shortfall last."""
    gaps = []
    for score in indicators:
        other = score.eu_normalised if reference == "eu" else score.peer_median
        other_value = score.eu_value if reference == "eu" else score.peer_median_value
        if score.normalised is None or other is None:
            continue
        gaps.append(
            IndicatorGap(
                code=score.code,
                ris=score.ris,
                name=score.name,
                dimension=score.dimension,
                source=score.source,
                value=score.value,
                unit=score.unit,
                year=score.year,
                reference=reference,  # type: ignore[arg-type]
                reference_value=other_value,
                normalised=score.normalised,
                reference_normalised=other,
                gap=score.normalised - other,
                text=_gap_words(score, reference, other_value, inputs),
            )
        )
    return sorted(gaps, key=lambda g: -g.gap)


def _figure(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    digits = 2 if abs(value) < 10 else 1 if abs(value) < 100 else 0
    suffix = " %" if unit.startswith("%") else ("" if unit.startswith("EIS") else f" {unit}")
    if unit.startswith("% of GDP"):
        suffix = " % of GDP"
    return f"{value:,.{digits}f}{suffix}"


def _gap_words(score: IndicatorScore, reference: str, other_value: float | None, inputs: BenchmarkingInputs) -> str:
    who = "the EU" if reference == "eu" else "the peer median"
    country = inputs.country_names.get(inputs.region_code[:2], inputs.region_code[:2])
    where = f"{country} as a whole" if score.source == "national" else inputs.region_name
    year = f" ({score.year})" if score.year else ""
    scale = " on the EIS scale (EU 2016 = 100)" if score.source == "national" else ""
    mine, theirs = _figure(score.value, score.unit), _figure(other_value, score.unit)
    return f"{score.name}: {where} {mine}{year}, {who} {theirs}{scale}"


# --- position, trend, dimensions --------------------------------------------------------------------
def _trend(scores: method.Scores, region: str, chosen: list[str]) -> list[TrendPoint]:
    index = scores.regions["index"]
    points = []
    for year in range(scores.first_year, scores.last_year + 1):
        peer_values = [_number(index.get((p, year))) for p in chosen]
        points.append(
            TrendPoint(
                year=year,
                region=_number(index.get((region, year))),
                country=_number(scores.countries["index"].get((region[:2], year))),
                eu=_number(scores.eu.at[year, "index"]),
                peer_median=_median(peer_values),
            )
        )
    return points


def _dimensions(inputs: BenchmarkingInputs, scores: method.Scores, chosen: list[str]) -> list[DimensionScore]:
    region, last = inputs.region_code, scores.last_year
    normalised = scores.normalised.xs(last, level="year")
    by_dimension: dict[str, list[str]] = {}
    for indicator in inputs.catalogue.indicators:
        by_dimension.setdefault(indicator.dimension, []).append(indicator.code)
    result = []
    for dimension, codes in by_dimension.items():
        means = normalised[codes].mean(axis=1)
        result.append(
            DimensionScore(
                dimension=dimension,
                region=_number(means.get((region, "region"))),
                country=_number(means.get((region[:2], "country"))),
                eu=_number(means.get((method.EU, "eu"))),
                peer_median=_median([_number(means.get((p, "region"))) for p in chosen]),
                indicators=len(codes),
            )
        )
    return result


def _group_counts(scores: method.Scores) -> list[GroupCount]:
    counts = scores.latest["group"].value_counts()
    classified = int((scores.latest["group"] != NOT_CLASSIFIED).sum())
    return [
        GroupCount(
            group=g, regions=int(counts.get(g, 0)), share=(counts.get(g, 0) / classified) if classified else None
        )
        for g in [*GROUPS, NOT_CLASSIFIED]
    ]


def headline(result: BenchmarkingResult, inputs: BenchmarkingInputs) -> list[str]:
    """What the region reads first: position, group with subgroup, trend, the largest gaps, how old the figures are."""
    name, year = result.region_name, result.year
    lines = []
    if result.relative_score is None:
        lines.append(f"{name} has too few figures for a score in {year}, so it is not classified.")
    else:
        lines.append(
            f"In {year} {name} scores {result.relative_score:.0f} % of the EU on the Regional Innovation Scoreboard "
            f"method, rank {result.rank} of {result.regions_ranked} regions: {GROUP_WORDS[result.performance_group]}, "
            f"{SUBGROUP_WORDS[result.subgroup]} ({result.group})."
        )
    if result.country_relative is not None:
        lines.append(
            f"{result.country_name} as a whole scores {result.country_relative:.0f} % of the EU in the European "
            f"Innovation Scoreboard 2023 for the same year ({result.country_group}); every region of a country is "
            "aligned with this national result, as in the published scoreboard."
        )
    if result.trend is not None and result.eu_trend is not None:
        direction = "improved" if result.trend > 0.5 else "fell back" if result.trend < -0.5 else "stayed level"
        lines.append(
            f"From {result.first_year} to {year} its score {direction}: {result.trend:+.1f} points on a scale where "
            f"the EU in {result.first_year} = 100, against {result.eu_trend:+.1f} for the EU."
        )
    if result.weaknesses_vs_peers:
        worst = "; ".join(g.text for g in result.weaknesses_vs_peers[:HEADLINE_GAPS])
        lines.append(f"Largest gaps to the peer regions: {worst}.")
    else:
        lines.append("No indicator stands clearly below the peer regions.")
    if result.weaknesses_vs_eu:
        worst = "; ".join(g.text for g in result.weaknesses_vs_eu[:HEADLINE_GAPS])
        lines.append(f"Largest gaps to the EU: {worst}.")
        own = [g for g in result.weaknesses_vs_eu if g.source == "regional"]
        if own and all(g.source == "national" for g in result.weaknesses_vs_eu[:HEADLINE_GAPS]):
            lines.append(f"Of the region's own figures, the furthest below the EU: {own[0].text}.")
    else:
        lines.append("No indicator stands clearly below the EU.")
    years = [s.year for s in result.indicators if s.year is not None and s.source == "regional"]
    if years:
        oldest, newest = min(years), max(years)
        span = f"{oldest}" if oldest == newest else f"{oldest}-{newest}"
        lines.append(
            f"The regional figures refer to {span}, {inputs.as_of - newest} to {inputs.as_of - oldest} years before "
            f"this report: no newer regional statistics are public in the project's sources."
        )
    return lines
