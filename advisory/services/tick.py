"""Time moves the work: one idempotent daily pass over every engagement, and the messages that day calls for.

`tick(project, advance)` re-opens stages a dead worker left `running`, advances every region (which
closes what deadlines close: a survey past its deadline with enough responses, a peer review past
its due date), then queues what is due today: reminders before survey and review deadlines to
those who have not answered, a notice to coordinators when a stage becomes overdue, a notice to
experts when a document awaits approval, the meeting invitation once a pack fixes the dates, and
on the digest weekday the coordinators' digest. Every message has a dedupe key naming its day or
version, so a second tick on the same day queues, and sends, nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from advisory.adapters.mail import Attachment
from advisory.domain import messages
from advisory.domain.calendar import meeting_invitation
from advisory.domain.stages import STAGES, StageStatus
from advisory.domain.text import Msg, _
from advisory.services import people, programme_report
from advisory.services.notifications import queue, send_outbox
from advisory.services.project import Project
from advisory.services.status import StageCell, status_matrix

STALE_RUNNING = dt.timedelta(hours=2)
Advance = Callable[[list[str]], Any]


class TickReport(BaseModel):
    day: dt.date
    reopened: list[str] = []
    queued: dict[str, int] = {}
    sent: int = 0
    programme_report: int | None = None  # the version written by this pass, if the approved documents changed


def tick(project: Project, advance: Advance, *, send: bool = True) -> TickReport:
    """One pass for `project.today()`; safe to run as often as wanted."""
    report = TickReport(day=project.today())
    report.reopened = reopen_stale_stages(project)
    advance(sorted(project.regions))
    programme = programme_report.refresh(project)  # approvals since the last pass change it
    report.programme_report = programme.version if programme and programme.written else None
    report.queued = queue_notices(project)
    if report.day.weekday() == project.settings.digest_weekday:
        report.queued["digest"] = _digest(project)
    if send:
        report.sent = send_outbox(project).sent
    return report


def queue_notices(project: Project, regions: list[str] | None = None) -> dict[str, int]:
    """Queue what today calls for, region by region (reminders, overdue and approval notices, invitations to
    the meeting); each message once. How many of each kind were queued."""
    queued: dict[str, int] = {}
    for row in status_matrix(project):
        if regions is not None and row.region not in regions:
            continue
        for cell in row.cells:
            for kind, count in _notices(project, row.region, cell).items():
                queued[kind] = queued.get(kind, 0) + count
    return queued


def reopen_stale_stages(project: Project) -> list[str]:
    """Stages `running` for longer than a stage can take were left by a worker that died: run them again."""
    limit = project.clock.now() - STALE_RUNNING
    reopened = []
    with project.unit_of_work() as uow:
        for region, state in uow.engagements.stage_states():
            if state.status == StageStatus.RUNNING and state.updated_at < limit:
                uow.engagements.set_stage(
                    region,
                    state.stage,
                    StageStatus.PENDING,
                    missing="re-run: the worker running it stopped",
                    actor="tick",
                )
                reopened.append(f"{region} {state.stage}")
        uow.commit()
    return reopened


def _notices(project: Project, region: str, cell: StageCell) -> dict[str, int]:
    today = project.today()
    queued: dict[str, int] = {}
    if cell.status == StageStatus.AWAITING_INPUT and cell.due is not None:
        days_left = (cell.due - today).days
        if 0 <= days_left <= project.settings.reminder_days:
            queued["reminder"] = _reminders(project, region, cell)
        if cell.overdue:
            queued["overdue"] = _overdue(project, region, cell)
    if cell.status == StageStatus.READY_FOR_APPROVAL:
        queued["approval_needed"] = _approval_needed(project, region, cell)
        if cell.overdue:
            queued["overdue"] = _overdue(project, region, cell)
    if cell.stage == "peer_review" and cell.status != StageStatus.PENDING:
        queued["meeting"] = _meeting(project, region)
    return {kind: count for kind, count in queued.items() if count}


def _link(project: Project, path: str) -> str:
    return project.settings.portal_url.rstrip("/") + path


def _reminders(project: Project, region: str, cell: StageCell) -> int:
    profile = project.region(region)
    with project.unit_of_work() as uow:
        if cell.stage == "survey":
            answered = " ".join(
                u.uploaded_by
                for u in uow.engagements.uploads(region, limit=10_000)
                if u.kind == "survey_response" and u.outcome == "accepted"
            )
            responses = len(uow.engagements.current_inputs(region, "survey_response"))
            recipients = [p for p in people.contacts(project, region) if p.email not in answered]
            body = messages.survey_reminder(
                profile.name,
                cell.due,
                responses,
                profile.survey.min_responses,
                _link(project, f"/regions/{region}/survey"),
            )
        else:
            reviewed = {row.key for row in uow.engagements.current_inputs(region, "peer_review")}
            recipients = [p for p in people.reviewers(project, region) if p.reviewer_id not in reviewed]
            body = messages.review_reminder(profile.name, cell.due, _link(project, f"/reviews/{region}"))
        count = sum(
            queue(
                uow,
                key=f"reminder:{cell.stage}:{region}:{cell.due}:{person.email}",
                kind="reminder",
                recipient=person,
                body=body,
                region=region,
                stage=cell.stage,
                due=cell.due,
            )
            for person in recipients
        )
        uow.commit()
    return count


def _stage_title(key: str) -> Msg:
    return next(each.title for each in STAGES if each.key == key)


def _overdue(project: Project, region: str, cell: StageCell) -> int:
    profile = project.region(region)
    body = messages.overdue_notice(
        profile.name, _stage_title(cell.stage), cell.due, cell.missing, _link(project, "/dashboard")
    )
    with project.unit_of_work() as uow:
        count = sum(
            queue(
                uow,
                key=f"overdue:{region}:{cell.stage}:{cell.due}:{person.email}",
                kind="overdue",
                recipient=person,
                body=body,
                region=region,
                stage=cell.stage,
                due=cell.due,
            )
            for person in people.staff(project, "coordinator")
        )
        uow.commit()
    return count


def _approval_needed(project: Project, region: str, cell: StageCell) -> int:
    final = project.stage_steps[cell.stage][-1].document
    with project.unit_of_work() as uow:
        latest = uow.engagements.latest_document(region, final)
        if latest is None:
            return 0
        due = cell.due or latest.created_at.date() + dt.timedelta(days=project.settings.approval_days)
        body = messages.approval_needed(
            project.region(region).name,
            _stage_title(cell.stage),
            latest.version,
            due,
            _link(project, f"/regions/{region}"),
        )
        count = sum(
            queue(
                uow,
                key=f"approval:{region}:{final}:v{latest.version}:{person.email}",
                kind="approval_needed",
                recipient=person,
                body=body,
                region=region,
                stage=cell.stage,
                due=due,
            )
            for person in people.staff(project, "expert")
        )
        uow.commit()
    return count


def _meeting(project: Project, region: str) -> int:
    with project.unit_of_work() as uow:
        pack = uow.engagements.latest_document(region, "peer_review_pack")
    if pack is None:
        return 0
    start = dt.date.fromisoformat(str(pack.result["meeting_start"])[:10])
    end = dt.date.fromisoformat(str(pack.result["meeting_end"])[:10])
    profile = project.region(region)
    attendees = people.reviewers(project, region) + people.contacts(project, region)
    calendar = meeting_invitation(
        uid=f"peer-review-{region}@cluster-observatory",
        summary=f"Peer review {profile.name}",
        description=f"Two-day peer review meeting of {profile.name} ({profile.country_name})",
        location=f"{profile.name}, {profile.country_name}",
        first_day=start,
        last_day=end,
        organiser=project.settings.mail_from.rsplit("<", 1)[-1].rstrip(">"),
        attendees=[(p.name or p.email, p.email) for p in attendees],
        stamp=project.clock.now(),
        sequence=pack.version - 1,
    )
    attachment = Attachment("peer-review.ics", "text/calendar; method=REQUEST", calendar)
    link = _link(project, f"/reviews/{region}" if attendees else f"/regions/{region}")
    with project.unit_of_work() as uow:
        count = sum(
            queue(
                uow,
                key=f"meeting:{region}:{start}:{end}:{person.email}",
                kind="meeting",
                recipient=person,
                body=messages.meeting_invitation(profile.name, start, end, link),
                region=region,
                stage="peer_review",
                attachments=[attachment],
            )
            for person in attendees
        )
        uow.commit()
    return count


def _digest(project: Project) -> int:
    lines: list[Msg] = []
    for row in status_matrix(project):
        for cell in row.cells:
            if cell.overdue:
                lines.append(
                    _(
                        "{region}: {stage} overdue since {date} ({missing})",
                        region=row.name,
                        stage=_stage_title(cell.stage),
                        date=cell.due,
                        missing=cell.missing,
                    )
                )
            elif cell.status in (StageStatus.AWAITING_INPUT, StageStatus.READY_FOR_APPROVAL):
                lines.append(
                    _(
                        "{region}: {stage} waiting ({missing})",
                        region=row.name,
                        stage=_stage_title(cell.stage),
                        missing=cell.missing,
                    )
                )
    if not lines:
        return 0
    today = project.today()
    body = messages.digest(lines, _link(project, "/dashboard"))
    with project.unit_of_work() as uow:
        count = sum(
            queue(uow, key=f"digest:{today}:{person.email}", kind="digest", recipient=person, body=body)
            for person in people.staff(project, "coordinator")
        )
        uow.commit()
    return count
