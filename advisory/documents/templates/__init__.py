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


def build_template(document: str, out_dir: Path) -> Path:
    source = importlib.import_module(f"advisory.documents.templates.{document}")
    builder = TemplateBuilder(source.TITLE)
    source.body(builder)
    builder.sources_annex()
    return builder.save(out_dir / f"{document}.docx")
