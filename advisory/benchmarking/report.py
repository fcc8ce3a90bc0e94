"""The benchmarking stage: `build_benchmarking_report(inputs) -> BenchmarkingResult` (pure)."""

from __future__ import annotations

import pandas as pd

from advisory.benchmarking import charts, method, peers, sources
from advisory.benchmarking.models import (
    BenchmarkingInputs,
    BenchmarkingResult,
    DimensionScore,
    GroupCount,
    IndicatorScore,
    PeerRegion,
)

# Survey framework conditions that a benchmarking dimension speaks to (for cross-references only).
CONDITION_DIMENSIONS = {
    "knowledge": "Human resources",
    "financial": "Finance and investment",
    "industrial": "Employment impacts",
}
GROUP_ORDER = ["Leader", "Strong", "Moderate", "Emerging", method.NOT_CLASSIFIED]


class UnknownRegion(ValueError):
    """A region (or an expert's peer) that is not in the reference data."""


def build_benchmarking_report(inputs: BenchmarkingInputs) -> BenchmarkingResult:
    values = pd.DataFrame([v.model_dump() for v in inputs.values])
    table = method.score_all(values, inputs.catalogue, inputs.rules)
    region = inputs.region_code
    if region not in table.index:
        raise UnknownRegion(f"{region} is not in the reference data")
    chosen, distance, reason = _peers(inputs, values, table)
    indicators = _indicator_scores(inputs, values, table, chosen)
    relative, label = _relative(inputs, table, chosen)
    dimensions = _dimensions(inputs, table, chosen)
    row = table.loc[region]
    margin = inputs.rules.strength_margin
    result = BenchmarkingResult(
        region_code=region,
        composite=_number(row["composite"]),
        relative_score=relative,
        group=method.performance_group(relative) if row["reference"] else method.NOT_CLASSIFIED,
        coverage=float(row["coverage"]),
        reference_label=label,
        reference_regions=int(table["reference"].sum()),
        indicators=indicators,
        strengths=_ranked([s for s in indicators if s.gap is not None and s.gap >= margin]),
        weaknesses=_ranked([s for s in indicators if s.gap is not None and s.gap <= -margin]),
        dimensions=dimensions,
        peers=[_peer(inputs, table, code, distance.get(code)) for code in chosen],
        peer_choice="expert" if inputs.expert_peers else "automatic",
        peer_reason=reason,
        group_counts=_group_counts(table),
        rules=inputs.rules,
        radar_chart=charts.radar(indicators, inputs.region_name),
        dimension_chart=charts.dimensions(dimensions, inputs.region_name),
        sources=[],
    )
    return result.model_copy(update={"sources": sources.for_result(inputs, values, table)})


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _peers(inputs: BenchmarkingInputs, values: pd.DataFrame, table: pd.DataFrame):
    """The chosen peer codes, every region's structural distance, and why these peers."""
    structural = inputs.catalogue.structural
    wide = method.to_wide(values, [s.code for s in structural])
    shaped = method.transform(wide, {s.code: s.transform for s in structural})
    reference = table.index[table["reference"]]
    standardised = peers.standardise(shaped.loc[shaped.index.isin(reference)])
    if inputs.region_code not in standardised.index:
        standardised = peers.standardise(shaped)
    distance = peers.distances(standardised, inputs.region_code)
    if inputs.expert_peers:
        unknown = [code for code in inputs.expert_peers if code not in table.index]
        if unknown:
            raise UnknownRegion(f"peer regions not in the reference data: {', '.join(unknown)}")
        return list(inputs.expert_peers), distance, peers.expert_reason(inputs.expert_peers)
    k = inputs.rules.peers_k
    chosen = peers.nearest(standardised, inputs.region_code, k, reference)
    names = [s.name.lower() for s in structural]
    return list(chosen.index), distance, peers.automatic_reason(k, names, len(reference))


def _indicator_scores(inputs, values: pd.DataFrame, table: pd.DataFrame, chosen: list[str]):
    region = inputs.region_code
    mine = values[values["region"] == region].set_index("indicator")
    flagged = {CONDITION_DIMENSIONS[c]: label for c, label in inputs.bottlenecks.items() if c in CONDITION_DIMENSIONS}
    scores = []
    for indicator in inputs.catalogue.indicators:
        code = indicator.code
        note = f"Survey bottleneck: {flagged[indicator.dimension]}" if indicator.dimension in flagged else ""
        scores.append(
            IndicatorScore(
                code=code,
                name=indicator.name,
                short=indicator.short,
                dimension=indicator.dimension,
                value=_number(mine["value"].get(code)),
                unit=indicator.unit,
                year=int(mine["year"][code]) if code in mine.index else None,
                normalised=_number(table.at[region, code]),
                peer_median=_number(table.loc[chosen, code].median()) if chosen else None,
                note=note,
            )
        )
    return scores


def _ranked(scores: list[IndicatorScore]) -> list[IndicatorScore]:
    """By dimension, then the clearest gap first."""
    return sorted(scores, key=lambda s: (s.dimension, -abs(s.gap or 0)))


def _relative(inputs: BenchmarkingInputs, table: pd.DataFrame, chosen: list[str]):
    """Score relative to the EU average (already in the table) or to the peer-group average."""
    composite = _number(table.at[inputs.region_code, "composite"])
    if inputs.reference == "peers":
        average = table.loc[chosen, "composite"].mean()
        relative = None if composite is None or not average else composite / average * 100
        return relative, "average of the peer regions = 100"
    return _number(table.at[inputs.region_code, "relative"]), "EU average = 100 (unweighted mean of EU-27 regions)"


def _dimensions(inputs: BenchmarkingInputs, table: pd.DataFrame, chosen: list[str]) -> list[DimensionScore]:
    by_dimension: dict[str, list[str]] = {}
    for indicator in inputs.catalogue.indicators:
        by_dimension.setdefault(indicator.dimension, []).append(indicator.code)
    scores = []
    for dimension, codes in by_dimension.items():
        means = table[codes].mean(axis=1)
        scores.append(
            DimensionScore(
                dimension=dimension,
                region=_number(means.get(inputs.region_code)),
                peer_median=_number(means.loc[chosen].median()) if chosen else None,
                indicators=len(codes),
            )
        )
    return scores


def _peer(inputs: BenchmarkingInputs, table: pd.DataFrame, code: str, distance: float | None) -> PeerRegion:
    country = inputs.country_names.get(code[:2], code[:2])
    return PeerRegion(
        code=code,
        name=inputs.region_names.get(code, f"{country} ({code})"),
        distance=_number(distance),
        composite=_number(table.at[code, "composite"]),
        group=str(table.at[code, "group"]),
    )


def _group_counts(table: pd.DataFrame) -> list[GroupCount]:
    counts = table["group"].value_counts()
    return [GroupCount(group=g, regions=int(counts.get(g, 0))) for g in GROUP_ORDER]
