"""What every route depends on: the portal, who is asking (the session resolved to a Grant), CSRF checks, role gates."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Form, HTTPException, Request

from advisory.domain.access import (
    Grant,
    SessionTimes,
    csrf_matches,
    csrf_token,
    may_run_engagements,
    may_see_programme,
    may_see_region,
    reviewer_regions,
)
from advisory.domain.text import _
from advisory.services.project import Project

COOKIE = "advisory_session"

logger = logging.getLogger(__name__)


@dataclass
class Advancing:
    """Runs `advance(region)` at most once at a time per region; a request during a run queues one more."""

    advance: Callable[[str], None] | None
    lock: threading.Lock = field(default_factory=threading.Lock)
    running: set[str] = field(default_factory=set)
    again: set[str] = field(default_factory=set)

    def is_running(self, region: str) -> bool:
        return region in self.running

    def claim(self, region: str) -> bool:
        with self.lock:
            if region in self.running:
                self.again.add(region)
                return False
            self.running.add(region)
            return True

    def run(self, region: str) -> None:
        """Called in the background after the response; repeats while inputs arrived during a run."""
        while True:
            try:
                if self.advance is not None:
                    self.advance(region)
            except Exception:  # a stage records its own failure; this is the engine itself failing
                logger.exception("advancing %s failed", region)
            with self.lock:
                if region not in self.again:
                    self.running.discard(region)
                    return
                self.again.discard(region)


@dataclass
class Portal:
    project: Project
    input_kinds: dict[str, Any]
    advancing: Advancing
    instrument: Callable[[], Any] | None = None

    @property
    def session_times(self) -> SessionTimes:
        settings = self.project.settings
        lifetime, idle = dt.timedelta(hours=settings.session_hours), dt.timedelta(minutes=settings.session_idle_minutes)
        return SessionTimes(lifetime=lifetime, idle=idle)


@dataclass(frozen=True)
class Visitor:
    """A signed-in person: their grant, the raw session id (for the CSRF token) and reviewer assignments."""

    grant: Grant
    session: str
    assigned: frozenset[str]

    @property
    def csrf(self) -> str:
        return csrf_token(self.session)

    def sees(self, region: str) -> bool:
        return may_see_region(self.grant, region, self.assigned)


class NotSignedIn(Exception):
    """No usable session: the sign-in page is shown instead."""


def portal(request: Request) -> Portal:
    return request.app.state.portal


ThePortal = Annotated[Portal, Depends(portal)]


def current_visitor(request: Request) -> Visitor | None:
    """The person whose session cookie came with the request, while that session is usable."""
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    the_portal = portal(request)
    with the_portal.project.unit_of_work() as uow:
        grant = uow.tokens.resolve_session(raw, the_portal.session_times)
        uow.commit()
        packs = uow.engagements.latest_results("peer_review_pack") if grant and grant.reviewer_id else {}
    if grant is None:
        return None
    return Visitor(grant=grant, session=raw, assigned=frozenset(reviewer_regions(packs, grant.reviewer_id)))


def visitor(request: Request) -> Visitor:
    found = current_visitor(request)
    if found is None:
        raise NotSignedIn()
    return found


SignedIn = Annotated[Visitor, Depends(visitor)]


def checked_form(request: Request, person: SignedIn, csrf: Annotated[str, Form()] = "") -> Visitor:
    """Every POST carries the session's form token in a hidden field; anything else is refused."""
    if not csrf_matches(person.session, csrf):
        raise HTTPException(
            status_code=403,
            detail=_("This form has expired or did not come from the portal. Reload the page and try again."),
        )
    return person


Posted = Annotated[Visitor, Depends(checked_form)]


def region_of(person: Visitor, the_portal: Portal, code: str) -> str:
    """The region's canonical code when this person may see it; 404 for unknown, 403 for someone else's."""
    region = the_portal.project.regions.get(code.strip().upper())
    if region is None:
        raise HTTPException(status_code=404, detail=_("There is no such region."))
    if not person.sees(region.code):
        raise HTTPException(status_code=403, detail=_("This region is not yours to see."))
    return region.code


def programme_visitor(person: SignedIn) -> Visitor:
    if not may_see_programme(person.grant):
        raise HTTPException(status_code=403, detail=_("Only coordinators and experts see the whole programme."))
    return person


ProgrammeVisitor = Annotated[Visitor, Depends(programme_visitor)]


def _experts_only(person: Visitor) -> Visitor:
    if not may_run_engagements(person.grant):
        raise HTTPException(status_code=403, detail=_("Only observatory experts run engagements."))
    return person


def expert_visitor(person: SignedIn) -> Visitor:
    return _experts_only(person)


def posting_expert(person: Posted) -> Visitor:
    return _experts_only(person)


ExpertVisitor = Annotated[Visitor, Depends(expert_visitor)]  # reads a page only experts see
Expert = Annotated[Visitor, Depends(posting_expert)]  # posts a form only experts may
