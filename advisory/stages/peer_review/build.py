"""Builds the peer review's two documents: the meeting pack (before the visit) and the report (after the reviews)."""

from __future__ import annotations

import datetime as dt

from advisory.domain.charts import Chart, Series
from advisory.domain.regions import RegionProfile
from advisory.domain.sources import Source
from advisory.stages.peer_review.agenda import (
    REVIEW_DAYS_AFTER_MEETING,
    build_agenda,
    key_figures,
    meeting_days,
    review_questions,
)
from advisory.stages.peer_review.aggregation import (
    DISAGREEMENT_POINTS,
    distinct,
    group_recommendations,
    score_dimension,
)
from advisory.stages.peer_review.models import (
    DIMENSIONS,
    DimensionScore,
    PackInputs,
    PeerReviewPack,
    PeerReviewReport,
    ReportInputs,
)


def _bottleneck_chart(inputs: PackInputs) -> Chart | None:
    shown = [b for b in inputs.survey.bottlenecks[:7] if b.importance is not None and b.satisfaction is not None]
    if not shown:
        return None
    return Chart(
        kind="barh",
        title="Framework conditions: importance and satisfaction",
        categories=[b.label for b in shown],
        series=[
            Series(name="Importance", values=[b.importance for b in shown]),
            Series(name="Satisfaction", values=[b.satisfaction for b in shown]),
        ],
        unit="mean rating",
        source=f"Regional survey, {inputs.survey.responses} responses",
    )


def _sources(inputs: PackInputs) -> list[Source]:
    year = str(inputs.today.year)
    return [
        Source(
            key="assessment",
            dataset="Assessment report (stage 1)",
            detail="weaknesses and policy mismatches",
            year=year,
            computation="as reported in the assessment report",
        ),
        Source(
            key="survey",
            dataset="Regional survey (stage 2)",
            detail=f"{inputs.survey.responses} responses",
            year=year,
            computation="importance minus satisfaction per framework condition (bottleneck gap)",
        ),
        Source(
            key="benchmarking",
            dataset="Benchmarking (stage 3)",
            detail="normalised indicator scores",
            year=year,
            computation="composite relative to the reference (= 100); weakest indicators",
        ),
        Source(
            key="reviewer_pool",
            dataset="Observatory reviewer pool",
            detail="regions/reviewers.yaml",
            year=year,
            computation="min-cost assignment under the country, conflict, language and load rules",
        ),
    ]


def build_peer_review_pack(inputs: PackInputs) -> PeerReviewPack:
    day_one, day_two = meeting_days(inputs.today)
    return PeerReviewPack(
        pack_date=inputs.today,
        meeting_start=day_one,
        meeting_end=day_two,
        reviews_due=day_two + dt.timedelta(days=REVIEW_DAYS_AFTER_MEETING),
        assignments=inputs.assignments,
        agenda=build_agenda(inputs, day_one, day_two),
        key_figures=key_figures(inputs),
        questions=review_questions(inputs),
        bottleneck_chart=_bottleneck_chart(inputs),
        sources=_sources(inputs),
    )


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
        strengths=distinct([text for review in reviews for text in review.strengths]),
        weaknesses=distinct([text for review in reviews for text in review.weaknesses]),
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
