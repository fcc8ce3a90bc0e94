"""The stress test's question: do the policy's priorities address the region's measured weaknesses?"""

from __future__ import annotations

from statistics import mean

from advisory.domain.charts import Chart, Series
from advisory.stages.assessment.conditions import CONDITIONS, PRIORITY_LEVELS
from advisory.stages.assessment.models import ConditionScore, Mismatch, RegionalIndicator, StressTestAnswers

HIGH_PRIORITY = 2  # "medium" or "high": the policy spends real effort here
LOW_PRIORITY = 1  # "low" or none: the policy does not really address it


def condition_scores(indicators: list[RegionalIndicator], answers: StressTestAnswers) -> list[ConditionScore]:
    """Each condition's mean EU percentile; the weaker half of measured conditions are weaknesses."""
    measured = {
        c: mean(i.percentile for i in indicators if i.condition == c)
        for c in CONDITIONS
        if any(i.condition == c for i in indicators)
    }
    ranked = sorted(measured, key=measured.get)
    half = len(ranked) // 2
    standing = dict.fromkeys(ranked[:half], "weakness") | dict.fromkeys(ranked[len(ranked) - half :], "strength")
    return [
        ConditionScore(
            condition=c,
            label=label,
            priority=answers.priorities[c],
            priority_label=PRIORITY_LEVELS[answers.priorities[c]],
            percentile=measured.get(c),
            standing=standing.get(c, "middle" if c in measured else "not measured"),
        )
        for c, label in CONDITIONS.items()
    ]


def mismatches(scores: list[ConditionScore], answers: StressTestAnswers) -> list[Mismatch]:
    """Priorities on relative strengths, weaknesses without priority, and missing cross-sectoral or structural focus."""
    measured = [s for s in scores if s.percentile is not None]
    weakest = min(measured, key=lambda s: s.percentile).condition if measured else None
    found = [_on_strength(s) for s in scores if s.standing == "strength" and s.priority >= HIGH_PRIORITY]
    found += [
        _unaddressed(s, s.condition == weakest)
        for s in scores
        if s.standing == "weakness" and s.priority <= LOW_PRIORITY
    ]
    if answers.cross_sectoral <= LOW_PRIORITY:
        found.append(
            Mismatch(
                kind="no_cross_sectoral",
                condition="cross-sectoral",
                text="The policy does little to foster collaboration across sectors "
                f"(answer: {PRIORITY_LEVELS[answers.cross_sectoral]}).",
            )
        )
    if answers.structural_change <= LOW_PRIORITY:
        found.append(
            Mismatch(
                kind="no_structural_change",
                condition="structural change",
                text="The policy does little to support structural change into new activities "
                f"(answer: {PRIORITY_LEVELS[answers.structural_change]}).",
            )
        )
    return found


def _on_strength(score: ConditionScore) -> Mismatch:
    return Mismatch(
        kind="priority_on_strength",
        condition=score.condition,
        text=f"{score.priority_label.capitalize()} priority on {score.label.lower()}, but they are a "
        f"relative strength of the region (EU percentile {score.percentile:.0f}).",
    )


def _unaddressed(score: ConditionScore, weakest: bool) -> Mismatch:
    rank = "the weakest measured condition" if weakest else "among the weakest measured conditions"
    priority = "no priority" if score.priority == 0 else "only low priority"
    return Mismatch(
        kind="weakness_without_priority",
        condition=score.condition,
        text=f"{score.label} are {rank} (EU percentile {score.percentile:.0f}) and have {priority}.",
    )


def alignment_chart(scores: list[ConditionScore]) -> Chart:
    """Priority (rescaled 0-3 -> 0-100) next to the measured EU percentile, condition by condition."""
    return Chart(
        kind="bar",
        title="Policy priorities against measured position",
        categories=[s.label.replace(" conditions", "") for s in scores],
        series=[
            Series(name="Policy priority (0-3, as % of high)", values=[100 * s.priority / 3 for s in scores]),
            Series(name="Measured EU percentile", values=[s.percentile for s in scores]),
        ],
        unit="0-100",
        source="Stress test answers; Eurostat regional statistics",
    )
