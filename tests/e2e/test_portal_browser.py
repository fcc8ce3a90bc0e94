"""The portal in a real browser: a contact fills in the survey, a coordinator sees the stage move on the dashboard.

Drives Debian's Chromium (installed by scripts/install-system-deps.sh) with Playwright against a live
uvicorn server on a free loopback port; screenshots are saved under the test's tmp dir.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from advisory.access import Role
from advisory.web.app import create_app
from tests.portal_world import INPUT_KINDS, advance_now, issue, toy_instrument, toy_project

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent; run scripts/install-system-deps.sh"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def live_portal(settings, tmp_path):
    import uvicorn

    project = toy_project(settings, tmp_path)
    app = create_app(project, INPUT_KINDS, advance_now(project), instrument=toy_instrument)
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


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_a_contact_fills_in_the_survey_and_the_coordinator_sees_the_stage_move(live_portal, browser, tmp_path):
    project, base = live_portal
    shots = tmp_path / "screenshots"
    coordinator = browser.new_page(viewport={"width": 1400, "height": 1000})
    coordinator.goto(f"{base}/signin?token={issue(project, Role.COORDINATOR)}")
    es61 = coordinator.locator('td[data-region="ES61"][data-stage="assessment"]')
    assert "pending" in es61.inner_text()
    coordinator.screenshot(path=shots / "1-dashboard-before.png", full_page=True)

    contact = browser.new_page(viewport={"width": 1100, "height": 1000})
    contact.goto(f"{base}/signin?token={issue(project, Role.CONTACT, 'ES61')}")
    assert contact.url.endswith("/regions/ES61")
    contact.get_by_role("link", name="Survey form").click()
    contact.keyboard.press("Tab")
    assert contact.evaluate("document.activeElement.textContent") == "Skip to content"
    contact.get_by_label("Referencia del encuestado").fill("bodega-1")
    contact.get_by_role("group", name="importancia (1–5)").get_by_role("radio", name="5").check()
    contact.get_by_role("group", name="satisfacción (1–5)").get_by_role("radio", name="2").check()
    contact.get_by_label("Cluster organisation").check()
    contact.get_by_label("Observaciones").fill('Cádiz & <Sevilla> "č ž ő ß"')
    contact.get_by_text("Draft saved").wait_for(timeout=5000)
    contact.screenshot(path=shots / "2-survey-form.png", full_page=True)
    submit = contact.get_by_role("button", name="Submit response")
    submit.focus()
    contact.keyboard.press("Enter")
    contact.get_by_role("heading", name="Received and accepted").wait_for()
    contact.screenshot(path=shots / "3-receipt.png", full_page=True)

    coordinator.reload()
    assert "ready for approval" in es61.inner_text()
    coordinator.screenshot(path=shots / "4-dashboard-after.png", full_page=True)
    with project.unit_of_work() as uow:
        [response] = uow.engagements.current_inputs("ES61", "survey_response")
    assert response.payload["remarks"] == 'Cádiz & <Sevilla> "č ž ő ß"'
    if keep := shutil.os.environ.get("PORTAL_SCREENSHOTS"):
        shutil.copytree(shots, keep, dirs_exist_ok=True)


def test_the_contact_pages_work_with_the_keyboard_alone(live_portal, browser):
    project, base = live_portal
    page = browser.new_page()
    page.goto(f"{base}/signin?token={issue(project, Role.CONTACT, 'ES61')}")
    reached = []
    for _ in range(30):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("(document.activeElement.id || document.activeElement.textContent || '').trim()"))
    assert "Survey form" in reached and "file" in reached and "Upload" in reached
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.name)""")
    assert unlabelled == []
