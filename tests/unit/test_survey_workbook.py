"""The region's workbook: instructions in its language, dropdowns, hidden metadata, and a round trip."""

import datetime as dt

import openpyxl
from typer.testing import CliRunner

from advisory.domain.stages import Waiting
from advisory.entrypoints.cli import app
from advisory.stages.survey.gather import gather_survey_report
from advisory.stages.survey.instrument import default_instrument
from advisory.stages.survey.models import SurveyInputs
from advisory.stages.survey.parse import parse_survey_upload
from advisory.stages.survey.workbook import FIRST_DATA_ROW, write_survey_workbook
from tests.fakes import REGIONS, FakeStageContext, context_for

INSTRUMENT = default_instrument()


def test_workbook_has_instructions_in_the_regions_language_and_hidden_metadata(tmp_path):
    book = openpyxl.load_workbook(write_survey_workbook(REGIONS["SI03"], INSTRUMENT, tmp_path / "si.xlsx"))
    assert book.sheetnames[0] == "Navodila"
    assert "Vzhodna Slovenija" in book["Navodila"]["A2"].value
    assert book["_meta"].sheet_state == "hidden"
    assert {row[0]: row[1] for row in book["_meta"].values}["region"] == "SI03"
    responses = book["Responses"]
    assert [c.value for c in responses[1]] == INSTRUMENT.answer_columns
    assert responses["B2"].value == "Vrsta organizacije"
    kinds = {v.type for v in responses.data_validations.dataValidation}
    assert {"list", "whole", "decimal", "textLength"} <= kinds


def test_a_filled_in_workbook_round_trips_through_the_parser(tmp_path):
    path = write_survey_workbook(REGIONS["SI03"], INSTRUMENT, tmp_path / "si.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Responses"]
    answers = {
        "respondent_id": 101,
        "org_type": "Podjetje",
        "size": "Mikro (manj kot 10)",
        "sector": "C Predelovalne dejavnosti",
        "cluster_role": "Član",
        "internationalisation": "Občasni izvoz ali tuji partnerji",
        "market_importance": 5,
        "market_satisfaction": 2,
        "export_share": 7.5,
        "main_obstacle": 'Grozdi "zaprti" & <mali> – čž',
    }
    for index, column in enumerate(INSTRUMENT.answer_columns, start=1):
        sheet.cell(row=FIRST_DATA_ROW, column=index, value=answers.get(column))
    book.save(path)
    [response] = parse_survey_upload(path.read_bytes(), "si.xlsx", REGIONS["SI03"], INSTRUMENT)
    assert (response.respondent_id, response.org_type, response.size) == ("101", "firm", "micro")
    assert response.internationalisation == "occasional" and response.export_share == 7.5
    assert response.main_obstacle == 'Grozdi "zaprti" & <mali> – čž'


def test_cli_writes_the_template_for_a_region_in_any_case(tmp_path):
    runner = CliRunner(env={"ADVISORY_DATA_DIR": str(tmp_path / "var")})
    result = runner.invoke(app, ["survey", "template", "ded2", "--out", str(tmp_path / "dresden.xlsx")])
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(tmp_path / "dresden.xlsx").sheetnames[0] == "Anleitung"
    unknown = runner.invoke(app, ["survey", "template", "XX99", "--out", str(tmp_path / "x.xlsx")])
    assert unknown.exit_code == 2 and "unknown region 'XX99'" in unknown.output


def survey_context(responses: int, today: dt.date, closed: list[dict] | None = None) -> FakeStageContext:
    answers = [
        {
            "region": "SI03",
            "respondent_id": f"r{i}",
            "org_type": "firm",
            "size": "small",
            "sector": "C",
            "cluster_role": "member",
            "internationalisation": "none",
        }
        for i in range(responses)
    ]
    return context_for("SI03", today=today, recorded={"survey_response": answers, "stage_closed": closed or []})


def test_gather_waits_with_the_count_and_the_closing_date():
    waiting = gather_survey_report(survey_context(8, dt.date(2026, 12, 1)))
    assert waiting == Waiting(
        missing="8 of 20 responses (at least 12 needed), closes 15 December 2026", due=dt.date(2026, 12, 15)
    )


def test_gather_returns_the_inputs_once_closed_by_an_expert():
    closed = [
        {"stage": "peer_review", "by": "x", "at": "2026-11-01T10:00:00"},
        {"stage": "survey", "by": "Ana Novak", "at": "2026-12-02T09:30:00+00:00"},
    ]
    inputs = gather_survey_report(survey_context(5, dt.date(2026, 12, 3), closed))
    assert isinstance(inputs, SurveyInputs)
    assert inputs.closed_by == "Ana Novak" and inputs.fieldwork_end == dt.date(2026, 12, 2)
    assert len(inputs.responses) == 5
