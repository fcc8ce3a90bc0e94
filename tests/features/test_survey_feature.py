"""Step definitions for features/survey.feature, driving the survey stage's own functions."""

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
from pytest_bdd import given, parsers, scenarios, then, when

from advisory.adapters.i18n import translator
from advisory.adapters.region_profiles import load_regions
from advisory.domain.errors import UploadRejected
from advisory.domain.stages import Waiting
from advisory.stages.survey.build import build_survey_report
from advisory.stages.survey.gather import gather_survey_report
from advisory.stages.survey.instrument import default_instrument
from advisory.stages.survey.parse import parse_survey_upload, receipt
from advisory.stages.survey.workbook import FIRST_DATA_ROW, write_survey_workbook

scenarios("survey.feature")

REGIONS = load_regions(Path("regions"))


class Engagement:
    """What the engine's StageContext offers gather_survey_report, over a list of accepted responses."""

    def __init__(self, region, responses: list[dict], today: dt.date) -> None:
        self.region, self.today, self.responses = region, today, responses
        self.instruments_dir = Path("surveys/instruments")

    def inputs(self, kind: str) -> list[dict]:
        return self.responses if kind == "survey_response" else []


def submit(data: bytes, filename: str, region, instrument) -> dict:
    try:
        return {"accepted": parse_survey_upload(data, filename, region, instrument), "problems": []}
    except UploadRejected as rejected:
        return {"accepted": [], "problems": rejected.problems}


@given(parsers.parse('the demonstrator region "{code}" with the default survey instrument'), target_fixture="survey")
def survey(code):
    return {"region": REGIONS[code], "instrument": default_instrument()}


@given("the contact downloads the survey workbook for the region", target_fixture="workbook")
def workbook(survey, tmp_path):
    return write_survey_workbook(survey["region"], survey["instrument"], tmp_path / "anketa.xlsx")


@when(parsers.parse("the contact fills in {count:d} responses and submits the workbook"), target_fixture="outcome")
def fill_and_submit(survey, workbook, count):
    book = openpyxl.load_workbook(workbook)
    answers = {
        "org_type": "Podjetje",
        "size": "Majhna (10-49)",
        "sector": "C Predelovalne dejavnosti",
        "cluster_role": "Član",
        "internationalisation": "Samo regionalno ali nacionalno",
        "market_importance": 5,
        "market_satisfaction": 2,
        "main_obstacle": "Premalo kupcev & <trg>",
    }
    for offset in range(count):
        for index, column in enumerate(survey["instrument"].answer_columns, start=1):
            value = f"podjetje-{offset + 1}" if column == "respondent_id" else answers.get(column)
            book["Responses"].cell(row=FIRST_DATA_ROW + offset, column=index, value=value)
    book.save(workbook)
    return submit(workbook.read_bytes(), workbook.name, survey["region"], survey["instrument"])


@then(parsers.parse("the upload is accepted with {count:d} responses"))
def accepted(outcome, count):
    assert outcome["problems"] == [] and len(outcome["accepted"]) == count


@then("the receipt names the region and the respondents")
def receipt_shown(outcome, survey):
    text = receipt(outcome["accepted"], "anketa.xlsx", survey["region"])
    assert "2 responses for Vzhodna Slovenija (SI03)" in text and "podjetje-1, podjetje-2" in text


@given("a CSV file with a rating of 7, an unknown organisation type and a missing size", target_fixture="upload")
def broken_csv(survey):
    columns = ["region", "instrument_version", *survey["instrument"].answer_columns]
    row = {
        "region": "SI03",
        "instrument_version": "1",
        "respondent_id": "a1",
        "org_type": "pekarna",
        "size": "",
        "sector": "C",
        "cluster_role": "member",
        "internationalisation": "none",
        "market_importance": "7",
    }
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=";")
    writer.writeheader()
    writer.writerow(row)
    return buffer.getvalue().encode("utf-8-sig")


@when("the contact submits the CSV file", target_fixture="outcome")
def submit_csv(survey, upload):
    return submit(upload, "odgovori.csv", survey["region"], survey["instrument"])


@then("the upload is rejected")
def rejected(outcome):
    assert outcome["accepted"] == [] and outcome["problems"]


@then(parsers.parse("the contact sees {count:d} problems in Slovenian with their rows and questions"))
def problems_listed(outcome, count):
    problems = outcome["problems"]
    assert len(problems) == count
    assert {(p.row, p.field) for p in problems} == {(2, "org_type"), (2, "size"), (2, "market_importance")}
    assert "Odgovor je obvezen." in [p.reason for p in problems]


@given(parsers.parse("a {kind} file"), target_fixture="upload")
def hostile_file(kind, survey, tmp_path):
    if kind == "password-protected":
        return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024
    region = REGIONS["DED2"] if kind == "other region's workbook" else survey["region"]
    data = write_survey_workbook(region, survey["instrument"], tmp_path / "x.xlsx").read_bytes()
    return data[:3000] if kind == "truncated workbook" else data


@when(parsers.parse('the contact submits it as "{filename}"'), target_fixture="outcome")
def submit_named(survey, upload, filename):
    return submit(upload, filename, survey["region"], survey["instrument"])


@then(parsers.parse('the first problem says "{reason}"'))
def first_problem(outcome, reason):
    assert reason.casefold() in outcome["problems"][0].reason.casefold()


@given(parsers.parse("{count:d} accepted responses on 1 December 2026"), target_fixture="engagement")
def some_responses(survey, count):
    demo = demo_responses(survey)
    return Engagement(survey["region"], demo[:count], dt.date(2026, 12, 1))


@when("the engine asks whether the survey report can be written", target_fixture="gathered")
def ask(engagement):
    return gather_survey_report(engagement)


@then(parsers.parse('it waits with "{text}"'))
def waits(gathered, text):
    assert isinstance(gathered, Waiting) and gathered.missing == text


def demo_responses(survey) -> list[dict]:
    data = Path("demo/surveys/SI03.xlsx").read_bytes()
    return [
        r.model_dump(mode="json")
        for r in parse_survey_upload(data, "SI03.xlsx", survey["region"], survey["instrument"])
    ]


@given("the demo responses of the region, accepted before the deadline", target_fixture="engagement")
def demo_engagement(survey):
    return Engagement(survey["region"], demo_responses(survey), dt.date(2026, 12, 10))


@when("the deadline of 15 December 2026 has come", target_fixture="report")
def deadline_comes(engagement):
    engagement.today = dt.date(2026, 12, 15)
    inputs = gather_survey_report(engagement)
    assert not isinstance(inputs, Waiting), inputs
    return build_survey_report(inputs)


@then("the survey report ranks the framework conditions by their gap")
def ranked(report):
    gaps = [b.gap for b in report.bottlenecks]
    assert len(gaps) == 7 and gaps == sorted(gaps, reverse=True)
    assert report.top_bottlenecks and report.top_bottlenecks[0] == report.bottlenecks[0]


@then("the report names the survey, its responses and fieldwork as its source")
def sourced(report):
    assert translator("en").text(report.sources[0].dataset) == (
        f"Regional survey Vzhodna Slovenija, {report.responses} responses, fieldwork until December 15, 2026"
    )
