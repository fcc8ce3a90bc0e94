"""Issuing personal links: every link names a real person, region and (for reviewers) an assignment that exists.

A reviewer's link is bound to one host region, and only while the latest peer review pack of that
region assigns the reviewer: an id missing from the pool, or a region the reviewer does not review,
is refused with what would be valid, so the link never says one region and opens another.
"""

from __future__ import annotations

from pydantic import BaseModel

from advisory.domain import messages
from advisory.domain.access import IssuedToken, Role, email_problem
from advisory.domain.errors import AccessRefused, UnknownReviewer
from advisory.services.notifications import Recipient, queue
from advisory.services.project import Project


class Invitation(BaseModel):
    """A link issued: the token (shown once), whom it is for, and where it leads."""

    issued: IssuedToken
    role: Role
    email: str
    region: str | None
    reviewer_id: str | None


def invite(
    project: Project,
    *,
    role: Role,
    email: str,
    region: str | None,
    by: str,
    days: int = 30,
    reviewer_id: str | None = None,
    name: str | None = None,
    send: bool = False,
) -> Invitation:
    """Check everything the link will stand for, then issue it and log who issued it to whom."""
    email = email.strip()
    problem = email_problem(email)
    if problem:
        raise AccessRefused(problem)
    if not 1 <= days <= 365:
        raise AccessRefused(f"a link lasts 1 to 365 days, not {days}")
    code = project.region(region or "").code if role in (Role.CONTACT, Role.REVIEWER) else None
    if role == Role.REVIEWER:
        _check_assignment(project, code, (reviewer_id or "").strip())
    elif reviewer_id:
        raise AccessRefused(f"--reviewer-id is for reviewers' links, not for a {role}'s")
    with project.unit_of_work() as uow:
        issued = uow.tokens.issue(
            role=role,
            email=email,
            region=code,
            reviewer_id=reviewer_id if role == Role.REVIEWER else None,
            days=days,
            issued_by=by,
            name=(name or "").strip() or None,
        )
        uow.engagements.log(code, by, "token_issued", role=role.value, email=email, token_id=issued.token_id)
        if send:
            _queue_invitation(project, uow, issued, role, email, name, code)
        uow.commit()
    return Invitation(issued=issued, role=role, email=email, region=code, reviewer_id=reviewer_id)


def _check_assignment(project: Project, region: str, reviewer_id: str) -> None:
    from advisory.stages.peer_review.pool import load_reviewers

    if not reviewer_id:
        raise AccessRefused("a reviewer's link needs the reviewer id from the reviewer pool (--reviewer-id)")
    pool = {r.id for r in load_reviewers(project.settings.regions_dir / "reviewers.yaml")}
    if reviewer_id not in pool:
        raise UnknownReviewer(f"unknown reviewer {reviewer_id!r}; the reviewer pool has {', '.join(sorted(pool))}")
    with project.unit_of_work() as uow:
        pack = uow.engagements.latest_document(region, "peer_review_pack")
    assigned = sorted(a["reviewer_id"] for a in (pack.result if pack else {}).get("assignments", []))
    if reviewer_id not in assigned:
        where = (
            f"{region}'s reviewers are {', '.join(assigned)}"
            if assigned
            else f"{region} has no reviewers yet (its peer review pack is not written)"
        )
        raise UnknownReviewer(f"reviewer {reviewer_id!r} is not assigned to {region}; {where}")


def signin_link(project: Project, token: str) -> str:
    return f"{project.settings.portal_url.rstrip('/')}/signin?token={token}"


def _queue_invitation(
    project: Project, uow, issued: IssuedToken, role: Role, email: str, name: str | None, region: str | None
) -> None:
    """The invitation as a message in the person's language (the region's, English for the observatory's team)."""
    profile = project.region(region) if region else None
    language = profile.language if profile and role == Role.CONTACT else "en"
    if role == Role.REVIEWER:
        from advisory.services.people import reviewer_language

        language = reviewer_language(project, email)
    body = messages.invitation(
        role.value, profile.name if profile else "", signin_link(project, issued.token), issued.expires_at.date()
    )
    recipient = Recipient(email=email, name=name or "", language=language, role=role.value)
    queue(uow, key=f"invitation:{issued.token_id}", kind="invitation", recipient=recipient, body=body, region=region)
