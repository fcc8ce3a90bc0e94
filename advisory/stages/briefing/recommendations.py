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

from advisory.domain.conditions import CONDITIONS
from advisory.domain.sources import SourcedFigure
from advisory.domain.text import Msg, Quote, Text, _, english
from advisory.stages.briefing.models import BriefingInputs, Evidence, Recommendation

ASSESSMENT, SURVEY, BENCHMARKING, PEER_REVIEW = (
    _("Assessment report (stress test)"),
    _("Regional survey"),
    _("Benchmarking"),
    _("Peer review"),
)
MIN_GAP = 0.5  # importance minus satisfaction; smaller gaps are noise on a 1-5 scale
MIN_FINDINGS = 2
MAX_RECOMMENDATIONS = 5

TOPICS: dict[str, Msg] = {
    **CONDITIONS,
    "cross-sectoral": _("Cross-sectoral collaboration"),
    "structural change": _("Structural change into emerging industries"),
}
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
    "regulatory": _("Who acts: the regional ministry in charge of the cluster programme."),
    "financial": _("Who acts: the regional ministry with the regional development bank."),
}
DEFAULT_WHO = _("Who acts: the cluster organisations, funded by the regional cluster programme.")
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
                        source="assessment_report",
                        digits=0,
                    ),
                ),
            )


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
                        source="peer_review_report",
                        digits=0,
                    ),
                ),
            )


def candidates(inputs: BriefingInputs) -> list[Recommendation]:
    """The challenge first, then the themes with findings from the most stages; counts always equal the list."""
    found = diagnosis(inputs)
    challenge = challenge_recommendation(inputs, found)
    ranked = sorted(
        (theme for theme, evidence in found.items() if len(evidence) >= MIN_FINDINGS and theme != challenge.theme),
        key=lambda theme: (
            -len({english(e.stage) for e in found[theme]}),
            -len(found[theme]),
            list(TOPICS).index(theme),
        ),
    )
    return [challenge] + [theme_recommendation(inputs, theme, found[theme]) for theme in ranked][
        : MAX_RECOMMENDATIONS - 1
    ]


def challenge_theme(inputs: BriefingInputs) -> str:
    """The theme the region's own challenge and policy themes speak to."""
    words = " ".join([*inputs.region.policy_themes, inputs.region.challenge])
    return theme_of(words) or "support"


def challenge_recommendation(inputs: BriefingInputs, found: dict[str, list[Evidence]]) -> Recommendation:
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
    stages = {english(e.stage) for e in evidence}
    if len(stages) < 2:  # add the first finding of another stage, so the advice rests on two
        evidence += [e for other in found.values() for e in other if english(e.stage) not in stages][:1]
    challenge = Quote(text=inputs.region.challenge.split(":")[0].strip())
    text = _(
        "{region} asked for help with one challenge: “{challenge}”. {action} {wish} {who}",
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
        who=WHO_ACTS.get(theme, DEFAULT_WHO),
    )
    title = _("Answer the region's challenge: {challenge}", challenge=challenge)
    return _recommendation("challenge", theme, title, text, evidence)


def _top_wish(inputs: BriefingInputs) -> tuple[str, int] | None:
    """The free-text answer most respondents wrote, if at least two wrote it."""
    themes = [t for group in inputs.survey.free_text for t in group.themes if t.count >= 2]
    best = max(themes, key=lambda t: t.count, default=None)
    return (best.quote.text, best.count) if best else None


def theme_recommendation(inputs: BriefingInputs, theme: str, evidence: list[Evidence]) -> Recommendation:
    first = next((e.figure for e in evidence if e.figure.value is not None), evidence[0].figure)
    text = _(
        "{action} Measure to watch: {measure}, today {value:.{digits}f} {unit}. {who}",
        action=_action(inputs, theme),
        measure=first.label,
        value=first.value,
        digits=first.digits,
        unit=first.unit,
        who=WHO_ACTS.get(theme, DEFAULT_WHO),
    )
    return _recommendation(f"theme:{slug(theme)}", theme, TITLES[theme], text, evidence)


def _action(inputs: BriefingInputs, theme: str) -> Msg:
    organisations = [o.name for o in inputs.region.cluster_organisations] or [_("the region's cluster organisations")]
    return ACTIONS[theme].model_copy(
        update={"values": {"industries": list(inputs.region.focus_industries), "organisations": organisations}}
    )


def _recommendation(id: str, theme: str, title: Text, text: Text, evidence: list[Evidence]) -> Recommendation:
    return Recommendation(
        id=id, theme=theme, title=title, text=text, generated_title=title, generated_text=text, evidence=evidence
    )
