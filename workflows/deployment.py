"""Server mode: `advance_engagement` deployed on a process work pool, and one flow run per region through it.

Any number of `prefect worker start --pool advisory` processes, on any number of machines that
see the same project database and document path, pick the flow runs up and share the load.
Run `python -m workflows.deployment` once (and after upgrades) to create the work pool and deployment.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterable
from pathlib import Path
from uuid import UUID

from advisory.progress import StageOutcome
from advisory.settings import PROJECT_ROOT, Settings
from advisory.stages import STAGES, StageStatus
from advisory.store.models import utcnow
from workflows.runtime import project_for

WORK_POOL = "advisory"
DEPLOYMENT_NAME = "advisory"
DEPLOYMENT = f"advance-engagement/{DEPLOYMENT_NAME}"


class DeploymentMissing(RuntimeError):
    """Server mode without the deployment: say how to create it rather than fail deep inside Prefect."""


def deploy(work_pool: str = WORK_POOL, project_root: Path = PROJECT_ROOT) -> UUID:
    """Create (or update) the process work pool and the `advance-engagement` deployment on it."""
    from prefect.types.entrypoint import EntrypointType

    from workflows.engagement import advance_engagement

    ensure_work_pool(work_pool)
    root = str(project_root.resolve())
    # Workers import the flow by module from the project checkout, with the environment they were started in.
    environment = {"PYTHONPATH": root, **_forwarded_environment()}
    deployment = advance_engagement.to_deployment(
        name=DEPLOYMENT_NAME,
        work_pool_name=work_pool,
        entrypoint_type=EntrypointType.MODULE_PATH,
        job_variables={"working_dir": root, "env": environment},
        enforce_parameter_schema=False,
        description="Advance one region's engagement as far as its inputs allow.",
    )
    return deployment.apply()


def ensure_work_pool(name: str) -> None:
    from prefect import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectAlreadyExists

    with get_client(sync_client=True) as client:
        try:
            client.create_work_pool(WorkPoolCreate(name=name, type="process"))
        except ObjectAlreadyExists:
            pass


def _forwarded_environment() -> dict[str, str]:
    # A try-out stage table must reach the flow-run processes too.
    return {k: v for k, v in os.environ.items() if k == "ADVISORY_STAGE_TABLE"}


def fan_out(
    settings: Settings, regions: Iterable[str], timeout: float = 3600, poll: float = 1.0
) -> dict[str, list[StageOutcome]]:
    """One flow run per region through the deployment; wait for all, then read the outcomes from the project DB."""
    from prefect.deployments import run_deployment
    from prefect.exceptions import ObjectNotFound

    started = utcnow()
    parameters = {"settings": settings.model_dump(mode="json")}
    try:
        runs = {
            code: run_deployment(DEPLOYMENT, parameters={"region": code, **parameters}, timeout=0, as_subflow=False)
            for code in regions
        }
    except ObjectNotFound as exc:
        raise DeploymentMissing(
            f"no deployment {DEPLOYMENT} on the Prefect server; run `python -m workflows.deployment` first"
        ) from exc
    states = wait_for(runs, timeout, poll)
    return {code: outcomes_since(settings, code, started, states[code]) for code in runs}


def wait_for(runs: dict, timeout: float, poll: float) -> dict[str, object]:
    """The final state of every flow run (or its last state when the timeout comes first)."""
    from prefect import get_client

    deadline = time.monotonic() + timeout
    states: dict[str, object] = {}
    with get_client(sync_client=True) as client:
        pending = dict(runs)
        while pending and time.monotonic() < deadline:
            for code, run in list(pending.items()):
                state = client.read_flow_run(run.id).state
                states[code] = state
                if state is not None and state.is_final():
                    del pending[code]
            if pending:
                time.sleep(poll)
    return states


def outcomes_since(settings: Settings, code: str, started: dt.datetime, state: object) -> list[StageOutcome]:
    """Stage outcomes as `advance_engagement` returns them, rebuilt from the project database."""
    project = project_for(settings)
    outcomes: list[StageOutcome] = []
    with project.unit_of_work() as uow:
        written = {(d.stage, d.document) for _, d in uow.engagements.documents(code) if d.created_at >= started}
        for each in STAGES:
            row = uow.engagements.stage_state(code, each.key)
            documents = [doc for stage, doc in sorted(written) if stage == each.key]
            outcomes.append(
                StageOutcome(region=code, stage=each.key, status=row.status, missing=row.missing, documents_written=documents)
            )
            if row.status != StageStatus.COMPLETED:
                break
    return _with_crash(outcomes, state)


def _with_crash(outcomes: list[StageOutcome], state: object) -> list[StageOutcome]:
    """A flow run that crashed (worker killed, timeout) leaves its stage 'running': report it as failed."""
    last = outcomes[-1]
    finished_well = state is not None and getattr(state, "is_completed", lambda: False)()
    if not finished_well and last.status in {StageStatus.RUNNING, StageStatus.PENDING}:
        name = getattr(state, "name", "not started")
        message = getattr(state, "message", "") or ""
        last = last.model_copy(
            update={"status": StageStatus.FAILED, "missing": f"flow run {name}: {message}".strip(": ")}
        )
        outcomes[-1] = last
    return outcomes


def main() -> None:
    from workflows.runtime import configure_prefect

    configure_prefect(Settings())
    deployment_id = deploy()
    print(f"deployment {DEPLOYMENT} ({deployment_id}) on work pool {WORK_POOL!r}; start workers with:")
    print(f"  prefect worker start --pool {WORK_POOL} --type process")


if __name__ == "__main__":
    main()
