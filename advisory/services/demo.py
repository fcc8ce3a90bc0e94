"""The embedded demo: plays the observatory's users over the example inputs in `demo/`.

The observatory e-mails each region's contacts their personal link; regional contacts submit survey
files and self-assessments, experts record findings, close the
survey early, apply briefing edits and approve each stage, reviewers send reviews — all through
the same intake functions the CLI and the portal use; Prefect flows advance every region between
rounds, exactly as they would between the days and weeks of a real engagement. After each round
people are told what the daily pass would tell them (approval notices, the meeting's calendar
invitation ...): over SMTP when one is configured, else as .eml files under the data directory.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from pydantic import BaseModel
from rich.console import Console

from advisory.domain.roles import Role
from advisory.domain.stages import StageStatus
from advisory.services import programme_report
from advisory.services.approvals import approve, close_stage
from advisory.services.engine import StageOutcome, advance_directly
from advisory.services.invitations import invite
from advisory.services.notifications import send_outbox
from advisory.services.project import Project
from advisory.services.status import RegionRow, status_matrix
from advisory.services.submissions import submit_file
from advisory.services.tick import queue_notices
from advisory.settings import PROJECT_ROOT
from advisory.stages.table import INPUT_KINDS

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


def demo_files(stage: str, code: str, inputs: Path = DEMO_DIR) -> Iterator[tuple[str, Path]]:
    for kind, pattern in DEMO_INPUTS.get(stage, []):
        yield from ((kind, path) for path in sorted(inputs.glob(pattern.format(code=code))))


Advance = Callable[[list[str]], dict[str, list[StageOutcome]]]


class DemoSummary(BaseModel):
    done: bool  # every region completed stage 5
    changed: bool  # a document was written or someone sent, closed or approved something
    rows: list[RegionRow]
    seconds: float


def run_demo(
    project: Project,
    console: Console,
    advance: Advance | None = None,
    regions: list[str] | None = None,
    inputs: Path = DEMO_DIR,
    calendar: bool = False,
) -> DemoSummary:
    """Play every region (or the ones named) to the end, printing each round's progress on `console`.

    `advance(regions)` moves the regions as far as they go (the CLI passes the Prefect flows);
    without it the stages run directly (benchmarks, tests). `inputs` is the folder of example
    files people send (`demo/`; benchmarks pass one with files for generated regions too).
    With `calendar`, the project's clock moves past each peer-review meeting before its reviewers
    write (reviews follow the meeting, and the report is dated after it); without, everything
    happens on the clock's one day.
    """
    regions = sorted(regions or project.regions)
    started = time.perf_counter()
    sent: set[tuple[str, str]] = set()
    changed = _invite_contacts(project, console, regions)
    for round_number in range(1, MAX_ROUNDS + 1):
        console.rule(f"Round {round_number}: advancing {', '.join(regions)}")
        outcomes = advance(regions) if advance else {code: advance_directly(project, code) for code in regions}
        acted = False
        for _, region_outcomes in sorted(outcomes.items()):
            for outcome in region_outcomes:
                _print_outcome(console, outcome)
                changed |= bool(outcome.documents_written)
        _tell_people(project, console, regions)  # before people act: an expert hears of a document to approve
        for _, region_outcomes in sorted(outcomes.items()):
            if calendar:
                _after_the_meeting(project, console, region_outcomes[-1])
            acted |= _act(project, console, region_outcomes[-1], sent, inputs)
        changed |= acted
        if not acted:
            break
    _tell_people(project, console, regions)  # the last approvals' notices
    rows = [row for row in status_matrix(project) if row.region in regions]
    done = all(row.cells[-1].status == StageStatus.COMPLETED for row in rows)
    if done and set(regions) == set(project.regions):
        changed |= _programme_report(project, console)
    return DemoSummary(done=done, changed=changed, rows=rows, seconds=time.perf_counter() - started)


def _programme_report(project: Project, console: Console) -> bool:
    """The programme report over every region's approved documents, approved by the expert when it is new."""
    version = programme_report.refresh(project)
    if version is None or not version.written:
        return False
    programme_report.approve(project, EXPERT)
    console.print(
        f"  programme report v{version.version} ({version.regions} regions), written and approved: {version.path}"
    )
    return True


def _after_the_meeting(project: Project, console: Console, last: StageOutcome) -> None:
    """Reviewers write after the region's meeting: a peer review waiting for reviews moves the clock to the day
    after the meeting (never back)."""
    if last.stage != "peer_review" or last.status != StageStatus.AWAITING_INPUT:
        return
    with project.unit_of_work() as uow:
        pack = uow.engagements.latest_document(last.region, "peer_review_pack")
        meeting_end = dt.date.fromisoformat(pack.result["meeting_end"]) if pack else None
    if meeting_end is not None and project.today() <= meeting_end:
        project.clock = project.clock.on(meeting_end + dt.timedelta(days=1))
        console.print(f"  {last.region} peer_review: the meeting took place; the calendar moves to {project.today()}")


def _invite_contacts(project: Project, console: Console, regions: list[str]) -> bool:
    """Each region's contacts get their personal link by e-mail, once (a second demo invites nobody)."""
    with project.unit_of_work() as uow:
        invited = {(row.region, row.email) for row in uow.tokens.listing()}
    count = 0
    for code in regions:
        for contact in project.region(code).contacts:
            if (code, contact.email) not in invited:
                invite(
                    project,
                    role=Role.CONTACT,
                    email=contact.email,
                    region=code,
                    by=EXPERT,
                    name=contact.name,
                    send=True,
                )
                count += 1
    if count:
        _tell_people(project, console, regions)
    return bool(count)


def _tell_people(project: Project, console: Console, regions: list[str]) -> None:
    """What the daily pass would tell people after this round (approval notices, meeting invitations ...), sent."""
    queue_notices(project, regions)
    report = send_outbox(project)
    if report.sent:
        where = project.settings.smtp_url or project.settings.outbox_dir
        console.print(f"  {report.sent} message(s) sent to people ({where})", highlight=False)


def _print_outcome(console: Console, outcome: StageOutcome) -> None:
    if outcome.documents_written or outcome.status != StageStatus.COMPLETED:
        written = f" -> wrote {', '.join(outcome.documents_written)}" if outcome.documents_written else ""
        missing = f" ({outcome.missing})" if outcome.missing else ""
        console.print(f"  {outcome.region} {outcome.stage}: {outcome.status}{missing}{written}", highlight=False)


def _act(project: Project, console: Console, last: StageOutcome, sent: set[tuple[str, str]], inputs: Path) -> bool:
    """What the region's people do next; False when there is nothing left for them to do."""
    if last.status == StageStatus.AWAITING_INPUT:
        if _send(project, console, last, sent, inputs):
            return True
        if last.stage in {"survey", "peer_review"}:
            close_stage(project, last.region, last.stage, EXPERT)
            console.print(f"  {last.region} {last.stage}: closed early by the expert with the input received")
            return True
        return False
    if last.status == StageStatus.READY_FOR_APPROVAL:
        if _send(project, console, last, sent, inputs):
            return True
        approved = approve(project, last.region, last.stage, EXPERT)
        console.print(f"  {last.region} {last.stage}: approved {approved['document']} v{approved['version']}")
        return True
    if last.status == StageStatus.FAILED:
        console.print(f"  [bold red]{last.region} {last.stage} failed[/]: {last.missing}")
    return False


def _send(project: Project, console: Console, last: StageOutcome, sent: set[tuple[str, str]], inputs: Path) -> bool:
    sent_now = False
    for kind, path in demo_files(last.stage, last.region, inputs):
        if (kind, str(path)) in sent:
            continue
        sent.add((kind, str(path)))
        receipt = submit_file(
            project, INPUT_KINDS, last.region, kind, path.name, path.read_bytes(), _sender(kind, path)
        )
        verdict = receipt.outcome if receipt.accepted else f"REJECTED: {'; '.join(map(str, receipt.problems))}"
        console.print(
            f"  {last.region} {last.stage}: {_sender(kind, path)} sent {path.name}: {verdict}", highlight=False
        )
        sent_now = sent_now or receipt.outcome == "accepted"
    return sent_now


def _sender(kind: str, path: Path) -> str:
    return {
        "survey_response": "regional contact",
        "stress_test": "regional policy maker",
        "peer_review": f"reviewer {path.stem}",
    }.get(kind, EXPERT)
