"""`advisory peer-review assign` shows the assignment the engine recorded, and only proposes for the others."""

from __future__ import annotations

from typer.testing import CliRunner

from advisory.entrypoints.cli import app
from advisory.services.project import Project
from advisory.services.reviewers import reviewer_assignment
from tests.portal_world import play_until


def test_a_recorded_assignment_is_shown_as_recorded_and_the_others_are_proposed_around_it(settings):
    project = Project(settings)
    play_until(project, "ES61", "peer_review")
    with project.unit_of_work() as uow:
        pack = uow.engagements.latest_document("ES61", "peer_review_pack").result
    recorded = [a["reviewer_id"] for a in pack["assignments"]]
    rows = {row.region: row for row in reviewer_assignment(project)}
    assert rows["ES61"].recorded and [a.reviewer_id for a in rows["ES61"].reviewers] == recorded
    assert all(not row.recorded and len(row.reviewers) == 3 for code, row in rows.items() if code != "ES61")
    env = {
        "ADVISORY_DATA_DIR": str(settings.data_dir),
        "ADVISORY_DATABASE_URL": settings.database,
        "ADVISORY_OUTPUT_DIR": str(settings.output_dir),
    }
    shown = CliRunner(env=env).invoke(app, ["peer-review", "assign"], terminal_width=200)
    assert shown.exit_code == 0, shown.output
    es61 = [line for line in shown.output.splitlines() if "recorded" in line]
    assert es61 and "ES61" in es61[0]
