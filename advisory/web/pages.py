"""The one way pages are rendered: Jinja2 templates (autoescaped) with shared filters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters["label"] = lambda key: str(key).replace("_", " ")
templates.env.filters["tr"] = lambda texts, language: (texts or {}).get(language) or (texts or {}).get("en", "")
templates.env.filters["when"] = lambda moment: f"{moment:%Y-%m-%d %H:%M}" if moment else ""


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status_code)
