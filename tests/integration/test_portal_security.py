"""The portal's security rules over HTTP: regions kept apart, tokens checked, forms protected, errors plain."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from advisory.domain.access import Role
from advisory.entrypoints.web.app import create_app
from tests.portal_world import INPUT_KINDS, assign_reviewer, expire, issue, real_project, sign_in


@pytest.fixture
def project(settings):
    return real_project(settings)


@pytest.fixture
def client(project):
    app = create_app(project, INPUT_KINDS, advance=None)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def a_document_of(project, region: str) -> int:
    return assign_reviewer(project, region, "R-OTHER")


REGION_B_GETS = [
    "/regions/SK04",
    "/regions/sk04",
    "/regions/SK04/survey",
    "/regions/SK04/review",
    "/regions/SK04/receipts/1",
]
REGION_B_POSTS = [
    "/regions/SK04/uploads",
    "/regions/SK04/survey",
    "/regions/SK04/survey/draft",
    "/regions/SK04/advance",
    "/regions/SK04/stages/survey/close",
    "/regions/SK04/stages/survey/approve",
    "/regions/SK04/review",
]


def test_a_contact_of_one_region_is_refused_every_page_of_another(client, project):
    sign_in(client, project, Role.CONTACT, "ES61")
    for path in REGION_B_GETS:
        assert client.get(path).status_code in (403, 404), path
    assert client.get("/regions/ES61").status_code == 200


def test_a_contact_of_one_region_cannot_post_to_another_even_with_a_valid_form_token(client, project):
    csrf = sign_in(client, project, Role.CONTACT, "ES61")
    for path in REGION_B_POSTS:
        response = client.post(
            path,
            data={"csrf": csrf, "kind": "survey_response", "action": "submit"},
            files={"file": ("x.csv", b"region\nSK04\n")},
        )
        assert response.status_code in (403, 404), path
    with project.unit_of_work() as uow:
        assert uow.engagements.current_inputs("SK04", "survey_response") == []


def test_a_contact_cannot_download_another_regions_document_by_id(client, project):
    theirs = a_document_of(project, "SK04")
    sign_in(client, project, Role.CONTACT, "ES61")
    assert client.get(f"/documents/{theirs}").status_code == 404
    assert client.get("/documents/99999").status_code == 404


def test_a_contact_sees_neither_the_dashboard_nor_the_event_log_nor_the_export(client, project):
    sign_in(client, project, Role.CONTACT, "ES61")
    for path in ("/dashboard", "/events", "/dashboard/status.xlsx", "/reviews"):
        assert client.get(path).status_code == 403, path


def test_an_expired_token_is_refused(client, project):
    token = issue(project, Role.CONTACT, "ES61")
    expire(project, token)
    assert client.get(f"/signin?token={token}", follow_redirects=False).status_code == 403
    client.cookies.set("advisory_session", token)
    assert client.get("/regions/ES61").status_code == 401


def test_a_tampered_token_is_refused(client, project):
    token = issue(project, Role.COORDINATOR)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(f"/signin?token={tampered}", follow_redirects=False).status_code == 403
    client.cookies.set("advisory_session", tampered)
    assert client.get("/dashboard").status_code == 401


def test_a_revoked_token_stops_working_at_once(client, project):

    csrf = sign_in(client, project, Role.CONTACT, "ES61")
    assert client.get("/regions/ES61").status_code == 200
    with project.unit_of_work() as uow:
        for row in uow.tokens.listing("ES61"):
            uow.tokens.revoke(row.id)
        uow.commit()
    assert client.get("/regions/ES61").status_code == 401
    assert csrf


def test_a_form_without_the_right_form_token_is_refused(client, project):
    sign_in(client, project, Role.CONTACT, "ES61")
    for sent in ({}, {"csrf": "forged"}):
        response = client.post(
            "/regions/ES61/uploads", data={"kind": "stress_test", **sent}, files={"file": ("a.txt", b"hello")}
        )
        assert response.status_code == 403
    with project.unit_of_work() as uow:
        assert uow.engagements.current_inputs("ES61", "stress_test") == []


def test_a_reviewer_cannot_review_an_engagement_not_assigned_to_them(client, project):
    assign_reviewer(project, "SI03", "R7")
    assign_reviewer(project, "HU33", "R8")
    csrf = sign_in(client, project, Role.REVIEWER, "SI03", reviewer_id="R7")
    assert client.get("/regions/SI03/review").status_code == 200
    assert client.get("/regions/HU33/review").status_code == 403
    response = client.post(
        "/regions/HU33/uploads",
        data={"csrf": csrf, "kind": "peer_review"},
        files={"file": ("r.yaml", b"reviewer_id: R7\ntext: sneaky\n")},
    )
    assert response.status_code == 403
    assert client.post("/regions/HU33/review", data={"csrf": csrf, "recommendation_1": "x"}).status_code == 403


def test_only_experts_run_engagements(client, project):
    csrf = sign_in(client, project, Role.COORDINATOR)
    assert client.post("/regions/ES61/advance", data={"csrf": csrf}).status_code == 403


def test_an_upload_over_the_limit_is_refused_by_its_declared_length_before_reading(client, project):
    csrf = sign_in(client, project, Role.CONTACT, "ES61")
    big = b"x" * (project.settings.max_upload_bytes + 100 * 1024)
    response = client.post(
        "/regions/ES61/uploads", data={"csrf": csrf, "kind": "stress_test"}, files={"file": ("big.csv", big)}
    )
    assert response.status_code == 413
    with project.unit_of_work() as uow:
        assert uow.engagements.current_inputs("ES61", "stress_test") == []


def test_a_chunked_upload_over_the_limit_is_refused_while_streaming(client, project):
    csrf = sign_in(client, project, Role.CONTACT, "ES61")

    def chunks():
        yield b'--b\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n' + csrf.encode() + b"\r\n"
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n'
        for _ in range(100):
            yield b"y" * 100_000

    response = client.post(
        "/regions/ES61/uploads", content=chunks(), headers={"content-type": "multipart/form-data; boundary=b"}
    )
    assert response.status_code == 413


def test_every_response_carries_the_security_headers(client, project):
    for response in (client.get("/"), client.get("/nowhere"), client.get("/static/portal.css")):
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"


def test_an_unexpected_error_shows_a_plain_page_without_a_traceback(project):
    app = create_app(project, INPUT_KINDS)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/boom")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "secret internals" not in response.text and "Traceback" not in response.text
    assert response.headers["x-frame-options"] == "DENY"
