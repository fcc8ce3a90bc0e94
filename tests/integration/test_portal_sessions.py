"""Portal sessions over HTTP (issue 16, points 2 to 4): a server-side session in exchange for the link, ended at
once by sign-out or revocation, rotated at sign-in, never replaced by a link opened from elsewhere without asking,
and sign-ins from one address paused after too many failures. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from advisory.adapters.store.models import PortalSession
from advisory.domain.access import Role, token_digest
from advisory.entrypoints.web.app import create_app
from advisory.services.project import Project
from tests.portal_world import INPUT_KINDS, follow_link, issue, nonce_of, real_project, sign_in

SESSION = "advisory_session"


@pytest.fixture
def project(settings):
    return real_project(settings.model_copy(update={"signin_failures_per_hour": 5}))


@pytest.fixture
def client(project):
    with TestClient(create_app(project, INPUT_KINDS), raise_server_exceptions=False) as client:
        yield client


def replay(client, session: str) -> None:
    """The browser sends this session cookie (a kept or copied one) and nothing else."""
    client.cookies.clear()
    client.cookies.set(SESSION, session, domain="testserver.local")


def session_rows(project: Project) -> list[PortalSession]:
    with project.unit_of_work() as uow:
        return list(uow.session.query(PortalSession).order_by(PortalSession.id))


def test_the_cookie_holds_a_random_session_id_stored_hashed_never_the_link(client, project):
    token = issue(project, Role.CONTACT, "SI03")
    opened = client.get(f"/signin?token={token}")
    assert SESSION not in opened.headers.get("set-cookie", "")  # opening the link alone signs no one in
    signed = client.post("/signin", data={"token": token, "nonce": nonce_of(opened.text)}, follow_redirects=False)
    cookie = client.cookies[SESSION]
    assert cookie != token and token not in signed.headers["set-cookie"]
    [stored] = session_rows(project)
    assert stored.session_sha256 == token_digest(cookie) and cookie not in stored.session_sha256
    assert stored.expires_at == stored.started_at + dt.timedelta(hours=12)
    replay(client, token)  # the link itself is no session
    assert client.get("/regions/SI03").status_code == 401


def test_signing_out_ends_the_session_on_the_server_at_once(client, project):
    csrf = sign_in(client, project, Role.CONTACT, "SI03")
    kept = client.cookies[SESSION]
    assert client.get("/regions/SI03").status_code == 200
    assert client.post("/signout", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    replay(client, kept)  # a copied cookie, replayed after sign-out
    assert client.get("/regions/SI03").status_code == 401
    assert session_rows(project)[0].ended_at is not None


def test_withdrawing_the_link_ends_every_session_it_opened(project):
    token = issue(project, Role.CONTACT, "SI03")
    app = create_app(project, INPUT_KINDS)
    with TestClient(app) as laptop, TestClient(app) as phone:
        follow_link(laptop, token)
        follow_link(phone, token)
        with project.unit_of_work() as uow:
            assert uow.tokens.revoke(uow.tokens.listing("SI03")[0].id)
            uow.commit()
        assert laptop.get("/regions/SI03").status_code == 401 and phone.get("/regions/SI03").status_code == 401
    assert all(row.ended_at is not None for row in session_rows(project))


def test_a_session_ends_after_its_idle_time_and_after_its_lifetime(client, project):
    sign_in(client, project, Role.CONTACT, "SI03")
    started = project.clock.now()

    def at(moment: dt.datetime) -> int:
        later = Project(project.settings.model_copy(update={"now": moment}))
        with TestClient(create_app(later, INPUT_KINDS), cookies=dict(client.cookies)) as then:
            return then.get("/regions/SI03").status_code

    assert at(started + dt.timedelta(minutes=119)) == 200
    assert at(started + dt.timedelta(minutes=119 + 119)) == 200  # each use keeps it going ...
    assert at(started + dt.timedelta(hours=12, minutes=1)) == 401  # ... until its lifetime is over
    sign_in(client, project, Role.CONTACT, "SI03")
    assert at(project.clock.now() + dt.timedelta(minutes=121)) == 401  # unused for two hours


def test_signing_in_again_rotates_the_session_id_and_ends_the_old_one(client, project):
    token = issue(project, Role.CONTACT, "SI03")
    follow_link(client, token)
    first = client.cookies[SESSION]
    replay(client, first)
    page = client.get("/signin")  # the sign-in form, while signed in (e.g. pasting the code again)
    client.post("/signin", data={"token": token, "nonce": nonce_of(page.text)}, follow_redirects=False)
    second = client.cookies[SESSION]
    assert second != first
    replay(client, first)
    assert client.get("/regions/SI03").status_code == 401
    assert [row.ended_at is None for row in session_rows(project)] == [False, True]


def test_the_cookie_is_httponly_lax_and_secure_over_https(project):
    token = issue(project, Role.CONTACT, "SI03")
    app = create_app(project, INPUT_KINDS)
    for base, secure in (("http://testserver", False), ("https://portal.example.eu", True)):
        with TestClient(app, base_url=base) as client:
            opened = client.get(f"/signin?token={token}")
            signed = client.post(
                "/signin", data={"token": token, "nonce": nonce_of(opened.text)}, follow_redirects=False
            )
            cookie = signed.headers["set-cookie"].lower()
            assert "httponly" in cookie and "samesite=lax" in cookie and ("; secure" in cookie) == secure


def test_behind_a_trusted_proxy_that_speaks_https_the_cookie_is_secure(project):
    """What `advisory serve --proxy-headers --forwarded-allow-ips ADDR` does: uvicorn's proxy headers middleware."""
    token = issue(project, Role.CONTACT, "SI03")
    behind = ProxyHeadersMiddleware(create_app(project, INPUT_KINDS), trusted_hosts=["10.0.0.5"])
    forwarded = {"x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.7"}
    for proxy, secure in (("10.0.0.5", True), ("198.51.100.9", False)):
        with TestClient(behind, client=(proxy, 40000), headers=forwarded) as client:
            opened = client.get(f"/signin?token={token}")
            signed = client.post(
                "/signin", data={"token": token, "nonce": nonce_of(opened.text)}, follow_redirects=False
            )
            assert ("; secure" in signed.headers["set-cookie"].lower()) == secure


def test_a_link_opened_while_signed_in_as_someone_else_asks_before_switching(client, project):
    """Point 3, login CSRF: a cross-site GET of another person's link silently replaced the session."""
    sign_in(client, project, Role.CONTACT, "SI03")
    theirs = issue(project, Role.CONTACT, "DED2", email="someone@else.de")
    asked = client.get(f"/signin?token={theirs}")
    assert asked.status_code == 200 and "Sign in as someone else?" in asked.text
    assert "someone@else.de" in asked.text and "person@example.eu" in asked.text
    assert client.get("/regions/SI03").status_code == 200 and client.get("/regions/DED2").status_code == 403
    unconfirmed = client.post("/signin", data={"token": theirs, "nonce": nonce_of(asked.text)})
    assert "Sign in as someone else?" in unconfirmed.text and client.get("/regions/SI03").status_code == 200
    follow_link(client, theirs, confirm=True)
    assert client.get("/regions/DED2").status_code == 200 and client.get("/regions/SI03").status_code == 403


def test_a_sign_in_form_planted_on_another_site_is_refused(client, project):
    """A cross-site POST carries neither the SameSite=Lax session nor the sign-in nonce cookie."""
    sign_in(client, project, Role.CONTACT, "SI03")
    mine = client.cookies[SESSION]
    attacker = issue(project, Role.CONTACT, "DED2", email="attacker@example.eu")
    client.cookies.clear()
    planted = client.post("/signin", data={"token": attacker, "nonce": "guessed"}, follow_redirects=False)
    assert planted.status_code == 403 and SESSION not in planted.headers.get("set-cookie", "")
    replay(client, mine)
    assert client.get("/regions/SI03").status_code == 200


def test_the_sign_in_form_posts_the_code_and_a_get_never_signs_in(client, project):
    home = client.get("/")
    assert '<form method="post" action="/signin">' in home.text and 'method="get"' not in home.text
    token = issue(project, Role.COORDINATOR)
    opened = client.get(f"/signin?token={token}", follow_redirects=False)
    assert opened.status_code == 200 and 'id="signin-link"' in opened.text and "/static/signin.js" in opened.text
    assert client.get("/dashboard").status_code == 401


def test_failed_sign_ins_from_one_address_are_paused_after_the_limit(project):
    good = issue(project, Role.CONTACT, "SI03")
    app = create_app(project, INPUT_KINDS)
    with TestClient(app, client=("198.51.100.20", 1000)) as guesser, TestClient(app) as someone:
        for n in range(5):
            assert guesser.get(f"/signin?token=guess-{n}").status_code == 403
        paused = guesser.get(f"/signin?token={good}")
        assert paused.status_code == 429 and "Please wait an hour" in paused.text
        page = guesser.get("/signin")
        assert guesser.post("/signin", data={"token": good, "nonce": nonce_of(page.text)}).status_code == 429
        follow_link(someone, good)  # another address is not held up
    an_hour_later = Project(project.settings.model_copy(update={"now": project.clock.now() + dt.timedelta(hours=1)}))
    with TestClient(create_app(an_hour_later, INPUT_KINDS), client=("198.51.100.20", 1000)) as guesser:
        follow_link(guesser, good)
