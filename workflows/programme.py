"""`run_programme()`: advance every demonstrator region concurrently, one flow run each."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from prefect import flow

from advisory.progress import StageOutcome
from advisory.settings import Settings
from workflows.engagement import advance_engagement
from workflows.runtime import project_for


@flow(name="run-programme", validate_parameters=False)
def run_programme(settings: Settings | None = None, max_parallel: int = 4) -> dict[str, list[StageOutcome]]:
    regions = sorted(project_for(settings).regions)
    with ThreadPoolExecutor(max_workers=max_parallel) as pool:
        outcomes = pool.map(lambda code: advance_engagement(code, settings), regions)
        return dict(zip(regions, outcomes, strict=True))
