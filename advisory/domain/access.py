"""Who may see and do what in the portal: personal links and sessions (stored hashed), roles, rules per role.

The rules are pure functions of a `Grant` (who signed in) and the region or object asked for, so
every route asks the same questions and the tests can ask them too. What each role sees is written
down for people in docs/portal-access.md. The tables are read and written by `AccessTokenRepository`
(adapters/store).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from pydantic import BaseModel

from advisory.domain.roles import Role

STAFF = (Role.EXPERT, Role.COORDINATOR)


class Grant(BaseModel):
    """The person behind a valid link or session: role, the region they are bound to, their reviewer id."""

    token_id: int
    role: Role
    email: str
    name: str | None = None
    region: str | None = None
    reviewer_id: str | None = None

    @property
    def who(self) -> str:
        """How the event log and the uploads name this person."""
        return f"{self.role}:{self.email}"

    @property
    def signature(self) -> str:
        """How a document names this person (edits in the briefing): their name, else their address."""
        return self.name or self.email

    @property
    def staff(self) -> bool:
        return self.role in STAFF


# --- links and sessions ------------------------------------------------------------------------
def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def csrf_token(raw: str) -> str:
    """The form token for a session: an HMAC keyed by the secret session id, so no one else can forge it."""
    return hmac.new(raw.encode(), b"advisory-portal-csrf", hashlib.sha256).hexdigest()


def csrf_matches(raw: str, sent: str | None) -> bool:
    return bool(sent) and hmac.compare_digest(csrf_token(raw), sent or "")


class Expiring(Protocol):
    revoked_at: dt.datetime | None
    expires_at: dt.datetime


def usable(token: Expiring, now: dt.datetime) -> bool:
    return token.revoked_at is None and token.expires_at > now


class SessionTimes(BaseModel):
    """How long a portal session lasts at most, and without use."""

    lifetime: dt.timedelta
    idle: dt.timedelta


class Browsing(Protocol):
    expires_at: dt.datetime
    last_used_at: dt.datetime
    ended_at: dt.datetime | None


def session_usable(session: Browsing, token: Expiring, now: dt.datetime, times: SessionTimes) -> bool:
    """A session works until sign-out, its end, a spell without use, or its link's withdrawal or expiry."""
    return (
        session.ended_at is None
        and session.expires_at > now
        and now - session.last_used_at <= times.idle
        and usable(token, now)
    )


_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]{1,64}@(?:[^\W_](?:(?:[^\W_]|-){0,61}[^\W_])?\.)+[^\W\d_]{2,63}$")


def email_problem(address: str) -> str | None:
    """Why `address` cannot receive a personal link, or None when it looks like an e-mail address."""
    if len(address) > 254 or not _EMAIL.match(address):
        return f"{address!r} is not an e-mail address (name@organisation.eu)"
    return None


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
    """Staff see every region; a contact their own; a reviewer the region of their link while assigned to it."""
    if grant.staff:
        return True
    if grant.role == Role.REVIEWER:
        return region == grant.region and region in set(assigned)
    return grant.region == region


# The meeting pack names every reviewer and is written for them; no one outside the review reads it.
REVIEWERS_DOCUMENTS = ("peer_review_pack",)


def may_see_document(grant: Grant, region: str, document: str, approved: bool, assigned: Iterable[str] = ()) -> bool:
    """Staff: every version. Contacts: their region's approved documents but the pack. Reviewers: the pack too."""
    if grant.staff:
        return True
    if not may_see_region(grant, region, assigned):
        return False
    if document in REVIEWERS_DOCUMENTS:
        return grant.role == Role.REVIEWER
    return approved


def may_see_upload(grant: Grant, uploaded_by: str) -> bool:
    """Staff see every file received; anyone else only what they sent themselves."""
    return grant.staff or uploaded_by == grant.who


def may_submit_survey(grant: Grant, region: str) -> bool:
    return grant.role == Role.EXPERT or (grant.role == Role.CONTACT and grant.region == region)


def may_review(grant: Grant, region: str, assigned: Iterable[str]) -> bool:
    return grant.role == Role.REVIEWER and region == grant.region and region in set(assigned)


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
    return grant.staff


class IssuedToken(BaseModel):
    token: str
    token_id: int
    expires_at: dt.datetime


class TokenRow(BaseModel):
    id: int
    role: Role
    email: str
    name: str | None = None
    region: str | None
    reviewer_id: str | None
    issued_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None
    last_used_at: dt.datetime | None
