"""Builds the final policy briefing (stage 5): recommendations with evidence, the Do's and Don'ts check, the summary."""

from __future__ import annotations

from advisory.domain.charts import Chart, ratings_chart
from advisory.domain.principles import PRINCIPLES, verdict
from advisory.domain.sources import Source, SourcedFigure
from advisory.domain.text import Msg, Quote, _, english, ngettext
from advisory.domain.toolkit import design_verdicts
from advisory.stages.briefing.edits import apply_edits
from advisory.stages.briefing.models import (
    BriefingInputs,
    ExecutiveSummary,
    PolicyBriefing,
    PrincipleCheck,
    PrincipleNote,
    Recommendation,
)
from advisory.stages.briefing.recommendations import candidates

# One A4 page at 10 pt in the house style holds about 3,500 characters of running text; the
# budget leaves room for the heading and bullet spacing, so the summary never runs over a page.
SUMMARY_BUDGET = 2000
MAX_POINTS = 6
MAX_POINT_CHARS = 220


def build_policy_briefing(inputs: BriefingInputs) -> PolicyBriefing:
    kept, dropped, unmatched = apply_edits(candidates(inputs), inputs.edits)
    recommendations = [_checked(r) for r in kept]
    cited = {p.id: p for r in recommendations for p in r.good_practices}
    return PolicyBriefing(
        region_code=inputs.region.code,
        summary=executive_summary(inputs, recommendations),
        recommendations=recommendations,
        dropped=dropped,
        unmatched_edits=unmatched,
        principles=principle_checks(recommendations),
        good_practices=list(cited.values()),
        possible_partners=inputs.partners,
        bottleneck_chart=_bottleneck_chart(inputs),
        sources=briefing_sources(inputs),
    )


def _checked(recommendation: Recommendation) -> Recommendation:
    """The Do's and Don'ts by the design of the recommended instrument (its attributes in the toolkit), and the
    wording the reader will see only where it turns to a Don't, so an expert's edit is checked too."""
    text = f"{english(recommendation.title)}. {english(recommendation.text)}"
    design = design_verdicts(recommendation.instrument) if recommendation.instrument else {}
    notes = [
        PrincipleNote(number=p.number, do=p.do, verdict=verdict(p, text, recommendation.theme, design.get(p.number)))
        for p in PRINCIPLES
    ]
    return recommendation.model_copy(update={"principles": notes})


STATUS_LABELS: dict[str, Msg] = {
    "respected": _("respected"),
    "at risk": _("at risk"),
    "not addressed": _("not addressed"),
}


def principle_checks(recommendations: list[Recommendation]) -> list[PrincipleCheck]:
    checks = []
    for principle in PRINCIPLES:
        notes = {r.id: next(n for n in r.principles if n.number == principle.number) for r in recommendations}
        supported = [r.title for r in recommendations if notes[r.id].verdict == "supports"]
        at_risk = [r.title for r in recommendations if notes[r.id].verdict == "at risk"]
        status = "at risk" if at_risk else "respected" if supported else "not addressed"
        checks.append(
            PrincipleCheck(
                number=principle.number,
                do=principle.do,
                dont=principle.dont,
                supported_by=supported,
                at_risk_in=at_risk,
                status=status,
                status_label=STATUS_LABELS[status],
            )
        )
    return checks


def executive_summary(inputs: BriefingInputs, recommendations: list[Recommendation]) -> ExecutiveSummary:
    lead = ngettext(
        "{region} asked the observatory for help with one challenge: “{challenge}” This briefing makes {n} "
        "recommendation, tied to the evidence of the earlier stages.",
        "{region} asked the observatory for help with one challenge: “{challenge}” This briefing makes {n} "
        "recommendations, each tied to the evidence of the earlier stages.",
        len(recommendations),
        region=inputs.region.name,
        challenge=Quote(text=_clip(inputs.region.challenge, 320)),
    )
    points = [r.title for r in recommendations[:MAX_POINTS]]
    return ExecutiveSummary(lead=lead, points=points, figures=_headline_figures(inputs))


def _headline_figures(inputs: BriefingInputs) -> list[SourcedFigure]:
    survey, bench = inputs.survey, inputs.benchmarking
    figures = [
        SourcedFigure(
            label=_("Survey responses"),
            value=survey.responses,
            unit=_("of {invited} invited", invited=survey.invited),
            source="survey_report",
            digits=0,
        ),
        SourcedFigure(
            label=_("Innovation score relative to the EU (group: {group})", group=bench.group_name or bench.group),
            value=bench.relative_score,
            unit=_("EU = 100"),
            source="benchmarking_report",
        ),
        SourcedFigure(
            label=_("Peer reviews received"),
            value=inputs.peer_review.reviews_received,
            source="peer_review_report",
            digits=0,
        ),
    ]
    if survey.bottlenecks:
        top = survey.bottlenecks[0]
        figures.append(
            SourcedFigure(
                label=_("Largest bottleneck: {condition}", condition=top.label),
                value=top.gap,
                unit=_("points of gap"),
                source="survey_report",
            )
        )
    return figures


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def _bottleneck_chart(inputs: BriefingInputs) -> Chart | None:
    bottlenecks = [b for b in inputs.survey.bottlenecks if b.importance is not None]
    if not bottlenecks:
        return None
    return ratings_chart(
        [b.label for b in bottlenecks],
        [b.importance for b in bottlenecks],
        [b.satisfaction for b in bottlenecks],
        inputs.survey.responses,
    )


def briefing_sources(inputs: BriefingInputs) -> list[Source]:
    survey, year = inputs.survey, str(inputs.region.survey.deadline.year)
    return [
        Source(
            key="assessment_report",
            dataset=_("Stage 1: assessment report"),
            detail=_("stress-test answers and EU percentiles of the framework conditions"),
            year=", ".join(sorted({str(i.year) for i in inputs.assessment.indicators})),
            computation=_(
                "mean EU percentile of each condition's Eurostat indicators (weakness below the 40th); stress-test "
                "mismatches"
            ),
        ),
        Source(
            key="survey_report",
            dataset=_("Stage 2: regional survey"),
            year=year,
            detail=_(
                "{responses} responses of {invited} invited organisations",
                responses=survey.responses,
                invited=survey.invited,
            ),
            computation=_(
                "mean importance minus mean satisfaction per framework condition (bottleneck gap); free-text "
                "answers grouped when they say the same"
            ),
        ),
        Source(
            key="benchmarking_report",
            dataset=_("Stage 3: benchmarking report"),
            detail=_("normalised indicators of the region and its peer regions, Regional Innovation Scoreboard method"),
            computation=_("score relative to the EU (= 100); weakest indicators against the peer regions"),
        ),
        Source(
            key="peer_review_report",
            dataset=_("Stage 4: peer review report"),
            detail=_("{n} reviews", n=inputs.peer_review.reviews_received),
            year=inputs.peer_review.meeting_year,
            computation=_("reviewers' advice grouped by theme, each with how many reviewers gave it"),
        ),
        Source(
            key="good_practices",
            dataset=_("The observatory's Cluster Policy Toolkit"),
            detail=_(
                "real instruments and programmes of European regions and the European Commission, each with its source"
            ),
            computation=_(
                "for each recommendation, the instrument that best fits its theme, the region's need for "
                "cross-sectoral or international work and its cluster maturity"
            ),
        ),
        *([_PARTNER_SOURCE] if inputs.partners else []),
        Source(
            key="principles",
            dataset="European Commission (2016), Smart Guide to Cluster Policy",
            detail=_("eight Do's and Don'ts"),
            year="2016",
            computation=_("each recommendation checked against each principle by its instrument and its wording"),
        ),
    ]


_PARTNER_SOURCE = Source(
    key="partner_search",
    dataset=_("The observatory's partner search"),
    detail=_(
        "cluster stars from Eurostat's structural business statistics by NUTS 2 region (sbs_r_nuts06_r2, 2015); "
        "normalised indicators of the benchmarking stage"
    ),
    year="2015",
    computation=_(
        "candidates ranked by their stars in the region's focus industries (counted twice), the stars both hold, "
        "and the domains where one is strong and the other weak"
    ),
)
