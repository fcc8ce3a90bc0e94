"""The assessment report rendered from real data for a region, in English and the region's language."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from docx import Document

from advisory.assessment import build_assessment_report
from advisory.documents.render import render
from advisory.documents.templates import build_template, template_path
from advisory.inputs.assessment import gather_assessment_report
from advisory.pipeline import DocumentContext, DocumentMeta
from tests.briefing_examples import context_with_assessment


def document_text(path) -> str:
    document = Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.parametrize(("code", "language", "heading"), [("DED2", "de", "Nationaler Kontext"),
                                                           ("ES61", "en", "Country context")])
def test_assessment_report_renders_real_figures_and_text_verbatim(tmp_path, code, language, heading):
    for lang in ("en", language):
        build_template("assessment_report", tmp_path, lang)
    ctx = context_with_assessment(code)
    result = build_assessment_report(gather_assessment_report(ctx))
    meta = DocumentMeta(title="Assessment report", stage_label="Stage 1", version=1, date=dt.date(2026, 11, 21),
                        language=language)
    out = render(template_path(tmp_path, "assessment_report", language),
                 DocumentContext(region=ctx.region, document=meta, result=result, sources=result.sources),
                 tmp_path / f"{code}.docx", language).path
    text = document_text(out)
    assert heading in text and result.mismatches[0].text in text
    assert ctx.region.challenge.split(":")[0] in text
    assert result.findings[0].title in text and "&" in text and "<" in text
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not on PATH: PDF conversion not checked")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], check=True, timeout=180, capture_output=True)
    assert out.with_suffix(".pdf").stat().st_size > 20_000
