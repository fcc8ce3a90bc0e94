"""Template sources and the Word templates built from them: one template per document, for every language.

A stage's `template.py` declares a `TemplateSource` (its document, title and body); `build_template`
writes `<templates_dir>/<document>.docx` in the house style (cover, contents, the body, the
sources-and-methods annex). Every word of a template is a `{{ _("...") }}` call, looked up in the
reader's catalog when a document is rendered, so one template serves every language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from advisory.domain.text import Msg

if TYPE_CHECKING:  # python-docx is loaded only when a template is built, not to find one
    from advisory.adapters.documents.house_style import TemplateBuilder


@dataclass(frozen=True)
class TemplateSource:
    document: str
    title: Msg
    body: Callable[[TemplateBuilder], None]

    def title_in(self, language: str) -> str:
        from advisory.adapters.i18n import translator

        return translator(language).text(self.title)


def build_template(source: TemplateSource, out_dir: Path) -> Path:
    """Write `out_dir/<document>.docx`."""
    from advisory.adapters.documents.house_style import TemplateBuilder

    builder = TemplateBuilder(source.title)
    source.body(builder)
    builder.sources_annex()
    return builder.save(out_dir / f"{source.document}.docx")


def template_path(templates_dir: Path, document: str) -> Path:
    return templates_dir / f"{document}.docx"
