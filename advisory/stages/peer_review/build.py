"""Builds the peer review's two documents: the meeting pack (before the visit) and the report (after the reviews)."""

from __future__ import annotations

import datetime as dt

from advisory.domain.charts import RATING_SCALE, Chart, Series, ratings_chart
from advisory.domain.regions import RegionProfile
from advisory.domain.sources import Source
from advisory.domain.text import Quote, _
from advisory.stages.peer_review.agenda import (
    REVIEW_DAYS_AFTER_MEETING,
    build_agenda,
    key_figures,
    meeting_days,
    review_questions,
)
from advisory.stages.peer_review.aggregation import (
    DISAGREEMENT_POINTS,
    group_recommendations,
    raised_by,
    score_dimension,
)
from advisory.stages.peer_review.models import (
    DIMENSIONS,
    DimensionScore,
    PackInputs,
    PeerReviewPack,
    PeerReviewReport,
    ReportInputs,
    ReviewerComment,
)


def _bottleneck_chart(inputs: PackInputs) -> Chart | None:
    shown = [b for b in inputs.survey.bottlenecks[:7] if b.importance is not None and b.satisfaction is not None]
    if not shown:
        return None
    return ratings_chart(
        [b.label for b in shown],
        [b.importance for b in shown],
        [b.satisfaction for b in shown],
        inputs.survey.responses,
    )


def _sources(inputs: PackInputs) -> list[Source]:
    year = str(inputs.today.year)
    return [
        Source(
            key="assessment",
            dataset=_("Assessment report (stage 1)"),
            detail=_("weaknesses and policy mismatches"),
            year=year,
            computation=_("as reported in the assessment report"),
        ),
        Source(
            key="survey",
            dataset=_("Regional survey (stage 2)"),
            detail=_("{responses} responses", responses=inputs.survey.responses),
            year=year,
            computation=_("importance minus satisfaction per framework condition (bottleneck gap)"),
        ),
        Source(
            key="benchmarking",
            dataset=_("Benchmarking (stage 3)"),
            detail=_("normalised indicator scores"),
            year=year,
            computation=_("composite relative to the reference (= 100); weakest indicators"),
        ),
        Source(
            key="reviewer_pool",
            dataset=_("The observatory's pool of peer reviewers"),
            detail=_("expertise, countries, languages and workload of each reviewer"),
            year=year,
            computation=_(
                "assignment at least cost under the rules on countries, conflicts of interest, languages and workload"
            ),
        ),
    ]


def build_peer_review_pack(inputs: PackInputs) -> PeerReviewPack:
    day_one, day_two = meeting_days(inputs.today, inputs.slot)
    if inputs.meeting_start is not None:  # the expert agreed other days with the region
        day_one, day_two = inputs.meeting_start, inputs.meeting_start + dt.timedelta(days=1)
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
        title=_("Peer review scores by dimension, {region}", region=region.name),
        categories=[score.dimension for score in scores],
        series=[
            Series(name=_("Lowest"), values=[score.lowest for score in scores]),
            Series(name=_("Mean"), values=[score.mean for score in scores]),
            Series(name=_("Highest"), values=[score.highest for score in scores]),
        ],
        unit=_("score (1 = weak, 5 = excellent)"),
        source=_("Peer reviews submitted to the Cluster Observatory"),
        value_range=RATING_SCALE,
        tick_step=1,
    )


def build_peer_review_report(inputs: ReportInputs) -> PeerReviewReport:
    assigned = {a.reviewer_id: a.name for a in inputs.assignments}
    reviews = sorted((r for r in inputs.reviews if r.reviewer_id in assigned), key=lambda r: r.reviewer_id)
    received = {review.reviewer_id for review in reviews}
    scores = [score_dimension(code, reviews) for code in DIMENSIONS]
    means = [score.mean for score in scores if score.mean is not None]
    return PeerReviewReport(
        meeting_year=inputs.meeting_year,
        reviews_received=len(reviews),
        reviews_expected=len(assigned),
        reviewers=[name for rid, name in assigned.items() if rid in received],
        missing_reviewers=[name for rid, name in assigned.items() if rid not in received],
        closed_early=inputs.closed_early and len(received) < len(assigned),
        dimension_scores=scores,
        disagreements=[score.dimension for score in scores if score.disagreement],
        overall_mean=round(sum(means) / len(means), 2) if means else None,
        strengths=raised_by([(r.reviewer_id, t) for r in reviews for t in r.strengths], assigned, len(reviews)),
        weaknesses=raised_by([(r.reviewer_id, t) for r in reviews for t in r.weaknesses], assigned, len(reviews)),
        recommendations=group_recommendations(reviews, assigned),
        comments=[
            ReviewerComment(by=assigned[r.reviewer_id], text=Quote(text=r.comments.strip()))
            for r in reviews
            if r.comments.strip()
        ],
        score_chart=_score_chart(scores, inputs.region),
        sources=[
            Source(
                key="peer_reviews",
                dataset=_("Structured peer reviews"),
                detail=_(
                    "{received} of {assigned} assigned reviewers, host region {region}",
                    received=len(reviews),
                    assigned=len(assigned),
                    region=inputs.region.name,
                ),
                year=inputs.meeting_year,
                computation=_(
                    "mean and range (highest minus lowest) of 1-5 scores per dimension; disagreement where scores "
                    "differ by {points} or more points",
                    points=DISAGREEMENT_POINTS,
                ),
            )
        ],
    )
