"""`run_programme()`: advance every demonstrator region concurrently, one flow run each.

Embedded mode runs the regions' flow runs in threads of this process; server mode (PREFECT_API_URL
set) creates one flow run per region through the `advance-engagement` deployment, which workers on
any number of machines pick up.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from prefect import flow

from advisory.progress import StageOutcome
from advisory.settings import Settings
from workflows.engagement import advance_engagement
from workflows.runtime import project_for, server_mode, settings_from


@flow(name="run-programme", validate_parameters=False)
def run_programme(settings: Settings | None = None, max_parallel: int = 4) -> dict[str, list[StageOutcome]]:
    regions = sorted(project_for(settings).regions)
    if server_mode():
        from workflows.deployment import fan_out

        return fan_out(settings_from(settings), regions)
    with ThreadPoolExecutor(max_workers=max_parallel) as pool:
        outcomes = pool.map(lambda code: advance_engagement(code, settings), regions)
        return dict(zip(regions, outcomes, strict=True))
