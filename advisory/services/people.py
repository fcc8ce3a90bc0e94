"""Who the observatory writes to: a region's contacts, its assigned reviewers, and the observatory's own team."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, ValidationError

from advisory.adapters.i18n import available_languages
from advisory.domain.errors import InvalidData
from advisory.services.notifications import Recipient
from advisory.services.project import Project


class TeamMember(BaseModel):
    name: str
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    role: str = Field(pattern=r"^(expert|coordinator)$")
    language: str = "en"


@lru_cache(maxsize=4)
def team(regions_dir: Path) -> tuple[TeamMember, ...]:
    """The observatory's experts and coordinators (`regions/observatory.yaml`); none when the file is absent."""
    path = regions_dir / "observatory.yaml"
    if not path.exists():
        return ()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return tuple(TeamMember.model_validate(entry) for entry in raw.get("team", []))
    except (yaml.YAMLError, ValidationError) as exc:
        raise InvalidData(f"{path}: {exc}") from exc


def staff(project: Project, role: str) -> list[Recipient]:
    """The observatory's experts or coordinators, with the portal's issued links of that role added."""
    people = {
        m.email: Recipient(email=m.email, name=m.name, language=m.language, role=role)
        for m in team(project.settings.regions_dir)
        if m.role == role
    }
    with project.unit_of_work() as uow:
        for row in uow.tokens.listing():
            if row.role == role and row.revoked_at is None and row.email not in people:
                people[row.email] = Recipient(email=row.email, language="en", role=role)
    return list(people.values())


def contacts(project: Project, region_code: str) -> list[Recipient]:
    """A region's contacts (its profile and the portal's contact links), in the region's language."""
    region = project.region(region_code)
    people = {c.email: Recipient(email=c.email, name=c.name, language=region.language) for c in region.contacts}
    with project.unit_of_work() as uow:
        for row in uow.tokens.listing(region.code):
            if row.role == "contact" and row.revoked_at is None and row.email not in people:
                people[row.email] = Recipient(email=row.email, language=region.language)
    return list(people.values())


def reviewers(project: Project, region_code: str) -> list[Recipient]:
    """The reviewers assigned to the region's peer review (the recorded assignment), each in a language they work in."""
    from advisory.stages.peer_review.pool import load_reviewers

    with project.unit_of_work() as uow:
        pack = uow.engagements.latest_document(region_code, "peer_review_pack")
        assigned = [a["reviewer_id"] for a in pack.result.get("assignments", [])] if pack else []
    pool = {r.id: r for r in load_reviewers(project.settings.regions_dir / "reviewers.yaml")}
    known = set(available_languages())
    found = []
    for reviewer_id in assigned:
        reviewer = pool.get(reviewer_id)
        if reviewer is None or not reviewer.email:
            continue
        language = next((lang for lang in reviewer.languages if lang in known), "en")
        found.append(
            Recipient(
                email=reviewer.email, name=reviewer.name, language=language, role="reviewer", reviewer_id=reviewer_id
            )
        )
    return found


def reviewer_language(project: Project, email: str) -> str:
    """The first language a reviewer works in that the project writes (English when none)."""
    from advisory.stages.peer_review.pool import load_reviewers

    known = set(available_languages())
    for reviewer in load_reviewers(project.settings.regions_dir / "reviewers.yaml"):
        if reviewer.email == email:
            return next((lang for lang in reviewer.languages if lang in known), "en")
    return "en"
