"""The portal in the reader's language: a Slovenian, Spanish and Hungarian contact read no English interface text.

Every page's words come from the catalogs: the region page, the survey form, a refused response's errors,
a receipt and an error page. What stays English is what people wrote in English (the region's challenge in
its profile) and proper names; the check takes those out and then looks for any English message of the
portal's templates and for English function words.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from advisory.domain.access import Role
from advisory.entrypoints.web.app import create_app
from advisory.entrypoints.web.pages import HERE
from tests.documents import english_share
from tests.portal_world import INPUT_KINDS, advance_now, play_until, real_project, sign_in

MESSAGE = re.compile(r"""_\(\s*(["'])(.+?)\1""")


class VisibleText(HTMLParser):
    """The words a reader sees (and a screen reader reads): text outside script and style, plus labels."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("aria-label", "title", "placeholder") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.parts.append(data.strip())


def visible(html: str, leave_out: list[str]) -> str:
    parser = VisibleText()
    parser.feed(html)
    text = " ".join(parser.parts)
    for passage in leave_out:
        text = text.replace(passage, " ")
    return text


def portal_messages() -> list[str]:
    """Every English message of the portal's templates with at least two words (single words like "Portal"
    are the same in several languages)."""
    found = set()
    for template in (HERE / "templates").glob("*.html"):
        found |= {m.group(2) for m in MESSAGE.finditer(template.read_text(encoding="utf-8"))}
    return sorted(m for m in found if len(re.sub(r"%\(\w+\)s", "", m).split()) >= 2)


@pytest.fixture
def client(settings):
    project = real_project(settings)
    app = create_app(project, INPUT_KINDS, advance=advance_now(project))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, project


def pages_of_a_contact(client, project, code: str) -> dict[str, str]:
    play_until(project, code, "survey")
    csrf = sign_in(client, project, Role.CONTACT, code, language=None)
    refused = client.post(f"/regions/{code}/survey", data={"csrf": csrf, "respondent_id": "x y", "action": "submit"})
    return {
        "region page": client.get(f"/regions/{code}").text,
        "survey form": client.get(f"/regions/{code}/survey").text,
        "refused response": refused.text,
        "error page": client.get("/regions/XX99").text,
    }


@pytest.mark.parametrize(("code", "language"), [("SI03", "sl"), ("ES61", "es"), ("HU33", "hu")])
def test_a_contact_reads_every_page_in_the_regions_language(client, code, language):
    client, project = client
    region = project.regions[code]
    people_wrote = [region.challenge, *(o.name for o in region.cluster_organisations)]
    messages = portal_messages()
    assert len(messages) > 60
    for name, html in pages_of_a_contact(client, project, code).items():
        assert f'<html lang="{language}">' in html, name
        text = visible(html, people_wrote)
        left = [m for m in messages if "%(" not in m and m in text]
        assert left == [], (name, left)
        assert english_share(text) < 0.01, (name, english_share(text))


def test_the_language_picked_on_the_page_is_kept_and_a_contact_can_read_english(client):
    client, project = client
    sign_in(client, project, Role.CONTACT, "SI03", language=None)
    assert "Napredek petih faz" in client.get("/regions/SI03").text
    english = client.get("/regions/SI03?lang=en")
    assert '<html lang="en">' in english.text and "Progress of the five stages" in english.text
    assert '<html lang="en">' in client.get("/regions/SI03").text, "the choice is kept for the next page"
    assert '<html lang="de">' in client.get("/regions/SI03?lang=de").text
    assert '<html lang="de">' in client.get("/regions/SI03?lang=xx").text, "an unknown language changes nothing"
