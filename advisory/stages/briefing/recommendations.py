"""From the findings of stages 1-4 to recommendations written for the region, each tied to its evidence.

The reasoning, made explicit:
1. A diagnosis per theme (a framework condition, cross-sectoral collaboration, structural change): every finding
   of every stage on that theme, with its value and year: a weakness against the EU (assessment), a policy
   priority that misses it (stress test), a survey bottleneck (importance minus satisfaction), a benchmarking
   weakness, the peer reviewers' advice.
2. The region's own challenge comes first: one recommendation answers it, drawing on its policy themes, the
   survey's most frequent wish (quoted as written) and the peer reviewers' most shared advice.
3. Further recommendations for the themes with the strongest evidence (findings from most stages first), each
   with an action written for the region's focus industries and cluster organisations, who acts, a first step
   and a measure to watch. A theme with fewer than two findings is not recommended on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from advisory.domain.conditions import TOPICS
from advisory.domain.sources import SourcedFigure
from advisory.domain.text import Msg, Quote, Text, _, english
from advisory.domain.toolkit import (
    ACTORS,
    COST_BANDS,
    FIRST_STEPS,
    HORIZONS,
    KPIS,
    TARGET_GROUPS,
    Instrument,
    Need,
    choose,
    related_practices,
)
from advisory.stages.briefing.models import BriefingInputs, Evidence, PlanStep, Recommendation

ASSESSMENT, INTERVIEWS, SURVEY, BENCHMARKING, PEER_REVIEW = (
    _("Assessment report (stress test)"),
    _("Assessment report (stakeholder interviews)"),
    _("Regional survey"),
    _("Benchmarking"),
    _("Peer review"),
)
MIN_GAP = 0.5  # importance minus satisfaction; smaller gaps are noise on a 1-5 scale
LOW_SCORE = 3.5  # a peer-review dimension scored below this (1-5: between "fair" and "good") is a finding
MIN_FINDINGS = 2
MAX_RECOMMENDATIONS = 5

TITLES: dict[str, Msg] = {
    "industrial": _("Link SMEs with larger firms along the region's value chains"),
    "market": _("Open new markets for cluster members together"),
    "cultural": _("Build a culture of co-operation around shared challenges"),
    "knowledge": _("Connect research and skills to groups of firms"),
    "regulatory": _("Align the cluster policy with smart specialisation and simplify its rules"),
    "financial": _("Improve access to finance for joint projects of SMEs"),
    "support": _("Professionalise the cluster organisations' services for SMEs"),
    "cross-sectoral": _("Fund projects across clusters and sectors"),
    "structural change": _("Pilot new activities in emerging industries"),
}
ACTIONS: dict[str, Msg] = {
    "industrial": _(
        "Run a supplier-development programme in {industries}: {organisations} match SMEs with larger firms in joint "
        "projects, co-funded per project, not per firm."
    ),
    "market": _(
        "Let {organisations} take groups of SMEs from {industries} to markets abroad: joint missions, matchmaking "
        "in European value chains and a shared export desk."
    ),
    "cultural": _(
        "Hold recurring open challenge days in which firms from {industries}, universities and authorities work on "
        "one shared problem, with {organisations} as hosts."
    ),
    "knowledge": _(
        "Introduce innovation vouchers that groups of at least three SMEs from {industries} spend with universities "
        "and research centres, brokered by {organisations}."
    ),
    "regulatory": _(
        "Tie the cluster programme to the smart specialisation priorities in {industries}, with one application "
        "and one reporting procedure for joint projects led by {organisations}."
    ),
    "financial": _(
        "Open a co-funding line for joint innovation projects of SMEs from {industries}, with pooled applications "
        "and investor days organised by {organisations}."
    ),
    "support": _(
        "Ask {organisations} to set out a clear service offer for SMEs new to cluster work in {industries} and to "
        "benchmark their management against the European cluster excellence labels."
    ),
    "cross-sectoral": _(
        "Fund cross-cluster projects in which firms from {industries} and other sectors develop new products "
        "together, led jointly by {organisations}."
    ),
    "structural change": _(
        "Fund pilot projects in which members of {organisations} test new activities beyond {industries} together, "
        "with a demand-side partner from the region."
    ),
}
WHO_ACTS: dict[str, Msg] = {
    "regulatory": _("the regional ministry in charge of the cluster programme"),
    "financial": _("the regional ministry with the regional development bank"),
}
DEFAULT_WHO = _("the cluster organisations, funded by the regional cluster programme")
THEME_WORDS = {  # how reviewers, indicator names and policy themes name a theme
    "cross": "cross-sectoral",
    "other sector": "cross-sectoral",
    "emerging": "structural change",
    "diversif": "structural change",
    "international": "market",
    "export": "market",
    "value chain": "market",
    "partner": "market",
    "financ": "financial",
    "fund": "financial",
    "business r&d": "financial",
    "universit": "knowledge",
    "research": "knowledge",
    "skill": "knowledge",
    "tertiary": "knowledge",
    "r&d": "knowledge",
    "science": "knowledge",
    "knowledge-intensive": "market",
    "manufactur": "industrial",
    "industr": "industrial",
    "governance": "regulatory",
    "polic": "regulatory",
    "strategic": "regulatory",
    "smart specialisation": "regulatory",
    "sme": "support",
    "cluster management": "support",
    "service": "support",
    "entrepreneur": "cultural",
    "co-operation": "cultural",
    "trust": "cultural",
}


def theme_of(words: str) -> str | None:
    """The theme some words speak to; None when they name none (such a finding supports no recommendation)."""
    lowered = words.lower()
    return next((theme for word, theme in THEME_WORDS.items() if word in lowered), None)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "theme"


def diagnosis(inputs: BriefingInputs) -> dict[str, list[Evidence]]:
    """Every finding of stages 1-4, by the theme it speaks to."""
    found: dict[str, list[Evidence]] = {theme: [] for theme in TOPICS}
    for theme, evidence in (
        *_assessment_findings(inputs),
        *_interview_findings(inputs),
        *_survey_findings(inputs),
        *_benchmarking_findings(inputs),
        *_peer_review_findings(inputs),
    ):
        if theme is not None:
            found.setdefault(theme, []).append(evidence)
    return found


def _assessment_findings(inputs: BriefingInputs) -> Iterable[tuple[str, Evidence]]:
    for score in inputs.assessment.conditions:
        if score.verdict == "weakness":
            yield (
                score.condition,
                Evidence(
                    stage=ASSESSMENT,
                    figure=SourcedFigure(
                        label=_("{condition}: position among EU regions", condition=score.label),
                        value=score.percentile,
                        unit=_("EU percentile"),
                        year=_years(inputs, score.indicators),
                        source="assessment_report",
                        digits=0,
                    ),
                ),
            )
    answers = inputs.assessment.stress_test
    for theme, answer in (("cross-sectoral", answers.cross_sectoral), ("structural change", answers.structural_change)):
        if answer <= 1:
            yield (
                theme,
                Evidence(
                    stage=ASSESSMENT,
                    figure=SourcedFigure(
                        label=_("Policy priority given to {topic} in the stress test", topic=TOPICS[theme]),
                        value=answer,
                        unit=_("of 3"),
                        year=str(inputs.assessment.year or ""),
                        source="assessment_report",
                        digits=0,
                    ),
                ),
            )


def _interview_findings(inputs: BriefingInputs) -> Iterable[tuple[str | None, Evidence]]:
    """The expert's findings from stakeholder interviews, on the theme the expert gave them."""
    for finding in inputs.assessment.findings:
        theme = finding.theme.replace("_", "-") if finding.theme.replace("_", "-") in TOPICS else None
        yield (
            theme or theme_of(f"{finding.theme} {finding.title}"),
            Evidence(
                stage=INTERVIEWS,
                figure=SourcedFigure(
                    label=_("Expert finding: “{title}”", title=Quote(text=finding.title)),
                    value=len(finding.interviewees) or None,
                    unit=_("interviewees"),
                    year=str(inputs.assessment.year or ""),
                    source="assessment_report",
                    digits=0,
                ),
            ),
        )


def _dimension_theme(inputs: BriefingInputs, dimension: str) -> str | None:
    """The theme a peer-review dimension speaks to: relevance to the challenge is the challenge's own theme."""
    if dimension.startswith("Relevance"):
        return challenge_theme(inputs)
    if dimension.startswith("Governance"):
        return "regulatory"
    return theme_of(dimension)


def stages_of(evidence: Iterable[Evidence]) -> set[str]:
    """The stages some evidence comes from (the stress test and the interviews are both stage 1)."""
    return {e.figure.source for e in evidence}


def _years(inputs: BriefingInputs, codes: list[str]) -> str:
    years = sorted({i.year for i in inputs.assessment.indicators if i.code in codes})
    return "" if not years else str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"


def _survey_findings(inputs: BriefingInputs) -> Iterable[tuple[str | None, Evidence]]:
    year = str(inputs.region.survey.deadline.year)
    for b in [*inputs.survey.bottlenecks, *inputs.survey.further_gaps]:
        if b.gap >= MIN_GAP:
            condition = b.condition.replace("_", "-")
            theme = condition if condition in TOPICS else theme_of(english(b.label))
            yield (
                theme,
                Evidence(
                    stage=SURVEY,
                    figure=SourcedFigure(
                        label=_(
                            "{condition}: importance minus satisfaction ({n} respondents)", condition=b.label, n=b.n
                        ),
                        value=b.gap,
                        unit=_("points on a 1-5 scale"),
                        year=year,
                        source="survey_report",
                        digits=2,
                    ),
                ),
            )


def _benchmarking_findings(inputs: BriefingInputs) -> Iterable[tuple[str | None, Evidence]]:
    for weak in inputs.benchmarking.weaknesses[:4]:
        yield (
            theme_of(f"{english(weak.name)} {english(weak.dimension)}"),
            Evidence(
                stage=BENCHMARKING,
                figure=SourcedFigure(
                    label=_("{indicator}, a weakness against the peer regions", indicator=weak.name),
                    value=weak.value,
                    unit=weak.unit,
                    year=str(weak.year or ""),
                    source="benchmarking_report",
                ),
            ),
        )


def _peer_review_findings(inputs: BriefingInputs) -> Iterable[tuple[str | None, Evidence]]:
    received = inputs.peer_review.reviews_received
    for score in inputs.peer_review.dimension_scores:
        if score.mean is not None and score.mean < LOW_SCORE:
            yield (
                _dimension_theme(inputs, english(score.dimension)),
                Evidence(
                    stage=PEER_REVIEW,
                    figure=SourcedFigure(
                        label=_(
                            "Peer reviewers' score for {dimension} ({n} reviewers)",
                            dimension=score.dimension,
                            n=score.n,
                        ),
                        value=score.mean,
                        unit=_("of 5"),
                        year=inputs.peer_review.meeting_year,
                        source="peer_review_report",
                        digits=1,
                    ),
                ),
            )
    for group in inputs.peer_review.recommendations:
        for advice in group.advice:
            yield (
                theme_of(f"{english(group.theme)} {advice.text.text}"),
                Evidence(
                    stage=PEER_REVIEW,
                    figure=SourcedFigure(
                        label=_("Reviewers advising: “{advice}”", advice=advice.text),
                        value=len(advice.reviewers),
                        unit=_("of {total} reviewers", total=received),
                        year=inputs.peer_review.meeting_year,
                        source="peer_review_report",
                        digits=0,
                    ),
                ),
            )


def candidates(inputs: BriefingInputs) -> list[Recommendation]:
    """The challenge first, then the themes with findings from the most stages, each with the toolkit's instrument
    that fits it best (no instrument twice); counts always equal the list."""
    found = diagnosis(inputs)
    need = region_need(inputs, found)
    used: list[str] = []
    challenge = challenge_recommendation(inputs, found, need, used)
    ranked = sorted(
        (theme for theme, evidence in found.items() if len(evidence) >= MIN_FINDINGS and theme != challenge.theme),
        key=lambda theme: (
            -len(stages_of(found[theme])),
            -len(found[theme]),
            list(TOPICS).index(theme),
        ),
    )
    return [challenge] + [theme_recommendation(inputs, theme, found[theme], need, used) for theme in ranked][
        : MAX_RECOMMENDATIONS - 1
    ]


def region_need(inputs: BriefingInputs, found: dict[str, list[Evidence]]) -> Need:
    """What the diagnosis asks of instruments besides their theme: cross-sectoral work (the challenge or findings
    call for it), an international reach (market findings or an international challenge), the cluster maturity
    (three-star sectors of the cluster map) and the country (a practice from elsewhere is preferred)."""
    challenge = challenge_theme(inputs)
    wording = " ".join([*inputs.region.policy_themes, inputs.region.challenge]).lower()
    stars = inputs.assessment.cluster_map.starred if inputs.assessment.cluster_map else []
    three = sum(1 for row in stars if row.stars == 3)
    return Need(
        cross_sectoral=challenge == "cross-sectoral" or len(found.get("cross-sectoral", [])) >= MIN_FINDINGS,
        international=challenge == "market" or "international" in wording or len(found.get("market", [])) >= 2,
        maturity="mature" if three >= 3 else "developing" if stars else "emerging",
        country=inputs.region.country,
    )


def challenge_theme(inputs: BriefingInputs) -> str:
    """The theme the region's own challenge and policy themes speak to."""
    words = " ".join([*inputs.region.policy_themes, inputs.region.challenge])
    return theme_of(words) or "support"


def challenge_recommendation(
    inputs: BriefingInputs, found: dict[str, list[Evidence]], need: Need, used: list[str]
) -> Recommendation:
    theme = challenge_theme(inputs)
    wish = _top_wish(inputs)
    evidence = list(found.get(theme, []))
    if wish is not None:
        evidence.append(
            Evidence(
                stage=SURVEY,
                figure=SourcedFigure(
                    label=_("Respondents who wrote “{wish}”", wish=Quote(text=wish[0])),
                    value=wish[1],
                    unit=_("of {total} respondents", total=inputs.survey.responses),
                    year=str(inputs.region.survey.deadline.year),
                    source="survey_report",
                    digits=0,
                ),
            )
        )
    stages = stages_of(evidence)
    if len(stages) < 2:  # add the first finding of another stage, so the advice rests on two
        evidence += [e for other in found.values() for e in other if e.figure.source not in stages][:1]
    challenge = Quote(text=inputs.region.challenge.split(":")[0].strip())
    instrument = _instrument(inputs, theme, need, used)
    text = _(
        "{region} asked for help with one challenge: “{challenge}”. {action} {wish} {instrument}",
        region=inputs.region.name,
        challenge=challenge,
        action=_action(inputs, theme),
        wish=_(
            "Respondents to the survey asked for exactly this: “{wish}” ({n} of {total}).",
            wish=Quote(text=wish[0]),
            n=wish[1],
            total=inputs.survey.responses,
        )
        if wish
        else "",
        instrument=_instrument_sentence(inputs, instrument),
    )
    title = _("Answer the region's challenge: {challenge}", challenge=challenge)
    return _recommendation(inputs, "challenge", theme, title, text, evidence, instrument)


def _top_wish(inputs: BriefingInputs) -> tuple[str, int] | None:
    """The free-text answer most respondents wrote, if at least two wrote it."""
    themes = [t for group in inputs.survey.free_text for t in group.themes if t.count >= 2]
    best = max(themes, key=lambda t: t.count, default=None)
    return (best.quote.text, best.count) if best else None


def theme_recommendation(
    inputs: BriefingInputs, theme: str, evidence: list[Evidence], need: Need, used: list[str]
) -> Recommendation:
    instrument = _instrument(inputs, theme, need, used)
    text = _(
        "{action} {instrument}",
        action=_action(inputs, theme),
        instrument=_instrument_sentence(inputs, instrument),
    )
    title = _("{aim}: {instrument}", aim=TITLES[theme], instrument=instrument.name) if instrument else TITLES[theme]
    return _recommendation(inputs, f"theme:{slug(theme)}", theme, title, text, evidence, instrument)


def _instrument(inputs: BriefingInputs, theme: str, need: Need, used: list[str]) -> Instrument | None:
    chosen = choose(inputs.toolkit, theme, need, used)
    if chosen is not None:
        used.append(chosen.id)
    return chosen


def _instrument_sentence(inputs: BriefingInputs, instrument: Instrument | None) -> Msg | str:
    if instrument is None:
        return ""
    return _(
        "{organisations} can start from {instrument}, as run in {places} ({years}).",
        organisations=_organisations(inputs),
        instrument=instrument.name,
        places=instrument.places,
        years=instrument.year,
    )


def _organisations(inputs: BriefingInputs) -> list[Text]:
    return [o.name for o in inputs.region.cluster_organisations] or [_("the region's cluster organisations")]


def _action(inputs: BriefingInputs, theme: str) -> Msg:
    return ACTIONS[theme].model_copy(
        update={"values": {"industries": list(inputs.region.focus_industries), "organisations": _organisations(inputs)}}
    )


def plan(inputs: BriefingInputs, theme: str, evidence: list[Evidence], instrument: Instrument | None) -> list[PlanStep]:
    """Who acts, the first step, the measure to watch with its baseline, the horizon and the cost: from the
    instrument's attributes, in the region's names."""
    organisations = _organisations(inputs)
    values = {
        "instrument": instrument.name if instrument else TOPICS[theme],
        "industries": list(inputs.region.focus_industries),
        "organisations": organisations,
    }
    baseline = next((e.figure for e in evidence if e.figure.value is not None), None)
    measure: Text = KPIS[instrument.kpi] if instrument else _("the findings above")
    if baseline is not None:
        measure = _(
            "{measure}; baseline: {figure}, {value:.{digits}f} {unit} ({year})",
            measure=measure,
            figure=baseline.label,
            value=baseline.value,
            digits=baseline.digits,
            unit=baseline.unit,
            year=baseline.year or _("latest year"),
        )
    if instrument is None:
        return [
            PlanStep(aspect=_("Who acts"), text=WHO_ACTS.get(theme, DEFAULT_WHO)),
            PlanStep(aspect=_("Measure to watch"), text=measure),
        ]
    actors = [ACTORS[a] for a in instrument.actors if a != "cluster_organisations"]
    return [
        PlanStep(
            aspect=_("Who acts"),
            text=_("{organisations} with {actors}", organisations=organisations, actors=actors)
            if actors
            else _("{organisations}", organisations=organisations),
        ),
        PlanStep(aspect=_("First step"), text=FIRST_STEPS[instrument.first_step].model_copy(update={"values": values})),
        PlanStep(aspect=_("Measure to watch"), text=measure),
        PlanStep(aspect=_("Horizon"), text=HORIZONS[instrument.horizon]),
        PlanStep(aspect=_("Cost"), text=COST_BANDS[instrument.cost_band]),
        PlanStep(aspect=_("Aimed at"), text=TARGET_GROUPS[instrument.target_group]),
    ]


def _recommendation(
    inputs: BriefingInputs,
    id: str,
    theme: str,
    title: Text,
    text: Text,
    evidence: list[Evidence],
    instrument: Instrument | None,
) -> Recommendation:
    practices = [instrument, *related_practices(inputs.toolkit, instrument)] if instrument else []
    return Recommendation(
        id=id,
        theme=theme,
        title=title,
        text=text,
        generated_title=title,
        generated_text=text,
        evidence=evidence,
        instrument=instrument,
        plan=plan(inputs, theme, evidence, instrument),
        good_practices=practices,
    )
