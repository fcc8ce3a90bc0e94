"""The daily pass as a scheduled Prefect deployment (server mode): `python -m workflows.daily`.

It serves the `daily-pass` flow on a cron schedule (`ADVISORY_TICK_CRON`, daily at 06:00 UTC by
default) from this long-running process; each run is `advisory tick`: deadlines close what they
close, every region is advanced (by the task workers), reminders and notices go out. The pass is
idempotent, so a run repeated by hand or after an outage sends nothing twice. Embedded mode needs
none of this: `advisory serve` runs the pass on its own timer, or cron runs `advisory tick`.
"""

from __future__ import annotations

from prefect import flow

from advisory.services.tick import TickReport, tick
from advisory.settings import Settings
from workflows.programme import run_programme
from workflows.runtime import configure_prefect, project_for, settings_from


@flow(name="daily-pass", validate_parameters=False)
def daily_pass(settings: Settings | None = None) -> TickReport:
    project = project_for(settings)
    return tick(project, lambda regions: run_programme(settings_from(settings), regions))


def main() -> None:
    settings = Settings()
    configure_prefect(settings)
    daily_pass.serve(
        name="daily-pass", cron=settings.tick_cron, parameters={"settings": settings.model_dump(mode="json")}
    )


if __name__ == "__main__":
    main()
