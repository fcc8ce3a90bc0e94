"""Step definitions of features/deadlines.feature: the daily pass over real stages and a real mail server."""

from __future__ import annotations

import datetime as dt

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from advisory.adapters.i18n import translator
from advisory.domain import messages
from advisory.domain.access import Role
from advisory.domain.stages import StageStatus
from advisory.services.engine import advance_directly
from advisory.services.notifications import send_outbox
from advisory.services.project import Project
from advisory.services.submissions import submit_file
from advisory.services.tick import tick
from advisory.settings import PROJECT_ROOT
from advisory.stages.table import INPUT_KINDS
from tests.mailbox import smtp_server
from tests.portal_world import issue, play_until

scenarios("deadlines.feature")


@pytest.fixture
def world(settings):
    with smtp_server() as (url, mailbox):
        project = Project(settings.model_copy(update={"smtp_url": url, "today": dt.date(2026, 12, 1)}))
        yield {"project": project, "mailbox": mailbox}


@given("the programme's demonstrator regions with an empty project database and a mail server")
def empty(world):
    assert world["project"].regions


def reached(world, region: str, stage: str) -> None:
    play_until(world["project"], region, stage)
    send_outbox(world["project"])  # what the earlier approvals told people is set aside
    world["mailbox"].messages.clear()


def send_survey(project: Project, region: str, by: str) -> None:
    path = PROJECT_ROOT / "demo" / "surveys" / f"{region}.csv"
    assert submit_file(project, INPUT_KINDS, region, "survey_response", path.name, path.read_bytes(), by).accepted


@given(parsers.parse('"{region}" has reached the regional survey and its contact has sent 14 responses'))
def survey_with_responses(world, region):
    reached(world, region, "survey")
    send_survey(world["project"], region, "contact:jan.kovac@example.org")


@given(parsers.parse('"{region}" has reached the regional survey'))
def survey(world, region):
    reached(world, region, "survey")


@given(parsers.parse('"{region}" has reached the peer review'))
def peer_review(world, region):
    reached(world, region, "peer_review")


@given(parsers.parse('"{region}" has the further contacts "{first}" and "{second}"'))
def contacts(world, region, first, second):
    for email in (first, second):
        issue(world["project"], Role.CONTACT, region, email=email)


@given(parsers.parse('"{email}" has sent the survey responses of "{region}"'))
def answered(world, email, region):
    send_survey(world["project"], region, f"contact:{email}")


def daily_pass(world, day: dt.date) -> None:
    project = Project(world["project"].settings.model_copy(update={"today": day}))
    tick(project, lambda regions: {code: advance_directly(project, code) for code in regions})
    world["day"] = day


def review_due(world, region: str) -> dt.date:
    with world["project"].unit_of_work() as uow:
        pack = uow.engagements.latest_document(region, "peer_review_pack").result
    world["reviewers"] = {a["reviewer_id"] for a in pack["assignments"]}
    return dt.date.fromisoformat(pack["reviews_due"])


@when(parsers.parse("the daily pass runs on {day:d} December 2026"))
@when(parsers.parse("the daily pass runs again on {day:d} December 2026"))
def runs_on(world, day):
    daily_pass(world, dt.date(2026, 12, day))


@when("the daily pass runs the day before the reviews are due")
def before_due(world):
    daily_pass(world, review_due(world, "ES61") - dt.timedelta(days=1))


@when("the daily pass runs the day after the reviews were due")
def after_due(world):
    world["mailbox"].messages.clear()
    daily_pass(world, review_due(world, "ES61") + dt.timedelta(days=1))


@then(parsers.parse('the "{stage}" stage of "{region}" is "{status}"'))
def stage_is(world, stage, region, status):
    with world["project"].unit_of_work() as uow:
        assert uow.engagements.stage_state(region, stage).status == StageStatus(status)


@then(parsers.parse('an observatory expert receives the notice that the "{stage}" stage of "{region}" awaits approval'))
def expert_notice(world, stage, region):
    to_expert = world["mailbox"].to("ana.kovacic@observatory.example")
    assert len(to_expert) == 1 and "Východné Slovensko" in to_expert[0]["Subject"]


@then(parsers.parse('"{first}" and "{second}" each receive one reminder in Slovak'))
def reminded(world, first, second):
    subject = translator("sk").text(
        messages.survey_reminder("Východné Slovensko", dt.date(2026, 12, 15), 0, 0, "").subject
    )
    for email in (first, second):
        received = world["mailbox"].to(email)
        assert [m["Subject"] for m in received] == [subject]


@then(parsers.parse('"{email}" receives no reminder'))
def not_reminded(world, email):
    assert world["mailbox"].to(email) == []


@then(parsers.parse('every assigned reviewer of "{region}" receives a reminder and the meeting\'s calendar invitation'))
def reviewers_told(world, region):
    to_reviewers = [m for m in world["mailbox"].messages if "reviewers.example" in m["To"]]
    with_calendar = [m for m in to_reviewers if any(p.get_content_type() == "text/calendar" for p in m.walk())]
    assert len(to_reviewers) == 2 * len(world["reviewers"]) and len(with_calendar) == len(world["reviewers"])


@then(parsers.parse('the coordinator receives one notice that the "{stage}" stage of "{region}" is overdue'))
def coordinator_told(world, stage, region):
    assert len(world["mailbox"].to("elena.markovic@observatory.example")) == 1


@given(parsers.parse('the people of "{region}" have sent their inputs and the expert has approved every stage'))
def whole_engagement(world, region):
    from rich.console import Console

    from advisory.services.demo import run_demo

    summary = run_demo(world["project"], Console(file=open("/dev/null", "w")), regions=[region])  # noqa: SIM115
    assert summary.done
    send_outbox(world["project"])
    world["mailbox"].messages.clear()


@when(
    parsers.parse(
        'a late survey file with one more response arrives for "{region}" and the expert advances "{region2}"'
    )
)
def late_survey(world, region, region2):
    project = world["project"]
    lines = (PROJECT_ROOT / "demo" / "surveys" / f"{region}.csv").read_text(encoding="utf-8-sig").splitlines()
    late = lines[1].replace(f"{region}-001", f"{region}-LATE", 1)
    data = "\n".join([lines[0], late]).encode()
    receipt = submit_file(project, INPUT_KINDS, region, "survey_response", "late.csv", data, "contact:late@firma.hu")
    assert receipt.outcome == "accepted" and receipt.recorded == 1, receipt.problems
    advance_directly(project, region2)


@then(parsers.parse('the "{first}", "{second}" and "{third}" stages of "{region}" are "{status}"'))
def stages_are(world, first, second, third, region, status):
    for stage in (first, second, third):
        stage_is(world, stage, region, status)


@then(parsers.parse('the coordinator is told that later stages of "{region}" will be redone'))
def coordinator_told_outdated(world, region):
    send_outbox(world["project"])
    told = world["mailbox"].to("elena.markovic@observatory.example")
    assert len(told) == 1 and "Dél-Alföld" in told[0]["Subject"]


@when(parsers.parse('the expert approves each stage of "{region}" that waits for approval'))
def approves_each(world, region):
    from advisory.services.approvals import approve

    project = world["project"]
    for _round in range(10):
        last = advance_directly(project, region)[-1]
        if last.status != StageStatus.READY_FOR_APPROVAL:
            break
        approve(project, region, last.stage, "expert:ana.kovacic@observatory.example")


@then(parsers.parse('every stage of "{region}" is "{status}"'))
def every_stage(world, region, status):
    for stage in ("assessment", "survey", "benchmarking", "peer_review", "briefing"):
        stage_is(world, stage, region, status)


@then(parsers.parse('the "{first}" and "{second}" of "{region}" have a second version, each approved'))
def second_versions(world, first, second, region):
    with world["project"].unit_of_work() as uow:
        for document in (first, second):
            latest = uow.engagements.latest_document(region, document)
            assert latest.version == 2 and latest.approved_at is not None, (document, latest.version)
