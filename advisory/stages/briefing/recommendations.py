"""Rules that turn the typed results of stages 1-4 into candidate recommendations, each tied to its evidence."""

from __future__ import annotations

import re

from advisory.domain.sources import SourcedFigure
from advisory.stages.briefing.models import BriefingInputs, Evidence, Recommendation

SURVEY, BENCHMARKING, ASSESSMENT, PEER_REVIEW = (
    "Regional survey",
    "Benchmarking",
    "Assessment report (stress test)",
    "Peer review",
)
MIN_GAP = 0.5  # importance minus satisfaction; smaller gaps are noise on a 1-5 scale
MAX_SURVEY, MAX_BENCHMARKING = 3, 2

ACTIONS = {
    "industrial": "Use the cluster organisations to connect SMEs with larger firms of related industries in joint "
    "projects that build on existing industrial strengths.",
    "market": "Open access to new markets through the clusters: joint export missions and matchmaking along "
    "European value chains for member SMEs.",
    "cultural": "Strengthen the culture of co-operation: cluster events that bring SMEs, universities and "
    "authorities together around shared challenges.",
    "knowledge": "Link the universities and research centres to cluster members through vouchers, shared "
    "facilities and joint projects with groups of firms.",
    "regulatory": "Align the cluster policy with the smart specialisation strategy and simplify the rules for "
    "joint projects of cluster members.",
    "financial": "Improve SMEs' access to finance through the clusters: pooled applications, investor events "
    "and co-funding of joint innovation projects.",
    "support": "Professionalise the cluster organisations' services for SMEs, with a clear offer for firms "
    "that are new to cluster work.",
    "cross-sectoral": "Fund cross-sectoral projects in which members of different clusters and other sectors "
    "work together on new value chains.",
    "structural change": "Support diversification into emerging industries: pilot projects in which cluster "
    "members test new activities together.",
}
THEME_WORDS = {  # peer reviewers and indicator names use free wording; map it onto the library's themes
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
    "cross": "cross-sectoral",
    "emerging": "structural change",
    "diversif": "structural change",
    "cluster management": "support",
    "service": "support",
    "co-operation": "cultural",
    "trust": "cultural",
}


def theme_of(words: str) -> str:
    lowered = words.lower()
    return next((theme for word, theme in THEME_WORDS.items() if word in lowered), "support")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "theme"


def _candidate(id: str, theme: str, title: str, text: str, evidence: list[Evidence]) -> Recommendation:
    return Recommendation(
        id=id, theme=theme, title=title, text=text, generated_title=title, generated_text=text, evidence=evidence
    )


def from_survey(inputs: BriefingInputs) -> list[Recommendation]:
    wide = [b for b in inputs.survey.bottlenecks if b.gap >= MIN_GAP][:MAX_SURVEY]
    return [
        _candidate(
            f"survey-gap:{b.condition}",
            b.condition,
            f"Close the gap in {str(b.label).lower()}",
            ACTIONS.get(b.condition, ACTIONS["support"]),
            [
                Evidence(
                    stage=SURVEY,
                    figure=SourcedFigure(
                        label=f"Importance minus satisfaction: {b.label}",
                        value=b.gap,
                        unit="points",
                        year=str(inputs.region.survey.deadline.year),
                        source="survey_report",
                    ),
                )
            ],
        )
        for b in wide
    ]


def from_benchmarking(inputs: BriefingInputs) -> list[Recommendation]:
    found = []
    for weak in inputs.benchmarking.weaknesses[:MAX_BENCHMARKING]:
        theme = theme_of(f"{weak.name} {weak.dimension}")
        figure = SourcedFigure(
            label=weak.name, value=weak.value, unit=weak.unit, year=str(weak.year or ""), source="benchmarking_report"
        )
        found.append(
            _candidate(
                f"benchmarking-weakness:{weak.code}",
                theme,
                f"Raise {_lower_first(str(weak.name))}",
                ACTIONS[theme],
                [Evidence(stage=BENCHMARKING, figure=figure)],
            )
        )
    return found


def from_stress_test(inputs: BriefingInputs) -> list[Recommendation]:
    position = {c.condition: c for c in inputs.assessment.conditions}
    found = []
    for mismatch in inputs.assessment.mismatches:
        if mismatch.kind == "weakness_without_priority":
            score = position[mismatch.condition]
            figure = SourcedFigure(
                label=f"{score.label}: EU percentile",  # English until the briefing speaks the catalog
                value=score.percentile,
                unit="percentile",
                source="assessment_report",
            )
            title = f"Give priority to {str(score.label).lower()}"
        elif mismatch.kind in ("no_cross_sectoral", "no_structural_change"):
            answer = getattr(inputs.assessment.stress_test, mismatch.kind.removeprefix("no_"))
            figure = SourcedFigure(
                label=f"Stress test: {mismatch.condition} (0-3)",
                value=answer,
                unit="of 3",
                source="assessment_report",
                digits=0,
            )
            title = f"Make {mismatch.condition} a policy aim"
        else:
            continue  # priorities on strengths are discussed in the assessment report, not a recommendation
        theme = mismatch.condition
        found.append(
            _candidate(
                f"stress-test:{mismatch.kind}:{slug(mismatch.condition)}",
                theme,
                title,
                ACTIONS.get(theme, ACTIONS["support"]),
                [Evidence(stage=ASSESSMENT, figure=figure)],
            )
        )
    return found


def from_peer_review(inputs: BriefingInputs) -> list[Recommendation]:
    return [
        _candidate(
            f"peer-review:{slug(group.theme)}",
            theme_of(group.theme),
            group.theme,
            " ".join(t.strip().rstrip(".") + "." for t in group.texts),
            [
                Evidence(
                    stage=PEER_REVIEW,
                    figure=SourcedFigure(
                        label=f"Peer reviewers recommending: {group.theme}",
                        value=len(group.texts),
                        unit="recommendations",
                        source="peer_review_report",
                        digits=0,
                    ),
                )
            ],
        )
        for group in inputs.peer_review.recommendations
        if group.texts
    ]


def _lower_first(text: str) -> str:
    # keep acronyms such as 'R&D' or 'SME' as written
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


def candidates(inputs: BriefingInputs) -> list[Recommendation]:
    """Stress-test mismatches first (the region's own priorities), then survey, benchmarking, peer review.

    A survey or benchmarking finding on a theme that already has a recommendation adds its
    evidence there instead of repeating the same advice.
    """
    merged: dict[str, Recommendation] = {}
    for found in from_stress_test(inputs) + from_survey(inputs) + from_benchmarking(inputs):
        earlier = next((r for r in merged.values() if r.theme == found.theme), None)
        if earlier is None:
            merged[found.id] = found
        else:
            merged[earlier.id] = earlier.model_copy(update={"evidence": earlier.evidence + found.evidence})
    for found in from_peer_review(inputs):
        merged.setdefault(found.id, found)
    return list(merged.values())
