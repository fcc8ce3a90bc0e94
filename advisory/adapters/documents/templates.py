"""Template sources and the Word templates built from them, one per document and language.

A stage's `template.py` declares a `TemplateSource` (its document, title and body); `build_template`
writes `<templates_dir>/<document>.docx` in the house style (cover, contents, the body, the
sources-and-methods annex), other languages under `<templates_dir>/<language>/`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # python-docx is loaded only when a template is built, not to find one
    from advisory.adapters.documents.house_style import TemplateBuilder


@dataclass(frozen=True)
class TemplateSource:
    document: str
    title: str
    body: Callable[[TemplateBuilder], None]
    titles: Mapping[str, str] = field(default_factory=dict)
    languages: tuple[str, ...] = ("en",)

    def title_in(self, language: str) -> str:
        return self.titles.get(language, self.title)


def build_template(source: TemplateSource, out_dir: Path, language: str = "en") -> Path:
    """English goes to `out_dir/<document>.docx`, other languages to `out_dir/<lang>/<document>.docx`."""
    if language not in source.languages:
        raise ValueError(f"{source.document} has no {language!r} template; it has {', '.join(source.languages)}")
    from advisory.adapters.documents.house_style import TemplateBuilder

    builder = TemplateBuilder(source.title_in(language), language=language)
    source.body(builder)
    builder.sources_annex()
    folder = out_dir if language == "en" else out_dir / language
    return builder.save(folder / f"{source.document}.docx")


def template_path(templates_dir: Path, document: str, language: str) -> Path:
    """The template in the region's language if one was built, else the English one."""
    regional = templates_dir / language / f"{document}.docx"
    return regional if language != "en" and regional.exists() else templates_dir / f"{document}.docx"
