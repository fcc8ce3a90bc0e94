"""The stress test's question: do the policy's priorities address the region's measured weaknesses?

A condition's position is the mean EU percentile of its indicators; its verdict follows the rule in
`conditions.verdict` (weakness below the 40th EU percentile, strength above the 60th).
"""

from __future__ import annotations

from statistics import mean

from advisory.domain.charts import Chart, Series
from advisory.domain.text import _
from advisory.stages.assessment.conditions import CONDITIONS, PRIORITY_LEVELS, VERDICTS, verdict
from advisory.stages.assessment.models import ConditionScore, Mismatch, RegionalIndicator, StressTestAnswers

HIGH_PRIORITY = 2  # "medium" or "high": the policy spends real effort here
LOW_PRIORITY = 1  # "low" or none: the policy does not really address it


def condition_scores(indicators: list[RegionalIndicator], answers: StressTestAnswers) -> list[ConditionScore]:
    """Each condition's mean EU percentile and its verdict against the EU distribution."""
    scores = []
    for condition, label in CONDITIONS.items():
        measured = [i for i in indicators if i.condition == condition]
        percentile = mean(i.percentile for i in measured) if measured else None
        scores.append(
            ConditionScore(
                condition=condition,
                label=label,
                priority=answers.priorities[condition],
                priority_label=PRIORITY_LEVELS[answers.priorities[condition]],
                percentile=percentile,
                verdict=verdict(percentile),
                verdict_label=VERDICTS[verdict(percentile)],
                indicators=[i.code for i in measured],
            )
        )
    return scores


def mismatches(scores: list[ConditionScore], answers: StressTestAnswers) -> list[Mismatch]:
    """Priorities on strengths, weaknesses without priority, and missing cross-sectoral or structural focus."""
    weaknesses = [s for s in scores if s.verdict == "weakness"]
    weakest = min(weaknesses, key=lambda s: s.percentile).condition if weaknesses else None
    found = [_on_strength(s) for s in scores if s.verdict == "strength" and s.priority >= HIGH_PRIORITY]
    found += [_unaddressed(s, s.condition == weakest) for s in weaknesses if s.priority <= LOW_PRIORITY]
    if answers.cross_sectoral <= LOW_PRIORITY:
        found.append(
            Mismatch(
                kind="no_cross_sectoral",
                condition="cross-sectoral",
                text=_(
                    "The policy does little to foster collaboration across sectors (answer: {answer}).",
                    answer=PRIORITY_LEVELS[answers.cross_sectoral],
                ),
            )
        )
    if answers.structural_change <= LOW_PRIORITY:
        found.append(
            Mismatch(
                kind="no_structural_change",
                condition="structural change",
                text=_(
                    "The policy does little to support structural change into new activities (answer: {answer}).",
                    answer=PRIORITY_LEVELS[answers.structural_change],
                ),
            )
        )
    return found


def _on_strength(score: ConditionScore) -> Mismatch:
    return Mismatch(
        kind="priority_on_strength",
        condition=score.condition,
        text=_(
            "{condition}: priority {priority}, although they are a strength of the region "
            "(EU percentile {percentile:.0f}, above the 60th).",
            condition=score.label,
            priority=score.priority_label,
            percentile=score.percentile,
        ),
    )


def _unaddressed(score: ConditionScore, weakest: bool) -> Mismatch:
    priority = _("no priority") if score.priority == 0 else _("only low priority")
    values = {"condition": score.label, "percentile": score.percentile, "priority": priority}
    if weakest:
        text = _(
            "{condition}: the region's weakest condition (EU percentile {percentile:.0f}, below the 40th), "
            "but the policy gives it {priority}.",
            **values,
        )
    else:
        text = _(
            "{condition}: a weakness of the region (EU percentile {percentile:.0f}, below the 40th), "
            "but the policy gives it {priority}.",
            **values,
        )
    return Mismatch(kind="weakness_without_priority", condition=score.condition, text=text)


def alignment_chart(scores: list[ConditionScore]) -> Chart:
    """Priority (rescaled 0-3 -> 0-100) next to the measured EU percentile, condition by condition."""
    return Chart(
        kind="bar",
        title=_("Policy priorities against measured position"),
        categories=[s.label for s in scores],
        series=[
            Series(name=_("Policy priority (0-3, as % of high)"), values=[100 * s.priority / 3 for s in scores]),
            Series(name=_("Measured EU percentile"), values=[s.percentile for s in scores]),
        ],
        unit=_("0-100"),
        source="Stress test answers; Eurostat regional statistics",
    )
