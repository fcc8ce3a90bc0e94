"""A seventh region joins in minutes: its profile drafted from the NUTS names, completed, checked, and advanced."""

from __future__ import annotations

import shutil

import pytest
import yaml
from typer.testing import CliRunner

from advisory.domain.errors import ActionRefused, UnknownRegion
from advisory.entrypoints.cli import app
from advisory.services.engine import advance_directly
from advisory.services.project import Project
from advisory.services.regions import add_region, check_draft
from advisory.settings import PROJECT_ROOT


@pytest.fixture
def regions_dir(tmp_path):
    folder = tmp_path / "regions"
    shutil.copytree(PROJECT_ROOT / "regions", folder)
    return folder


def test_puglia_is_drafted_then_completed_and_its_engagement_starts(settings, regions_dir):
    project = Project(settings.model_copy(update={"regions_dir": regions_dir}))
    drafted = add_region(project, "itf4")
    assert not drafted.complete and drafted.missing == ["challenge", "focus_industries", "contacts"]
    draft = yaml.safe_load(drafted.path.read_text(encoding="utf-8"))
    assert (draft["name"], draft["country"], draft["language"]) == ("Puglia", "IT", "it")
    assert "ITF4" not in Project(project.settings).regions  # a draft is not a region yet
    draft.update(
        challenge="Scaling aerospace and agri-food SMEs through cross-cluster projects.",
        focus_industries=["aerospace", "agri-food"],
        contacts=[{"name": "Gianni Rossi", "email": "g@r.it"}],
    )
    drafted.path.write_text(yaml.safe_dump(draft, allow_unicode=True), encoding="utf-8")
    check_draft(project, "ITF4")
    joined = Project(project.settings)
    assert joined.region("ITF4").name == "Puglia"
    [outcome] = advance_directly(joined, "ITF4")
    assert outcome.stage == "assessment" and outcome.status == "awaiting_input"


def test_a_complete_profile_goes_straight_in_and_a_code_outside_nuts_or_a_region_already_in_is_refused(
    settings, regions_dir
):
    env = {
        "ADVISORY_DATA_DIR": str(settings.data_dir),
        "ADVISORY_REGIONS_DIR": str(regions_dir),
        "ADVISORY_DATABASE_URL": settings.database,
    }
    runner = CliRunner(env=env)
    added = runner.invoke(
        app,
        [
            "region",
            "add",
            "ITF4",
            "--challenge",
            "Scaling aerospace SMEs through clusters.",
            "--focus",
            "aerospace, agri-food",
            "--contact",
            "Gianni Rossi <g@r.it>",
        ],
    )
    assert added.exit_code == 0, added.output
    assert (regions_dir / "ITF4.yaml").exists() and "added" in added.output
    project = Project(settings.model_copy(update={"regions_dir": regions_dir}))
    with pytest.raises(UnknownRegion, match="not a NUTS-2 region"):
        add_region(project, "XX99")
    with pytest.raises(ActionRefused, match="already a demonstrator region"):
        add_region(project, "SI03")
    refused = runner.invoke(app, ["region", "add", "XX99"])
    assert refused.exit_code == 2 and "XX99" in refused.output
