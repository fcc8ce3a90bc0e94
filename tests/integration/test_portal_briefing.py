"""Experts edit the final briefing's recommendations in the portal: a new version waits for approval, kept apart."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from advisory.domain.access import Role
from advisory.domain.text import stored_english
from advisory.entrypoints.web.app import create_app
from advisory.entrypoints.web.briefing_edits import briefing_draft
from tests.portal_world import INPUT_KINDS, advance_now, play_until, real_project, sign_in

AWKWARD = "Bridge the wood & <automotive> clusters of Štajerska in Koroška"


@pytest.fixture
def database_url(tmp_path) -> str:
    """SQLite only: playing SI03 to its briefing takes seconds; the edits use the intake tested on PostgreSQL."""
    return f"sqlite:///{tmp_path / 'var' / 'advisory.db'}"


@pytest.fixture
def project(settings):
    project = real_project(settings)
    assert play_until(project, "SI03", "briefing").status == "ready_for_approval"
    return project


@pytest.fixture
def client(project):
    app = create_app(project, INPUT_KINDS, advance=advance_now(project))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


EDITOR = "Dr. Ana Kovačič"


def the_form(project, csrf: str, **changes: str) -> dict[str, str]:
    """What the region page's form posts: every recommendation as shown, with `changes` (e.g. title_0=...)."""
    form = {"csrf": csrf}
    for n, rec in enumerate(briefing_draft(project, "SI03").recommendations):
        form |= {f"id_{n}": rec["id"], f"title_{n}": rec["title"], f"text_{n}": rec["text"]}
        if rec["dropped"]:
            form[f"drop_{n}"] = "yes"
    return form | changes


def latest_briefing(project):
    with project.unit_of_work() as uow:
        latest = uow.engagements.latest_document("SI03", "policy_briefing")
        return latest.version, latest.result, latest.approved_at


def test_the_expert_sees_the_generated_recommendations_in_a_form_with_approval_apart(client, project):
    sign_in(client, project, Role.EXPERT)
    html = client.get("/regions/SI03").text
    assert "Version 1 of the policy briefing is awaiting approval" in html
    _, result, _ = latest_briefing(project)
    for rec in result["recommendations"]:
        assert f'value="{rec["id"]}"' in html
    assert 'action="/regions/SI03/briefing/edits"' in html and "Approve version 1 as it stands" in html


def test_saved_edits_write_a_new_version_that_awaits_approval(client, project):
    csrf = sign_in(client, project, Role.EXPERT, name=EDITOR)
    _, first, _ = latest_briefing(project)
    [edited_id, dropped_id] = [r["id"] for r in first["recommendations"][:2]]
    response = client.post(
        "/regions/SI03/briefing/edits",
        data=the_form(project, csrf, title_0=AWKWARD, drop_1="yes"),
        follow_redirects=False,
    )
    assert response.status_code == 303
    with project.unit_of_work() as uow:
        [recorded] = uow.engagements.current_inputs("SI03", "briefing_edits")
    assert recorded.key == "edits" and recorded.payload["by"] == EDITOR
    version, result, approved = latest_briefing(project)
    assert version == 2 and approved is None
    assert (
        result["recommendations"][0]["id"] == edited_id
        and stored_english(result["recommendations"][0]["title"]) == AWKWARD
    )
    assert result["recommendations"][0]["edited_by"] == EDITOR
    assert [r["id"] for r in result["dropped"]] == [dropped_id]
    page = client.get("/regions/SI03").text
    assert "Version 2 of the policy briefing is awaiting approval" in page
    assert "Bridge the wood &amp; &lt;automotive&gt;" in page

    client.post("/regions/SI03/stages/briefing/approve", data={"csrf": csrf})
    assert latest_briefing(project)[2] is not None
    with project.unit_of_work() as uow:
        assert uow.engagements.stage_state("SI03", "briefing").status == "completed"


def test_a_second_save_keeps_the_first_edits_and_can_restore_a_dropped_one(client, project):
    csrf = sign_in(client, project, Role.EXPERT)
    client.post("/regions/SI03/briefing/edits", data=the_form(project, csrf, title_0=AWKWARD, drop_1="yes"))
    form = the_form(project, csrf, text_0="Fund joint pilots.")
    dropped = next(k for k, v in form.items() if k.startswith("drop_"))
    del form[dropped]
    client.post("/regions/SI03/briefing/edits", data=form)
    version, result, _ = latest_briefing(project)
    assert version == 3 and result["dropped"] == []
    first = result["recommendations"][0]
    assert (stored_english(first["title"]), stored_english(first["text"])) == (
        AWKWARD,
        "Fund joint pilots.",
    )


def test_edits_are_refused_without_change_from_an_old_page_or_from_a_coordinator(client, project):
    csrf = sign_in(client, project, Role.EXPERT)
    unchanged = client.post("/regions/SI03/briefing/edits", data=the_form(project, csrf))
    assert unchanged.status_code == 409 and "nothing was saved" in unchanged.text
    stale = the_form(project, csrf, title_0="New title", id_0="someone-else")
    assert client.post("/regions/SI03/briefing/edits", data=stale).status_code == 409
    assert latest_briefing(project)[0] == 1
    csrf = sign_in(client, project, Role.COORDINATOR)
    assert client.post("/regions/SI03/briefing/edits", data=the_form(project, csrf, title_0="x y")).status_code == 403
    assert "briefing/edits" not in client.get("/regions/SI03").text


def test_edits_are_signed_by_the_signed_in_expert_never_by_the_previous_editor(client, project):
    """Issue 16, point 7: the form pre-filled the previous editor's name, so one expert's edits were printed as
    another's. The form has no name to fill in; each save is signed by whoever is signed in."""
    csrf = sign_in(client, project, Role.EXPERT, name=EDITOR)
    client.post("/regions/SI03/briefing/edits", data=the_form(project, csrf, title_0=AWKWARD))
    csrf = sign_in(client, project, Role.EXPERT, name="Mag. Peter Horvat")
    page = client.get("/regions/SI03").text
    assert 'name="by"' not in page and EDITOR not in page.split('id="signed"')[1].split("</p>")[0]
    assert "name you, Mag. Peter Horvat, as the editor" in page
    client.post("/regions/SI03/briefing/edits", data=the_form(project, csrf, text_1="Fund joint pilots."))
    version, result, _ = latest_briefing(project)
    assert version == 3
    assert result["recommendations"][1]["edited_by"] == "Mag. Peter Horvat"
    assert result["recommendations"][0]["edited_by"] == EDITOR  # her edit, left as it was, stays hers
    with project.unit_of_work() as uow:
        [recorded] = uow.engagements.current_inputs("SI03", "briefing_edits")
        events = [e for _, e in uow.engagements.events("SI03") if e.action == "input_recorded"]
    assert recorded.payload["by"] == "Mag. Peter Horvat" and events[0].actor == "expert:person@example.eu"
    sneaky = the_form(project, csrf, text_1="Fund joint pilots, twice.") | {"by": EDITOR}
    client.post("/regions/SI03/briefing/edits", data=sneaky)
    assert latest_briefing(project)[1]["recommendations"][1]["edited_by"] == "Mag. Peter Horvat"
