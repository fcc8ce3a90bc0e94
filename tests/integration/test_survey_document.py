"""The survey report renders from a real analysis of the demo submissions and opens in LibreOffice."""

import datetime as dt
from pathlib import Path

import pytest
from docx import Document

from advisory.adapters.documents.render import render
from advisory.adapters.documents.templates import build_template
from advisory.adapters.region_profiles import load_regions
from advisory.domain.documents import DocumentContext, DocumentMeta
from advisory.stages.survey.build import build_survey_report
from advisory.stages.survey.instrument import default_instrument
from advisory.stages.survey.models import SurveyInputs
from advisory.stages.survey.parse import parse_survey_upload
from tests.documents import docx_text, pdf_of, template_source

REGIONS = load_regions(Path("regions"))
INSTRUMENT = default_instrument()
TRICKY = 'Grozdi & <mala> podjetja: "premalo" podpore – čž, Größe, erősítés'


def survey_result(code: str, filename: str):
    region = REGIONS[code]
    data = (Path("demo/surveys") / filename).read_bytes()
    responses = [r.model_dump(mode="json") for r in parse_survey_upload(data, filename, region, INSTRUMENT)]
    responses[0]["main_obstacle"] = TRICKY
    inputs = SurveyInputs(
        region_code=code,
        region_name=region.name,
        responses=responses,
        invited=20,
        closing=f"{len(responses)} of 20 responses, closed on 15 December 2026",
        fieldwork_end=dt.date(2026, 12, 15),
        instrument=INSTRUMENT,
    )
    return region, build_survey_report(inputs)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("survey")
    template = build_template(template_source("survey_report"), out / "templates")
    region, result = survey_result("SI03", "SI03.xlsx")
    meta = DocumentMeta(
        title="Regional survey report", stage_label="Stage 2: regional survey", version=1, date=dt.date(2026, 12, 16)
    )
    context = DocumentContext(region=region, document=meta, result=result, sources=result.sources)
    return render(template, context, out / "SI03_survey_report.docx"), result


def test_report_shows_the_bottlenecks_and_the_counts(rendered):
    document, result = rendered
    text = docx_text(document.path)
    assert f"{result.responses} of the 20 organisations invited in Vzhodna Slovenija" in text
    top = result.bottlenecks[0]
    assert f"{top.label}: importance {top.importance:.2f}" in text
    assert "Importance, satisfaction and gap per framework condition" in text
    assert "Regional survey Vzhodna Slovenija" in text  # the sources annex


def test_free_text_with_markup_characters_comes_out_verbatim(rendered):
    document, _ = rendered
    assert TRICKY in docx_text(document.path)
    assert "Štajerska & Koroška" in docx_text(document.path)


def test_charts_are_embedded(rendered):
    document, _ = rendered
    assert len(Document(str(document.path)).inline_shapes) == 3


@pytest.mark.libreoffice
def test_report_converts_to_pdf(rendered, tmp_path):
    document, _ = rendered
    assert pdf_of(document.path, tmp_path).stat().st_size > 20_000
