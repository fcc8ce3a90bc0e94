"""A demonstrator region's profile: codes and names, challenge, focus industries, clusters, contacts, survey plan."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, field_validator

from advisory.domain.excellence import ClusterOrganisation


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
    language: str = Field(pattern=r"^[a-z]{2}$", description="ISO 639-1 code; a translation catalog must exist")
    challenge: str = Field(min_length=20, description="the region's challenge or opportunity")
    focus_industries: list[str] = Field(min_length=1)
    policy_themes: list[str] = Field(default_factory=list)
    cluster_organisations: list[ClusterOrganisation] = Field(
        default_factory=list, description="the region's cluster organisations, with their documented excellence label"
    )
    contacts: list[Contact] = Field(min_length=1)
    peer_regions: list[str] = Field(
        default_factory=list, max_length=5, description="expert's choice; automatic if empty"
    )
    survey: SurveyPlan

    @field_validator("code", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value
