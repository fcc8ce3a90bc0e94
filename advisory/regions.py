"""Demonstrator region profiles: the pydantic model and the loader for `regions/*.yaml`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

LANGUAGES = {"en", "de", "es", "sl", "sk", "hu", "pl", "cs", "fr", "it", "pt", "nl"}


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    role: str = "regional contact"


class SurveyPlan(BaseModel):
    """When the regional survey closes: a deadline plus a minimum number of responses."""

    model_config = ConfigDict(extra="forbid")
    deadline: dt.date
    min_responses: int = Field(default=10, ge=1)
    invited: int = Field(default=20, ge=1, description="organisations invited to respond")


class RegionProfile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(pattern=r"^[A-Z]{2}[A-Z0-9]{1,3}$", description="NUTS-2 code")
    name: str
    country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO code as used by Eurostat (EL, UK)")
    country_name: str
    language: str
    challenge: str = Field(min_length=20, description="the region's challenge or opportunity")
    focus_industries: list[str] = Field(min_length=1)
    policy_themes: list[str] = Field(default_factory=list)
    contacts: list[Contact] = Field(min_length=1)
    peer_regions: list[str] = Field(default_factory=list, max_length=5, description="expert's choice; automatic if empty")
    survey: SurveyPlan

    @field_validator("code", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in LANGUAGES:
            raise ValueError(f"unknown language {value!r}; expected one of {sorted(LANGUAGES)}")
        return value


class RegionProfileError(ValueError):
    """A profile file that cannot be used, with the file and every field that is wrong."""


def load_region(path: Path) -> RegionProfile:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RegionProfileError(f"{path}: not valid YAML: {exc}") from exc
    try:
        return RegionProfile.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(file)'}: {err['msg']}" for err in exc.errors()
        )
        raise RegionProfileError(f"{path}: {problems}") from exc


def load_regions(directory: Path) -> dict[str, RegionProfile]:
    """Every `*.yaml` profile in the folder except the reviewer pool, keyed by NUTS-2 code."""
    regions: dict[str, RegionProfile] = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.stem == "reviewers":
            continue
        region = load_region(path)
        if region.code in regions:
            raise RegionProfileError(f"{path}: region {region.code} is already defined")
        regions[region.code] = region
    return regions
