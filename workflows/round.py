"""The embedded mode's flow: one flow run per round of the programme, every region a task run inside it.

Regions run concurrently in the flow's task runner; each `advance-region` task runs its stages in
order as `run-stage` task runs (workflows/engagement.py). A flow run costs about a tenth of a second
once the heartbeat is off (workflows/runtime.py), a task run a few milliseconds.
"""

from __future__ import annotations

from prefect import flow
from prefect.task_runners import ThreadPoolTaskRunner

from advisory.services.engine import StageOutcome
from advisory.settings import Settings
from workflows.engagement import advance_region

REGIONS_AT_ONCE = 4  # threads: the stages' Python work shares one core, their I/O and chart drawing do not


@flow(name="run-programme", validate_parameters=False, task_runner=ThreadPoolTaskRunner(max_workers=REGIONS_AT_ONCE))
def programme_round(settings: Settings | None, regions: list[str]) -> dict[str, list[StageOutcome]]:
    futures = {code: advance_region.submit(code, settings) for code in regions}
    return {code: future.result() for code, future in futures.items()}
