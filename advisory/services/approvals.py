"""What experts decide: approving a stage's latest document, and closing a waiting stage early.

Each decision checks the stage's status and records itself in one immediate, engagement-locked unit
of work, so two experts (or one double click) deciding at the same moment decide once: the second
finds the stage already decided and is told so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from advisory.domain.errors import ActionRefused
from advisory.domain.stages import StageStatus
from advisory.domain.stages import stage as stage_named
from advisory.services.project import Project
from advisory.stages.peer_review.gather import MEETING_KIND


class StageClosed(BaseModel):
    stage: str
    by: str
    at: str


def close_stage(project: Project, region_code: str, stage_key: str, by: str) -> None:
    """An expert closes a waiting stage early (the survey or the peer review)."""
    region = project.region(region_code)
    stage = stage_named(stage_key)
    if stage.key not in {"survey", "peer_review"}:
        raise ActionRefused(f"only the survey and the peer review wait on outside input; {stage.key} cannot be closed")
    with project.unit_of_work(immediate=True) as uow:
        uow.engagements.lock_engagement(region.code)
        status = uow.engagements.stage_state(region.code, stage.key).status
        if status != StageStatus.AWAITING_INPUT:
            raise ActionRefused(f"{region.code} {stage.key} is {status}, not awaiting input; nothing to close")
        earlier = [c for c in uow.engagements.current_inputs(region.code, "stage_closed") if c.key == stage.key]
        if earlier:
            when = earlier[0].payload.get("at", "")
            raise ActionRefused(f"{region.code} {stage.key} was closed already by {earlier[0].recorded_by} at {when}")
        closed = StageClosed(stage=stage.key, by=by, at=project.clock.now().isoformat(timespec="seconds"))
        payload = closed.model_dump(mode="json")
        row = uow.engagements.record_input(region.code, "stage_closed", stage.key, payload, recorded_by=by)
        uow.engagements.log(region.code, by, "input_recorded", kind="stage_closed", key=stage.key, changed=bool(row))
        uow.commit()


MEETING_NOTICE_DAYS = 7


def set_meeting(project: Project, region_code: str, start: dt.date, by: str) -> dt.date:
    """An expert sets the two meeting days of the region's peer review (agreed with the region); the pack is
    written again with them and the invitations follow. The first day must be a Monday to Thursday at least a
    week ahead, and the peer review not yet completed."""
    region = project.region(region_code)
    earliest = project.today() + dt.timedelta(days=MEETING_NOTICE_DAYS)
    if start < earliest:
        raise ActionRefused(f"the meeting must start at least a week ahead, on {earliest} or later (not {start})")
    if start.weekday() > 3:
        raise ActionRefused(f"a two-day meeting starts Monday to Thursday; {start} is a {start:%A}")
    with project.unit_of_work(immediate=True) as uow:
        uow.engagements.lock_engagement(region.code)
        status = uow.engagements.stage_state(region.code, "peer_review").status
        if status == StageStatus.COMPLETED:
            raise ActionRefused(f"the peer review of {region.code} is completed: its meeting has taken place")
        payload = {"start": start.isoformat(), "by": by}
        row = uow.engagements.record_input(region.code, MEETING_KIND, "meeting", payload, recorded_by=by)
        uow.engagements.log(region.code, by, "input_recorded", kind=MEETING_KIND, key="meeting", changed=bool(row))
        uow.commit()
    return start


def approve(project: Project, region_code: str, stage_key: str, by: str) -> dict[str, Any]:
    """An expert approves the stage's latest document; the stage is then completed."""
    region = project.region(region_code)
    stage = stage_named(stage_key)
    final = project.stage_steps[stage.key][-1].document
    with project.unit_of_work(immediate=True) as uow:
        uow.engagements.lock_engagement(region.code)
        status = uow.engagements.stage_state(region.code, stage.key).status
        latest = uow.engagements.latest_document(region.code, final)
        waiting = uow.engagements.unapproved_latest(region.code, stage.key)
        if status != StageStatus.READY_FOR_APPROVAL or latest is None or not waiting:
            raise ActionRefused(
                f"{region.code} {stage.key} is {status}; only a stage ready for approval can be approved"
            )
        for document in waiting:  # the pack and the report of a peer review are approved together
            document.approved_by, document.approved_at = by, project.clock.now()
            uow.engagements.log(
                region.code, by, "document_approved", document=document.document, version=document.version
            )
        uow.engagements.set_stage(region.code, stage.key, StageStatus.COMPLETED, actor=by)
        _tell_approved(project, uow, region.code, stage, latest.version)
        uow.commit()
        return {"document": final, "version": latest.version, "path": latest.path}


def _tell_approved(project: Project, uow, region: str, stage, version: int) -> None:
    """The region's contacts and the coordinators hear of an approval in the approval's own transaction."""
    from advisory.domain import messages
    from advisory.services import people
    from advisory.services.notifications import queue

    link = f"{project.settings.portal_url.rstrip('/')}/regions/{region}"
    body = messages.approved(project.region(region).name, stage.title, version, link)
    for person in [*people.contacts(project, region), *people.staff(project, "coordinator")]:
        queue(
            uow,
            key=f"approved:{region}:{stage.key}:v{version}:{person.email}",
            kind="approved",
            recipient=person,
            body=body,
            region=region,
            stage=stage.key,
        )
