"""The peer-review meeting: the engine proposes its days, the expert can set others agreed with the region."""

from __future__ import annotations

import datetime as dt

import pytest

from advisory.domain.errors import ActionRefused
from advisory.services.approvals import set_meeting
from advisory.stages.peer_review.build import build_peer_review_pack
from advisory.stages.peer_review.gather import MEETING_KIND, gather_peer_review_pack
from tests.fakes import context_for
from tests.integration.test_peer_review_document import UPSTREAM


def pack(**recorded):
    ctx = context_for("ES61", results=UPSTREAM, today=dt.date(2026, 12, 1), recorded=recorded)
    return build_peer_review_pack(gather_peer_review_pack(ctx))


def test_the_expert_set_days_replace_the_proposed_ones_in_the_pack_and_its_agenda():
    proposed = pack()
    chosen = pack(**{MEETING_KIND: [{"start": "2027-03-02", "by": "A. Expert"}]})
    assert (chosen.meeting_start, chosen.meeting_end) == (dt.date(2027, 3, 2), dt.date(2027, 3, 3))
    assert proposed.meeting_start != chosen.meeting_start
    assert {session.date for session in chosen.agenda} == {dt.date(2027, 3, 2), dt.date(2027, 3, 3)}
    assert chosen.reviews_due > chosen.meeting_end


@pytest.mark.slow
def test_setting_the_days_is_checked_and_refused_once_the_review_is_done(played_project):
    today = played_project.today()
    monday = today + dt.timedelta(days=14 - today.weekday())
    with pytest.raises(ActionRefused, match="at least a week ahead"):
        set_meeting(played_project, "SI03", today + dt.timedelta(days=2), "A. Expert")
    with pytest.raises(ActionRefused, match="Monday to Thursday"):
        set_meeting(played_project, "SI03", monday + dt.timedelta(days=5), "A. Expert")
    with pytest.raises(ActionRefused, match="completed"):
        set_meeting(played_project, "SI03", monday, "A. Expert")
