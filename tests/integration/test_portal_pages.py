"""The portal as its users meet it on the real stages: the survey form, receipts, the dashboard, expert actions."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from advisory.domain.access import Role
from advisory.entrypoints.web.app import create_app
from advisory.entrypoints.web.survey_form import response_csv
from advisory.services.demo import DEMO_DIR
from advisory.stages.survey.instrument import default_instrument
from tests.portal_world import INPUT_KINDS, advance_now, play_until, real_project, sign_in

AWKWARD = 'Cádiz & <Sevilla> "č ž ő ß"'


@pytest.fixture
def project(settings):
    return real_project(settings)


@pytest.fixture
def client(project):
    app = create_app(project, INPUT_KINDS, advance=advance_now(project))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def answers(csrf: str, reference: str, **extra) -> dict:
    """A complete response: the required choices, one rating pair and a free-text answer."""
    return {
        "csrf": csrf,
        "respondent_id": reference,
        "org_type": "firm",
        "size": "small",
        "sector": "C",
        "cluster_role": "member",
        "internationalisation": "regular",
        "market_importance": "5",
        "market_satisfaction": "2",
        "main_obstacle": AWKWARD,
        **extra,
    }


def missing(project, region: str, stage: str) -> tuple[str, str]:
    with project.unit_of_work() as uow:
        state = uow.engagements.stage_state(region, stage)
        return state.status, state.missing


def test_the_survey_form_is_in_the_contacts_language_with_labelled_fields(client, project):
    sign_in(client, project, Role.CONTACT, "SI03", language=None)
    html = client.get("/regions/SI03/survey").text
    assert '<html lang="sl">' in html and "Oznaka anketiranca" in html and "Vrsta organizacije" in html
    assert '<label for="f-respondent_id">' in html and 'id="f-respondent_id"' in html
    assert "pomembnost (1–5)</legend>" in html


def test_a_draft_is_saved_as_the_contact_goes_and_comes_back_later(client, project):
    csrf = sign_in(client, project, Role.CONTACT, "ES61")
    assert client.post("/regions/ES61/survey/draft", data=answers(csrf, "firm-1")).status_code == 204
    html = client.get("/regions/ES61/survey").text
    assert 'value="firm-1"' in html
    assert "Cádiz &amp; &lt;Sevilla&gt; &#34;č ž ő ß&#34;" in html
    with project.unit_of_work() as uow:
        assert uow.engagements.current_inputs("ES61", "survey_response") == []


def test_submitting_the_form_records_one_response_and_the_survey_counts_it(client, project):
    assert play_until(project, "ES61", "survey").missing.startswith("0 of 20 responses")
    csrf = sign_in(client, project, Role.CONTACT, "ES61")
    response = client.post(
        "/regions/ES61/survey",
        data={**answers(csrf, "firm-1"), "action": "submit", "partners": ["universities", "other_sectors"]},
    )
    assert response.status_code == 200 and "Received and accepted" in response.text
    with project.unit_of_work() as uow:
        [recorded] = uow.engagements.current_inputs("ES61", "survey_response")
    assert recorded.payload["main_obstacle"] == AWKWARD
    assert sorted(recorded.payload["partners"]) == ["other_sectors", "universities"]
    status, lacking = missing(project, "ES61", "survey")
    assert status == "awaiting_input" and lacking.startswith("1 of 20 responses")
    assert 'value=""' in client.get("/regions/ES61/survey").text  # the draft is gone after submitting


def test_a_wrong_answer_keeps_the_draft_and_names_the_field(client, project):
    csrf = sign_in(client, project, Role.CONTACT, "ES61")
    response = client.post("/regions/ES61/survey", data={**answers(csrf, "firm-2"), "org_type": "", "action": "submit"})
    assert response.status_code == 422
    assert 'href="#f-org_type"' in response.text
    assert 'value="firm-2"' in client.get("/regions/ES61/survey").text


def test_an_uploaded_file_gives_a_receipt_listed_on_the_region_page(client, project):
    csrf = sign_in(client, project, Role.CONTACT, "ES61")
    instrument = default_instrument()
    good = answers(csrf, "a")
    rows = [
        response_csv(instrument, "ES61", {**good, "market_importance": "9"}).decode().splitlines(),
        response_csv(instrument, "ES61", {**good, "respondent_id": "b", "org_type": "spaceship"}).decode().splitlines(),
    ]
    csv = "\n".join([rows[0][0], rows[0][1], rows[1][1]]).encode()
    response = client.post(
        "/regions/ES61/uploads", data={"csrf": csrf, "kind": "survey_response"}, files={"file": ("answers.csv", csv)}
    )
    assert response.status_code == 422 and "Not accepted" in response.text
    assert "market_importance" in response.text and "spaceship" in response.text
    page = client.get("/regions/ES61").text
    assert "answers.csv" in page and "rejected" in page
    receipt = client.get("/regions/ES61/receipts/1")
    assert receipt.status_code == 200 and "row 2" in receipt.text


def test_the_coordinator_sees_every_region_and_what_a_waiting_stage_lacks(client, project):
    play_until(project, "SK04", "survey")
    sign_in(client, project, Role.COORDINATOR)
    html = client.get("/dashboard").text
    for code in ("ES61", "SK04", "SI03", "HU33", "DED2", "PL21"):
        assert f'href="/regions/{code}"' in html
    cell = html.split('data-region="SK04" data-stage="survey"')[1].split("</td>")[0]
    assert "waiting for input" in cell and "0 of 20 responses" in cell
    assert "<svg" in html and "Timelines" in html


def test_the_status_export_is_a_workbook_without_formulas(client, project):
    with project.unit_of_work() as uow:
        uow.engagements.set_stage("PL21", "survey", "awaiting_input", missing='=HYPERLINK("http://evil")')
        uow.commit()
    sign_in(client, project, Role.COORDINATOR)
    response = client.get("/dashboard/status.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert '\'=HYPERLINK("http://evil")' in values
    assert not any(v.startswith("=") for v in values)
    assert sheet.max_row == 1 + 6 * 5


def test_an_expert_uploads_closes_the_survey_early_approves_and_downloads(client, project):
    play_until(project, "SI03", "survey")
    csrf = sign_in(client, project, Role.EXPERT)
    workbook = (DEMO_DIR / "surveys" / "SI03.xlsx").read_bytes()
    sent = client.post(
        "/regions/SI03/uploads", data={"csrf": csrf, "kind": "survey_response"}, files={"file": ("SI03.xlsx", workbook)}
    )
    assert sent.status_code == 200 and "Received and accepted" in sent.text
    assert missing(project, "SI03", "survey")[1].startswith("17 of 20 responses")
    assert "Close early" in client.get("/regions/SI03").text
    client.post("/regions/SI03/stages/survey/close", data={"csrf": csrf})
    assert missing(project, "SI03", "survey")[0] == "ready_for_approval"
    refused = client.post("/regions/SI03/stages/briefing/approve", data={"csrf": csrf})
    assert refused.status_code == 409 and "only a stage ready for approval" in refused.text
    client.post("/regions/SI03/stages/survey/approve", data={"csrf": csrf})
    assert missing(project, "SI03", "survey")[0] == "completed"
    with project.unit_of_work() as uow:
        doc_id = uow.engagements.latest_document("SI03", "survey_report").id
    assert f"/documents/{doc_id}" in client.get("/regions/SI03").text
    download = client.get(f"/documents/{doc_id}")
    assert download.status_code == 200 and download.content[:2] == b"PK"
    assert "SI03_survey_report_v1.docx" in download.headers["content-disposition"]


def test_a_reviewer_sees_their_engagement_downloads_the_pack_and_sends_the_review_form(client, project):
    play_until(project, "HU33", "peer_review")
    with project.unit_of_work() as uow:
        pack = uow.engagements.latest_document("HU33", "peer_review_pack")
        reviewer = pack.result["assignments"][0]["reviewer_id"]
    csrf = sign_in(client, project, Role.REVIEWER, "HU33", reviewer_id=reviewer)
    listing = client.get("/reviews").text
    assert f"/documents/{pack.id}" in listing and "/regions/HU33/review" in listing
    assert client.get(f"/documents/{pack.id}").status_code == 200
    form = client.get("/regions/HU33/review").text
    scores = dict.fromkeys({s.split('"')[0] for s in form.split('name="score_')[1:]}, "4")
    response = client.post(
        "/regions/HU33/review",
        data={
            "csrf": csrf,
            **{f"score_{name}": value for name, value in scores.items()},
            "strengths": "Győr & <Pannon> cooperate",
            "weaknesses": "few links",
            "theme_1": "other",
            "recommendation_1": "Open the cluster to SMEs & start-ups",
        },
    )
    assert response.status_code == 200 and "Received and accepted" in response.text, response.text
    with project.unit_of_work() as uow:
        [recorded] = uow.engagements.current_inputs("HU33", "peer_review")
    assert recorded.payload["strengths"] == ["Győr & <Pannon> cooperate"]


def test_the_home_page_sends_each_role_to_its_own_start(client, project):
    assert "Personal access code" in client.get("/").text
    sign_in(client, project, Role.CONTACT, "DED2")
    assert client.get("/", follow_redirects=False).headers["location"] == "/regions/DED2"
    sign_in(client, project, Role.COORDINATOR)
    assert client.get("/", follow_redirects=False).headers["location"] == "/dashboard"
