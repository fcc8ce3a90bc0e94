"""`run_programme()`: advance the regions that have something to do, all of them in one flow run per round.

Regions where nothing any stage read has changed are answered from the project database without
starting Prefect at all. The others: in embedded mode one `run-programme` flow run advances them
concurrently in a task runner, each region an `advance-region` task with its stages as task runs
inside; in server mode (PREFECT_API_URL set) each region is handed to the task workers
(workflows/worker.py), which run it in their long-lived processes.
"""

from __future__ import annotations

from sqlalchemy.exc import OperationalError

from advisory.services.engine import StageOutcome, settled_outcomes
from advisory.settings import Settings
from workflows.runtime import embedded_prefect, project_for, server_mode, settings_from, start_temporary_server


def run_programme(settings: Settings | None = None, regions: list[str] | None = None) -> dict[str, list[StageOutcome]]:
    """Advance every region of the programme (or the ones named) as far as each goes; its outcomes by region."""
    project = project_for(settings)
    codes = sorted(project.region(code).code for code in regions or project.regions)
    outcomes = {code: _settled(project, code) for code in codes}
    busy = [code for code, settled in outcomes.items() if settled is None]
    if busy and server_mode():
        from workflows.worker import hand_out

        outcomes.update(hand_out(settings_from(settings), busy))
    elif busy:
        start_temporary_server()  # it boots while the flow's modules are imported (a no-op if already started)
        from workflows.round import programme_round  # Prefect is imported only when there is work

        with embedded_prefect():
            outcomes.update(programme_round(settings, busy))
    return outcomes


def warm_up(settings: Settings | None = None, regions: list[str] | None = None) -> None:
    """What a command that will orchestrate does first: if some region has something to do, launch embedded
    Prefect's temporary server, and load the stages' modules and Prefect's while it boots (three seconds
    that the first round would otherwise wait)."""
    project = project_for(settings)
    codes = sorted(project.region(code).code for code in regions or project.regions)
    if server_mode() or all(_settled(project, code) is not None for code in codes):
        return
    start_temporary_server()
    if project.stage_steps:  # the first round needs them: pandas, scipy, python-docx, matplotlib
        import workflows.round  # noqa: F401  (Prefect's flow and task engines)


def _settled(project, code: str) -> list[StageOutcome] | None:
    try:
        return settled_outcomes(project, code)
    except OperationalError:
        return None  # the database is away: the flow's stage retries wait for it
