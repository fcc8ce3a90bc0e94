"""The assessment report rendered from real data for a region, in English and the region's language."""

from __future__ import annotations

import datetime as dt

import pytest

from advisory.adapters.documents.render import render
from advisory.adapters.documents.templates import build_template
from advisory.adapters.i18n import translator
from advisory.domain.documents import DocumentContext, DocumentMeta
from advisory.stages.assessment.build import build_assessment_report
from advisory.stages.assessment.gather import gather_assessment_report
from tests.briefing_examples import context_with_assessment
from tests.documents import docx_text, pdf_of, template_source


@pytest.mark.parametrize(
    ("code", "language", "heading"), [("DED2", "de", "Nationaler Kontext"), ("ES61", "en", "Country context")]
)
def test_assessment_report_renders_real_figures_and_text_verbatim(tmp_path, code, language, heading):
    template = build_template(template_source("assessment_report"), tmp_path)
    ctx = context_with_assessment(code)
    result = build_assessment_report(gather_assessment_report(ctx))
    meta = DocumentMeta(
        title="Assessment report", stage_label="Stage 1", version=1, date=dt.date(2026, 11, 21), language=language
    )
    out = render(
        template,
        DocumentContext(region=ctx.region, document=meta, result=result, sources=result.sources),
        tmp_path / f"{code}.docx",
        language,
    ).path
    text = docx_text(out)
    words = translator(language)
    assert heading in text and words.text(result.mismatches[0].text) in text
    assert ctx.region.challenge.split(":")[0] in text
    assert result.findings[0].title in text and "&" in text and "<" in text
    assert pdf_of(out, tmp_path).stat().st_size > 20_000
