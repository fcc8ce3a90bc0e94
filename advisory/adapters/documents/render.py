"""The one way to write a Word document: `render(template, context, out_path)`.

Renders with autoescape (without it docxtpl silently drops text after `&` or `<`), draws
every `Chart` in the context as a picture, formats numbers and dates for the document's
language, sets every table's column widths from what its cells hold, writes to a temporary
file and renames it into place, so a crash never leaves a half-written document where a
reader could open it. `translated(result, language)` is the same result as plain data, every
message in the reader's language (the machine-readable copy of a document).
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from babel.numbers import get_decimal_symbol, get_group_symbol
from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage
from pydantic import BaseModel

from advisory.adapters.documents.drawing import draw_all
from advisory.adapters.documents.layout import fit_tables
from advisory.adapters.i18n import Translator, translator
from advisory.domain.charts import Chart
from advisory.domain.text import Msg, Quote, _


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


class _CompiledOnce(jinja2.Environment):
    """A Jinja environment that compiles each template source once: docxtpl hands it the same XML parts
    (body, headers, footers) of the same few templates for every region and version."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled: dict[str, jinja2.Template] = {}

    def from_string(self, source, globals=None, template_class=None):
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compiled = self._compiled.get(source)
        if compiled is None:
            compiled = self._compiled[source] = super().from_string(source)
        return compiled


class _Template(DocxTemplate):
    """docxtpl, with each XML part's clean-up for Jinja done once per distinct part (it is pure text work)."""

    def patch_xml(self, src_xml: str) -> str:
        return _patched(src_xml)


@lru_cache(maxsize=64)
def _patched(src_xml: str) -> str:
    return DocxTemplate.patch_xml(None, src_xml)  # docxtpl's patch_xml reads nothing from the instance


@lru_cache(maxsize=16)
def jinja_env(language: str) -> jinja2.Environment:
    """The template language of every document, shared by every render in a language: `_()` and `ngettext()`
    from its catalog, `num`, `pct` and `date` in its notation, `t` for any engine text."""
    words = translator(language)
    env = _CompiledOnce(autoescape=True)
    env.globals.update(_=words.gettext, ngettext=words.ngettext)
    env.filters.update(num=words.number, pct=words.percent, date=words.date, t=words.text)
    return env


TEMPLATE_GLOBALS = frozenset({"_", "ngettext"})


def _to_jinja(value: Any, charts: list[Chart], words: Translator) -> Any:
    """Models become dicts (properties kept reachable), messages their translation; charts, translated, are
    collected and stand as their index until drawn."""
    if isinstance(value, Msg | Quote):
        return words.text(value)
    if isinstance(value, Chart):
        charts.append(translated_chart(value, words))
        return _ChartSlot(len(charts) - 1)
    if isinstance(value, BaseModel):
        data = {name: _to_jinja(getattr(value, name), charts, words) for name in type(value).model_fields}
        for name in dir(type(value)):
            if not name.startswith("_") and isinstance(getattr(type(value), name, None), property) and name not in data:
                data[name] = _to_jinja(getattr(value, name), charts, words)
        return data
    if isinstance(value, dict):
        return {key: _to_jinja(item, charts, words) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_to_jinja(item, charts, words) for item in value]
    return value


def translated_chart(chart: Chart, words: Translator) -> Chart:
    """The chart with every text in the reader's language (the drawing adapter only draws)."""

    def text(value) -> str:  # a soft hyphen lets a table cell break a long word; a chart has no use for one
        return words.text(value).replace("\u00ad", "")

    return chart.model_copy(
        update={
            "title": text(chart.title),
            "categories": [text(c) for c in chart.categories],
            "series": [s.model_copy(update={"name": text(s.name)}) for s in chart.series],
            "unit": text(chart.unit),
            "source": text(_("Source: {source}", source=chart.source)) if chart.source else "",
            "decimal_mark": get_decimal_symbol(words.language),
            "group_mark": get_group_symbol(words.language),
            "missing_label": words.gettext("n/a"),
        }
    )


def translated(value: Any, language: str) -> Any:
    """A result as plain JSON-ready data with every message in `language` (charts too); dates as ISO text."""
    words = translator(language)
    return _plain(value, words)


def _plain(value: Any, words: Translator) -> Any:
    if isinstance(value, Msg | Quote):
        return words.text(value)
    if isinstance(value, Chart):
        value = translated_chart(value, words)
    if isinstance(value, BaseModel):
        return {name: _plain(getattr(value, name), words) for name in type(value).model_fields}
    if isinstance(value, dict):
        return {str(key): _plain(item, words) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item, words) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    return value


class _ChartSlot(int):
    """Where a chart goes in the context, until its picture is drawn."""


def _with_pictures(value: Any, pictures: list[InlineImage]) -> Any:
    if isinstance(value, _ChartSlot):
        return pictures[value]
    if isinstance(value, dict):
        return {key: _with_pictures(item, pictures) for key, item in value.items()}
    if isinstance(value, list):
        return [_with_pictures(item, pictures) for item in value]
    return value


def render(template: Path, context: BaseModel, out_path: Path, language: str = "en") -> RenderedDocument:
    """Render `template` with `context` into `out_path` atomically, every text in `language`; return its hashes."""
    charts: list[Chart] = []
    data = _to_jinja(context, charts, translator(language))
    drawn = draw_all(charts)  # drawing starts now, in other processes, while the template is read
    document = _Template(str(template))
    pictures = [
        InlineImage(document, io.BytesIO(png), width=Cm(chart.width_cm))
        for chart, png in zip(charts, drawn, strict=True)
    ]
    document.render(_with_pictures(data, pictures), jinja_env=jinja_env(language), autoescape=True)
    fit_tables(document.docx)
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
