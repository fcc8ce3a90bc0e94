"""The benchmarking stage: `build_benchmarking_report(inputs) -> BenchmarkingResult` (pure).

The region's position, group and trend come from the RIS method over every RIS region (`method`);
its peers from structural similarity (`peers`); what it reads first (`headline`) is the position,
the group with subgroup, the trend and the three largest gaps against its peers and the EU.
"""

from __future__ import annotations

import pandas as pd

from advisory.domain.countries import country_name
from advisory.domain.errors import UnknownRegion
from advisory.domain.text import Msg, Text, _, ngettext
from advisory.stages.benchmarking import annex, figures, method, peers
from advisory.stages.benchmarking.models import (
    GROUPS,
    GROUPS_PLURAL,
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
    Thresholds,
    TrendPoint,
    group_name,
)

# Survey framework conditions that a RIS dimension speaks to (for cross-references only).
CONDITION_DIMENSIONS = {
    "knowledge": ("Human resources", "Attractive research systems", "Linkages"),
    "financial": ("Finance and support", "Firm investments"),
    "industrial": ("Employment impacts", "Sales impacts"),
}
SUBGROUP_WORDS = {
    "+": _("in the top third of its group"),
    "": _("in the middle third of its group"),
    "-": _("in the bottom third of its group"),
}
EU_NAME = _("EU")
HEADLINE_GAPS = 3


def group_range(group: str, thresholds: Thresholds) -> Msg:
    """The band of the EU's score a group covers, from the edition's thresholds."""
    if group == "Leader":
        return _("above {low:.0f} % of the EU", low=thresholds.leader)
    if group == "Strong":
        return _("{low:.0f}-{high:.0f} % of the EU", low=thresholds.strong, high=thresholds.leader)
    if group == "Moderate":
        return _("{low:.0f}-{high:.0f} % of the EU", low=thresholds.moderate, high=thresholds.strong)
    return _("below {high:.0f} % of the EU", high=thresholds.moderate)


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
    country_called = country_name(country, inputs.country_names.get(country, country))
    country_group = method.performance_group(country_relative, catalogue.edition.thresholds)
    result = BenchmarkingResult(
        region_code=region,
        region_name=region_name,
        country=country,
        country_name=country_called,
        profile_code=inputs.profile_code or region,
        edition=_(catalogue.edition.name),
        year=scores.last_year,
        as_of=inputs.as_of,
        first_year=scores.first_year,
        composite=_number(latest["composite"]),
        relative_score=_number(latest["relative"]),
        group=str(latest["label"]),
        group_name=group_name(str(latest["group"]), str(latest["subgroup"])),
        performance_group=str(latest["group"]),
        subgroup=str(latest["subgroup"]),  # type: ignore[arg-type]
        rank=None if pd.isna(latest["rank"]) else int(latest["rank"]),
        regions_ranked=int((scores.latest["group"] != NOT_CLASSIFIED).sum()),
        trend=_number(latest["trend"]),
        eu_trend=_number(scores.eu.at[scores.last_year, "index"] - 100),
        country_relative=country_relative,
        country_group=country_group,
        country_group_name=group_name(country_group),
        correction=_number(latest["correction"]),
        coverage=float(latest["coverage"]),
        reference_label=_("EU = 100 (the EU's score of the same year)"),
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
        radar_chart=figures.radar(indicators, region_name, country_called, scores.last_year),
        dimension_chart=figures.dimensions(dimensions, region_name, country_called, scores.last_year),
        trend_chart=figures.trend(trend_points, region_name, country_called),
        sources=[],
    )
    return result.model_copy(
        update={
            "summary": summary(result, inputs),
            "headline": headline(result, inputs),
            "published_note": published_note(result, inputs),
            "method_notes": annex.method_notes(result, inputs),
            "sources": annex.for_result(result, inputs, panel),
        }
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
        reason = _(
            "Chosen by the observatory's expert: {regions}. Up to five regions of the scoreboard can be named; "
            "the structural distance is shown for information.",
            regions=[_region_name(inputs, names, c) for c in chosen],
        )
    else:
        nearest = peers.nearest(standardised, region, rules.peers_k, classified, rules.peers_per_country)
        chosen = list(nearest.index)
        reason = ngettext(
            "The region of the scoreboard most like {region} in structure ({variables}; none of these is scored), "
            "at most {per_country} from any one country, chosen among {classified} classified regions by the "
            "distance between standardised values (0 = identical).",
            "The {n} regions of the scoreboard most like {region} in structure ({variables}; none of these is "
            "scored), at most {per_country} from any one country, chosen among {classified} classified regions by "
            "the distance between standardised values (0 = identical).",
            len(chosen),
            region=inputs.region_name,
            variables=[_(v.name) for v in inputs.catalogue.structure],
            per_country=rules.peers_per_country,
            classified=len(classified),
        )
    rows = [_peer_row(inputs, scores, names, standardised, values, code, distance.get(code)) for code in chosen]
    return chosen, rows, reason


def _region_name(inputs: BenchmarkingInputs, names: dict[str, str], code: str) -> Text:
    """A RIS region's name; a country the scoreboard scores as one region is named in the reader's language."""
    name = names.get(code, code)
    country = inputs.country_names.get(code[:2])
    return country_name(code[:2], name) if name == country else name


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
    alike = [
        _(
            "{variable} {value} (here {own})",
            variable=_(by_code[v].name),
            value=_plain(values.at[code, v], by_code[v].unit),
            own=_plain(values.at[region, v], by_code[v].unit),
        )
        for v in similar
    ]
    latest = scores.latest.loc[code]
    return PeerRegion(
        code=code,
        name=_region_name(inputs, names, code),
        country=country_name(code[:2], inputs.country_names.get(code[:2], code[:2])),
        distance=_number(distance),
        composite=_number(latest["composite"]),
        relative_score=_number(latest["relative"]),
        group=str(latest["label"]),
        group_name=group_name(str(latest["group"]), str(latest["subgroup"])),
        reason=_("Similar {variables}", variables=alike) if alike else None,
        gdp_per_head=_number(values.at[code, "gdp_per_head"]) if "gdp_per_head" in values else None,
        population=_number(values.at[code, "population"]) if "population" in values else None,
    )


def _plain(value: object, unit: str) -> Msg:
    """A structural figure in plain words: 3.4 million, 19,700 PPS, 6.1 %."""
    if value is None or pd.isna(value):
        return _("n/a")
    number = float(value)
    if unit == "persons":
        if number >= 1e6:
            return _("{value:.1f} million", value=number / 1e6)
        return _("{value:.0f} thousand", value=number / 1e3)
    if unit.startswith("%"):
        return _("{value:.1f} %", value=number)
    if unit.startswith("PPS"):
        return _("{value:.0f} PPS", value=number)
    return _("{value:.1f} {unit}", value=number, unit=_(unit))


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
        notes = (
            [_("Survey bottleneck: {label}", label=flagged[indicator.dimension])]
            if indicator.dimension in flagged
            else []
        )
        if indicator.proxy:
            notes.append(_("Proxy: {proxy}", proxy=_(indicator.proxy)))
        result.append(
            IndicatorScore(
                code=code,
                ris=indicator.ris,
                name=_(indicator.name),
                short=_(indicator.short or indicator.name),
                dimension=_(indicator.dimension),
                source=indicator.source,
                value=mine[0],
                unit=_(indicator.unit),
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
                missing=_missing_reason(indicator.source) if mine[0] is None else None,
                notes=notes,
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


def _missing_reason(source: str) -> Msg:
    if source == "national":
        return _("not in the EIS 2023 database for this country")
    return _("no figure for this region in the Eurostat table in any year up to the last")


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
                short=score.short,
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


def _digits(*values: float | None) -> int:
    """Decimals for figures of this size: 2.28, 38.8, 246."""
    largest = max((abs(v) for v in values if v is not None), default=0.0)
    return 2 if largest < 10 else 1 if largest < 100 else 0


def _gap_words(score: IndicatorScore, reference: str, other_value: float | None, inputs: BenchmarkingInputs) -> Msg:
    """'Public R&D expenditure (% of GDP): Dresden 2.28 (2013), the EU 0.74'."""
    if score.source == "national":
        code = inputs.region_code[:2]
        place: Text = _("{country} as a whole", country=country_name(code, inputs.country_names.get(code, code)))
    else:
        place = inputs.region_name
    values = {
        "indicator": score.name,
        "unit": score.unit,
        "place": place,
        "value": score.value,
        "year": score.year,
        "reference": other_value,
        "digits": _digits(score.value, other_value),
    }
    if reference == "eu":
        return _("{indicator} ({unit}): {place} {value:.{digits}f} ({year}), the EU {reference:.{digits}f}", **values)
    return _(
        "{indicator} ({unit}): {place} {value:.{digits}f} ({year}), the peer median {reference:.{digits}f}", **values
    )


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
                dimension=_(dimension),
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
            group=g,
            name=GROUPS_PLURAL[g],
            regions=int(counts.get(g, 0)),
            share=(counts.get(g, 0) / classified) if classified else None,
        )
        for g in [*GROUPS, NOT_CLASSIFIED]
    ]


def summary(result: BenchmarkingResult, inputs: BenchmarkingInputs) -> Msg:
    """What the report compares, with which method; where the scoreboard works at NUTS 1, that it does."""
    if result.profile_code != result.region_code:
        return _(
            "This report benchmarks {profile} ({profile_code}) against the {regions} regions of the {edition}, with "
            "the scoreboard's published method. The scoreboard scores this country at NUTS 1 level, so {profile} is "
            "benchmarked as part of {region} ({code}).",
            profile=inputs.profile_name or result.profile_code,
            profile_code=result.profile_code,
            regions=result.reference_regions,
            edition=result.edition,
            region=result.region_name,
            code=result.region_code,
        )
    return _(
        "This report benchmarks {region} ({code}) against the {regions} regions of the {edition}, with the "
        "scoreboard's published method.",
        region=result.region_name,
        code=result.region_code,
        regions=result.reference_regions,
        edition=result.edition,
    )


def headline(result: BenchmarkingResult, inputs: BenchmarkingInputs) -> list[Msg]:
    """What the region reads first: position, group with subgroup, trend, the largest gaps, how old the figures are."""
    name, year = result.region_name, result.year
    lines = []
    if result.relative_score is None:
        lines.append(
            _("{region} has too few figures for a score in {year}, so it is not classified.", region=name, year=year)
        )
    else:
        lines.append(
            _(
                "In {year} {region} scores {score:.0f} % of the EU by the Regional Innovation Scoreboard method, rank "
                "{rank} of {regions} regions. Performance group: {group} ({range}), {subgroup}.",
                year=year,
                region=name,
                score=result.relative_score,
                rank=result.rank,
                regions=result.regions_ranked,
                group=result.group_name,
                range=group_range(result.performance_group, inputs.catalogue.edition.thresholds),
                subgroup=SUBGROUP_WORDS[result.subgroup],
            )
        )
    if result.country_relative is not None:
        lines.append(
            _(
                "{country} as a whole scores {score:.0f} % of the EU in the European Innovation Scoreboard 2023 for "
                "the same year (performance group: {group}); every region of a country is aligned with this national "
                "result, as in the published scoreboard.",
                country=result.country_name,
                score=result.country_relative,
                group=result.country_group_name,
            )
        )
    if result.trend is not None and result.eu_trend is not None:
        values = {"first": result.first_year, "last": year, "change": abs(result.trend), "eu_change": result.eu_trend}
        if result.trend > 0.5:
            lines.append(
                _(
                    "From {first} to {last} its score rose by {change:.1f} points, the EU's changed by {eu_change:.1f} "
                    "(scale: the EU in {first} = 100).",
                    **values,
                )
            )
        elif result.trend < -0.5:
            lines.append(
                _(
                    "From {first} to {last} its score fell by {change:.1f} points, the EU's changed by {eu_change:.1f} "
                    "(scale: the EU in {first} = 100).",
                    **values,
                )
            )
        else:
            lines.append(
                _(
                    "From {first} to {last} its score stayed level, the EU's changed by {eu_change:.1f} points "
                    "(scale: the EU in {first} = 100).",
                    **values,
                )
            )
    if result.weaknesses_vs_peers:
        lines.append(
            _(
                "Largest gaps to the peer regions, in points of the normalised score (0-100): {gaps}.",
                gaps=_gap_list(result.weaknesses_vs_peers),
            )
        )
    else:
        lines.append(_("No indicator stands clearly below the peer regions."))
    if result.weaknesses_vs_eu:
        lines.append(
            _(
                "Largest gaps to the EU, in points of the normalised score (0-100): {gaps}.",
                gaps=_gap_list(result.weaknesses_vs_eu),
            )
        )
        own = [g for g in result.weaknesses_vs_eu if g.source == "regional"]
        if own and all(g.source == "national" for g in result.weaknesses_vs_eu[:HEADLINE_GAPS]):
            lines.append(_("Of the region's own figures, the furthest below the EU: {gap}.", gap=own[0].text))
    else:
        lines.append(_("No indicator stands clearly below the EU."))
    years = [s.year for s in result.indicators if s.year is not None and s.source == "regional"]
    if years:
        oldest, newest = min(years), max(years)
        if oldest == newest:
            lines.append(
                ngettext(
                    "The regional figures refer to {year}, {n} year before this report: no newer regional "
                    "statistics are public in the project's sources.",
                    "The regional figures refer to {year}, {n} years before this report: no newer regional "
                    "statistics are public in the project's sources.",
                    inputs.as_of - newest,
                    year=str(newest),
                )
            )
        else:
            lines.append(
                ngettext(
                    "The regional figures refer to {first}-{last}, {newest} to {n} year before this report: no "
                    "newer regional statistics are public in the project's sources.",
                    "The regional figures refer to {first}-{last}, {newest} to {n} years before this report: no "
                    "newer regional statistics are public in the project's sources.",
                    inputs.as_of - oldest,
                    first=str(oldest),
                    last=str(newest),
                    newest=inputs.as_of - newest,
                )
            )
    return lines


def _gap_list(gaps: list[IndicatorGap]) -> list[Msg]:
    return [
        _("{indicator} ({gap:.0f} points)", indicator=gap.short, gap=abs(gap.gap) * 100) for gap in gaps[:HEADLINE_GAPS]
    ]


def published_note(result: BenchmarkingResult, inputs: BenchmarkingInputs) -> Msg | None:
    """The published scoreboard's figures for the region, for comparison (computed from data that are not public)."""
    if not result.published:
        return None
    first = result.published[0]
    return _(
        "Published scoreboard, for comparison: the European Commission's {edition}, as reproduced by the Interreg "
        "CENTRAL EUROPE territorial dashboard, gives {region} {scores} ({scale}), from its own indicators and "
        "regional data, which are not public.",
        edition=first.edition,
        region=inputs.profile_name or inputs.region_name,
        scores=[_("{value:.1f} in {year}", value=p.value, year=p.year) for p in result.published],
        scale=first.scale,
    )
