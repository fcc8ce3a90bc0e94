"""Reviews aggregated: scores per dimension with their spread, recommendations grouped by theme, each text once."""

from __future__ import annotations

from advisory.stages.peer_review.models import DIMENSIONS, THEMES, DimensionScore, PeerReview, RecommendationGroup

DISAGREEMENT_POINTS = 2


def score_dimension(code: str, reviews: list[PeerReview]) -> DimensionScore:
    """Mean and spread of the scores given; reviewers who could not judge are left out."""
    given = [review.scores[code] for review in reviews if review.scores.get(code) is not None]
    spread = max(given) - min(given) if given else None
    return DimensionScore(
        dimension=DIMENSIONS[code],
        code=code,
        mean=round(sum(given) / len(given), 2) if given else None,
        spread=spread,
        n=len(given),
        disagreement=spread is not None and spread >= DISAGREEMENT_POINTS,
        lowest=min(given) if given else None,
        highest=max(given) if given else None,
    )


def group_recommendations(reviews: list[PeerReview]) -> list[RecommendationGroup]:
    """Recommendations by theme in the dimensions' order, the same text (ignoring case) kept once."""
    groups: dict[str, dict[str, str]] = {theme: {} for theme in THEMES}
    for review in reviews:
        for recommendation in review.recommendations:
            text = recommendation.text.strip()
            groups[recommendation.theme].setdefault(" ".join(text.casefold().split()), text)
    return [RecommendationGroup(theme=THEMES[t], texts=list(texts.values())) for t, texts in groups.items() if texts]


def distinct(texts: list[str]) -> list[str]:
    """Each text once (ignoring case and spacing), in the order first given."""
    seen: dict[str, str] = {}
    for text in texts:
        if text.strip():
            seen.setdefault(" ".join(text.casefold().split()), text.strip())
    return list(seen.values())
