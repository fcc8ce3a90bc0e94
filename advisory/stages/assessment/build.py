"""Builds the assessment report (stage 1): the region, EIS country context, Eurostat indicators, the stress test."""

from __future__ import annotations

from advisory.domain.charts import Chart, Series
from advisory.domain.clusters import ClusterMap, SectorStars, method_note, sector_name
from advisory.domain.countries import country_name
from advisory.domain.sources import Source
from advisory.domain.text import _, ngettext
from advisory.stages.assessment.alignment import alignment_chart, condition_scores, mismatches
from advisory.stages.assessment.conditions import INDICATORS
from advisory.stages.assessment.country import EIS_SOURCE_KEY, country_context
from advisory.stages.assessment.models import (
    AssessmentInputs,
    AssessmentResult,
    ClusterSection,
    RegionalIndicator,
    StarRow,
)
from advisory.stages.assessment.regional import percentile_chart, regional_indicator


def build_assessment_report(inputs: AssessmentInputs) -> AssessmentResult:
    indicators = [regional_indicator(observed) for observed in inputs.indicators]
    scores = condition_scores(indicators, inputs.stress_test)
    return AssessmentResult(
        region_code=inputs.region.code,
        challenge=inputs.region.challenge,
        country=country_context(inputs.country) if inputs.country else None,
        indicators=indicators,
        conditions=scores,
        weaknesses=[s.label for s in sorted(scores, key=lambda s: s.percentile or 0) if s.verdict == "weakness"],
        strengths=[s.label for s in scores if s.verdict == "strength"],
        mismatches=mismatches(scores, inputs.stress_test),
        stress_test=inputs.stress_test,
        findings=inputs.findings,
        percentile_chart=percentile_chart(indicators, inputs.region.name),
        alignment_chart=alignment_chart(scores),
        cluster_map=cluster_section(inputs.cluster_map) if inputs.cluster_map else None,
        year=inputs.year,
        sources=assessment_sources(inputs, indicators),
    )


STARRED_SHOWN = 10
CHARTED = 10


def cluster_section(found: ClusterMap) -> ClusterSection:
    """The region's cluster map as the report shows it: the starred divisions (two or three stars; one-star ones
    while fewer than five), the emerging industries, a chart of specialisation and the method."""
    starred = [s for s in found.sectors if s.stars >= 2]
    if len(starred) < 5:
        starred = [s for s in found.sectors if s.stars >= 1]
    counts = found.star_counts()
    gaps = None
    if found.not_published or found.missing_sections:
        gaps = _(
            "Eurostat leaves {divisions} of the divisions empty for this region (confidential); business-economy "
            "sections without a figure, left out of its total: {sections}.",
            divisions=len(found.not_published),
            sections=found.missing_sections or _("none"),
        )
    charted = starred[:CHARTED]
    return ClusterSection(
        year=found.year,
        starred=[_star_row(s) for s in starred[:STARRED_SHOWN]],
        emerging=[_star_row(s) for s in sorted(found.emerging, key=lambda s: (-s.stars, -s.focus))],
        counts=_(
            "Divisions with three stars: {three}; with two: {two}; with one: {one} (of {published} with "
            "published employment).",
            three=counts[3],
            two=counts[2],
            one=counts[1],
            published=len(found.sectors),
        ),
        gaps=gaps,
        chart=Chart(
            kind="barh",
            title=_("Specialisation of the starred sectors (location quotient)"),
            categories=[
                ngettext("{sector}: {n} star", "{sector}: {n} stars", s.stars, sector=sector_name(s.sector))
                for s in charted
            ],
            series=[Series(name=_("Location quotient"), values=[s.specialisation for s in charted])],
            unit=_("location quotient (Europe = 1)"),
            source=_(
                "Eurostat, structural business statistics by NUTS 2 region (sbs_r_nuts06_r2), {year}", year=found.year
            ),
            width_cm=16.0,
        )
        if charted
        else None,
        method=method_note(),
    )


def _star_row(sector: SectorStars) -> StarRow:
    return StarRow(
        sector=sector_name(sector.sector),
        employment=sector.employment,
        size=100 * sector.size,
        specialisation=sector.specialisation,
        focus=100 * sector.focus,
        stars=sector.stars,
    )


def assessment_sources(inputs: AssessmentInputs, indicators: list[RegionalIndicator]) -> list[Source]:
    sources = [
        Source(
            key="region_profile",
            dataset=_("Region profile and concept note"),
            detail=inputs.region.name,
            computation=_("challenge statement, focus industries, policy themes as submitted"),
        )
    ]
    if inputs.country:
        years = sorted(inputs.country.sii)
        sources.append(
            Source(
                key=EIS_SOURCE_KEY,
                dataset=_("European Commission, European Innovation Scoreboard 2023 database"),
                detail=_(
                    "Summary Innovation Index and 12 dimensions, {country} and EU average",
                    country=country_name(inputs.country.country, inputs.country.country_name),
                ),
                year=f"{years[0]}-{years[-1]}",
                computation=_(
                    "index relative to the EU score of the same year; change since the first year; dimensions "
                    "ranked by score"
                ),
            )
        )
    sources += [_indicator_source(i) for i in indicators]
    if inputs.cluster_map is not None:
        sources.append(
            Source(
                key="eurostat:sbs_r_nuts06_r2",
                dataset=_("Eurostat, structural business statistics by NUTS 2 region"),
                detail=_("sbs_r_nuts06_r2: persons employed by NACE Rev. 2 division, business economy"),
                year=str(inputs.cluster_map.year),
                computation=_(
                    "size, specialisation and focus per division; stars after the European Cluster Observatory"
                ),
            )
        )
    sources.append(
        Source(
            key="stress_test",
            dataset=_("European Stress Test for Cluster Policy: policy self-assessment"),
            detail=_(
                "answered by {respondent}, {organisation}",
                respondent=inputs.stress_test.respondent,
                organisation=inputs.stress_test.organisation,
            ),
            year=str(inputs.year or ""),
            computation=_(
                "priorities (0-3) per framework condition set against the mean EU percentile of the condition's "
                "indicators: a weakness below the 40th EU percentile, a strength above the 60th, average in "
                "between; cultural, regulatory and support conditions have no regional indicator"
            ),
        )
    )
    if inputs.findings:
        sources.append(
            Source(
                key="expert_findings",
                dataset=_("Stakeholder interviews by the observatory's experts"),
                detail=ngettext("{n} finding", "{n} findings", len(inputs.findings)),
                year=str(inputs.year or ""),
                computation=_("as written by the expert"),
            )
        )
    return sources


def _indicator_source(indicator: RegionalIndicator) -> Source:
    columns = next(d.columns for d in INDICATORS if d.code == indicator.code)
    tables = sorted({column.split("_SECTPERF")[0].split("_CATEGORY")[0].split("_SEX")[0] for column in columns})
    return Source(
        key=indicator.source,
        dataset=_("Eurostat regional statistics (NUTS 2) via Honti et al. (2020), Data in Brief 33:106464"),
        detail=_("{indicator} (Eurostat tables {tables})", indicator=indicator.name, tables=", ".join(tables)),
        year=str(indicator.year),
        computation=_(
            "latest year with data for the region; percentile among {regions} EU NUTS 2 regions of the same year; "
            "medians of the country's and the EU's regions",
            regions=indicator.regions_compared,
        ),
    )
