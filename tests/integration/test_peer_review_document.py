"""The peer review pack and report render from real inputs into Word documents that LibreOffice opens."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from advisory.adapters.documents.render import render
from advisory.adapters.documents.templates import build_template
from advisory.domain.documents import DocumentContext, DocumentMeta
from advisory.stages.peer_review.build import build_peer_review_pack, build_peer_review_report
from advisory.stages.peer_review.gather import assigned_reviewer_ids, gather_peer_review_pack, gather_peer_review_report
from advisory.stages.peer_review.models import PackInputs, ReportInputs
from advisory.stages.peer_review.parse import parse_review
from tests.documents import docx_text, pdf_of, template_source
from tests.fakes import context_for

ROOT = Path(__file__).resolve().parents[2]
TRICKY = 'Seed capital < 50 000 € & “quotes” "too": čž ő ß'
UPSTREAM = {
    "assessment_report": {
        "weaknesses": ["Business R&D expenditure", "High-tech manufacturing employment"],
        "mismatches": [{"kind": "unaddressed", "condition": "financial", "text": f"No priority addresses {TRICKY}."}],
    },
    "survey_report": {
        "responses": 14,
        "invited": 20,
        "bottlenecks": [
            {
                "condition": "financial",
                "label": "Access to finance",
                "importance": 4.5,
                "satisfaction": 2.1,
                "gap": 2.4,
                "n": 14,
            },
            {
                "condition": "market",
                "label": "Access to foreign markets",
                "importance": 4.2,
                "satisfaction": 2.6,
                "gap": 1.6,
                "n": 14,
            },
            {
                "condition": "support",
                "label": "Cluster services",
                "importance": 3.9,
                "satisfaction": 3.1,
                "gap": 0.8,
                "n": 13,
            },
        ],
    },
    "benchmarking_report": {
        "composite": 0.41,
        "relative_score": 82.5,
        "group": "Moderate",
        "weaknesses": [
            {
                "code": "rd_bes",
                "name": "Business R&D expenditure",
                "dimension": "Investment",
                "value": 0.41,
                "unit": "% of GDP",
                "year": 2017,
                "normalised": 0.12,
                "peer_median": 0.8,
            }
        ],
    },
}


def _render(document: str, result, region, tmp_path: Path) -> Path:
    template = build_template(template_source(document), tmp_path / "templates")
    meta = DocumentMeta(
        title=document.replace("_", " ").capitalize(),
        stage_label="Stage 4: Peer review",
        version=1,
        date=dt.date(2026, 12, 1),
    )
    context = DocumentContext(region=region, document=meta, result=result, sources=result.sources)
    return render(template, context, tmp_path / f"{document}.docx").path


def _converts_to_pdf(path: Path) -> None:
    assert pdf_of(path).stat().st_size > 10_000


def _pack(code: str = "ES61"):
    inputs = gather_peer_review_pack(context_for(code, results=UPSTREAM, today=dt.date(2026, 12, 1)))
    assert isinstance(inputs, PackInputs)
    return inputs.region, build_peer_review_pack(inputs)


@pytest.mark.libreoffice
def test_pack_renders_reviewers_agenda_figures_and_questions(tmp_path):
    region, pack = _pack()
    text = docx_text(_render("peer_review_pack", pack, region, tmp_path))
    assert "Andalucía" in text and "Spain & Portugal" in text
    assert "Ana Ferreira" in text and "Agência Nacional de Inovação" in text
    assert "shares agri-food" in text
    assert "Site visits" in text and "Access to finance" in text and "Business R&D expenditure" in text
    assert TRICKY in text
    assert "82.5 (reference = 100)" in text
    _converts_to_pdf(tmp_path / "peer_review_pack.docx")


@pytest.mark.libreoffice
def test_report_renders_scores_disagreement_and_grouped_recommendations(tmp_path):
    region, pack = _pack()
    assigned = assigned_reviewer_ids(pack.model_dump(mode="json"))
    reviews = []
    for path in sorted((ROOT / "demo" / "reviews" / "ES61").glob("*.yaml")):
        review = parse_review(path.read_bytes(), path.name, region, assigned)
        reviews.append(review.model_dump(mode="json"))
    reviews[0]["comments"] = TRICKY
    ctx = context_for(
        "ES61",
        results={"peer_review_pack": pack.model_dump(mode="json")},
        recorded={"peer_review": reviews},
        today=dt.date(2026, 12, 1),
    )
    inputs = gather_peer_review_report(ctx)
    assert isinstance(inputs, ReportInputs)
    report = build_peer_review_report(inputs)
    text = docx_text(_render("peer_review_report", report, region, tmp_path))
    assert "3 of 3 peer reviewers" in text
    assert "Internationalisation" in text and "yes" in text
    assert "“Andalucía Global”" in text and "Spain & Portugal" in text
    assert TRICKY in text
    _converts_to_pdf(tmp_path / "peer_review_report.docx")
