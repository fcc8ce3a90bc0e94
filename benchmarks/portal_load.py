"""Load check of the portal: 50 concurrent survey submissions (10 of them double clicks), each respondent stored once.

Runs two live uvicorn servers on free loopback ports, each on its own empty database (SQLite files by
default, PostgreSQL scratch databases with --postgres): the portal (sign-in through the link's page,
session cookie, CSRF check, idempotency key, survey form -> CSV -> `submit_file`, receipt page) and a
bare FastAPI endpoint that does the same `submit_file` insert without anything else. Every contact
opens the survey form first, as a browser does; a double click is the same form (same key) posted
twice at the same moment. Prints p50/p95 latency of both, their ratio, and checks that every
respondent is stored exactly once and that both posts of a double click got the same receipt.

    PYTHONPATH=. .venv/bin/python benchmarks/portal_load.py [--surveys 50] [--double-clicks 10] [--postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import re
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn
from fastapi import FastAPI, Request

from advisory.adapters.store.models import RecordedInput, Upload
from advisory.domain.access import Role, csrf_token
from advisory.entrypoints.web.app import create_app
from advisory.entrypoints.web.survey_form import response_csv
from advisory.services.project import Project
from advisory.services.submissions import submit_file
from advisory.settings import Settings
from advisory.stages.survey.instrument import default_instrument
from advisory.stages.table import INPUT_KINDS
from tests.portal_world import issue, nonce_of

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


def a_project(root: Path, database_url: str | None = None) -> Project:
    settings = Settings(
        data_dir=root / "var",
        output_dir=root / "output",
        database_url=database_url or f"sqlite:///{root / 'var' / 'advisory.db'}",
    )
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
        "respondent_id": f"firm-{n:03d}",
        "org_type": "firm",
        "size": "small",
        "sector": "C",
        "cluster_role": "member",
        "internationalisation": "regular",
        "market_importance": str(1 + n % 5),
        "market_satisfaction": str(1 + (n * 3) % 5),
        "main_obstacle": f"Antwort {n} & <ő>",
        "action": "submit",
    }


def bare_app(project: Project) -> FastAPI:
    """The same insert with nothing around it: no session, no CSRF, no idempotency key, no page."""
    app = FastAPI()
    instrument = default_instrument(project.settings.instruments_dir)

    @app.post("/bare/{region}")
    async def bare(region: str, request: Request) -> dict:
        form = dict((await request.form()).items())
        data = response_csv(instrument, region, form)
        receipt = await asyncio.to_thread(
            submit_file, project, INPUT_KINDS, region, "survey_response", "bare.csv", data, f"load:{region}"
        )
        return {"outcome": receipt.outcome}

    return app


async def timed(client: httpx.AsyncClient, url: str, data: dict) -> tuple[float, str]:
    start = time.perf_counter()
    response = await client.post(url, data=data)
    elapsed = time.perf_counter() - start
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}: {response.text[:300]}")
    found = re.search(r"<dt>Receipt number</dt><dd>(\d+)</dd>", response.text)
    return elapsed, found.group(1) if found else ""


async def signed_in(base: str, project: Project, n: int, region: str) -> tuple[httpx.AsyncClient, dict[str, str]]:
    """A contact's browser after following their link and opening the survey form: its session and the form."""
    token = issue(project, Role.CONTACT, region, email=f"contact{n}@example.eu")
    client = httpx.AsyncClient(base_url=base, timeout=120)
    opened = await client.get(f"/signin?token={token}")
    await client.post("/signin", data={"token": token, "nonce": nonce_of(opened.text)})
    form = (await client.get(f"/regions/{region}/survey")).text
    key = re.search(r'name="form_key" value="([^"]+)"', form).group(1)
    return client, {**answers(n), "csrf": csrf_token(client.cookies["advisory_session"]), "form_key": key}


async def portal_round(base: str, project: Project, count: int, doubled: int) -> tuple[list[float], list[bool]]:
    """`count` contacts send at once; the first `doubled` of them click twice. Latencies, and per double click
    whether both posts showed the same receipt."""
    browsers = await asyncio.gather(*(signed_in(base, project, n, REGIONS[n % 6]) for n in range(count)))
    jobs = []
    for n, (client, form) in enumerate(browsers):
        url = f"/regions/{REGIONS[n % 6]}/survey"
        jobs += [timed(client, url, form)] * (2 if n < doubled else 1)
    try:
        results = await asyncio.gather(*jobs)
    finally:
        await asyncio.gather(*(client.aclose() for client, _ in browsers))
    same = [results[2 * n][1] == results[2 * n + 1][1] != "" for n in range(doubled)]
    return [elapsed for elapsed, _ in results], same


async def bare_round(base: str, count: int) -> list[float]:
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        timings = await asyncio.gather(*(timed(client, f"/bare/{REGIONS[n % 6]}", answers(n)) for n in range(count)))
    return [elapsed for elapsed, _ in timings]


def stored_once(project: Project, count: int) -> tuple[int, int]:
    """Fails unless every respondent has exactly one current response; (current responses, files stored)."""
    with project.unit_of_work() as uow:
        keys = [row.key for row in uow.session.query(RecordedInput).filter_by(superseded_by=None)]
        files = uow.session.query(Upload).count()
    if sorted(keys) != sorted(f"firm-{n:03d}" for n in range(count)):
        raise SystemExit(f"expected {count} responses stored once each, found {len(keys)} ({len(set(keys))} distinct)")
    return len(keys), files


def percentiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=20, method="inclusive")
    return statistics.median(samples) * 1000, cuts[18] * 1000


@contextlib.contextmanager
def databases(postgres: bool):
    """Two empty databases (portal, bare): SQLite files, or PostgreSQL scratch databases on 127.0.0.1."""
    if not postgres:
        yield None, None
        return
    from tests.integration.postgres_databases import postgres_user, scratch_database, sqlalchemy_url

    user = postgres_user()
    with scratch_database("portal_load") as portal, scratch_database("portal_load_bare") as bare:
        yield sqlalchemy_url(portal, user), sqlalchemy_url(bare, user)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--surveys", type=int, default=50)
    parser.add_argument("--double-clicks", type=int, default=10)
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL on 127.0.0.1:5432 instead of SQLite")
    options = parser.parse_args()
    count, doubled = options.surveys, options.double_clicks
    with tempfile.TemporaryDirectory(prefix="portal-load-") as tmp, databases(options.postgres) as (pg, pg_bare):
        portal_project = a_project(Path(tmp) / "portal", pg)
        bare_project = a_project(Path(tmp) / "bare", pg_bare)
        portal_server, portal_base = serve(create_app(portal_project, INPUT_KINDS, None))
        bare_server, bare_base = serve(bare_app(bare_project))
        portal_times, same_receipt = asyncio.run(portal_round(portal_base, portal_project, count, doubled))
        bare_times = asyncio.run(bare_round(bare_base, count))
        responses, files = stored_once(portal_project, count)
        stored_once(bare_project, count)
        portal_server.should_exit = bare_server.should_exit = True
        time.sleep(0.5)
        portal_project.sessions.kw["bind"].dispose()
        bare_project.sessions.kw["bind"].dispose()
    if not all(same_receipt):
        raise SystemExit(f"double clicks answered with different receipts: {same_receipt}")
    (p50, p95), (b50, b95) = percentiles(portal_times), percentiles(bare_times)
    where = "PostgreSQL" if options.postgres else "SQLite"
    print(
        f"{count} concurrent survey submissions on {where}, {doubled} of them double clicks ({len(portal_times)} posts)"
    )
    print(f"stored: {responses} current responses from {files} files, every respondent exactly once;")
    print(f"        both posts of each double click showed the same receipt ({sum(same_receipt)} of {doubled})")
    print(f"portal: p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
    print(f"bare:   p50 {b50:7.1f} ms   p95 {b95:7.1f} ms")
    print(f"ratio portal/bare: p50 {p50 / b50:.2f}x   p95 {p95 / b95:.2f}x")


if __name__ == "__main__":
    main()
