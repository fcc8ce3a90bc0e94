"""Regions through the whole pipeline: stage functions called directly vs orchestrated by Prefect, and how it grows.

    PYTHONPATH=. python benchmarks/pipeline.py --regions 6 60 240 [--workers 2]

Uses the real stage table when it is on main, else the toy table of tests/integration/toy_stages.py.
Each region gets its inputs, then rounds of (advance every region, approve what is ready) until
every stage is completed. Prints a table: seconds, seconds per region, Prefect's share.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="bench-prefect-"))
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

from advisory.intake import approve, submit_file  # noqa: E402
from advisory.progress import run_stage  # noqa: E402
from advisory.project import Project  # noqa: E402
from advisory.settings import Settings  # noqa: E402
from advisory.stages import STAGES, StageStatus  # noqa: E402
from tests.integration import toy_stages  # noqa: E402
from tests.integration.many_regions import regions_dir_with  # noqa: E402


def fresh_project(workdir: Path, regions: int, database_url: str | None = None) -> Project:
    settings = Settings(
        data_dir=workdir / "var", output_dir=workdir / "output", regions_dir=regions_dir_with(workdir / "regions", regions),
        database_url=database_url or f"sqlite:///{workdir / 'var' / 'advisory.db'}",
        templates_dir=toy_stages.build_templates(workdir / "templates"),
    )
    project = Project(settings, stage_steps=toy_stages.STAGE_STEPS)
    for code in project.regions:
        lines = [f'{{"key": "{s.key}", "stage": "{s.key}", "text": "{code} & <ok>"}}' for s in STAGES]
        submit_file(project, toy_stages.INPUT_KINDS, code, "note", "n.jsonl", "\n".join(lines).encode(), "bench")
    return project


def direct(project: Project) -> dict[str, list]:
    """The same stage functions, same process, same data, without Prefect."""
    outcomes = {}
    for code in sorted(project.regions):
        outcomes[code] = []
        for each in STAGES:
            outcome = run_stage(project, code, each)
            outcomes[code].append(outcome)
            if outcome.status != StageStatus.COMPLETED:
                break
    return outcomes


def orchestrated(project: Project) -> dict[str, list]:
    from workflows.programme import run_programme
    from workflows.runtime import use_project

    use_project(project)
    return run_programme(project.settings)


def to_completion(project: Project, advance) -> float:
    started = time.perf_counter()
    for _ in range(len(STAGES) + 2):
        outcomes = advance(project)
        ready = [o[-1] for o in outcomes.values() if o[-1].status == StageStatus.READY_FOR_APPROVAL]
        if not ready:
            break
        for outcome in ready:
            approve(project, outcome.region, outcome.stage, "bench")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--regions", type=int, nargs="+", default=[6, 60])
    parser.add_argument("--workers", type=int, default=0, help="also run on a Prefect server with this many workers")
    args = parser.parse_args()
    print(f"{'regions':>8} {'mode':<22} {'seconds':>9} {'s/region':>9} {'vs direct':>10}")
    for count in args.regions:
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            base = to_completion(fresh_project(Path(a), count), direct)
            flows = to_completion(fresh_project(Path(b), count), orchestrated)
        row(count, "direct (no Prefect)", base, base)
        row(count, "embedded Prefect", flows, base)
        if args.workers:
            row(count, f"server, {args.workers} workers", on_server(count, args.workers), base)


def on_server(count: int, workers: int) -> float:
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from tests.integration.postgres_databases import postgres_user, scratch_database, sqlalchemy_url
    from tests.integration.server_stack import server_stack

    table = "tests.integration.toy_stages:STAGE_STEPS"
    with tempfile.TemporaryDirectory() as workdir, scratch_database("advisory_bench") as database:
        with server_stack(Path(workdir), workers=workers, stage_table=table) as env:
            project = fresh_project(Path(workdir), count, sqlalchemy_url(database, postgres_user()))
            os.environ.update(PREFECT_API_URL=env["PREFECT_API_URL"], ADVISORY_STAGE_TABLE=table)
            try:
                with temporary_settings({PREFECT_API_URL: env["PREFECT_API_URL"]}):
                    return to_completion(project, orchestrated)
            finally:
                del os.environ["PREFECT_API_URL"], os.environ["ADVISORY_STAGE_TABLE"]


def row(count: int, mode: str, seconds: float, base: float) -> None:
    print(f"{count:>8} {mode:<22} {seconds:>9.2f} {seconds / count:>9.3f} {seconds / base:>9.1f}x", flush=True)


if __name__ == "__main__":
    main()
