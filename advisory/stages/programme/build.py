"""The programme report, built from the regions' approved documents: a pure function of `ProgrammeInputs`.

Side by side (position, group, trend, top gaps, stress-test mismatches, survey bottlenecks, peer-review
findings), what recurs across regions and what is particular to one, the transfers between regions
(transfers.py), the Do's and Don'ts across the briefings, and the agenda these suggest for the next
meeting of the European Cluster Policy Forum. Every statement names the region and the document it
rests on; the approved versions are listed at the end.
"""

from __future__ import annotations

from collections import defaultdict

from advisory.domain.charts import Chart, Series
from advisory.domain.conditions import TOPICS
from advisory.domain.countries import country_name
from advisory.domain.principles import PRINCIPLES
from advisory.domain.sources import Source
from advisory.domain.stages import STAGES
from advisory.domain.text import Msg, Text, _, ngettext
from advisory.stages.programme.models import (
    AgendaItem,
    MatrixRow,
    PrincipleAcross,
    ProgrammeInputs,
    ProgrammeReport,
    Recurrence,
    Reference,
    RegionDossier,
    RegionRow,
    Transfer,
)
from advisory.stages.programme.transfers import WEAK_BELOW, evidence, felt_bottlenecks, standings, transfers

TOP = 3


def build_programme_report(inputs: ProgrammeInputs) -> ProgrammeReport:
    regions = sorted(inputs.regions, key=lambda r: r.profile.name)
    weak = weak_spots(regions)
    recurring = [r for r in weak if len(r.regions) >= 2]
    particular = [r for r in weak if len(r.regions) == 1]
    pairs = transfers(regions, TOPICS)
    principles = principles_across(regions)
    return ProgrammeReport(
        as_of=inputs.as_of,
        summary=summary(regions, recurring, pairs),
        regions=[side_by_side(region) for region in regions],
        not_started=inputs.not_started,
        recurring=recurring,
        particular=particular,
        transfers=pairs,
        matrix=matrix(regions, pairs),
        principles=principles,
        agenda=agenda(recurring, pairs, principles),
        references=references(regions),
        conditions_chart=conditions_chart(regions),
        sources=sources(regions),
    )


def side_by_side(region: RegionDossier) -> RegionRow:
    bench, survey, review = region.benchmarking, region.survey, region.peer_review
    return RegionRow(
        name=region.profile.name,
        country=country_name(region.profile.country, region.profile.country_name),
        stages=_("{approved} of {total} stages", approved=len(_approved_stages(region)), total=len(STAGES)),
        group=(bench.group_name if bench and bench.group_name else _("not yet benchmarked")),
        relative_score=bench.relative_score if bench else None,
        trend=bench.trend if bench else None,
        top_gaps=[
            _("{indicator} ({year})", indicator=gap.name, year=gap.year or _("latest year"))
            for gap in (bench.weaknesses_vs_eu[:TOP] if bench else [])
        ],
        mismatches=[m.text for m in region.assessment.mismatches[:2]],
        bottlenecks=[
            _("{condition}: gap {gap:.1f} (n = {n})", condition=b.label, gap=b.gap, n=b.n)
            for b in (survey.bottlenecks[:TOP] if survey else [])
        ],
        peer_findings=[
            _("“{advice}” ({count} of {of} reviewers)", advice=w.text, count=len(w.reviewers), of=w.of)
            for w in (review.weaknesses[:2] if review else [])
        ],
    )


def weak_spots(regions: list[RegionDossier]) -> list[Recurrence]:
    """Per topic, the regions where it is weak: measured (below the 40th EU percentile), felt (a survey
    bottleneck) or self-assessed (0 or 1 of 3); most widespread first."""
    found: dict[str, list[tuple[str, Text]]] = defaultdict(list)
    for region in regions:
        felt = {b.condition for b in felt_bottlenecks(region)}
        for topic, standing in standings(region, TOPICS).items():
            measured_weak = standing.percentile is not None and standing.percentile < WEAK_BELOW
            rated_weak = standing.rating is not None and standing.rating <= 1
            if measured_weak or rated_weak or topic in felt:
                found[topic].append((region.profile.name, evidence(standing)))
    spots = [
        Recurrence(
            condition=topic,
            label=TOPICS[topic],
            regions=[name for name, _e in entries],
            evidence=[e for _n, e in entries],
        )
        for topic, entries in found.items()
    ]
    return sorted(spots, key=lambda s: (-len(s.regions), list(TOPICS).index(s.condition)))


def matrix(regions: list[RegionDossier], pairs: list[Transfer]) -> list[MatrixRow]:
    """The transfer matrix read by region: whom each region can learn from, and whom it can show, on what."""
    return [
        MatrixRow(
            region=region.profile.name,
            learns_from=[
                _("{region} ({topic})", region=p.provider, topic=p.label)
                for p in pairs
                if p.receiver_code == region.profile.code
            ],
            shows=[
                _("{region} ({topic})", region=p.receiver, topic=p.label)
                for p in pairs
                if p.provider_code == region.profile.code
            ],
        )
        for region in regions
    ]


def principles_across(regions: list[RegionDossier]) -> list[PrincipleAcross]:
    by_number: dict[int, dict[str, list[str]]] = {p.number: defaultdict(list) for p in PRINCIPLES}
    for region in regions:
        for check in region.briefing.principles if region.briefing else []:
            by_number.setdefault(check.number, defaultdict(list))[check.status].append(region.profile.name)
    return [
        PrincipleAcross(
            number=principle.number,
            do=principle.do,
            respected_in=by_number[principle.number]["respected"],
            at_risk_in=by_number[principle.number]["at risk"],
            not_addressed_in=by_number[principle.number]["not addressed"],
        )
        for principle in PRINCIPLES
    ]


def agenda(recurring: list[Recurrence], pairs: list[Transfer], principles: list[PrincipleAcross]) -> list[AgendaItem]:
    """What the next Policy Forum meeting should take up: the shared weaknesses with the regions that can show a
    way, the Do's and Don'ts at risk, and the strongest transfers as study visits."""
    items: list[AgendaItem] = []
    for spot in recurring[:2]:
        providers = sorted({p.provider for p in pairs if p.condition == spot.condition})
        why = ngettext(
            "Weak in {count} region ({regions}).",
            "Weak in {count} regions ({regions}).",
            len(spot.regions),
            count=len(spot.regions),
            regions=spot.regions,
        )
        if providers:
            why = _("{weak} {providers} can present what works there.", weak=why, providers=providers)
        items.append(AgendaItem(title=_("Mutual-learning session: {topic}", topic=spot.label), why=why))
    for principle in principles:
        if principle.at_risk_in:
            items.append(
                AgendaItem(
                    title=_("The Do's and Don'ts: {principle}", principle=principle.do),
                    why=_("At risk in the briefings of {regions}.", regions=principle.at_risk_in),
                )
            )
    for pair in sorted(pairs, key=lambda p: -p.score)[:2]:
        items.append(
            AgendaItem(
                title=_(
                    "Study visit: {receiver} to {provider} on {topic}",
                    receiver=pair.receiver,
                    provider=pair.provider,
                    topic=pair.label,
                ),
                why=pair.statement,
            )
        )
    return items


def summary(regions: list[RegionDossier], recurring: list[Recurrence], pairs: list[Transfer]) -> list[Msg]:
    complete = sum(1 for region in regions if len(_approved_stages(region)) == len(STAGES))
    points = [
        _(
            "{count} regions compared; {complete} of them with every stage approved.",
            count=len(regions),
            complete=complete,
        )
    ]
    if recurring:
        top = recurring[0]
        points.append(
            _(
                "The most widespread weakness is {topic}: {count} of {total} regions ({regions}).",
                topic=top.label,
                count=len(top.regions),
                total=len(regions),
                regions=top.regions,
            )
        )
    points.append(
        ngettext(
            "{count} transfer between regions is proposed: one region's practice answering another's weakness.",
            "{count} transfers between regions are proposed: one region's practice answering another's weakness.",
            len(pairs),
            count=len(pairs),
        )
    )
    return points


def references(regions: list[RegionDossier]) -> list[Reference]:
    return [
        Reference(region=region.profile.name, **reference.model_dump())
        for region in regions
        for reference in region.documents.values()
    ]


def conditions_chart(regions: list[RegionDossier]) -> Chart | None:
    measured = [c for c in TOPICS if any(_percentile(r, c) is not None for r in regions)]
    if not measured:
        return None
    years = [i.year for r in regions for i in r.assessment.indicators]
    return Chart(
        kind="barh",
        title=_("Framework conditions by region: mean EU percentile of the indicators"),
        categories=[TOPICS[c] for c in measured],
        series=[Series(name=r.profile.name, values=[_percentile(r, c) for c in measured]) for r in regions],
        unit=_("EU percentile (0-100)"),
        source=_("Eurostat regional indicators, {first}-{last}; assessment reports", first=min(years), last=max(years))
        if years
        else "",
        value_range=(0.0, 100.0),
        width_cm=16.0,
    )


def _percentile(region: RegionDossier, condition: str) -> float | None:
    return next((c.percentile for c in region.assessment.conditions if c.condition == condition), None)


def _approved_stages(region: RegionDossier) -> set[str]:
    return {stage.key for stage in STAGES if all(d in region.documents for d in stage.documents)}


def sources(regions: list[RegionDossier]) -> list[Source]:
    """The regions' approved documents, with the years of the statistics and of the approvals they hold."""
    years = sorted({i.year for r in regions for i in r.assessment.indicators})
    approved = sorted({ref.approved.year for r in regions for ref in r.documents.values()})
    statistics = f"{years[0]}-{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "")
    approvals = f"{approved[0]}-{approved[-1]}" if len(approved) > 1 else (str(approved[0]) if approved else "")
    return [
        source.model_copy(update={"year": statistics if source.key == "programme:assessment" else approvals})
        for source in SOURCES
    ]


SOURCES = [
    Source(
        key="programme:assessment",
        dataset=_("Assessment reports of the regions (approved versions)"),
        detail=_("Framework conditions: mean EU percentile of Eurostat regional indicators; policy self-assessment"),
        computation=_("Weak below the 40th EU percentile, strong from the 60th"),
    ),
    Source(
        key="programme:survey",
        dataset=_("Regional survey reports (approved versions)"),
        detail=_("Bottlenecks: importance minus satisfaction on a 1-5 scale, with the number of respondents"),
    ),
    Source(
        key="programme:benchmarking",
        dataset=_("Benchmarking reports (approved versions)"),
        detail=_("Regional Innovation Scoreboard method: score relative to the EU, group, trend, gaps to the EU"),
    ),
    Source(
        key="programme:peer_review",
        dataset=_("Peer review reports (approved versions)"),
        detail=_("Weaknesses named by the peer reviewers, with how many of them named each"),
    ),
    Source(
        key="programme:briefing",
        dataset=_("Final policy briefings (approved versions)"),
        detail=_("Recommendations checked against the eight Do's and Don'ts of modern cluster policy"),
    ),
]
