"""Template sources: one module per document, each with `TITLE` and `body(doc)`.

`build_template("survey_report", out_dir)` writes `out_dir/survey_report.docx` in the house
style: cover, contents, the module's body, and the sources-and-methods annex.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from advisory.documents.house_style import TemplateBuilder

DOCUMENTS = (
    "assessment_report",
    "survey_report",
    "benchmarking_report",
    "peer_review_pack",
    "peer_review_report",
    "policy_briefing",
)


def languages(document: str) -> tuple[str, ...]:
    """The languages a document's template source can build; English always."""
    source = importlib.import_module(f"advisory.documents.templates.{document}")
    return tuple(getattr(source, "LANGUAGES", ("en",)))


def build_template(document: str, out_dir: Path, language: str = "en") -> Path:
    """English goes to `out_dir/<document>.docx`, other languages to `out_dir/<lang>/<document>.docx`."""
    source = importlib.import_module(f"advisory.documents.templates.{document}")
    if language not in getattr(source, "LANGUAGES", ("en",)):
        raise ValueError(f"{document} has no {language!r} template; it has {', '.join(languages(document))}")
    builder = TemplateBuilder(getattr(source, "TITLES", {}).get(language, source.TITLE), language=language)
    source.body(builder)
    builder.sources_annex()
    folder = out_dir if language == "en" else out_dir / language
    return builder.save(folder / f"{document}.docx")


def template_path(templates_dir: Path, document: str, language: str) -> Path:
    """The template in the region's language if one was built, else the English one."""
    regional = templates_dir / language / f"{document}.docx"
    return regional if language != "en" and regional.exists() else templates_dir / f"{document}.docx"
