"""Who may see and do what in the portal: personal tokens (stored hashed), roles, and the rules per role.

The rules are pure functions of a `Grant` (who signed in) and the region or object asked for, so
every route asks the same questions and the tests can ask them too. `AccessTokens` is the only
code that reads or writes the `access_token` table.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from advisory.store.models import AccessToken, Engagement, SurveyDraft, Upload, utcnow


class Role(StrEnum):
    CONTACT = "contact"
    REVIEWER = "reviewer"
    EXPERT = "expert"
    COORDINATOR = "coordinator"


class Grant(BaseModel):
    """The person behind a valid token: role, the region they are bound to, their reviewer id."""

    token_id: int
    role: Role
    email: str
    region: str | None = None
    reviewer_id: str | None = None

    @property
    def who(self) -> str:
        return f"{self.role}:{self.email}"


class AccessRefused(ValueError):
    """A token that cannot be issued as asked (unknown region, reviewer without an id ...)."""


# --- tokens ------------------------------------------------------------------------------------
def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def csrf_token(raw: str) -> str:
    """The form token for a session: an HMAC keyed by the session's secret token, so no one else can forge it."""
    return hmac.new(raw.encode(), b"advisory-portal-csrf", hashlib.sha256).hexdigest()


def csrf_matches(raw: str, sent: str | None) -> bool:
    return bool(sent) and hmac.compare_digest(csrf_token(raw), sent or "")


def usable(token: AccessToken, now: dt.datetime) -> bool:
    return token.revoked_at is None and token.expires_at > now


# --- rules -------------------------------------------------------------------------------------
def reviewer_regions(packs: Mapping[str, dict[str, Any]], reviewer_id: str | None) -> set[str]:
    """The regions whose latest peer review pack assigns this reviewer."""
    if not reviewer_id:
        return set()
    return {
        region
        for region, pack in packs.items()
        if any(a.get("reviewer_id") == reviewer_id for a in pack.get("assignments", []))
    }


def may_see_region(grant: Grant, region: str, assigned: Iterable[str] = ()) -> bool:
    if grant.role in (Role.EXPERT, Role.COORDINATOR):
        return True
    if grant.role == Role.REVIEWER:
        return region in set(assigned)
    return grant.region == region


def may_submit_survey(grant: Grant, region: str) -> bool:
    return grant.role == Role.EXPERT or (grant.role == Role.CONTACT and grant.region == region)


def may_review(grant: Grant, region: str, assigned: Iterable[str]) -> bool:
    return grant.role == Role.REVIEWER and region in set(assigned)


CONTACT_KINDS = ("survey_response", "stress_test")
REVIEWER_KINDS = ("peer_review",)


def uploadable_kinds(grant: Grant, region: str, assigned: Iterable[str], known: Iterable[str]) -> list[str]:
    """The input kinds this person may upload for this region (experts: every kind)."""
    known = list(known)
    if grant.role == Role.EXPERT:
        return known
    if grant.role == Role.CONTACT and grant.region == region:
        return [k for k in CONTACT_KINDS if k in known]
    if may_review(grant, region, assigned):
        return [k for k in REVIEWER_KINDS if k in known]
    return []


def may_run_engagements(grant: Grant) -> bool:
    return grant.role == Role.EXPERT


def may_see_programme(grant: Grant) -> bool:
    """The dashboard of every region x stage, the event log and the export."""
    return grant.role in (Role.EXPERT, Role.COORDINATOR)


# --- the token table ---------------------------------------------------------------------------
class IssuedToken(BaseModel):
    token: str
    token_id: int
    expires_at: dt.datetime


class TokenRow(BaseModel):
    id: int
    role: Role
    email: str
    region: str | None
    reviewer_id: str | None
    issued_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None
    last_used_at: dt.datetime | None


class AccessTokens:
    """Issues, resolves, revokes and lists tokens within one session; the caller commits."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def issue(
        self, *, role: Role, email: str, region: str | None, reviewer_id: str | None, days: int, issued_by: str
    ) -> IssuedToken:
        if role in (Role.CONTACT, Role.REVIEWER) and not region:
            raise AccessRefused(f"a {role} token is bound to one region")
        if role == Role.REVIEWER and not reviewer_id:
            raise AccessRefused("a reviewer token needs the reviewer id from the reviewer pool")
        raw = secrets.token_urlsafe(32)
        row = AccessToken(
            token_sha256=token_digest(raw), role=role.value, email=email, region=region,
            reviewer_id=reviewer_id if role == Role.REVIEWER else None, issued_by=issued_by,
            expires_at=utcnow() + dt.timedelta(days=days),
        )
        self.session.add(row)
        self.session.flush()
        return IssuedToken(token=raw, token_id=row.id, expires_at=row.expires_at)

    def resolve(self, raw: str | None, now: dt.datetime | None = None) -> Grant | None:
        """The grant of a usable token; None for unknown, tampered, expired or revoked ones."""
        if not raw or len(raw) > 200:
            return None
        row = self.session.scalar(select(AccessToken).where(AccessToken.token_sha256 == token_digest(raw)))
        if row is None or not usable(row, now or utcnow()):
            return None
        row.last_used_at = now or utcnow()
        return Grant(token_id=row.id, role=Role(row.role), email=row.email, region=row.region,
                     reviewer_id=row.reviewer_id)

    def revoke(self, token_id: int) -> bool:
        row = self.session.get(AccessToken, token_id)
        if row is None or row.revoked_at is not None:
            return False
        row.revoked_at = utcnow()
        return True

    def listing(self, region: str | None = None) -> list[TokenRow]:
        query = select(AccessToken).order_by(AccessToken.id)
        if region:
            query = query.where(AccessToken.region == region)
        return [TokenRow.model_validate(row, from_attributes=True) for row in self.session.scalars(query)]


class PortalRecords:
    """What the portal shows beyond the engagement repository: receipts of uploads and survey drafts."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def uploads(self, region: str, limit: int = 50) -> list[Upload]:
        query = (
            select(Upload).join(Engagement, Upload.engagement_id == Engagement.id)
            .where(Engagement.region == region).order_by(Upload.id.desc()).limit(limit)
        )
        return list(self.session.scalars(query))

    def upload(self, region: str, upload_id: int) -> Upload | None:
        """The upload only when it belongs to this region, so an id from elsewhere reveals nothing."""
        found = self.session.get(Upload, upload_id)
        engagement = self.session.get(Engagement, found.engagement_id) if found else None
        return found if engagement is not None and engagement.region == region else None

    def draft(self, token_id: int, region: str) -> dict[str, Any]:
        found = self.session.scalar(select(SurveyDraft).where(SurveyDraft.token_id == token_id))
        return dict(found.answers) if found is not None and found.region == region else {}

    def save_draft(self, token_id: int, region: str, answers: dict[str, Any]) -> None:
        found = self.session.scalar(select(SurveyDraft).where(SurveyDraft.token_id == token_id))
        if found is None:
            found = SurveyDraft(token_id=token_id, region=region, answers={})
            self.session.add(found)
        found.region, found.answers, found.updated_at = region, answers, utcnow()

    def drop_draft(self, token_id: int) -> None:
        found = self.session.scalar(select(SurveyDraft).where(SurveyDraft.token_id == token_id))
        if found is not None:
            self.session.delete(found)
