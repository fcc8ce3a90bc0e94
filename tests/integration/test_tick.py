"""The daily tick: deadlines close what they close, reminders and notices go out on the right day, once."""

from __future__ import annotations

import datetime as dt

import pytest

from advisory.adapters.i18n import translator
from advisory.domain import messages
from advisory.domain.access import Role
from advisory.domain.stages import STAGES, StageStatus
from advisory.services.engine import advance_directly
from advisory.services.notifications import send_outbox
from advisory.services.project import Project
from advisory.services.submissions import submit_file
from advisory.services.tick import tick
from advisory.settings import PROJECT_ROOT
from advisory.stages.table import INPUT_KINDS
from tests.mailbox import smtp_server
from tests.portal_world import issue, play_until

DEADLINE = dt.date(2026, 12, 15)  # every demonstrator region's survey deadline


def on(project: Project, day: dt.date) -> Project:
    """The same project on another day (the tick reads only the settings' clock)."""
    return Project(project.settings.model_copy(update={"today": day}))


def directly(project: Project):
    return lambda regions: {code: advance_directly(project, code) for code in regions}


def status(project: Project, region: str, stage: str) -> StageStatus:
    with project.unit_of_work() as uow:
        return StageStatus(uow.engagements.stage_state(region, stage).status)


@pytest.fixture
def mail(settings):
    with smtp_server() as (url, mailbox):
        yield settings.model_copy(update={"smtp_url": url, "today": dt.date(2026, 12, 1)}), mailbox


def forget_earlier_messages(project: Project, mailbox) -> None:
    """What playing the earlier stages told people (approvals) is sent and set aside; the test reads what follows."""
    send_outbox(project)
    mailbox.messages.clear()


def send_survey(project: Project, region: str, by: str) -> None:
    path = PROJECT_ROOT / "demo" / "surveys" / f"{region}.csv"
    receipt = submit_file(project, INPUT_KINDS, region, "survey_response", path.name, path.read_bytes(), by)
    assert receipt.outcome == "accepted", receipt.problems


def test_survey_reminders_go_out_days_before_the_deadline_to_those_who_have_not_answered_once(mail):
    settings, mailbox = mail
    project = Project(settings)
    play_until(project, "SK04", "survey")
    forget_earlier_messages(project, mailbox)
    issue(project, Role.CONTACT, "SK04", email="answered@firma.sk")
    issue(project, Role.CONTACT, "SK04", email="silent@firma.sk")
    send_survey(project, "SK04", "contact:answered@firma.sk")
    assert tick(on(project, DEADLINE - dt.timedelta(days=5)), directly(project)).queued.get("reminder", 0) == 0
    day = on(project, DEADLINE - dt.timedelta(days=3))
    report = tick(day, directly(day))
    reminded = sorted(m["To"].split("<")[-1].rstrip(">") for m in mailbox.messages)
    assert reminded == ["jan.kovac@example.org", "silent@firma.sk"] and report.sent == 2
    expected = translator("sk").text(messages.survey_reminder("Východné Slovensko", DEADLINE, 14, 12, "").subject)
    assert {m["Subject"] for m in mailbox.messages} == {expected}
    again = tick(day, directly(day))
    assert again.sent == 0 and len(mailbox.messages) == 2


def test_a_survey_past_its_deadline_with_enough_responses_is_closed_by_the_tick_and_awaits_approval(mail):
    settings, mailbox = mail
    project = Project(settings)
    play_until(project, "SK04", "survey")
    forget_earlier_messages(project, mailbox)
    send_survey(project, "SK04", "contact:jan.kovac@example.org")
    assert status(project, "SK04", "survey") == StageStatus.AWAITING_INPUT
    after = on(project, DEADLINE + dt.timedelta(days=1))
    tick(after, directly(after))
    assert status(after, "SK04", "survey") == StageStatus.READY_FOR_APPROVAL
    notice = messages.approval_needed("Východné Slovensko", STAGES[1].title, 1, DEADLINE + dt.timedelta(days=8), "")
    to_experts = [m for m in mailbox.messages if "ana.kovacic@observatory.example" in m["To"]]
    assert [m["Subject"] for m in to_experts] == [translator("en").text(notice.subject)]


def test_an_overdue_review_brings_a_reminder_then_a_coordinator_notice_and_the_meeting_invitation(mail):
    settings, mailbox = mail
    project = Project(settings)
    outcome = play_until(project, "ES61", "peer_review")
    assert outcome.status == StageStatus.AWAITING_INPUT and outcome.stage == "peer_review"
    forget_earlier_messages(project, mailbox)
    with project.unit_of_work() as uow:
        pack = uow.engagements.latest_document("ES61", "peer_review_pack").result
    due = dt.date.fromisoformat(pack["reviews_due"])
    before = on(project, due - dt.timedelta(days=1))
    tick(before, directly(before))
    reviewers = {a["reviewer_id"] for a in pack["assignments"]}
    invitations = [m for m in mailbox.messages if any(p.get_content_type() == "text/calendar" for p in m.walk())]
    reminders = [m for m in mailbox.messages if m not in invitations]
    assert len(reminders) == len(reviewers) and all("reviewers.example" in m["To"] for m in reminders)
    assert len(invitations) == len(reviewers) + 1  # the reviewers and the region's contact
    calendar = next(p for p in invitations[0].walk() if p.get_content_type() == "text/calendar")
    body = calendar.get_payload(decode=True).decode()
    assert f"DTSTART;VALUE=DATE:{pack['meeting_start'].replace('-', '')}" in body and "METHOD:REQUEST" in body
    late = on(project, due + dt.timedelta(days=1))
    tick(late, directly(late))
    notices = [m for m in mailbox.messages if "elena.markovic@observatory.example" in m["To"]]
    assert len(notices) == 1


def test_a_stage_left_running_by_a_dead_worker_is_run_again(settings):
    project = Project(settings)
    play_until(project, "HU33", "assessment")
    with project.unit_of_work() as uow:
        uow.engagements.set_stage("HU33", "assessment", StageStatus.RUNNING)
        uow.commit()
    later = Project(settings.model_copy(update={"now": project.clock.now() + dt.timedelta(hours=3)}))
    report = tick(later, directly(later), send=False)
    assert report.reopened == ["HU33 assessment"]
    assert status(later, "HU33", "assessment") != StageStatus.RUNNING


def test_the_scheduled_daily_pass_is_the_tick(settings):
    from workflows.daily import daily_pass

    report = daily_pass.fn(Project(settings).settings)
    assert report.day == settings.today and report.sent == 0
