"""Many regions through the real stages: per-region cost directly, in embedded Prefect and on a Prefect server.

    PYTHONPATH=. python benchmarks/pipeline.py --regions 6 60 [--workers 2] [--modes direct embedded server]

Each count plays the demo (the real five stages, documents and all) for that many regions: the six
demonstrators plus profiles generated for real NUTS-2 codes (tests/integration/many_regions.py),
whose people send the demo's example inputs (a demonstrator's self-assessment, findings and
survey answers; reviews from the reviewers each pack names). The same play runs
- direct: the stages called in this process, one region after another (no Prefect);
- embedded: `run_programme` with Prefect's temporary server, one flow run per round;
- server: `run_programme` against a Prefect server on PostgreSQL with N task workers
  (`python -m workflows.worker`), the project database on PostgreSQL (needs the server on 127.0.0.1:5432).
Prints seconds, seconds per region and the ratio to direct; flat seconds per region is the goal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rich.console import Console  # noqa: E402

from advisory.services.demo import run_demo  # noqa: E402
from advisory.services.project import Project  # noqa: E402
from advisory.settings import Settings  # noqa: E402
from tests.integration.many_regions import world_with, write_reviews  # noqa: E402

TODAY = dt.date(2026, 11, 21)


def play(project: Project, inputs: Path, advance: Callable | None) -> float:
    """The demo for every region of the project; seconds until every stage of every region is completed."""

    def advance_and_review(regions: list[str]) -> dict:
        outcomes = advance(regions) if advance else _directly(project, regions)
        write_reviews(project, inputs)  # reviewers answer once the pack names them
        return outcomes

    started = time.perf_counter()
    summary = run_demo(project, Console(file=open(os.devnull, "w")), advance=advance_and_review, inputs=inputs)  # noqa: SIM115
    seconds = time.perf_counter() - started
    if not summary.done:
        stuck = [(r.region, [c.status for c in r.cells]) for r in summary.rows if r.cells[-1].status != "completed"]
        sys.exit(f"{len(stuck)} regions did not finish: {stuck[:5]}")
    return seconds


def _directly(project: Project, regions: list[str]) -> dict:
    from advisory.services.engine import advance_directly

    return {code: advance_directly(project, code) for code in regions}


def project_in(workdir: Path, count: int, database_url: str | None = None) -> tuple[Project, Path]:
    regions_dir, inputs = world_with(workdir, count)
    settings = Settings(
        data_dir=workdir / "var",
        output_dir=workdir / "output",
        regions_dir=regions_dir,
        database_url=database_url,
        today=TODAY,
    )
    return Project(settings), inputs


def direct(workdir: Path, count: int) -> float:
    project, inputs = project_in(workdir, count)
    return play(project, inputs, advance=None)


def embedded(workdir: Path, count: int) -> float:
    os.environ["PREFECT_HOME"] = str(workdir / "prefect")
    from workflows.programme import run_programme
    from workflows.runtime import configure_prefect, use_project

    project, inputs = project_in(workdir, count)
    configure_prefect(project.settings)
    use_project(project)
    return play(project, inputs, advance=lambda regions: run_programme(project.settings, regions))


def on_server(workdir: Path, count: int, workers: int) -> float:
    from prefect.settings import PREFECT_API_URL, PREFECT_RESULTS_LOCAL_STORAGE_PATH, temporary_settings

    from tests.integration.postgres_databases import postgres_user, scratch_database, sqlalchemy_url
    from tests.integration.server_stack import server_stack
    from workflows.programme import run_programme
    from workflows.runtime import use_project

    with scratch_database("advisory_bench") as database, server_stack(workdir, workers=workers) as env:
        project, inputs = project_in(workdir, count, sqlalchemy_url(database, postgres_user()))
        use_project(project)
        shared = {key: env[key] for key in ("PREFECT_API_URL", "PREFECT_RESULTS_LOCAL_STORAGE_PATH")}
        os.environ.update(shared)
        try:
            updates = {PREFECT_API_URL: shared["PREFECT_API_URL"]}
            updates[PREFECT_RESULTS_LOCAL_STORAGE_PATH] = shared["PREFECT_RESULTS_LOCAL_STORAGE_PATH"]
            with temporary_settings(updates):
                return play(project, inputs, advance=lambda regions: run_programme(project.settings, regions))
        finally:
            for key in shared:
                del os.environ[key]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--regions", type=int, nargs="+", default=[6, 60])
    parser.add_argument("--workers", type=int, default=2, help="task workers in server mode")
    parser.add_argument("--modes", nargs="+", default=["direct", "embedded", "server"])
    args = parser.parse_args()
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    print(f"{'regions':>8} {'mode':<24} {'seconds':>9} {'s/region':>9} {'vs direct':>10}", flush=True)
    for count in args.regions:
        base = None
        for mode in args.modes:
            with tempfile.TemporaryDirectory() as scratch:
                workdir = Path(scratch)
                if mode == "direct":
                    seconds = direct(workdir, count)
                elif mode == "embedded":
                    seconds = embedded(workdir, count)
                else:
                    seconds = on_server(workdir, count, args.workers)
            base = base or seconds
            label = f"server, {args.workers} task workers" if mode == "server" else mode
            print(f"{count:>8} {label:<24} {seconds:>9.1f} {seconds / count:>9.2f} {seconds / base:>9.2f}x", flush=True)


if __name__ == "__main__":
    main()
