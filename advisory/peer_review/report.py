"""The peer review report: reviews aggregated into scores per dimension, disagreements and grouped recommendations."""

from __future__ import annotations

from pydantic import BaseModel, Field

from advisory.charts import Chart, Series
from advisory.peer_review.assignment import ReviewerAssignment
from advisory.peer_review.review import DIMENSIONS, THEMES, PeerReview
from advisory.regions import RegionProfile
from advisory.sources import Source

DISAGREEMENT_POINTS = 2


class ReportInputs(BaseModel):
    region: RegionProfile
    assignments: list[ReviewerAssignment]
    reviews: list[PeerReview]
    closed_early: bool = False
    meeting_year: str = ""


class DimensionScore(BaseModel):
    dimension: str
    code: str
    mean: float | None
    spread: float | None = Field(description="highest minus lowest score")
    n: int
    disagreement: bool
    lowest: int | None = None
    highest: int | None = None


class RecommendationGroup(BaseModel):
    theme: str
    texts: list[str]


class PeerReviewReport(BaseModel):
    reviews_received: int
    reviews_expected: int
    reviewers: list[str] = Field(description="names of the reviewers whose reviews are in")
    missing_reviewers: list[str]
    closed_early: bool
    dimension_scores: list[DimensionScore]
    disagreements: list[str]
    overall_mean: float | None
    strengths: list[str]
    weaknesses: list[str]
    recommendations: list[RecommendationGroup]
    comments: list[str]
    score_chart: Chart
    sources: list[Source]


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


def _distinct(texts: list[str]) -> list[str]:
    """Each text once (ignoring case and spacing), in the order first given."""
    seen: dict[str, str] = {}
    for text in texts:
        if text.strip():
            seen.setdefault(" ".join(text.casefold().split()), text.strip())
    return list(seen.values())


def _score_chart(scores: list[DimensionScore], region: RegionProfile) -> Chart:
    return Chart(
        kind="barh",
        title=f"Peer review scores by dimension, {region.name}",
        categories=[score.dimension for score in scores],
        series=[
            Series(name="Lowest", values=[score.lowest for score in scores]),
            Series(name="Mean", values=[score.mean for score in scores]),
            Series(name="Highest", values=[score.highest for score in scores]),
        ],
        unit="score (1 = weak, 5 = excellent)",
        source="Peer reviews submitted to the Cluster Observatory",
    )


def build_peer_review_report(inputs: ReportInputs) -> PeerReviewReport:
    assigned = {a.reviewer_id: a.name for a in inputs.assignments}
    reviews = sorted((r for r in inputs.reviews if r.reviewer_id in assigned), key=lambda r: r.reviewer_id)
    received = {review.reviewer_id for review in reviews}
    scores = [score_dimension(code, reviews) for code in DIMENSIONS]
    means = [score.mean for score in scores if score.mean is not None]
    return PeerReviewReport(
        reviews_received=len(reviews),
        reviews_expected=len(assigned),
        reviewers=[name for rid, name in assigned.items() if rid in received],
        missing_reviewers=[name for rid, name in assigned.items() if rid not in received],
        closed_early=inputs.closed_early and len(received) < len(assigned),
        dimension_scores=scores,
        disagreements=[score.dimension for score in scores if score.disagreement],
        overall_mean=round(sum(means) / len(means), 2) if means else None,
        strengths=_distinct([text for review in reviews for text in review.strengths]),
        weaknesses=_distinct([text for review in reviews for text in review.weaknesses]),
        recommendations=group_recommendations(reviews),
        comments=[review.comments.strip() for review in reviews if review.comments.strip()],
        score_chart=_score_chart(scores, inputs.region),
        sources=[
            Source(
                key="peer_reviews",
                dataset="Structured peer reviews",
                detail=f"{len(reviews)} of {len(assigned)} assigned reviewers, host region {inputs.region.code}",
                year=inputs.meeting_year,
                computation="mean and range (highest minus lowest) of 1-5 scores per dimension; "
                f"disagreement where scores differ by {DISAGREEMENT_POINTS} or more points",
            )
        ],
    )
