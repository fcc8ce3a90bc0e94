"""Builds the assessment report (stage 1): the region, EIS country context, Eurostat indicators, the stress test."""

from __future__ import annotations

from advisory.domain.sources import Source
from advisory.stages.assessment.alignment import alignment_chart, condition_scores, mismatches
from advisory.stages.assessment.conditions import INDICATORS, UNMEASURED
from advisory.stages.assessment.country import EIS_SOURCE_KEY, country_context
from advisory.stages.assessment.models import AssessmentInputs, AssessmentResult, RegionalIndicator
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
        sources=assessment_sources(inputs, indicators),
    )


def assessment_sources(inputs: AssessmentInputs, indicators: list[RegionalIndicator]) -> list[Source]:
    sources = [
        Source(
            key="region_profile",
            dataset="Region profile and concept note",
            detail=inputs.region.code,
            computation="challenge statement, focus industries, policy themes as submitted",
        )
    ]
    if inputs.country:
        years = sorted(inputs.country.sii)
        sources.append(
            Source(
                key=EIS_SOURCE_KEY,
                dataset="European Commission, European Innovation Scoreboard 2023 database",
                detail=f"Summary Innovation Index and 12 dimensions, {inputs.country.country_name} and EU average",
                year=f"{years[0]}-{years[-1]}",
                computation="index relative to the EU score of the same year; change since the first year; "
                "dimensions ranked by score",
            )
        )
    sources += [_indicator_source(i) for i in indicators]
    sources.append(
        Source(
            key="stress_test",
            dataset="European Stress Test for Cluster Policy: policy self-assessment",
            detail=f"answered by {inputs.stress_test.respondent} {inputs.stress_test.organisation}".strip(),
            computation="priorities (0-3) per framework condition set against the mean EU percentile of the "
            "condition's indicators: a weakness below the 40th EU percentile, a strength above the 60th, average "
            f"in between; {', '.join(UNMEASURED)} conditions have no regional indicator",
        )
    )
    if inputs.findings:
        sources.append(
            Source(
                key="expert_findings",
                dataset="Stakeholder interviews by the observatory's experts",
                detail=f"{len(inputs.findings)} findings",
                computation="as written by the expert",
            )
        )
    return sources


def _indicator_source(indicator: RegionalIndicator) -> Source:
    columns = next(d.columns for d in INDICATORS if d.code == indicator.code)
    return Source(
        key=indicator.source,
        dataset="Eurostat regional statistics (NUTS-2) via Honti et al. (2020), Data in Brief 33:106464",
        detail=f"{indicator.name.english()}: {' + '.join(columns)}",
        year=str(indicator.year),
        computation=f"latest year with data for the region; percentile among {indicator.regions_compared} EU "
        "NUTS-2 regions of the same year; medians of the country's and the EU's regions",
    )
