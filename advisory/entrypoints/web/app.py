"""The portal application: `create_app(project, input_kinds, advance)` wires pages, guards and error pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from advisory.domain.access import Role
from advisory.domain.errors import ActionRefused, AdvisoryError, QuotaExceeded, UnknownRegion, UnknownStage
from advisory.domain.text import Msg, _
from advisory.entrypoints.web.deps import Advancing, NotSignedIn, Portal, current_visitor
from advisory.entrypoints.web.guard import BodyLimit, NoTracebacks, SecurityHeaders
from advisory.entrypoints.web.pages import HERE, page
from advisory.entrypoints.web.signin import signin_page
from advisory.services.project import Project

ERROR_TITLES = {
    400: _("The request could not be understood"),
    403: _("Not allowed"),
    404: _("Not found"),
    405: _("Not allowed"),
    409: _("Not possible now"),
    413: _("Upload too large"),
    422: _("Some fields are missing or wrong"),
    429: _("Too much sent today"),
    500: _("Something went wrong"),
}
# What people can meet in the services, as HTTP statuses; anything else an AdvisoryError says is a 400.
ERROR_STATUS = {QuotaExceeded: 429, ActionRefused: 409, UnknownRegion: 404, UnknownStage: 404}


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
    from advisory.entrypoints.web import (
        findings_form,
        programme_pages,
        region_pages,
        review_pages,
        signin,
        stress_test_form,
        survey_form,
    )

    for module in (signin, region_pages, survey_form, stress_test_form, findings_form, review_pages, programme_pages):
        app.include_router(module.router)
    app.add_api_route("/", home, methods=["GET"], response_class=HTMLResponse)
    app.add_api_route("/healthz", lambda: {"ok": True}, methods=["GET"])
    app.add_middleware(BodyLimit, limit=project.settings.max_upload_bytes)
    app.add_middleware(NoTracebacks, page=_plain_error_page())
    app.add_middleware(SecurityHeaders)
    return app


def _default_instrument(project: Project) -> Callable[[], Any]:
    def load() -> Any:
        from advisory.stages.survey.instrument import default_instrument  # read on the first survey page, not at start

        return default_instrument(project.settings.instruments_dir)

    return load


def home(request: Request) -> HTMLResponse:
    person = current_visitor(request)
    if person is None:
        return signin_page(request)
    grant = person.grant
    if grant.role == Role.CONTACT:
        return RedirectResponse(f"/regions/{grant.region}", status_code=303)
    if grant.role == Role.REVIEWER:
        return RedirectResponse("/reviews", status_code=303)
    return RedirectResponse("/dashboard", status_code=303)


def _error_pages(app: FastAPI) -> None:
    @app.exception_handler(NotSignedIn)
    async def not_signed_in(request: Request, _exc: NotSignedIn) -> HTMLResponse:
        return signin_page(request, 401)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> HTMLResponse:
        title = ERROR_TITLES.get(exc.status_code, ERROR_TITLES[500])
        message = exc.detail if isinstance(exc.detail, str | Msg) and exc.status_code < 500 else ""
        return page(request, "error.html", status_code=exc.status_code, person=None, title=title, message=message)

    @app.exception_handler(AdvisoryError)
    async def refused(request: Request, exc: AdvisoryError) -> HTMLResponse:
        status = next((code for kind, code in ERROR_STATUS.items() if isinstance(exc, kind)), 400)
        if status == 404:  # an unknown region or stage: said in the reader's language
            return page(
                request,
                "error.html",
                status_code=404,
                person=None,
                title=ERROR_TITLES[404],
                message=_("There is no such region or stage."),
            )
        message = str(exc)
        return page(
            request,
            "error.html",
            status_code=status,
            person=None,
            title=ERROR_TITLES[status],
            message=message[:1].upper() + message[1:] + ("" if message.endswith(".") else "."),
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> HTMLResponse:
        fields = sorted({str(e["loc"][-1]) for e in exc.errors() if e.get("loc")})
        message = _("Please check: {fields}.", fields=fields) if fields else ""
        return page(request, "error.html", status_code=422, person=None, title=ERROR_TITLES[422], message=message)


def _plain_error_page() -> bytes:
    return (HERE / "templates" / "500.html").read_bytes()
