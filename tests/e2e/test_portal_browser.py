"""The portal in a real browser on the real stages: a contact fills in the survey, a coordinator sees it counted.

Drives Debian's Chromium (installed by scripts/install-system-deps.sh) with Playwright against a live
uvicorn server on a free loopback port; screenshots are saved under the test's tmp dir (and copied to
$PORTAL_SCREENSHOTS when set).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from advisory.domain.access import Role
from advisory.entrypoints.web.app import create_app
from advisory.entrypoints.web.pages import LANGUAGE_COOKIE
from tests.portal_world import INPUT_KINDS, advance_now, issue, play_until, real_project

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AWKWARD = 'Premalo zaupanja med podjetji & <raziskovalci> "č ž š"'

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent; run scripts/install-system-deps.sh"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'var' / 'advisory.db'}"


@pytest.fixture
def live_portal(settings):
    """SI03 with its assessment approved, so the survey waits for responses; the portal serving it."""
    import uvicorn

    project = real_project(settings)
    assert play_until(project, "SI03", "survey").missing.startswith("0 of 20 responses")
    app = create_app(project, INPUT_KINDS, advance_now(project))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield project, f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


class EnglishReader:
    """Chromium whose pages read the portal in English (what these tests look for; the language of each
    reader is tested in tests/integration/test_portal_language.py)."""

    def __init__(self, chromium) -> None:
        self.chromium = chromium

    def new_page(self, **options):
        page = self.chromium.new_page(**options)
        page.context.add_cookies([{"name": LANGUAGE_COOKIE, "value": "en", "domain": "127.0.0.1", "path": "/"}])
        return page


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield EnglishReader(chromium)
        chromium.close()


@pytest.fixture
def shots(tmp_path):
    folder = tmp_path / "screenshots"
    yield folder
    if keep := os.environ.get("PORTAL_SCREENSHOTS"):
        shutil.copytree(folder, keep, dirs_exist_ok=True)


def open_link(page, base: str, token: str, lands: str) -> None:
    """What a person does with the link in their mail: it opens a page that signs them in and moves on."""
    page.goto(f"{base}/signin?token={token}")
    page.wait_for_url(f"{base}{lands}")


def survey_cell(page):
    return page.locator('td[data-region="SI03"][data-stage="survey"]')


def wait_for_text(page, locator, text: str, seconds: float = 20) -> str:
    """Reloads until `text` shows: the engagement advances in the background after the response."""
    deadline = time.monotonic() + seconds
    while text not in (shown := locator.inner_text()) and time.monotonic() < deadline:
        time.sleep(0.3)
        page.reload()
    return shown


def test_a_contact_fills_in_the_real_survey_and_the_coordinator_sees_it_counted(live_portal, browser, shots):
    project, base = live_portal
    coordinator = browser.new_page(viewport={"width": 1400, "height": 1000})
    open_link(coordinator, base, issue(project, Role.COORDINATOR), "/dashboard")
    assert "0 of 20 responses" in survey_cell(coordinator).inner_text()
    coordinator.screenshot(path=shots / "1-dashboard-before.png", full_page=True)

    contact = browser.chromium.new_page(viewport={"width": 1100, "height": 1000})  # reads in the region's language
    open_link(contact, base, issue(project, Role.CONTACT, "SI03"), "/regions/SI03")
    contact.get_by_role("link", name="Obrazec ankete").click()
    contact.keyboard.press("Tab")
    assert contact.evaluate("document.activeElement.textContent") == "Preskoči na vsebino"
    contact.get_by_label("Oznaka anketiranca").fill("lesni-grozd-1")
    contact.get_by_label("Vrsta organizacije").select_option("firm")
    contact.get_by_label("Velikost organizacije").select_option("small")
    contact.get_by_label("Glavna dejavnost").select_option("C")
    contact.get_by_label("Vloga v grozdu").select_option("member")
    contact.get_by_label("Kako mednarodne so vaše dejavnosti?").select_option("regular")
    market = "Tržni pogoji: povpraševanje, vodilni kupci, javna naročila"
    contact.get_by_role("group", name=f"{market}: pomembnost (1–5)").get_by_role("radio", name="5").check()
    contact.get_by_role("group", name=f"{market}: zadovoljstvo (1–5)").get_by_role("radio", name="2").check()
    contact.get_by_label("Univerze in raziskovalne organizacije").check()
    contact.get_by_label("Kaj je glavna ovira").fill(AWKWARD)
    contact.get_by_text("Osnutek shranjen").wait_for(timeout=5000)
    contact.screenshot(path=shots / "2-survey-form.png", full_page=True)
    submit = contact.get_by_role("button", name="Oddaj odgovor")
    submit.focus()
    contact.keyboard.press("Enter")
    contact.get_by_role("heading", name="Prejeto in sprejeto").wait_for()
    contact.screenshot(path=shots / "3-receipt.png", full_page=True)

    assert "1 of 20 responses" in wait_for_text(coordinator, survey_cell(coordinator), "1 of 20 responses")
    assert "waiting for input" in survey_cell(coordinator).inner_text()
    coordinator.screenshot(path=shots / "4-dashboard-after.png", full_page=True)
    with project.unit_of_work() as uow:
        [response] = uow.engagements.current_inputs("SI03", "survey_response")
    assert response.payload["main_obstacle"] == AWKWARD
    assert response.payload["market_importance"] == 5 and response.payload["org_type"] == "firm"


def test_the_real_survey_form_works_with_the_keyboard_alone_and_labels_every_field(live_portal, browser):
    project, base = live_portal
    page = browser.new_page()
    open_link(page, base, issue(project, Role.CONTACT, "SI03"), "/regions/SI03")
    reached = []
    for _ in range(30):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("(document.activeElement.id || document.activeElement.textContent || '').trim()"))
    assert "Survey form" in reached and "file" in reached and "Upload" in reached
    page.goto(f"{base}/regions/SI03/survey")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = []
    for _ in range(200):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("(e => e.tagName === 'BUTTON' ? e.textContent : e.name)(document.activeElement)"))
    for field in ("respondent_id", "org_type", "market_importance", "partners", "main_obstacle", "Submit response"):
        assert field in focused, field
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.name)""")
    assert unlabelled == []
    unnamed_groups = page.evaluate("""() => [...document.querySelectorAll('fieldset')]
        .filter(f => !f.querySelector('legend') || !f.querySelector('legend').textContent.trim()).length""")
    assert unnamed_groups == 0


# --- links from elsewhere, sessions and phones (issue 16, points 3, 4 and 11) ---------------------------------
@pytest.fixture
def elsewhere(tmp_path):
    """Another site (another origin on loopback): a webmail page with the invite link, or an attacker's page."""
    import functools
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    folder = tmp_path / "elsewhere"
    folder.mkdir()

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def page_at(name: str, html: str) -> str:
        (folder / name).write_text(f"<!doctype html><html><body>{html}</body></html>", encoding="utf-8")
        return f"http://localhost:{server.server_port}/{name}"  # localhost vs 127.0.0.1: another site

    yield page_at
    server.shutdown()


def test_an_invite_link_clicked_in_webmail_on_another_site_lands_signed_in(live_portal, browser, elsewhere, shots):
    """Point 4: the SameSite=Strict cookie set on a cross-site navigation was not sent on the redirect after it."""
    project, base = live_portal
    link = f"{base}/signin?token={issue(project, Role.CONTACT, 'SI03')}"
    mail = elsewhere("mail.html", f'<p>Dear Ana,</p><a id="invite" href="{link}">Open the portal</a>')
    page = browser.new_page()
    page.goto(mail)
    page.click("#invite")
    page.wait_for_url(f"{base}/regions/SI03")
    assert page.get_by_role("heading", level=1).inner_text() == "Vzhodna Slovenija SI03"
    assert (
        "token" not in page.evaluate("document.location.href")
        and page.get_by_role("button", name="Sign out").is_visible()
    )
    page.reload()
    assert page.url == f"{base}/regions/SI03" and "Progress of the five stages" in page.content()
    [session] = [c for c in page.context.cookies() if c["name"] == "advisory_session"]
    assert session["httpOnly"] and session["sameSite"] == "Lax"
    page.screenshot(path=shots / "5-signed-in-from-webmail.png")


def test_pages_on_another_site_cannot_switch_whom_the_browser_is_signed_in_as(live_portal, browser, elsewhere):
    """Point 3: a cross-site GET of someone else's link replaced a signed-in contact's session."""
    project, base = live_portal
    page = browser.new_page()
    open_link(page, base, issue(project, Role.CONTACT, "SI03", email="ana@si03.si"), "/regions/SI03")
    theirs = issue(project, Role.CONTACT, "DED2", email="mallory@example.eu")
    linked = elsewhere("link.html", f'<a id="go" href="{base}/signin?token={theirs}">Read this</a>')
    page.goto(linked)
    page.click("#go")
    page.get_by_role("heading", name="Sign in as someone else?").wait_for()
    planted = elsewhere(
        "planted.html",
        f'<form id="f" method="post" action="{base}/signin"><input name="token" value="{theirs}">'
        '<input name="nonce" value="guessed"><input name="confirm" value="yes"></form>'
        "<script>document.getElementById('f').submit()</script>",
    )
    page.goto(planted)
    page.wait_for_url(f"{base}/signin")
    assert "did not come from the portal" in page.content()
    page.goto(f"{base}/regions/SI03")
    assert page.url == f"{base}/regions/SI03" and "ana@si03.si" in page.locator("header").inner_text()
    page.get_by_role("button", name="Sign out").click()
    page.goto(f"{base}/regions/SI03")
    assert page.get_by_role("heading", name="Sign in").is_visible()


PHONE = {"width": 390, "height": 844}


def fits_the_phone(page) -> None:
    """Nothing sticks out sideways, and the whole header (Sign out included) is on the screen."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url
    box = page.get_by_role("button", name="Sign out").bounding_box()
    assert box is not None and 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"], page.url


def test_the_pages_fit_a_390_px_phone(live_portal, browser, shots):
    """Point 11: at 390 px the region page and the dashboard overflowed; a column and "Sign out" were cut off."""
    project, base = live_portal
    contact = browser.new_page(viewport=PHONE)
    open_link(
        contact,
        base,
        issue(project, Role.CONTACT, "SI03", email="ana.novak-kovacic@savinjska-regija.si"),
        "/regions/SI03",
    )
    contact.set_input_files(
        "#file",
        files=[{"name": "odgovori-ankete-za-lesni-grozd.csv", "mimeType": "text/csv", "buffer": b"region\nSI03\n"}],
    )
    contact.get_by_role("button", name="Upload").click()
    contact.get_by_role("heading", name="Not accepted").wait_for()
    fits_the_phone(contact)
    contact.goto(f"{base}/regions/SI03")
    fits_the_phone(contact)
    contact.screenshot(path=shots / "phone-1-region-contact.png", full_page=True)
    contact.goto(f"{base}/regions/SI03/survey")
    fits_the_phone(contact)
    contact.screenshot(path=shots / "phone-2-survey.png", full_page=True)

    staff = browser.new_page(viewport=PHONE)
    open_link(staff, base, issue(project, Role.EXPERT, email="expert@observatory.eu"), "/dashboard")
    fits_the_phone(staff)
    matrix = staff.locator(".card.scroll").first
    assert matrix.evaluate("e => e.scrollWidth > e.clientWidth")  # the table scrolls inside its card
    staff.screenshot(path=shots / "phone-3-dashboard.png", full_page=True)
    for path, name in (("/regions/SI03", "phone-4-region-expert.png"), ("/events", "phone-5-events.png")):
        staff.goto(f"{base}{path}")
        fits_the_phone(staff)
        staff.screenshot(path=shots / name, full_page=True)
