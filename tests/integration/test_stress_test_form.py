"""The policy self-assessment (stress test) online: a web form in the reader's language saved as they go, the
same validation and receipt as an uploaded file, once only; and the workbook, written and read back."""

from __future__ import annotations

import io

import pytest
import yaml
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from advisory.adapters.i18n import translator
from advisory.adapters.store.models import FormDraft
from advisory.domain.access import Role
from advisory.domain.conditions import CONDITIONS
from advisory.domain.errors import UploadRejected
from advisory.entrypoints.web.app import create_app
from advisory.services.demo import DEMO_DIR
from advisory.stages.assessment.parse import parse_stress_test
from advisory.stages.assessment.workbook import SHEET, write_stress_test_workbook
from tests.portal_world import INPUT_KINDS, advance_now, real_project, sign_in

DEMO = yaml.safe_load((DEMO_DIR / "stress_tests" / "SI03.yaml").read_text(encoding="utf-8"))
FLAT = {
    "respondent": DEMO["respondent"],
    "organisation": DEMO["organisation"],
    "cross_sectoral": DEMO["cross_sectoral"],
    "structural_change": DEMO["structural_change"],
    "comment": DEMO["comment"],
    **{f"priorities.{code}": level for code, level in DEMO["priorities"].items()},
}


@pytest.fixture
def project(settings):
    return real_project(settings)


@pytest.fixture
def client(project):
    with TestClient(create_app(project, INPUT_KINDS, advance=advance_now(project)), raise_server_exceptions=False) as c:
        yield c


def test_the_workbook_round_trips_and_names_the_row_and_question_of_a_wrong_answer(project, tmp_path):
    region = project.region("SI03")
    path = write_stress_test_workbook(region, tmp_path / "st.xlsx", answers=FLAT)
    answers = parse_stress_test(path.read_bytes(), "st.xlsx", region)
    assert answers.priorities == DEMO["priorities"] and answers.comment == DEMO["comment"]
    book = load_workbook(path)
    sheet = book[SHEET]
    row = next(r for r in range(1, 30) if sheet.cell(row=r, column=1).value == "priorities.market")
    question = sheet.cell(row=row, column=2).value  # in the region's language
    assert translator("sl").text(CONDITIONS["market"]) in question and not question.startswith("Policy")
    sheet.cell(row=row, column=3, value="high")
    book.save(path)
    with pytest.raises(UploadRejected) as refused:
        parse_stress_test(path.read_bytes(), "st.xlsx", region)
    [problem] = refused.value.problems
    assert (problem.sheet, problem.row, problem.column, problem.field) == (SHEET, row, "C", "priorities.market")
    assert problem.value == "high" and "0 (none) to 3 (high)" in problem.reason


def test_a_workbook_for_another_region_is_refused(project, tmp_path):
    path = write_stress_test_workbook(project.region("SI03"), tmp_path / "st.xlsx", answers=FLAT)
    with pytest.raises(UploadRejected) as refused:
        parse_stress_test(path.read_bytes(), "st.xlsx", project.region("SK04"))
    assert any(p.field == "region" and "another region" in p.reason for p in refused.value.problems)


def form(csrf: str, **changes) -> dict:
    return {"csrf": csrf, "form_key": "k-" + str(len(changes)), "action": "submit", **{**FLAT, **changes}}


def test_a_contact_fills_in_the_form_with_a_draft_and_a_receipt_and_a_repeat_counts_once(client, project):
    csrf = sign_in(client, project, Role.CONTACT, "SI03")
    page = client.get("/regions/SI03/stress-test")
    assert page.status_code == 200 and "Policy priority given to Market conditions" in page.text
    draft = {"csrf": csrf, "respondent": "Žiga Černič", "priorities.market": "2"}
    assert client.post("/regions/SI03/stress-test/draft", data=draft).status_code == 204
    assert 'value="Žiga Černič"' in client.get("/regions/SI03/stress-test").text
    workbook = client.get("/regions/SI03/stress-test.xlsx")
    assert workbook.status_code == 200
    sheet = load_workbook(io.BytesIO(workbook.content))[SHEET]
    assert "Žiga Černič" in [sheet.cell(row=r, column=3).value for r in range(1, 30)]  # the draft, pre-filled
    posted = form(csrf)
    first = client.post("/regions/SI03/stress-test", data=posted)
    again = client.post("/regions/SI03/stress-test", data=posted)
    assert first.status_code == 200 and again.status_code == 200
    with project.unit_of_work() as uow:
        assert len(uow.engagements.current_inputs("SI03", "stress_test")) == 1
        assert len([u for u in uow.engagements.uploads("SI03") if u.kind == "stress_test"]) == 1
        assert uow.session.query(FormDraft).filter_by(form="stress_test").count() == 0  # sent: the draft is gone


def test_a_refused_form_names_the_question_and_keeps_what_was_typed(client, project):
    csrf = sign_in(client, project, Role.CONTACT, "SI03")
    answer = client.post("/regions/SI03/stress-test", data=form(csrf, **{"priorities.market": "", "comment": "a < b"}))
    assert answer.status_code == 422
    assert '<a href="#f-priorities.market">Policy priority given to Market conditions</a>' in answer.text
    assert "a &lt; b" in answer.text
    with project.unit_of_work() as uow:
        assert uow.engagements.current_inputs("SI03", "stress_test") == []


def test_only_the_regions_contacts_and_experts_reach_its_stress_test(client, project):
    sign_in(client, project, Role.CONTACT, "SK04")
    assert client.get("/regions/SI03/stress-test").status_code == 403
    assert client.get("/regions/SI03/stress-test.xlsx").status_code == 403
    sign_in(client, project, Role.COORDINATOR)
    assert client.get("/regions/SI03/stress-test").status_code == 403
    sign_in(client, project, Role.EXPERT)
    assert client.get("/regions/SI03/stress-test").status_code == 200


# --- the expert's findings ------------------------------------------------------------------------------
def test_the_findings_workbook_reads_one_finding_per_row_and_names_a_bad_row(project, tmp_path):
    from advisory.stages.assessment.parse import parse_findings
    from advisory.stages.assessment.workbook import FINDINGS_SHEET, write_findings_workbook

    region = project.region("SI03")
    path = write_findings_workbook(region, tmp_path / "f.xlsx")
    book = load_workbook(path)
    sheet = book[FINDINGS_SHEET]
    sheet.append(["si03-bridge", "No bridge between wood & automotive", "cross-sectoral", "Two pilots < 1 %.", "A; B"])
    sheet.append(["si03-short", "Ok", "market", "too short", ""])
    book.save(path)
    with pytest.raises(UploadRejected) as refused:
        parse_findings(path.read_bytes(), "f.xlsx", region)
    assert {(p.sheet, p.row, p.field) for p in refused.value.problems} == {
        (FINDINGS_SHEET, 4, "title"),
        (FINDINGS_SHEET, 4, "text"),
    }
    sheet.delete_rows(4)
    book.save(path)
    [finding] = parse_findings(path.read_bytes(), "f.xlsx", region)
    assert finding.interviewees == ["A", "B"] and finding.text == "Two pilots < 1 %."
    with pytest.raises(UploadRejected, match="another region"):
        parse_findings(path.read_bytes(), "f.xlsx", project.region("SK04"))


def test_an_expert_records_a_finding_on_the_web_and_the_same_reference_replaces_it(client, project):
    csrf = sign_in(client, project, Role.EXPERT)
    page = client.get("/regions/SI03/findings")
    assert page.status_code == 200 and "Findings from stakeholder interviews" in page.text
    finding = {
        "csrf": csrf,
        "action": "submit",
        "title": "Wood & automotive do not meet",
        "theme": "cross-sectoral",
        "text": "Only two joint pilots since 2019 (< 1 % of budgets).",
        "interviewees": "Lesarski grozd\nACS Maribor",
    }
    assert client.post("/regions/SI03/findings", data={**finding, "form_key": "a"}).status_code == 200
    assert client.post("/regions/SI03/findings", data={**finding, "form_key": "a"}).status_code == 200  # repeat
    changed = {**finding, "form_key": "b", "text": "Only two joint pilots since 2019; none in 2025."}
    assert client.post("/regions/SI03/findings", data=changed).status_code == 200
    with project.unit_of_work() as uow:
        [recorded] = uow.engagements.current_inputs("SI03", "expert_findings")
        assert recorded.payload["id"] == "wood-automotive-do-not-meet"
        assert recorded.payload["interviewees"] == ["Lesarski grozd", "ACS Maribor"]
        assert "none in 2025" in recorded.payload["text"]
    assert "wood-automotive-do-not-meet" in client.get("/regions/SI03/findings").text
    refused = client.post("/regions/SI03/findings", data={**finding, "form_key": "c", "text": "short"})
    assert refused.status_code == 422 and '<a href="#f-text">What the interviews showed</a>' in refused.text
    sign_in(client, project, Role.CONTACT, "SI03")
    assert client.get("/regions/SI03/findings").status_code == 403
    assert client.get("/regions/SI03/findings.xlsx").status_code == 403
