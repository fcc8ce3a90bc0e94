"""The one way to write a Word document: `render(template, context, out_path)`.

Renders with autoescape (without it docxtpl silently drops text after `&` or `<`), draws
every `Chart` in the context as a picture, formats numbers and dates for the document's
language, writes to a temporary file and renames it into place, so a crash never leaves a
half-written document where a reader could open it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import tempfile
from pathlib import Path
from typing import Any

import jinja2
from babel.dates import format_date
from babel.numbers import format_decimal
from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage
from pydantic import BaseModel

from advisory.charts import Chart
from advisory.documents.charts import draw


class RenderedDocument(BaseModel):
    path: Path
    sha256: str
    template_sha256: str


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _jinja_env(language: str) -> jinja2.Environment:
    env = jinja2.Environment(autoescape=True)

    def num(value: Any, digits: int = 1) -> str:
        if value is None or value != value:  # None or NaN
            return "n/a"
        return format_decimal(round(float(value), digits), format=f"#,##0.{'0' * digits}" if digits else "#,##0", locale=language)

    def pct(value: Any, digits: int = 1) -> str:
        return "n/a" if value is None else f"{num(value, digits)} %"

    def date(value: Any) -> str:
        if isinstance(value, str):
            value = dt.date.fromisoformat(value[:10])
        return format_date(value, format="long", locale=language)

    env.filters.update(num=num, pct=pct, date=date)
    return env


def _to_jinja(value: Any, template: DocxTemplate) -> Any:
    """Models become dicts (properties kept reachable), charts become pictures."""
    if isinstance(value, Chart):
        return InlineImage(template, io.BytesIO(draw(value)), width=Cm(value.width_cm))
    if isinstance(value, BaseModel):
        data = {name: _to_jinja(getattr(value, name), template) for name in type(value).model_fields}
        for name in dir(type(value)):
            if not name.startswith("_") and isinstance(getattr(type(value), name, None), property) and name not in data:
                data[name] = _to_jinja(getattr(value, name), template)
        return data
    if isinstance(value, dict):
        return {key: _to_jinja(item, template) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_to_jinja(item, template) for item in value]
    return value


def render(template: Path, context: BaseModel, out_path: Path, language: str = "en") -> RenderedDocument:
    """Render `template` with `context` into `out_path` atomically; return its hashes."""
    document = DocxTemplate(str(template))
    document.render(_to_jinja(context, document), jinja_env=_jinja_env(language), autoescape=True)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=out_path.parent, prefix=f".{out_path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            document.save(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, out_path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return RenderedDocument(path=out_path, sha256=sha256_file(out_path), template_sha256=sha256_file(template))
