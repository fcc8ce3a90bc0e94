"""Who reviews whom, as an expert asks it: the assignment recorded in each region's meeting pack, and a
proposal for the regions whose pack is not written yet (around the recorded ones, never changing them)."""

from __future__ import annotations

from pydantic import BaseModel

from advisory.services.project import Project
from advisory.stages.peer_review.assignment import Host, ReviewerAssignment, assign_reviewers
from advisory.stages.peer_review.pool import load_reviewers


class HostReviewers(BaseModel):
    region: str
    recorded: bool
    pack_version: int | None = None
    reviewers: list[ReviewerAssignment]


def reviewer_assignment(project: Project, per_host: int = 3) -> list[HostReviewers]:
    """Every region's reviewers: recorded where a pack fixed them (what the portal and intake accept), else proposed."""
    with project.unit_of_work() as uow:
        packs = {code: uow.engagements.latest_document(code, "peer_review_pack") for code in project.regions}
    recorded = {
        code: HostReviewers(
            region=code,
            recorded=True,
            pack_version=pack.version,
            reviewers=[ReviewerAssignment.model_validate(a) for a in pack.result.get("assignments", [])],
        )
        for code, pack in packs.items()
        if pack is not None
    }
    pinned = {code: [a.reviewer_id for a in row.reviewers] for code, row in recorded.items()}
    pool = load_reviewers(project.settings.regions_dir / "reviewers.yaml")
    hosts = [Host.from_region(region) for code, region in project.regions.items() if code not in recorded]
    proposed = (
        {
            code: HostReviewers(region=code, recorded=False, reviewers=chosen)
            for code, chosen in assign_reviewers(hosts, pool, per_host, pinned).items()
        }
        if hosts
        else {}
    )
    return [recorded.get(code) or proposed[code] for code in sorted(project.regions)]
