"""Dates a document derives from the calendar stay put when its stage is run again on a later day."""

from __future__ import annotations

import datetime as dt

from advisory.domain.stages import stage
from advisory.services.engine import run_stage
from advisory.services.project import Project
from tests.portal_world import play_until


def test_the_peer_review_pack_keeps_its_meeting_dates_when_rerun_weeks_later(settings):
    project = Project(settings)
    first = play_until(project, "ES61", "peer_review")
    assert first.documents_written == ["peer_review_pack"]
    later = Project(settings.model_copy(update={"today": settings.today + dt.timedelta(days=40)}))
    again = run_stage(later, "ES61", stage("peer_review"))
    assert again.documents_written == []
    with later.unit_of_work() as uow:
        pack = uow.engagements.latest_document("ES61", "peer_review_pack")
        assert pack.version == 1
        assert uow.engagements.stage_started_on("ES61", "peer_review") == settings.today
