"""The embedded demo: plays the observatory's users over the example inputs in `demo/`.

Regional contacts submit survey files and self-assessments, experts record findings, close the
survey early, apply briefing edits and approve each stage, reviewers send reviews — all through
the same intake functions the CLI and the portal use; Prefect flows advance every region between
rounds, exactly as they would between the days and weeks of a real engagement.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console

from advisory.input_kinds import INPUT_KINDS
from advisory.intake import approve, close_stage, submit_file
from advisory.progress import StageOutcome
from advisory.project import Project
from advisory.settings import PROJECT_ROOT
from advisory.stages import StageStatus
from advisory.terminal import print_status

DEMO_DIR = PROJECT_ROOT / "demo"
EXPERT = "demo expert (observatory)"
MAX_ROUNDS = 16

# Which example files each region's people send, by the stage that waits for them.
DEMO_INPUTS = {
    "assessment": [("stress_test", "stress_tests/{code}.yaml"), ("expert_findings", "findings/{code}.yaml")],
    "survey": [("survey_response", "surveys/{code}.csv"), ("survey_response", "surveys/{code}.xlsx")],
    "peer_review": [("peer_review", "reviews/{code}/*.yaml")],
    "briefing": [("briefing_edits", "briefing_edits/{code}.yaml")],
}


def demo_files(stage: str, code: str) -> Iterator[tuple[str, Path]]:
    for kind, pattern in DEMO_INPUTS.get(stage, []):
        yield from ((kind, path) for path in sorted(DEMO_DIR.glob(pattern.format(code=code))))


def run_demo(
    project: Project, console: Console, regions: list[str] | None = None, *, orchestrated: bool = True
) -> bool:
    """Play every region (or the ones named) to the end; True when all of them completed stage 5.

    `orchestrated=False` calls the stage runs directly instead of through Prefect (benchmarks only).
    """
    from advisory.status import status_matrix

    started = time.perf_counter()
    sent: set[tuple[str, str]] = set()
    for round_number in range(1, MAX_ROUNDS + 1):
        console.rule(f"Round {round_number}: advancing {'every region' if regions is None else ', '.join(regions)}")
        outcomes = _advance(project, regions) if orchestrated else _advance_directly(project, regions)
        acted = False
        for _, region_outcomes in sorted(outcomes.items()):
            for outcome in region_outcomes:
                _print_outcome(console, outcome)
            acted |= _act(project, console, region_outcomes[-1], sent)
        if not acted:
            break
    rows = [row for row in status_matrix(project) if regions is None or row.region in regions]
    print_status(rows)
    done = all(row.cells[-1].status == StageStatus.COMPLETED for row in rows)
    elapsed = time.perf_counter() - started
    summary = "every region completed all five stages" if done else "some regions did not finish (see above)"
    console.print(f"[bold]{summary}[/] in {elapsed:.1f} s; documents under {project.settings.output_dir}")
    return done


def _advance(project: Project, regions: list[str] | None) -> dict[str, list[StageOutcome]]:
    from workflows.engagement import advance_engagement
    from workflows.programme import run_programme

    if regions is None:
        return run_programme(project.settings)
    return {code: advance_engagement(code, project.settings) for code in regions}


def _advance_directly(project: Project, regions: list[str] | None) -> dict[str, list[StageOutcome]]:
    from advisory.progress import advance_without_prefect

    return {code: advance_without_prefect(project, code) for code in regions or sorted(project.regions)}


def _print_outcome(console: Console, outcome: StageOutcome) -> None:
    if outcome.documents_written or outcome.status != StageStatus.COMPLETED:
        written = f" -> wrote {', '.join(outcome.documents_written)}" if outcome.documents_written else ""
        missing = f" ({outcome.missing})" if outcome.missing else ""
        console.print(f"  {outcome.region} {outcome.stage}: {outcome.status}{missing}{written}", highlight=False)


def _act(project: Project, console: Console, last: StageOutcome, sent: set[tuple[str, str]]) -> bool:
    """What the region's people do next; False when there is nothing left for them to do."""
    if last.status == StageStatus.AWAITING_INPUT:
        if _send(project, console, last, sent):
            return True
        if last.stage in {"survey", "peer_review"}:
            close_stage(project, last.region, last.stage, EXPERT)
            console.print(f"  {last.region} {last.stage}: closed early by the expert with the input received")
            return True
        return False
    if last.status == StageStatus.READY_FOR_APPROVAL:
        if _send(project, console, last, sent):
            return True
        approved = approve(project, last.region, last.stage, EXPERT)
        console.print(f"  {last.region} {last.stage}: approved {approved['document']} v{approved['version']}")
        return True
    if last.status == StageStatus.FAILED:
        console.print(f"  [bold red]{last.region} {last.stage} failed[/]: {last.missing}")
    return False


def _send(project: Project, console: Console, last: StageOutcome, sent: set[tuple[str, str]]) -> bool:
    sent_now = False
    for kind, path in demo_files(last.stage, last.region):
        if (kind, str(path)) in sent:
            continue
        sent.add((kind, str(path)))
        receipt = submit_file(project, INPUT_KINDS, last.region, kind, path.name, path.read_bytes(), _sender(kind, path))
        verdict = receipt.outcome if receipt.accepted else f"REJECTED: {'; '.join(map(str, receipt.problems))}"
        console.print(f"  {last.region} {last.stage}: {_sender(kind, path)} sent {path.name}: {verdict}", highlight=False)
        sent_now = sent_now or receipt.outcome == "accepted"
    return sent_now


def _sender(kind: str, path: Path) -> str:
    return {
        "survey_response": "regional contact",
        "stress_test": "regional policy maker",
        "peer_review": f"reviewer {path.stem}",
    }.get(kind, EXPERT)
