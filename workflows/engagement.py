"""`advance_engagement(region)`: run every stage whose inputs are complete, in order, until one waits on people."""

from __future__ import annotations

from prefect import flow, task
from prefect.cache_policies import NONE

from advisory.progress import StageOutcome, run_stage
from advisory.settings import Settings
from advisory.stages import STAGES, StageStatus, stage
from workflows.runtime import project_for


@task(name="run-stage", cache_policy=NONE, task_run_name="{region}-{stage_key}")
def run_stage_task(region: str, stage_key: str, settings: Settings | None = None) -> StageOutcome:
    return run_stage(project_for(settings), region, stage(stage_key))


@flow(name="advance-engagement", flow_run_name="advance-{region}", validate_parameters=False)
def advance_engagement(region: str, settings: Settings | None = None) -> list[StageOutcome]:
    """Stages are tasks in one flow run; the run ends when a stage waits, fails or awaits approval."""
    code = project_for(settings).region(region).code
    outcomes: list[StageOutcome] = []
    for each in STAGES:
        outcome = run_stage_task(code, each.key, settings)
        outcomes.append(outcome)
        if outcome.status != StageStatus.COMPLETED:
            break
    return outcomes
