"""Server mode: long-running task workers advance the regions; `hand_out` gives them the regions of a round.

    python -m workflows.worker [--limit 2] [--name NAME]

Start any number of workers, on any number of machines that see the same project database,
document folder and task storage (docs/server-mode.md). Each serves the `advance-region` task:
it keeps a websocket to the Prefect server's queue of scheduled task runs and runs each one in its
own process, so a region costs its work and a few API calls, not a new interpreter (a process
worker's flow run paid about seven seconds of imports before doing anything).

`hand_out(settings, regions)` is what `run_programme` does in server mode: one `advance-region`
task run per region, all at once; it waits for them to finish and reads each region's stage
outcomes from the project database (the workers' task results stay in their storage).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time
from pathlib import Path
from uuid import UUID

from advisory.domain.stages import Stage, StageStatus
from advisory.services.engine import StageOutcome, advance
from advisory.settings import Settings
from workflows.runtime import configure_prefect, project_for

ROUND_TIMEOUT = 3600.0
PAGE = 200  # task runs per API call, the server's largest page


def task_storage(settings: Settings) -> Path:
    """Where task parameters and results go: a folder every machine shares (`PREFECT_RESULTS_LOCAL_STORAGE_PATH`),
    by default beside the shared document folder."""
    configured = os.environ.get("PREFECT_RESULTS_LOCAL_STORAGE_PATH") or os.environ.get("PREFECT_LOCAL_STORAGE_PATH")
    output = settings.output_dir.resolve()
    return Path(configured) if configured else output.parent / f"{output.name}-prefect-tasks"


def hand_out(
    settings: Settings, regions: list[str], timeout: float = ROUND_TIMEOUT, poll: float = 0.25
) -> dict[str, list[StageOutcome]]:
    """One `advance-region` task run per region for the task workers; the outcomes once all have finished."""
    from prefect.settings import PREFECT_RESULTS_LOCAL_STORAGE_PATH, temporary_settings

    from workflows.engagement import advance_region

    started = settings.clock.now()
    # What the caller set travels; the rest (paths into the checkout) comes from each worker's own environment.
    parameters = settings.model_dump(mode="json", exclude_unset=True)
    with temporary_settings(updates={PREFECT_RESULTS_LOCAL_STORAGE_PATH: task_storage(settings)}):
        runs = {code: advance_region.delay(code, parameters).task_run_id for code in regions}
    states = wait_for(runs, timeout, poll)
    return {code: outcomes_since(settings, code, started, states.get(code)) for code in runs}


def wait_for(runs: dict[str, UUID], timeout: float, poll: float) -> dict[str, object]:
    """The final state of every task run (or its last state when the timeout comes first), one API call per poll."""
    from prefect import get_client
    from prefect.client.schemas.filters import TaskRunFilter, TaskRunFilterId
    from prefect.client.schemas.sorting import TaskRunSort

    region_of = {run: code for code, run in runs.items()}
    deadline = time.monotonic() + timeout
    states: dict[str, object] = {}
    pending = set(runs.values())
    with get_client(sync_client=True) as client:
        while pending and time.monotonic() < deadline:
            ids = sorted(pending)
            found = [
                run
                # Sort and limit spelled out: Prefect 3.8's sync client sends None for them, which the server refuses.
                for page in range(0, len(ids), PAGE)
                for run in client.read_task_runs(
                    task_run_filter=TaskRunFilter(id=TaskRunFilterId(any_=ids[page : page + PAGE])),
                    sort=TaskRunSort.ID_DESC,
                    limit=PAGE,
                )
            ]
            for run in found:
                states[region_of[run.id]] = run.state
                if run.state is not None and run.state.is_final():
                    pending.discard(run.id)
            if pending:
                time.sleep(poll)
    return states


def outcomes_since(settings: Settings, code: str, started: dt.datetime, state: object) -> list[StageOutcome]:
    """Stage outcomes as `advance_region` returns them, rebuilt from the project database."""
    project = project_for(settings)
    with project.unit_of_work() as uow:
        written = {(d.stage, d.document) for _, d in uow.engagements.documents(code) if d.created_at >= started}

        def recorded(region: str, each: Stage) -> StageOutcome:
            row = uow.engagements.stage_state(region, each.key)
            documents = [doc for stage, doc in sorted(written) if stage == each.key]
            return StageOutcome(
                region=region, stage=each.key, status=row.status, missing=row.missing, documents_written=documents
            )

        outcomes = advance(code, recorded)
    return _with_crash(outcomes, state)


def _with_crash(outcomes: list[StageOutcome], state: object) -> list[StageOutcome]:
    """A task run that crashed (worker killed, timeout) leaves its stage 'running': report it as failed."""
    last = outcomes[-1]
    finished_well = state is not None and getattr(state, "is_completed", lambda: False)()
    if not finished_well and last.status in {StageStatus.RUNNING, StageStatus.PENDING}:
        name = getattr(state, "name", "not started")
        message = getattr(state, "message", "") or ""
        last = last.model_copy(
            update={"status": StageStatus.FAILED, "missing": f"task run {name}: {message}".strip(": ")}
        )
        outcomes[-1] = last
    return outcomes


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the advance-region task to the Prefect server's queue.")
    parser.add_argument("--limit", type=int, default=2, help="regions this process advances at once")
    parser.add_argument("--name", default="", help="shown in the worker's log lines")
    args = parser.parse_args()
    settings = Settings()
    configure_prefect(settings)
    os.environ.setdefault("PREFECT_RESULTS_LOCAL_STORAGE_PATH", str(task_storage(settings)))

    from prefect.task_worker import serve

    from workflows.engagement import advance_region

    print(f"task worker {args.name or os.getpid()}: serving advance-region, {args.limit} at once", flush=True)
    serve(advance_region, limit=args.limit)


if __name__ == "__main__":
    main()
