"""Signing in and out: a personal link is exchanged for a server-side session; sign-out ends it at once.

The link (`/signin?token=...`) opens a page that posts the code, so a code is never turned into a
session by a GET: a cross-site GET of someone else's link cannot replace the visitor's session. The
post must carry the sign-in nonce that page set in a cookie (a login form planted on another site
has neither), and signing in while signed in as someone else asks first. The session id is random,
new at every sign-in (the old one ends), stored hashed, and sent in an HttpOnly, SameSite=Lax cookie,
Secure whenever the portal is reached over https (behind a proxy too, with `advisory serve
--proxy-headers`). Failed sign-ins are counted per address and paused past a limit.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from advisory.domain.access import Grant
from advisory.entrypoints.web.deps import COOKIE, Portal, Posted, ThePortal, Visitor, current_visitor
from advisory.entrypoints.web.pages import page

NONCE_COOKIE = "advisory_signin"
PAUSE = dt.timedelta(hours=1)

router = APIRouter()


def secure(request: Request) -> bool:
    """Over https (the scheme uvicorn reports, from the proxy's X-Forwarded-Proto when it trusts the proxy)."""
    return request.url.scheme == "https"


def signin_page(request: Request, status_code: int = 200, template: str = "signin.html", **context) -> HTMLResponse:
    """A page with a sign-in form: it carries a fresh nonce, also set as a cookie only this site can send back."""
    nonce = secrets.token_urlsafe(18)
    response = page(request, template, status_code=status_code, nonce=nonce, **{"person": None, **context})
    response.set_cookie(
        NONCE_COOKIE, nonce, httponly=True, samesite="lax", secure=secure(request), max_age=3600, path="/signin"
    )
    return response


def link_refused(request: Request, status_code: int = 403) -> HTMLResponse:
    return signin_page(
        request,
        status_code,
        message="This link or code does not work: it is unknown, has expired or was withdrawn. "
        "Ask the observatory for a new one.",
    )


@router.get("/signin", response_class=HTMLResponse)
def open_link(request: Request, the_portal: ThePortal, token: str = "") -> Response:
    """The invite link: a page that posts the code (by itself, or with one click without JavaScript)."""
    if not token:
        return signin_page(request)
    if paused(the_portal, request):
        return too_many(request)
    grant = peek(the_portal, token)
    if grant is None:
        failed(the_portal, request)
        return link_refused(request)
    present = current_visitor(request)
    if present is not None and present.grant.token_id == grant.token_id:
        return RedirectResponse("/", status_code=303)
    if present is not None:
        return signin_page(request, template="signin_switch.html", token=token, present=present, coming=grant)
    return signin_page(request, template="signin_link.html", token=token, coming=grant)


@router.post("/signin", response_class=HTMLResponse)
def sign_in(
    request: Request,
    the_portal: ThePortal,
    token: Annotated[str, Form()] = "",
    nonce: Annotated[str, Form()] = "",
    confirm: Annotated[str, Form()] = "",
) -> Response:
    """Exchange the code for a new session; the old session of this browser ends (the session id rotates)."""
    sent = request.cookies.get(NONCE_COOKIE, "")
    if not (nonce and sent and hmac.compare_digest(nonce, sent)):
        return signin_page(
            request,
            403,
            message="This sign-in form did not come from the portal, or has expired. Open your personal link again.",
        )
    if paused(the_portal, request):
        return too_many(request)
    present = current_visitor(request)
    grant = peek(the_portal, token)
    if grant is None:
        failed(the_portal, request)
        return link_refused(request)
    if present is not None and present.grant.token_id != grant.token_id and confirm != "yes":
        return signin_page(request, template="signin_switch.html", token=token, present=present, coming=grant)
    return start(request, the_portal, token, present)


def start(request: Request, the_portal: Portal, token: str, present: Visitor | None) -> Response:
    with the_portal.project.unit_of_work() as uow:
        started = uow.tokens.start_session(token, the_portal.session_times)
        if present is not None:
            uow.tokens.end_session(present.session)
        uow.commit()
    if started is None:  # withdrawn between the check and now
        return link_refused(request)
    session, _ = started
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(
        COOKIE,
        session,
        httponly=True,
        samesite="lax",
        secure=secure(request),
        max_age=the_portal.project.settings.session_hours * 3600,
        path="/",
    )
    response.delete_cookie(NONCE_COOKIE, path="/signin")
    return response


@router.post("/signout")
async def sign_out(person: Posted, the_portal: ThePortal) -> RedirectResponse:
    """Ends the session on the server at once: the cookie, if kept or copied, no longer opens anything."""
    await run_in_threadpool(end, the_portal, person.session)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


def end(the_portal: Portal, session: str) -> None:
    with the_portal.project.unit_of_work() as uow:
        uow.tokens.end_session(session)
        uow.commit()


def peek(the_portal: Portal, token: str) -> Grant | None:
    with the_portal.project.unit_of_work() as uow:
        return uow.tokens.peek(token)


def address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def paused(the_portal: Portal, request: Request) -> bool:
    project = the_portal.project
    with project.unit_of_work() as uow:
        failures = uow.tokens.failed_sign_ins(address(request), project.clock.now() - PAUSE)
    return failures >= project.settings.signin_failures_per_hour


def failed(the_portal: Portal, request: Request) -> None:
    with the_portal.project.unit_of_work() as uow:
        uow.tokens.failed_sign_in(address(request))
        uow.commit()


def too_many(request: Request) -> HTMLResponse:
    return page(
        request,
        "error.html",
        status_code=429,
        person=None,
        title="Too many attempts",
        message="Too many sign-ins with unknown or expired codes came from your address in the last hour. "
        "Please wait an hour, then open your personal link again.",
    )
