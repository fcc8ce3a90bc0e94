"""The one way pages are rendered: Jinja2 templates (autoescaped) with shared filters."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from advisory.adapters.i18n import translator

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters["label"] = lambda key: str(key).replace("_", " ")
templates.env.filters["tr"] = lambda text, language: translator(language).gettext(text) if text else ""
templates.env.filters["when"] = lambda moment: f"{moment:%Y-%m-%d %H:%M}" if moment else ""
# A fresh idempotency key for each form as rendered (see once.py): a double click posts the same key twice.
templates.env.globals["form_key"] = lambda: secrets.token_urlsafe(18)


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status_code)
