"""The benchmarking report renders from real data into a Word document LibreOffice can open."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from advisory.benchmarking import build_benchmarking_report
from advisory.documents.render import render
from advisory.documents.templates import build_template
from advisory.inputs.benchmarking import gather_benchmarking_report
from advisory.pipeline import DocumentContext, DocumentMeta
from advisory.regions import load_regions

ROOT = Path(__file__).resolve().parents[2]
TRICKY = "Zugang zu Finanzierung & <Risikokapital> \"Größe\" č ž ő ß"


class FakeContext:
    """What the engine offers a gather function, with a survey result that names a bottleneck."""

    def __init__(self, code: str) -> None:
        self.regions = load_regions(ROOT / "regions")
        self.region = self.regions[code]
        self.today = dt.date(2026, 5, 1)
        self.datasets_dir = ROOT / "datasets"
        self.regions_dir = ROOT / "regions"
        self.instruments_dir = ROOT / "surveys" / "instruments"

    def inputs(self, kind: str) -> list[dict]:
        return []

    def result(self, document: str) -> dict | None:
        if document != "survey_report":
            return None
        return {"bottlenecks": [{"condition": "financial", "label": TRICKY}]}

    def all_results(self, document: str) -> dict:
        return {}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("benchmarking")
    template = build_template("benchmarking_report", out / "templates")
    context = FakeContext("DED2")
    result = build_benchmarking_report(gather_benchmarking_report(context))
    meta = DocumentMeta(title="Benchmarking report", stage_label="Stage 3", version=1, date=dt.date(2026, 5, 1))
    document = DocumentContext(region=context.region, document=meta, result=result, sources=result.sources)
    return render(template, document, out / "benchmarking_report.docx").path


def _text(path: Path) -> str:
    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_report_names_the_region_group_and_peers(rendered):
    text = _text(rendered)
    assert "Dresden (DED2)" in text
    assert "Leader regions" in text
    assert "Peer regions" in text and "structure" in text
    assert "Spearman rank correlation with the published RIS 2019 index" in text


def test_report_keeps_special_characters_verbatim(rendered):
    assert f"Survey bottleneck: {TRICKY}" in _text(rendered)


def test_report_leaves_no_template_tags(rendered):
    text = _text(rendered)
    assert "{{" not in text and "{%" not in text


@pytest.mark.libreoffice
def test_report_converts_to_pdf(rendered, tmp_path):
    if shutil.which("soffice") is None:
        pytest.skip("soffice (LibreOffice) is not on PATH")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(rendered)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert (tmp_path / "benchmarking_report.pdf").stat().st_size > 10_000
