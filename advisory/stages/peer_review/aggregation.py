"""Reviews aggregated: scores per dimension with their spread; advice by theme, each once with who gave it."""

from __future__ import annotations

from advisory.domain.text import Quote
from advisory.stages.peer_review.models import (
    DIMENSIONS,
    THEMES,
    DimensionScore,
    PeerReview,
    RaisedBy,
    RecommendationGroup,
)

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


def group_recommendations(reviews: list[PeerReview], names: dict[str, str]) -> list[RecommendationGroup]:
    """Recommendations by theme in the dimensions' order: the same advice (ignoring case and spacing) once,
    with the reviewers who gave it, most often given first."""
    return [
        RecommendationGroup(theme=THEMES[theme], advice=items)
        for theme in THEMES
        if (
            items := raised_by(
                [(r.reviewer_id, rec.text) for r in reviews for rec in r.recommendations if rec.theme == theme],
                names,
                len(reviews),
            )
        )
    ]


def raised_by(said: list[tuple[str, str]], names: dict[str, str], of: int) -> list[RaisedBy]:
    """Each text once (ignoring case and spacing) with every reviewer who wrote it; most reviewers first, then in
    the order first given."""
    first: dict[str, str] = {}
    who: dict[str, list[str]] = {}
    for reviewer, text in said:
        if not text.strip():
            continue
        key = " ".join(text.casefold().split())
        first.setdefault(key, text.strip())
        name = names.get(reviewer, reviewer)
        if name not in who.setdefault(key, []):
            who[key].append(name)
    order = list(first)
    ranked = sorted(order, key=lambda key: (-len(who[key]), order.index(key)))
    return [RaisedBy(text=Quote(text=first[key]), reviewers=who[key], of=of) for key in ranked]
