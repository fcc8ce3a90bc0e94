"""The policy briefing rendered end to end: real inputs, the house template, LibreOffice and page images."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import numpy as np
import pytest
from docx import Document
from PIL import Image
from pydantic import BaseModel

from advisory.adapters.documents.render import render
from advisory.adapters.documents.templates import build_template
from advisory.domain.documents import DocumentContext, DocumentMeta
from advisory.domain.sources import SourcedFigure
from advisory.stages.assessment.build import build_assessment_report
from advisory.stages.assessment.gather import gather_assessment_report
from advisory.stages.briefing.build import build_policy_briefing
from advisory.stages.briefing.gather import gather_policy_briefing
from advisory.stages.briefing.parse import parse_briefing_edits
from tests.briefing_examples import context_with_assessment, demo_bytes
from tests.documents import page_images, pdf_of, template_source

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not on PATH")


def briefing_context(code: str, language: str = "en") -> DocumentContext:
    ctx = context_with_assessment(code)
    ctx.results["assessment_report"] = build_assessment_report(gather_assessment_report(ctx)).model_dump(mode="json")
    edits = parse_briefing_edits(demo_bytes("briefing_edits", code), f"{code}.yaml", ctx.region)
    ctx.recorded["briefing_edits"] = [edits.model_dump(mode="json")]
    result = build_policy_briefing(gather_policy_briefing(ctx))
    meta = DocumentMeta(
        title="Final policy briefing", stage_label="Stage 5", version=1, date=dt.date(2026, 11, 21), language=language
    )
    return DocumentContext(region=ctx.region, document=meta, result=result, sources=result.sources)


def rendered(tmp_path: Path, code: str, language: str) -> Path:
    template = build_template(template_source("policy_briefing"), tmp_path / "templates")
    return render(template, briefing_context(code, language), tmp_path / f"briefing_{code}.docx", language).path


def figures_in(value, path="result"):
    """Every SourcedFigure anywhere in the context, with where it sits."""
    if isinstance(value, SourcedFigure):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from figures_in(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from figures_in(item, f"{path}[{index}]")


def test_every_figure_in_the_briefing_names_a_source_in_the_annex():
    context = briefing_context("SI03")
    keys = {s.key for s in context.sources}
    found = list(figures_in(context.result))
    assert len(found) > 10
    assert [(path, f.source) for path, f in found if f.source not in keys] == []


def test_the_expert_edit_is_delivered_verbatim_with_its_special_characters(tmp_path):
    text = "\n".join(p.text for p in Document(str(rendered(tmp_path, "SI03", "en"))).paragraphs)
    assert "Build a bridge between the wood & automotive clusters" in text
    assert "Štajerska & Koroška" in text and '("lesni kompoziti" for car interiors)' in text
    assert "Edited by Dr. Ana Kovačič (observatory expert)" in text


@pytest.mark.libreoffice
def test_every_page_of_a_slovenian_briefing_has_ink(tmp_path):
    pages = page_images(pdf_of(rendered(tmp_path, "SI03", "sl")), tmp_path / "pages")
    assert len(pages) >= 4
    for page in pages:
        pixels = np.asarray(Image.open(page).convert("L"))
        assert (pixels < 200).sum() > 500, f"{page.name} is blank"
