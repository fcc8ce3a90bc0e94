"""The benchmarking report renders from real data into a Word document LibreOffice can open, and reads as promised:
position, group with subgroup, trend and the largest gaps first, named peers, missing figures as n/a, a short annex."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from advisory.adapters.documents.render import render
from advisory.adapters.documents.templates import build_template
from advisory.domain.documents import DocumentContext, DocumentMeta
from advisory.stages.benchmarking.build import build_benchmarking_report
from advisory.stages.benchmarking.gather import gather_benchmarking_report
from tests.documents import docx_text, pdf_of, template_source
from tests.fakes import REGIONS, FakeStageContext, context_for

TRICKY = 'Zugang zu Finanzierung & <Risikokapital> "Größe" č ž ő ß'


def _render(context, out: Path) -> tuple[Path, object]:
    template = build_template(template_source("benchmarking_report"), out / "templates")
    result = build_benchmarking_report(gather_benchmarking_report(context))
    meta = DocumentMeta(title="Benchmarking report", stage_label="Stage 3", version=1, date=dt.date(2026, 5, 1))
    document = DocumentContext(region=context.region, document=meta, result=result, sources=result.sources)
    return render(template, document, out / f"benchmarking_{context.region.code}.docx").path, result


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    context = context_for(
        "DED2",
        today=dt.date(2026, 5, 1),
        results={"survey_report": {"bottlenecks": [{"condition": "financial", "label": TRICKY}]}},
    )
    return _render(context, tmp_path_factory.mktemp("benchmarking"))


@pytest.fixture(scope="module")
def inside_nuts1(tmp_path_factory):
    """A demonstrator region the scoreboard scores as part of a NUTS-1 region (Nord-Pas de Calais in Hauts-de-France),
    whose R&D figures are missing."""
    profile = REGIONS["DED2"].model_copy(
        update={"code": "FRE1", "name": "Nord-Pas de Calais", "country": "FR", "country_name": "France"}
    )
    return _render(FakeStageContext(region=profile, today=dt.date(2026, 5, 1)), tmp_path_factory.mktemp("fre1"))


def test_report_leads_with_position_group_trend_and_gaps(rendered):
    path, result = rendered
    text = docx_text(path)
    start = text.index("This report benchmarks")
    summary = text[start : text.index("Position and trend", start)]
    assert f"rank {result.rank} of {result.regions_ranked} regions" in summary
    assert f"Performance group: {result.group_name}" in summary and result.subgroup in {"+", "", "-"}
    assert "(scale: the EU in 2014 = 100)" in summary
    assert "Largest gaps to the peer regions" in summary or "No indicator stands clearly below the peer" in summary
    assert "Largest gaps to the EU" in summary or "No indicator stands clearly below the EU" in summary
    assert "years before this report" in summary


def test_report_names_its_peers_with_distance_and_reason(rendered):
    path, result = rendered
    text = docx_text(path)
    assert result.peers and all(peer.name != peer.code for peer in result.peers)
    assert all(str(peer.reason).startswith("Similar") for peer in result.peers)
    for peer in result.peers:
        assert f"{peer.name} ({peer.code})" in text
    assert "none of these is scored" in text


def test_every_figure_has_its_year_and_age(rendered):
    _path, result = rendered
    for score in result.indicators:
        assert (score.value is None) == (score.year is None)
        assert score.value is None or score.age == 2026 - score.year


def test_report_keeps_special_characters_verbatim(rendered):
    assert f"Survey bottleneck: {TRICKY}" in docx_text(rendered[0])


def test_report_leaves_no_template_tags(rendered):
    text = docx_text(rendered[0])
    assert "{{" not in text and "{%" not in text


def test_a_region_inside_a_nuts1_region_is_benchmarked_as_it_and_says_so(inside_nuts1):
    path, result = inside_nuts1
    assert result.region_code == "FRE" and result.profile_code == "FRE1"
    text = docx_text(path)
    assert "benchmarks Nord-Pas de Calais (FRE1)" in text
    assert "so Nord-Pas de Calais is benchmarked as part of Hauts-de-France (FRE)" in text


def test_missing_figures_are_shown_as_missing_never_as_zero(inside_nuts1):
    path, result = inside_nuts1
    missing = [s for s in result.indicators if s.value is None]
    assert missing, "Hauts-de-France has no regional R&D figures in the data"
    radar = result.radar_chart
    for score in missing:
        at = [s.code for s in result.indicators].index(score.code)
        assert radar.series[0].values[at] is None
        assert str(radar.categories[at]).endswith("(n/a)")
        assert score.missing
    bars = result.dimension_chart
    finance = [str(c) for c in bars.categories].index("Finance and support (n/a)")  # public R&D: its only indicator
    assert bars.series[0].values[finance] is None
    text = docx_text(path)
    assert f"{missing[0].ris} {missing[0].short}: n/a, {missing[0].missing}" in text


@pytest.mark.libreoffice
def test_report_converts_to_pdf_with_an_annex_of_two_pages_at_most(rendered, tmp_path):
    pdf = pdf_of(rendered[0], tmp_path)
    assert pdf.stat().st_size > 10_000
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    texts = pages.stdout.split("\f")
    annex = next(i for i, page in enumerate(texts) if "Annex: method" in page and "Contents" not in page)
    last = max(i for i, page in enumerate(texts) if page.strip())
    assert last - annex + 1 <= 2
