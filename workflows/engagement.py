"""`advance_engagement(region)`: run every stage whose inputs are complete, in order, until one waits on people."""

from __future__ import annotations

import time

from prefect import flow, task
from prefect.cache_policies import NONE
from prefect.tasks import exponential_backoff
from sqlalchemy.exc import OperationalError

from advisory.progress import StageOutcome, run_stage
from advisory.settings import Settings
from advisory.stages import STAGES, StageStatus, stage
from workflows.runtime import project_for

DATABASE_RETRIES = 3  # waits of 1, 2 and 4 seconds


def database_dropped(task, task_run, state) -> bool:
    """Retry only when the project database could not be reached; other failures are the stage's own."""
    try:
        state.result()
    except OperationalError:
        return True
    except Exception:
        return False
    return False


@task(
    name="run-stage", cache_policy=NONE, task_run_name="{region}-{stage_key}",
    retries=DATABASE_RETRIES, retry_delay_seconds=exponential_backoff(backoff_factor=1), retry_condition_fn=database_dropped,
)
def run_stage_task(region: str, stage_key: str, settings: Settings | None = None) -> StageOutcome:
    return run_stage(project_for(settings), region, stage(stage_key))


@flow(name="advance-engagement", flow_run_name="advance-{region}", validate_parameters=False)
def advance_engagement(region: str, settings: Settings | None = None) -> list[StageOutcome]:
    """Stages are tasks in one flow run; the run ends when a stage waits, fails or awaits approval."""
    code = project_for(settings).region(region).code
    outcomes: list[StageOutcome] = []
    for each in STAGES:
        try:
            outcome = run_stage_task(code, each.key, settings)
        except OperationalError as exc:
            outcome = database_failure(settings, code, each.key, exc)
        outcomes.append(outcome)
        if outcome.status != StageStatus.COMPLETED:
            break
    return outcomes


def database_failure(settings: Settings | None, region: str, stage_key: str, exc: OperationalError) -> StageOutcome:
    """Record a stage failed by a database that stayed away, once it answers again (best effort, ~15 s)."""
    reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
    message = (
        f"the project database was unavailable after {DATABASE_RETRIES + 1} attempts ({reason}); "
        "run the region again once the database is back"
    )
    for pause in (1, 2, 4, 8):
        try:
            with project_for(settings).unit_of_work() as uow:
                uow.engagements.set_stage(region, stage_key, StageStatus.FAILED, missing=message)
                uow.engagements.log(region, "engine", "stage_failed", stage=stage_key, error=message)
                uow.commit()
            break
        except OperationalError:
            time.sleep(pause)
    return StageOutcome(region=region, stage=stage_key, status=StageStatus.FAILED, missing=message)
