"""Double clicks over HTTP (issue 16, point 1): two identical survey posts at the same moment were both accepted and
left two current rows ("85 of 20 responses"). Every form now carries an idempotency key; a repeat gets the first
result, and the schema keeps one current response per respondent. On SQLite and PostgreSQL."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient

from advisory.adapters.store.models import Event, RecordedInput, Upload
from advisory.domain.access import Role
from advisory.entrypoints.web.app import create_app
from tests.portal_world import INPUT_KINDS, advance_now, play_until, real_project, sign_in


@pytest.fixture
def project(settings):
    project = real_project(settings)
    assert play_until(project, "ES61", "survey").missing.startswith("0 of 20 responses")
    return project


@pytest.fixture
def client(project):
    app = create_app(project, INPUT_KINDS, advance=advance_now(project))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def survey_form(csrf: str, key: str, reference: str = "bodega-1", **extra: str) -> dict[str, str]:
    return {
        "csrf": csrf,
        "form_key": key,
        "action": "submit",
        "respondent_id": reference,
        "org_type": "firm",
        "size": "small",
        "sector": "C",
        "cluster_role": "member",
        "internationalisation": "regular",
        "market_importance": "5",
        "market_satisfaction": "2",
        **extra,
    }


def form_key_of(html: str) -> str:
    return re.search(r'name="form_key" value="([^"]+)"', html).group(1)


def at_once(count: int, post) -> list:
    barrier = threading.Barrier(count)

    def run(_: int):
        barrier.wait()
        return post()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def receipt_number(html: str) -> str:
    return re.search(r"<dt>Receipt number</dt><dd>(\d+)</dd>", html).group(1)


def count(project, model, **where) -> int:
    with project.unit_of_work() as uow:
        return uow.session.query(model).filter_by(**where).count()


def test_a_double_click_on_the_survey_form_records_one_response_and_both_show_the_first_receipt(client, project):
    csrf = sign_in(client, project, Role.CONTACT, "ES61")
    for n in range(5):
        key = form_key_of(client.get("/regions/ES61/survey").text)
        sent = survey_form(csrf, key, f"bodega-{n}")
        first, second = at_once(2, lambda sent=sent: client.post("/regions/ES61/survey", data=sent))
        assert first.status_code == second.status_code == 200
        assert "Received and accepted" in first.text and "Received and accepted" in second.text
        assert receipt_number(first.text) == receipt_number(second.text)
    assert count(project, RecordedInput, kind="survey_response", superseded_by=None) == 5
    assert count(project, Upload, kind="survey_response") == 5
    with project.unit_of_work() as uow:
        assert uow.engagements.stage_state("ES61", "survey").missing.startswith("5 of 20 responses")


def test_ten_identical_posts_leave_one_current_response(client, project):
    csrf = sign_in(client, project, Role.CONTACT, "ES61")
    sent = survey_form(csrf, form_key_of(client.get("/regions/ES61/survey").text))
    responses = at_once(10, lambda: client.post("/regions/ES61/survey", data=sent))
    assert {r.status_code for r in responses} == {200}
    assert len({receipt_number(r.text) for r in responses}) == 1
    assert count(project, RecordedInput, kind="survey_response", superseded_by=None) == 1
    with project.unit_of_work() as uow:
        assert uow.engagements.stage_state("ES61", "survey").missing.startswith("1 of 20 responses")


def test_the_same_answers_sent_again_from_a_new_page_name_the_first_receipt(client, project):
    csrf = sign_in(client, project, Role.CONTACT, "ES61")
    first = client.post(
        "/regions/ES61/survey", data=survey_form(csrf, form_key_of(client.get("/regions/ES61/survey").text))
    )
    again = client.post(
        "/regions/ES61/survey", data=survey_form(csrf, form_key_of(client.get("/regions/ES61/survey").text))
    )
    assert "Already received" in again.text and receipt_number(again.text) == receipt_number(first.text)
    assert count(project, Upload, kind="survey_response") == 1


def test_a_changed_form_sent_with_an_old_key_is_a_new_answer_not_a_repeat(client, project):
    """A page the browser restores (same key) and the contact changes: their change must not be dropped."""
    csrf = sign_in(client, project, Role.CONTACT, "ES61")
    key = form_key_of(client.get("/regions/ES61/survey").text)
    client.post("/regions/ES61/survey", data=survey_form(csrf, key))
    changed = client.post("/regions/ES61/survey", data=survey_form(csrf, key, market_importance="3"))
    assert "Received and accepted" in changed.text and "1 replacing earlier answers" in changed.text
    with project.unit_of_work() as uow:
        [current] = uow.engagements.current_inputs("ES61", "survey_response")
    assert current.payload["market_importance"] == 3


def test_a_double_click_on_close_early_closes_once_and_both_land_on_the_region(client, project):
    csrf = sign_in(client, project, Role.EXPERT)
    key = form_key_of(client.get("/regions/ES61").text.split("/stages/survey/close")[1])
    sent = {"csrf": csrf, "form_key": key}
    responses = at_once(2, lambda: client.post("/regions/ES61/stages/survey/close", data=sent, follow_redirects=False))
    assert [r.status_code for r in responses] == [303, 303]
    assert {r.headers["location"] for r in responses} == {"/regions/ES61"}
    assert count(project, RecordedInput, kind="stage_closed") == 1
    key = form_key_of(client.get("/regions/ES61").text.split("/stages/survey/approve")[1])
    sent = {"csrf": csrf, "form_key": key}
    responses = at_once(
        2, lambda: client.post("/regions/ES61/stages/survey/approve", data=sent, follow_redirects=False)
    )
    assert [r.status_code for r in responses] == [303, 303]
    assert count(project, Event, action="document_approved") == 2  # assessment (played) and survey, once each


def test_every_form_that_changes_something_carries_its_own_key(client, project):
    sign_in(client, project, Role.EXPERT)
    region = client.get("/regions/ES61").text
    forms = [f for f in region.split("<form")[1:] if 'method="post"' in f and "/signout" not in f]
    keys = [form_key_of(f) for f in forms]
    assert len(forms) >= 3 and len(set(keys)) == len(keys)
    assert form_key_of(client.get("/regions/ES61").text) not in keys  # a fresh key each time a page is shown
