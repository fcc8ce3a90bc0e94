"""Stages as Prefect tasks: a region advances stage by stage until one waits on people.

`advance_engagement(region)` is the one-region entry (`advisory run`, the portal after a
submission); like `run_programme` it starts no flow run when nothing the region's stages read
has changed.

`advance_region` is the unit of work both modes share: the embedded mode runs it for many
regions at once in one flow run (workflows/programme.py), server mode hands it to long-running
task workers (workflows/worker.py). Each stage inside it is a `run-stage` task run.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from prefect import task
from prefect.cache_policies import NONE
from sqlalchemy.exc import OperationalError

from advisory.domain.stages import Stage, StageStatus, stage
from advisory.services.engine import StageOutcome, advance, run_stage, settled_outcome
from advisory.settings import Settings
from workflows.programme import run_programme
from workflows.runtime import project_for, settings_from

SettingsArgument = Settings | Mapping[str, Any] | None


def database_dropped(task, task_run, state) -> bool:
    """Retry only when the project database could not be reached; other failures are the stage's own."""
    try:
        state.result()
    except OperationalError:
        return True
    except Exception:
        return False
    return False


@task(name="run-stage", cache_policy=NONE, task_run_name="{region}-{stage_key}", retry_condition_fn=database_dropped)
def run_stage_task(region: str, stage_key: str, settings: SettingsArgument = None) -> StageOutcome:
    return run_stage(project_for(settings), region, stage(stage_key))


@task(name="advance-region", cache_policy=NONE, task_run_name="advance-{region}")
def advance_region(region: str, settings: SettingsArgument = None) -> list[StageOutcome]:
    """Run the region's stages in order until one waits, fails or awaits approval; a stage with something to
    do is a task run, one whose inputs have not changed since it settled is passed over without one."""
    project = project_for(settings)
    delays = settings_from(settings).database_retry_delays
    # Stage runs whose database dropped are retried after each delay in turn (settings, so tests can wait less).
    run_with_retries = run_stage_task.with_options(retries=len(delays), retry_delay_seconds=list(delays))

    def settled(region_code: str, each: Stage) -> StageOutcome | None:
        try:
            return settled_outcome(project, region_code, each)
        except OperationalError:
            return None  # the database is away: the stage's task run retries until it is back

    def run(region_code: str, each: Stage) -> StageOutcome:
        try:
            return settled(region_code, each) or run_with_retries(region_code, each.key, settings)
        except OperationalError as exc:
            return database_failure(settings, region_code, each.key, exc)

    return advance(project.region(region).code, run)


def advance_engagement(region: str, settings: SettingsArgument = None) -> list[StageOutcome]:
    """Advance one region as far as its inputs allow (the CLI's `run`, the portal after a submission)."""
    code = project_for(settings).region(region).code
    return run_programme(settings_from(settings), [code])[code]


def database_failure(settings: SettingsArgument, region: str, stage_key: str, exc: OperationalError) -> StageOutcome:
    """Record a stage failed by a database that stayed away, once it answers again (best effort)."""
    delays = settings_from(settings).database_retry_delays
    reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
    message = (
        f"the project database was unavailable after {len(delays) + 1} attempts ({reason}); "
        "run the region again once the database is back"
    )
    for pause in (0, *delays, 2 * delays[-1] if delays else 1):
        time.sleep(pause)
        try:
            with project_for(settings).unit_of_work() as uow:
                uow.engagements.set_stage(region, stage_key, StageStatus.FAILED, missing=message)
                uow.engagements.log(region, "engine", "stage_failed", stage=stage_key, error=message)
                uow.commit()
            break
        except OperationalError:
            continue
    return StageOutcome(region=region, stage=stage_key, status=StageStatus.FAILED, missing=message)
