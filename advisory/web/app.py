"""The portal application: `create_app(project, input_kinds, advance)` wires pages, guards and error pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from advisory.access import AccessTokens, Role
from advisory.project import Project
from advisory.web.guard import BodyLimit, NoTracebacks, SecurityHeaders
from advisory.web.pages import HERE, page
from advisory.web.session import COOKIE, Advancing, NotSignedIn, Portal, Posted

ERROR_TITLES = {
    400: "The request could not be understood",
    403: "Not allowed",
    404: "Not found",
    405: "Not allowed",
    413: "Upload too large",
    422: "Some fields are missing or wrong",
    500: "Something went wrong",
}


def create_app(
    project: Project,
    input_kinds: dict[str, Any],
    advance: Callable[[str], None] | None = None,
    *,
    instrument: Callable[[], Any] | None = None,
) -> FastAPI:
    """The portal on this project; `advance(region)` runs after each recorded input (in the background)."""
    app = FastAPI(title="Cluster Observatory portal", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.portal = Portal(project, input_kinds, Advancing(advance), instrument or _default_instrument(project))
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _error_pages(app)
    from advisory.web import programme_pages, region_pages, review_pages, survey_form

    for module in (region_pages, survey_form, review_pages, programme_pages):
        app.include_router(module.router)
    app.add_api_route("/", home, methods=["GET"], response_class=HTMLResponse)
    app.add_api_route("/signin", sign_in, methods=["GET"])
    app.add_api_route("/signout", sign_out, methods=["POST"])
    app.add_api_route("/healthz", lambda: {"ok": True}, methods=["GET"])
    app.add_middleware(BodyLimit, limit=project.settings.max_upload_bytes)
    app.add_middleware(NoTracebacks, page=_plain_error_page())
    app.add_middleware(SecurityHeaders)
    return app


def _default_instrument(project: Project) -> Callable[[], Any]:
    def load() -> Any:
        # Imported late: the survey package is its own area and the portal starts without it.
        from surveys.instrument import default_instrument

        return default_instrument(project.settings.instruments_dir)

    return load


def home(request: Request) -> HTMLResponse:
    from advisory.web.session import visitor

    try:
        person = visitor(request)
    except NotSignedIn:
        return page(request, "signin.html", person=None)
    grant = person.grant
    if grant.role == Role.CONTACT:
        return RedirectResponse(f"/regions/{grant.region}", status_code=303)
    if grant.role == Role.REVIEWER:
        return RedirectResponse("/reviews", status_code=303)
    return RedirectResponse("/dashboard", status_code=303)


def sign_in(request: Request, token: str = "") -> HTMLResponse:
    """The invite link: a usable token becomes an HttpOnly, SameSite=Strict session cookie."""
    project: Project = request.app.state.portal.project
    with project.unit_of_work() as uow:
        grant = AccessTokens(uow.session).resolve(token)
        uow.commit()
    if grant is None:
        return page(request, "error.html", status_code=403, person=None, title="This link does not work",
                    message="The link is unknown, has expired or was withdrawn. Ask the observatory for a new one.")
    # The landing page is reached by a 303 from our own site, so the Strict cookie is sent with it.
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https",
                        max_age=60 * 60 * 12, path="/")
    return response


def sign_out(person: Posted) -> RedirectResponse:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


def _error_pages(app: FastAPI) -> None:
    @app.exception_handler(NotSignedIn)
    async def not_signed_in(request: Request, _exc: NotSignedIn) -> HTMLResponse:
        return page(request, "signin.html", status_code=401, person=None)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> HTMLResponse:
        title = ERROR_TITLES.get(exc.status_code, "Something went wrong")
        message = exc.detail if isinstance(exc.detail, str) and exc.status_code < 500 else ""
        return page(request, "error.html", status_code=exc.status_code, person=None, title=title, message=message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> HTMLResponse:
        fields = sorted({str(e["loc"][-1]) for e in exc.errors() if e.get("loc")})
        message = f"Please check: {', '.join(fields)}." if fields else ""
        return page(request, "error.html", status_code=422, person=None, title=ERROR_TITLES[422], message=message)


def _plain_error_page() -> bytes:
    return (HERE / "templates" / "500.html").read_bytes()
