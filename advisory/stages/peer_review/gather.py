"""Gather functions for the peer review: the pack waits for stages 1-3, the report waits for reviews."""

from __future__ import annotations

import datetime as dt
from typing import Any

from advisory.domain.stages import StageContext, Waiting
from advisory.stages.peer_review.agenda import meeting_days
from advisory.stages.peer_review.assignment import AssignmentImpossible, Host, ReviewerAssignment, assign_reviewers
from advisory.stages.peer_review.models import (
    AssessmentSeen,
    BenchmarkingSeen,
    PackInputs,
    PeerReview,
    PeerReviewPack,
    ReportInputs,
    SurveySeen,
)
from advisory.stages.peer_review.pool import Reviewer, load_reviewers

REVIEWERS_PER_HOST = 3
MEETING_KIND = "meeting_dates"  # recorded by the expert, not uploaded
UPSTREAM = {
    "assessment_report": "assessment report",
    "survey_report": "survey report",
    "benchmarking_report": "benchmarking report",
}


def reviewer_pool(ctx: StageContext) -> list[Reviewer]:
    return load_reviewers(ctx.regions_dir / "reviewers.yaml")


def set_meeting(ctx: StageContext) -> dt.date | None:
    """The first meeting day the expert set for the region (`advisory peer-review meeting`), if any."""
    recorded = ctx.inputs(MEETING_KIND)
    return dt.date.fromisoformat(recorded[-1]["start"]) if recorded else None


def assignments_for(ctx: StageContext, pool: list[Reviewer]) -> list[ReviewerAssignment]:
    """This host's reviewers from one assignment over every region, keeping reviewers already given to others."""
    day_one = set_meeting(ctx) or meeting_days(ctx.stage_started, meeting_slot(ctx))[0]
    pinned = {
        code: [a["reviewer_id"] for a in result.get("assignments", [])]
        for code, result in ctx.all_results("peer_review_pack").items()
        if code != ctx.region.code
    }
    hosts = [
        Host.from_region(
            region,
            meeting=day_one
            if region.code == ctx.region.code
            else meeting_days(ctx.stage_started, meeting_slot(ctx, region.code))[0],
        )
        for region in ctx.regions.values()
    ]
    try:
        return assign_reviewers(hosts, pool, REVIEWERS_PER_HOST, pinned)[ctx.region.code]
    except AssignmentImpossible:
        # Another host's trouble must not hold this one back: try this host alone.
        alone = [Host.from_region(ctx.region, meeting=day_one)]
        return assign_reviewers(alone, pool, REVIEWERS_PER_HOST, pinned)[ctx.region.code]


def meeting_slot(ctx: StageContext, code: str | None = None) -> int:
    """The region's place among the programme's regions: meetings are spread one week apart, so the observatory
    and reviewers are not in six places on the same two days."""
    codes = sorted(ctx.regions)
    wanted = code or ctx.region.code
    return codes.index(wanted) if wanted in codes else 0


def gather_peer_review_pack(ctx: StageContext) -> PackInputs | Waiting:
    upstream = {document: ctx.result(document) for document in UPSTREAM}
    missing = [label for document, label in UPSTREAM.items() if upstream[document] is None]
    if missing:
        return Waiting(missing=f"waiting for the {' and the '.join(missing)}")
    try:
        assignments = assignments_for(ctx, reviewer_pool(ctx))
    except AssignmentImpossible as exc:
        return Waiting(missing=f"reviewer assignment impossible: {exc}; add reviewers to the pool")
    return PackInputs(
        region=ctx.region,
        today=ctx.stage_started,
        slot=meeting_slot(ctx),
        meeting_start=set_meeting(ctx),
        assignments=assignments,
        assessment=AssessmentSeen.model_validate(upstream["assessment_report"]),
        survey=SurveySeen.model_validate(upstream["survey_report"]),
        benchmarking=BenchmarkingSeen.model_validate(upstream["benchmarking_report"]),
    )


def assigned_reviewer_ids(pack_result: dict[str, Any] | None) -> set[str]:
    """Who may submit a review for this host (for the intake service's `parse_review`)."""
    return {a["reviewer_id"] for a in (pack_result or {}).get("assignments", [])}


def _closed_by_expert(ctx: StageContext) -> bool:
    return any(closed.get("stage") == "peer_review" for closed in ctx.inputs("stage_closed"))


def gather_peer_review_report(ctx: StageContext) -> ReportInputs | Waiting:
    raw_pack = ctx.result("peer_review_pack")
    if raw_pack is None:
        return Waiting(missing="waiting for the peer review pack")
    pack = PeerReviewPack.model_validate(raw_pack)
    assigned = {a.reviewer_id for a in pack.assignments}
    reviews = [PeerReview.model_validate(r) for r in ctx.inputs("peer_review") if r.get("reviewer_id") in assigned]
    received, due = len({r.reviewer_id for r in reviews}), pack.reviews_due
    closed = _closed_by_expert(ctx)
    if received < len(assigned) and not (closed and received):
        status = f"{received} of {len(assigned)} reviews received, due {due.day} {due:%B %Y}"
        if closed:
            status += "; the stage was closed but the report needs at least one review"
        return Waiting(missing=status, due=due)
    return ReportInputs(
        region=ctx.region,
        assignments=pack.assignments,
        reviews=reviews,
        closed_early=closed,
        meeting_year=str(pack.meeting_start.year),
    )
