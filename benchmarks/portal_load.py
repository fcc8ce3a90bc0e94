"""Load check of the portal: 50 concurrent survey submissions on loopback, each stored exactly once.

Runs two live uvicorn servers on free loopback ports, each on its own temporary SQLite database:
the portal (sign-in cookie, CSRF check, survey form -> CSV -> `submit_file`, receipt page) and a bare
FastAPI endpoint that does the same `submit_file` insert without anything else. Prints p50/p95
latency of both and their ratio. Both use the real survey instrument and input kinds.

    PYTHONPATH=. /work/devvenv/bin/python benchmarks/portal_load.py [--surveys 50]
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn
from fastapi import FastAPI, Request

from advisory.access import Role, csrf_token
from advisory.input_kinds import INPUT_KINDS
from advisory.intake import submit_file
from advisory.project import Project
from advisory.settings import Settings
from advisory.web.app import create_app
from advisory.web.survey_form import response_csv
from surveys.instrument import default_instrument
from tests.portal_world import issue

REGIONS = ("ES61", "SK04", "SI03", "HU33", "DED2", "PL21")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(app: FastAPI) -> tuple[uvicorn.Server, str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def a_project(root: Path):
    settings = Settings(data_dir=root / "var", output_dir=root / "output",
                        database_url=f"sqlite:///{root / 'var' / 'advisory.db'}")
    project = Project(settings)
    with project.unit_of_work() as uow:
        # Engagements exist before their contacts send anything (created when the observatory starts them).
        for region in REGIONS:
            uow.engagements.engagement(region)
        uow.commit()
    return project


def answers(n: int) -> dict[str, str]:
    """A complete response: the required profile questions, two ratings and a free-text answer."""
    return {
        "respondent_id": f"firm-{n:03d}", "org_type": "firm", "size": "small", "sector": "C",
        "cluster_role": "member", "internationalisation": "regular", "market_importance": str(1 + n % 5),
        "market_satisfaction": str(1 + (n * 3) % 5), "main_obstacle": f"Antwort {n} & <ő>", "action": "submit",
    }


def bare_app(project) -> FastAPI:
    """The same insert with nothing around it: no session, no CSRF, no page."""
    app = FastAPI()
    instrument = default_instrument(project.settings.instruments_dir)

    @app.post("/bare/{region}")
    async def bare(region: str, request: Request) -> dict:
        form = dict((await request.form()).items())
        data = response_csv(instrument, region, form)
        receipt = await asyncio.to_thread(submit_file, project, INPUT_KINDS, region, "survey_response",
                                          "bare.csv", data, "load")
        return {"outcome": receipt.outcome}

    return app


async def timed(client: httpx.AsyncClient, url: str, data: dict) -> float:
    start = time.perf_counter()
    response = await client.post(url, data=data)
    elapsed = time.perf_counter() - start
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}: {response.text[:300]}")
    return elapsed


async def portal_round(base: str, project, count: int) -> list[float]:
    clients, jobs = [], []
    for n in range(count):
        region = REGIONS[n % len(REGIONS)]
        token = issue(project, Role.CONTACT, region, email=f"contact{n}@example.eu")
        client = httpx.AsyncClient(base_url=base, timeout=120)
        await client.get(f"/signin?token={token}")
        clients.append(client)
        jobs.append(timed(client, f"/regions/{region}/survey", {**answers(n), "csrf": csrf_token(token)}))
    try:
        return await asyncio.gather(*jobs)
    finally:
        await asyncio.gather(*(c.aclose() for c in clients))


async def bare_round(base: str, count: int) -> list[float]:
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        return await asyncio.gather(*(timed(client, f"/bare/{REGIONS[n % 6]}", answers(n)) for n in range(count)))


def stored_once(project, count: int) -> None:
    with project.unit_of_work() as uow:
        keys = [row.key for region in REGIONS for row in uow.engagements.current_inputs(region, "survey_response")]
    if sorted(keys) != sorted(f"firm-{n:03d}" for n in range(count)):
        raise SystemExit(f"expected {count} responses stored once each, found {len(keys)} ({len(set(keys))} distinct)")


def percentiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=20, method="inclusive")
    return statistics.median(samples) * 1000, cuts[18] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--surveys", type=int, default=50)
    count = parser.parse_args().surveys
    with tempfile.TemporaryDirectory(prefix="portal-load-") as tmp:
        portal_project, bare_project = a_project(Path(tmp) / "portal"), a_project(Path(tmp) / "bare")
        portal_server, portal_base = serve(create_app(portal_project, INPUT_KINDS, None))
        bare_server, bare_base = serve(bare_app(bare_project))
        portal_times = asyncio.run(portal_round(portal_base, portal_project, count))
        bare_times = asyncio.run(bare_round(bare_base, count))
        stored_once(portal_project, count)
        stored_once(bare_project, count)
        portal_server.should_exit = bare_server.should_exit = True
    (p50, p95), (b50, b95) = percentiles(portal_times), percentiles(bare_times)
    print(f"{count} concurrent survey submissions, all stored exactly once")
    print(f"portal: p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
    print(f"bare:   p50 {b50:7.1f} ms   p95 {b95:7.1f} ms")
    print(f"ratio portal/bare: p50 {p50 / b50:.2f}x   p95 {p95 / b95:.2f}x")


if __name__ == "__main__":
    main()
