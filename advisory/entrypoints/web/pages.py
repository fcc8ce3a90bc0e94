"""The one way pages are rendered: Jinja2 templates (autoescaped) with shared filters, in the reader's language.

Every word of a page comes from the gettext catalogs (`{{ _("...") }}` in the templates, Jinja's i18n
extension). The language is chosen per request (`reader_language`): the language picked on the page (kept in
a cookie), else the language of the region a contact or reviewer works for, else the browser's preferred
language, else English. It lives in a context variable while the page renders, so concurrent requests in
other languages never mix.
"""

from __future__ import annotations

import secrets
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from babel import Locale
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from advisory.adapters.i18n import available_languages, translator
from advisory.domain.documents import DOCUMENT_TITLES
from advisory.domain.text import Msg, Quote, _

HERE = Path(__file__).resolve().parent
LANGUAGE_COOKIE = "advisory_lang"
LANGUAGE: ContextVar[str] = ContextVar("portal_language", default="en")


def _words():
    return translator(LANGUAGE.get())


def _text(value: Any) -> str:
    """A message in the reader's language; a plain string looked up in the catalog (kept as it is if absent)."""
    if isinstance(value, Msg | Quote):
        return _words().text(value)
    return _words().gettext(value) if value else ""


def _in_language(text: str, language: str | None = None) -> str:
    """A catalog key (an instrument's question, say) in the given language, else the reader's."""
    return translator(language or LANGUAGE.get()).gettext(text) if text else ""


templates = Jinja2Templates(directory=HERE / "templates")
templates.env.add_extension("jinja2.ext.i18n")
templates.env.install_gettext_callables(  # type: ignore[attr-defined]
    gettext=lambda message: _words().gettext(message),
    ngettext=lambda singular, plural, n: _words().ngettext(singular, plural, n),
    newstyle=True,
)
templates.env.filters["label"] = lambda key: str(key).replace("_", " ")
templates.env.filters["tr"] = _in_language
templates.env.filters["t"] = _text
templates.env.filters["when"] = lambda moment: f"{moment:%Y-%m-%d %H:%M}" if moment else ""
templates.env.filters["day"] = lambda value: _words().date(value) if value else ""
# Names readers see for the codes the engine keeps (statuses, kinds of input, documents, outcomes).
templates.env.globals["status_names"] = {
    "pending": _("not started"),
    "running": _("running"),
    "awaiting_input": _("waiting for input"),
    "ready_for_approval": _("ready for approval"),
    "completed": _("completed"),
    "outdated": _("outdated by a new input"),
    "failed": _("failed"),
}
templates.env.globals["kind_names"] = {
    "survey_response": _("survey responses"),
    "stress_test": _("policy self-assessment (stress test)"),
    "expert_findings": _("findings from stakeholder interviews"),
    "peer_review": _("peer review"),
    "briefing_edits": _("edits to the policy briefing"),
}
templates.env.globals["document_names"] = DOCUMENT_TITLES
templates.env.globals["outcome_names"] = {
    "accepted": _("accepted"),
    "rejected": _("not accepted"),
    "duplicate": _("already received"),
    "received": _("received, being checked"),
}
# A fresh idempotency key for each form as rendered (see once.py): a double click posts the same key twice.
templates.env.globals["form_key"] = lambda: secrets.token_urlsafe(18)


def language_names() -> dict[str, str]:
    """Every language the portal speaks, named in itself ("Deutsch", "slovenščina")."""
    return {code: Locale(code).get_display_name(code) for code in available_languages()}


def reader_language(request: Request, person: Any = None) -> str:
    """The picked language, else the language of the person's region, else the browser's, else English."""
    languages = available_languages()
    for picked in (request.query_params.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        if picked in languages:
            return picked
    if person is None:  # error pages: still the language of whoever is signed in
        from advisory.entrypoints.web.deps import current_visitor

        person = current_visitor(request)
    region = getattr(getattr(person, "grant", None), "region", None)
    portal = getattr(request.app.state, "portal", None)
    if region and portal is not None and region in portal.project.regions:
        return portal.project.regions[region].language
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in languages:
            return code
    return "en"


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    language = reader_language(request, context.get("person"))
    context.setdefault("lang", language)
    context.update(languages=language_names(), reader=language)
    token = LANGUAGE.set(language)
    try:
        response = templates.TemplateResponse(request, name, context, status_code=status_code)
    finally:
        LANGUAGE.reset(token)
    if request.query_params.get("lang") == language:
        response.set_cookie(LANGUAGE_COOKIE, language, max_age=365 * 24 * 3600, samesite="lax", httponly=True)
    return response
