"""The outbox: a message is a row first, queued once, sent once over a real SMTP server, retried when it fails."""

from __future__ import annotations

import datetime as dt
import email
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from advisory.domain.messages import invitation
from advisory.services.notifications import LEASE, Recipient, queue, send_outbox
from advisory.services.project import Project
from tests.mailbox import smtp_server, text_of

LINK = "http://portal.example/signin?token=abc"


def queue_invitations(project: Project, count: int, language: str = "en") -> None:
    with project.unit_of_work() as uow:
        for number in range(count):
            recipient = Recipient(email=f"person{number}@example.org", name=f"Person {number}", language=language)
            body = invitation("contact", "Vzhodna Slovenija", LINK, dt.date(2026, 12, 21))
            queue(uow, key=f"invitation:{number}", kind="invitation", recipient=recipient, body=body, region="SI03")
        uow.commit()


def statuses(project: Project) -> list[str]:
    with project.unit_of_work() as uow:
        return sorted(message.status for _region, message in uow.outbox.messages())


def test_a_message_queued_twice_with_one_key_is_one_row(settings):
    project = Project(settings)
    queue_invitations(project, 3)
    queue_invitations(project, 3)
    assert statuses(project) == ["queued"] * 3


def test_an_invitation_arrives_over_smtp_in_the_recipients_language_with_its_link(settings):
    with smtp_server() as (url, mailbox):
        project = Project(settings.model_copy(update={"smtp_url": url}))
        queue_invitations(project, 1, language="sl")
        report = send_outbox(project)
        assert report.sent == 1
        [message] = mailbox.to("person0@example.org")
    body = text_of(message)
    assert LINK in body and "Person 0" in body
    assert message["Subject"] and message.get_content_type() == "multipart/alternative"
    assert statuses(project) == ["sent"]


def test_without_an_smtp_server_messages_are_written_as_eml_files(settings):
    project = Project(settings)
    queue_invitations(project, 2)
    assert send_outbox(project).sent == 2
    files = sorted(settings.outbox_dir.glob("*.eml"))
    assert [f.name for f in files] == ["000001-invitation.eml", "000002-invitation.eml"]
    assert LINK in text_of(email.message_from_bytes(files[0].read_bytes()))


def test_a_server_that_refuses_gets_retries_with_backoff_then_the_message_fails(settings):
    project = Project(settings.model_copy(update={"smtp_url": "smtp://127.0.0.1:9", "send_attempts": 2}))
    queue_invitations(project, 1)
    assert send_outbox(project).retrying == 1
    assert statuses(project) == ["queued"]
    assert send_outbox(project).sent == 0  # the retry waits its back-off
    later = Project(project.settings.model_copy(update={"now": project.clock.now() + dt.timedelta(minutes=2)}))
    assert send_outbox(later).failed == 1
    with later.unit_of_work() as uow:
        [(_region, message)] = uow.outbox.messages()
    assert message.status == "failed" and message.attempts == 2 and "ConnectionRefused" in message.last_error


def test_two_senders_at_once_send_every_message_exactly_once(settings):
    with smtp_server() as (url, mailbox):
        project = Project(settings.model_copy(update={"smtp_url": url}))
        queue_invitations(project, 30)
        with ThreadPoolExecutor(max_workers=2) as pool:
            reports = list(pool.map(lambda name: send_outbox(project, sender=name), ["a", "b"]))
        ids = mailbox.message_ids()
    assert sum(r.sent for r in reports) == 30 and len(ids) == 30 and len(set(ids)) == 30
    assert statuses(project) == ["sent"] * 30


SENDER = textwrap.dedent(
    """
    import sys
    from advisory.services.notifications import send_outbox
    from advisory.services.project import Project
    from advisory.settings import Settings
    send_outbox(Project(Settings.model_validate_json(sys.argv[1])), sender="first", pause=0.05)
    """
)


def test_a_sender_killed_mid_batch_and_restarted_sends_every_message_and_marks_each_sent_once(settings):
    with smtp_server() as (url, mailbox):
        project = Project(settings.model_copy(update={"smtp_url": url}))
        queue_invitations(project, 40)
        process = subprocess.Popen([sys.executable, "-c", SENDER, project.settings.model_dump_json()])
        deadline = time.monotonic() + 60
        while len(mailbox.message_ids()) < 10 and time.monotonic() < deadline:
            time.sleep(0.01)
        process.kill()  # SIGKILL, wherever it is: between messages, or in the middle of one
        process.wait()
        assert 10 <= len(mailbox.message_ids()) < 40, "the sender should be killed in the middle of the batch"
        # The restarted sender takes over the dead one's claim once its lease has run out.
        restarted = Project(project.settings.model_copy(update={"now": project.clock.now() + LEASE * 2}))
        send_outbox(restarted, sender="second")
        ids = mailbox.message_ids()
    assert len(set(ids)) == 40, "every message arrives"
    # Only the one message in flight when the sender died (accepted by the server, not yet marked) can arrive
    # twice, and then with the same Message-ID, which mail programs show once.
    assert len(ids) - len(set(ids)) <= 1
    assert statuses(restarted) == ["sent"] * 40


@pytest.mark.parametrize("language", ["de", "sl", "es"])
def test_the_subject_is_in_the_recipients_language(settings, language):
    project = Project(settings)
    queue_invitations(project, 1, language=language)
    with project.unit_of_work() as uow:
        [(_region, message)] = uow.outbox.messages()
    assert message.language == language
