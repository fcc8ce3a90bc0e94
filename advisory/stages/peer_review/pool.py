"""The peer reviewer pool: officials and experts from other regions, as kept in `regions/reviewers.yaml`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from advisory.adapters.reference_cache import reference_cache
from advisory.adapters.uploaded_files import plain_reason, yaml_reason
from advisory.domain.errors import InvalidData


class Reviewer(BaseModel):
    """One peer reviewer: who they are, what they know, which languages they work in, how much they can take on."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,40}$")
    name: str
    organisation: str
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", description="for invitations")
    role: str = Field(default="expert", description="'official' or 'expert'")
    country: str = Field(pattern=r"^[A-Z]{2}$")
    home_region: str = Field(pattern=r"^[A-Z]{2}[A-Z0-9]{1,3}$", description="NUTS-2 code")
    sectors: list[str] = Field(default_factory=list)
    themes: list[str] = Field(default_factory=list)
    languages: list[str] = Field(min_length=1)
    available_from: dt.date | None = None
    available_until: dt.date | None = None
    max_assignments: int = Field(default=2, ge=0, le=10)

    @field_validator("languages")
    @classmethod
    def _lower(cls, values: list[str]) -> list[str]:
        return [value.strip().lower() for value in values]

    def available_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        starts_ok = self.available_from is None or self.available_from <= day
        return starts_ok and (self.available_until is None or day <= self.available_until)


def load_reviewers(path: Path) -> list[Reviewer]:
    """The pool in `path` (a YAML list under `reviewers:`), sorted by id so every run sees the same order."""
    return list(_pool(path))


@reference_cache
def _pool(path: Path) -> tuple[Reviewer, ...]:
    """Read and validated once per version of the file (every host's pack reads the same pool)."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise InvalidData(f"{path}: {yaml_reason(exc)}") from exc
    entries = raw.get("reviewers", []) if isinstance(raw, dict) else []
    reviewers, problems = [], []
    for number, entry in enumerate(entries, start=1):
        try:
            reviewers.append(Reviewer.model_validate(entry))
        except ValidationError as exc:
            problems += [f"reviewer {number}: {'.'.join(map(str, e['loc']))} {plain_reason(e)}" for e in exc.errors()]
    ids = [reviewer.id for reviewer in reviewers]
    problems += [f"reviewer id {i!r} is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    if problems:
        raise InvalidData(f"{path}: " + "; ".join(problems))
    return tuple(sorted(reviewers, key=lambda reviewer: reviewer.id))
