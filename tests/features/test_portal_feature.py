"""Step definitions for features/portal.feature, driving the portal over HTTP as its users would."""

from __future__ import annotations

import re
import threading

import pytest
from fastapi.testclient import TestClient
from pytest_bdd import given, parsers, scenarios, then, when

from advisory.domain.access import Role
from advisory.entrypoints.web.app import create_app
from tests.portal_world import INPUT_KINDS, advance_now, expire, follow_link, issue, play_until, real_project, sign_in

scenarios("portal.feature")


@pytest.fixture
def project(settings):
    return real_project(settings)


@given("the six demonstrator regions are open on the portal", target_fixture="client")
def portal_client(project):
    app = create_app(project, INPUT_KINDS, advance=advance_now(project))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@given(parsers.parse('the observatory has invited a regional contact of "{region}"'), target_fixture="invite")
def invited(project, region):
    return issue(project, Role.CONTACT, region)


def as_contact(client, invite) -> str:
    client.cookies.clear()
    return follow_link(client, invite)


@when(
    parsers.parse(
        'the contact of "{region}" submits the survey form for respondent "{reference}" with the remark "{remark}"'
    ),
    target_fixture="response",
)
def submit_form(client, invite, region, reference, remark):
    csrf = as_contact(client, invite)
    return client.post(
        f"/regions/{region}/survey",
        data={
            "csrf": csrf,
            "respondent_id": reference,
            "org_type": "firm",
            "size": "micro",
            "sector": "A",
            "cluster_role": "member",
            "internationalisation": "none",
            "market_importance": "4",
            "market_satisfaction": "2",
            "main_obstacle": remark,
            "action": "submit",
        },
    )


@when(parsers.parse('the contact of "{region}" saves a draft for respondent "{reference}"'))
def save_draft(client, invite, region, reference):
    csrf = as_contact(client, invite)
    client.post(f"/regions/{region}/survey", data={"csrf": csrf, "respondent_id": reference, "action": "save"})


@when(parsers.parse('the contact of "{region}" opens the survey form again'), target_fixture="response")
def reopen(client, invite, region):
    as_contact(client, invite)
    return client.get(f"/regions/{region}/survey")


@when(parsers.parse('the contact of "ES61" opens "{path}"'), target_fixture="response")
def open_page(client, invite, path):
    as_contact(client, invite)
    return client.get(path)


@when("a coordinator opens the dashboard", target_fixture="response")
def dashboard(client, project):
    sign_in(client, project, Role.COORDINATOR)
    return client.get("/dashboard")


@given(parsers.parse('the survey of "{region}" is waiting for responses'))
def survey_waiting(project, region):
    assert play_until(project, region, "survey").status == "awaiting_input"


@given("the contact's link has expired")
def link_expired(project, invite):
    expire(project, invite)


@when("the contact opens the link", target_fixture="response")
def open_link(client, invite):
    return client.get(f"/signin?token={invite}", follow_redirects=False)


@then(parsers.parse('the contact sees "{text}"'))
def sees(response, text):
    assert response.status_code == 200 and text in response.text


@then(parsers.parse('the region "{region}" has {count:d} recorded survey response'))
def recorded(project, region, count):
    with project.unit_of_work() as uow:
        assert len(uow.engagements.current_inputs(region, "survey_response")) == count


@then(parsers.parse('the remark is stored as "{remark}"'))
def remark_stored(project, remark):
    with project.unit_of_work() as uow:
        [row] = uow.engagements.current_inputs("ES61", "survey_response")
    assert row.payload["main_obstacle"] == remark


@then(parsers.parse('the form still shows respondent "{reference}"'))
def form_shows(response, reference):
    assert f'value="{reference}"' in response.text


@then(parsers.parse("the portal refuses with {status:d}"))
def refused(response, status):
    assert response.status_code == status


@then(parsers.parse('the survey of "{region}" shows "{text}"'))
def survey_shows(response, region, text):
    cell = response.text.split(f'data-region="{region}" data-stage="survey"')[1].split("</td>")[0]
    assert text in cell


@then("every demonstrator region is listed on the dashboard")
def every_region(response):
    for code in ("ES61", "SK04", "SI03", "HU33", "DED2", "PL21"):
        assert f'href="/regions/{code}"' in response.text


@when(
    parsers.parse('the contact of "{region}" clicks "Submit response" twice for respondent "{reference}"'),
    target_fixture="responses",
)
def double_click(client, invite, region, reference):
    csrf = as_contact(client, invite)
    key = re.search(r'name="form_key" value="([^"]+)"', client.get(f"/regions/{region}/survey").text).group(1)
    form = {
        "csrf": csrf,
        "form_key": key,
        "respondent_id": reference,
        "org_type": "firm",
        "size": "micro",
        "sector": "A",
        "cluster_role": "member",
        "internationalisation": "none",
        "action": "submit",
    }
    barrier, responses = threading.Barrier(2), [None, None]

    def click(n: int) -> None:
        barrier.wait()
        responses[n] = client.post(f"/regions/{region}/survey", data=form)

    clicks = [threading.Thread(target=click, args=(n,)) for n in (0, 1)]
    for thread in clicks:
        thread.start()
    for thread in clicks:
        thread.join()
    return responses


@then("both clicks show the same receipt")
def same_receipt(responses):
    numbers = {re.search(r"<dt>Receipt number</dt><dd>(\d+)</dd>", r.text).group(1) for r in responses}
    assert all("Received and accepted" in r.text for r in responses) and len(numbers) == 1


@when(parsers.parse('the contact of "{region}" signs out, keeping a copy of the session cookie'), target_fixture="kept")
def sign_out(client, invite, region):
    csrf = as_contact(client, invite)
    kept = client.cookies["advisory_session"]
    assert client.get(f"/regions/{region}").status_code == 200
    client.post("/signout", data={"csrf": csrf})
    return kept


@then(parsers.parse('the copied cookie no longer opens "{path}"'))
def copied_cookie_refused(client, kept, path):
    client.cookies.clear()
    client.cookies.set("advisory_session", kept, domain="testserver.local")
    assert client.get(path).status_code == 401


@given(parsers.parse('the contact of "{region}" is signed in'))
def signed_in(client, invite):
    as_contact(client, invite)


@when("someone else's link is opened in the same browser", target_fixture="response")
def someone_elses_link(client, project):
    return client.get(f"/signin?token={issue(project, Role.CONTACT, 'DED2', email='other@example.de')}")


@then(parsers.parse('the portal asks "{question}"'))
def asks(response, question):
    assert response.status_code == 200 and question in response.text


@then(parsers.parse('the contact of "{region}" is still signed in'))
def still_signed_in(client, region):
    assert client.get(f"/regions/{region}").status_code == 200
