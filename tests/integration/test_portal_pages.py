"""The portal as its users meet it: the survey form saved and submitted, receipts, the dashboard, expert actions."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from advisory.access import Role
from advisory.web.app import create_app
from tests.portal_world import INPUT_KINDS, advance_now, assign_reviewer, sign_in, toy_instrument, toy_project

AWKWARD = 'Cádiz & <Sevilla> "č ž ő ß"'


@pytest.fixture
def project(settings, tmp_path):
    return toy_project(settings, tmp_path)


@pytest.fixture
def client(project):
    app = create_app(project, INPUT_KINDS, advance=advance_now(project), instrument=toy_instrument)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def answers(csrf: str, reference: str, **extra) -> dict:
    return {"csrf": csrf, "respondent_id": reference, "market_importance": "5", "market_satisfaction": "2",
            "remarks": AWKWARD, **extra}


def stage_status(project, region: str, stage: str) -> str:
    with project.unit_of_work() as uow:
        return uow.engagements.stage_state(region, stage).status


def test_the_survey_form_is_in_the_contacts_language_with_labelled_fields(client, project):
    sign_in(client, project, Role.CONTACT, "ES61")
    html = client.get("/regions/ES61/survey").text
    assert "Encuesta regional" in html and "Condiciones de mercado" in html
    assert '<label for="f-respondent_id">' in html and 'id="f-respondent_id"' in html
    assert "<legend>importancia (1–5)</legend>" in html


def test_a_draft_is_saved_as_the_contact_goes_and_comes_back_later(client, project):
    csrf = sign_in(client, project, Role.CONTACT, "ES61")
    assert client.post("/regions/ES61/survey/draft", data=answers(csrf, "firm-1")).status_code == 204
    html = client.get("/regions/ES61/survey").text
    assert 'value="firm-1"' in html
    assert "Cádiz &amp; &lt;Sevilla&gt; &#34;č ž ő ß&#34;" in html
    with project.unit_of_work() as uow:
        assert uow.engagements.current_inputs("ES61", "survey_response") == []


def test_submitting_the_form_records_one_response_and_moves_the_engagement_on(client, project):
    csrf = sign_in(client, project, Role.CONTACT, "ES61")
    response = client.post("/regions/ES61/survey", data={**answers(csrf, "firm-1"), "action": "submit",
                                                         "channels": ["cluster", "agency"]})
    assert response.status_code == 200 and "Received and accepted" in response.text
    with project.unit_of_work() as uow:
        [recorded] = uow.engagements.current_inputs("ES61", "survey_response")
    assert recorded.payload["remarks"] == AWKWARD and recorded.payload["channels"] == ["cluster", "agency"]
    assert stage_status(project, "ES61", "assessment") == "ready_for_approval"
    assert 'value=""' in client.get("/regions/ES61/survey").text  # the draft is gone after submitting


def test_a_wrong_answer_keeps_the_draft_and_names_the_field(client, project):
    csrf = sign_in(client, project, Role.CONTACT, "ES61")
    response = client.post("/regions/ES61/survey", data={**answers(csrf, "firm-2"), "market_importance": "",
                                                         "action": "submit"})
    assert response.status_code == 422
    assert "a rating from 1 to 5 is required" in response.text and 'href="#f-market_importance"' in response.text
    assert 'value="firm-2"' in client.get("/regions/ES61/survey").text


def test_an_uploaded_file_gives_a_receipt_listed_on_the_region_page(client, project):
    csrf = sign_in(client, project, Role.CONTACT, "ES61")
    csv = "region,instrument_version,respondent_id,market_importance,market_satisfaction\nES61,1,a,9,2\nES61,1,b,4,x\n"
    response = client.post("/regions/ES61/uploads", data={"csrf": csrf, "kind": "survey_response"},
                           files={"file": ("answers.csv", csv.encode())})
    assert response.status_code == 422 and "Not accepted" in response.text
    assert response.text.count("a rating from 1 to 5 is required") == 2
    page = client.get("/regions/ES61").text
    assert "answers.csv" in page and "rejected" in page
    receipt = client.get("/regions/ES61/receipts/1")
    assert receipt.status_code == 200 and "row 2" in receipt.text


def test_the_coordinator_sees_every_region_and_what_a_waiting_stage_lacks(client, project):
    advance_now(project)("SK04")
    client.app.state.portal.advancing.advance = None
    csrf = sign_in(client, project, Role.EXPERT)
    client.post("/regions/SK04/stages/assessment/approve", data={"csrf": csrf})
    advance_now(project)("SK04")
    sign_in(client, project, Role.COORDINATOR)
    html = client.get("/dashboard").text
    for code in ("ES61", "SK04", "SI03", "HU33", "DED2", "PL21"):
        assert f'href="/regions/{code}"' in html
    assert "0 of 2 responses" in html and "awaiting input" in html
    assert "<svg" in html and "Timelines" in html


def test_the_status_export_is_a_workbook_without_formulas(client, project):
    from advisory.store.models import StageState  # noqa: F401

    with project.unit_of_work() as uow:
        uow.engagements.set_stage("PL21", "survey", "awaiting_input", missing="=HYPERLINK(\"http://evil\")")
        uow.commit()
    sign_in(client, project, Role.COORDINATOR)
    response = client.get("/dashboard/status.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert "'=HYPERLINK(\"http://evil\")" in values
    assert not any(v.startswith("=") for v in values)
    assert sheet.max_row == 1 + 6 * 5


def test_an_expert_advances_closes_the_survey_early_approves_and_downloads(client, project):
    csrf = sign_in(client, project, Role.EXPERT)
    assert client.post("/regions/SI03/advance", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    assert stage_status(project, "SI03", "assessment") == "ready_for_approval"
    client.post("/regions/SI03/stages/assessment/approve", data={"csrf": csrf})
    assert stage_status(project, "SI03", "survey") == "awaiting_input"
    client.post("/regions/SI03/stages/survey/close", data={"csrf": csrf})
    assert stage_status(project, "SI03", "survey") == "ready_for_approval"
    refused = client.post("/regions/SI03/stages/briefing/approve", data={"csrf": csrf})
    assert refused.status_code == 409 and "only a stage ready for approval" in refused.text
    page = client.get("/regions/SI03").text
    assert "/documents/" in page
    with project.unit_of_work() as uow:
        doc_id = uow.engagements.latest_document("SI03", "survey_doc").id
    download = client.get(f"/documents/{doc_id}")
    assert download.status_code == 200 and download.content[:2] == b"PK"
    assert "SI03_survey_doc_v1.docx" in download.headers["content-disposition"]


def test_a_reviewer_sees_their_engagements_downloads_the_pack_and_sends_a_review(client, project):
    pack = assign_reviewer(project, "HU33", "R8")
    csrf = sign_in(client, project, Role.REVIEWER, "HU33", reviewer_id="R8")
    listing = client.get("/reviews").text
    assert f"/documents/{pack}" in listing and "/regions/HU33/review" in listing
    assert client.get(f"/documents/{pack}").status_code == 200
    review = b"reviewer_id: R8\ntext: Gy\xc5\x91r & <Pannon> ok\n"
    response = client.post("/regions/HU33/uploads", data={"csrf": csrf, "kind": "peer_review"},
                           files={"file": ("review.yaml", review)})
    assert response.status_code == 200
    with project.unit_of_work() as uow:
        [recorded] = uow.engagements.current_inputs("HU33", "peer_review")
    assert recorded.payload["text"] == "Győr & <Pannon> ok"


def test_the_home_page_sends_each_role_to_its_own_start(client, project):
    assert "Personal access code" in client.get("/").text
    sign_in(client, project, Role.CONTACT, "DED2")
    assert client.get("/", follow_redirects=False).headers["location"] == "/regions/DED2"
    sign_in(client, project, Role.COORDINATOR)
    assert client.get("/", follow_redirects=False).headers["location"] == "/dashboard"
