"""An invitation by e-mail: it arrives over SMTP in the person's language, its link signs them in, and
the outbox does not keep the link once it has gone out."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from advisory.domain.access import Role
from advisory.entrypoints.web.app import create_app
from advisory.services.invitations import invite
from advisory.services.notifications import send_outbox
from advisory.services.project import Project
from advisory.stages.table import INPUT_KINDS
from tests.mailbox import smtp_server, text_of
from tests.portal_world import follow_link, play_until


def test_an_invitation_arrives_in_the_contacts_language_and_its_link_signs_them_in(settings):
    with smtp_server() as (url, mailbox):
        project = Project(settings.model_copy(update={"smtp_url": url, "portal_url": "http://testserver"}))
        invite(project, role=Role.CONTACT, email="ana@firma.si", region="si03", by="expert:demo", name="Ana", send=True)
        assert send_outbox(project).sent == 1
        [message] = mailbox.to("ana@firma.si")
    body = text_of(message)
    [token] = re.findall(r"signin\?token=([A-Za-z0-9_-]+)", body)
    assert "Ana" in body
    with TestClient(create_app(project, INPUT_KINDS), raise_server_exceptions=False) as client:
        follow_link(client, token)
        assert client.get("/regions/SI03").status_code == 200
    with project.unit_of_work() as uow:
        [(_region, row)] = uow.outbox.messages()
    assert row.language == "sl" and token not in row.body_text and token not in row.body_html


def test_an_approval_tells_the_regions_contacts_and_the_coordinators_once(settings):
    project = Project(settings)
    play_until(project, "HU33", "survey")  # the assessment report is approved on the way
    with project.unit_of_work() as uow:
        told = sorted((m.stage, m.recipient) for _r, m in uow.outbox.messages() if m.kind == "approved")
    assert told == [("assessment", "elena.markovic@observatory.example"), ("assessment", "gabor.korosi@example.org")]
