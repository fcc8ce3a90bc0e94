"""The expert's findings from stakeholder interviews as a web form (one finding at a time, saved as they go) and
as a workbook; a submitted finding takes the upload path, and one with the same reference replaces the earlier.
For the observatory's experts only."""

from __future__ import annotations

import functools
import re
import tempfile
from pathlib import Path

import yaml
from fastapi import APIRouter, BackgroundTasks, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from advisory.entrypoints.web.deps import Expert, ExpertVisitor, Portal, ThePortal, Visitor, region_of
from advisory.entrypoints.web.forms import keep_draft, saved_or_sent, workbook_download
from advisory.entrypoints.web.pages import page
from advisory.stages.assessment.workbook import (
    FINDING_FIELDS,
    FINDING_THEMES,
    FINDINGS_FORM,
    write_findings_workbook,
)

router = APIRouter()
MAX_TEXT = 5000


def answers_from_form(form: list[tuple[str, str]]) -> dict[str, str]:
    return {name: value.strip()[:MAX_TEXT] for name, value in form if name in FINDING_FIELDS}


def finding_yaml(answers: dict[str, str]) -> bytes:
    """One finding as the YAML the parser reads; a missing reference is made from the title."""
    finding = {field: answers.get(field, "") for field in FINDING_FIELDS}
    if not finding["id"] and finding["title"]:
        finding["id"] = re.sub(r"[^a-z0-9]+", "-", finding["title"].lower()).strip("-")[:40] or "finding"
    finding["interviewees"] = [line.strip() for line in finding["interviewees"].splitlines() if line.strip()]
    return yaml.safe_dump({"findings": [finding]}, allow_unicode=True, sort_keys=False).encode("utf-8")


def form_page(request: Request, the_portal: Portal, person: Visitor, code: str, answers: dict[str, str], **extra):
    with the_portal.project.unit_of_work() as uow:
        recorded = [row.payload for row in uow.engagements.current_inputs(code, "expert_findings")]
    return page(
        request,
        "findings_form.html",
        person=person,
        region=the_portal.project.regions[code],
        fields=FINDING_FIELDS,
        themes=FINDING_THEMES,
        answers=answers,
        recorded=recorded,
        **extra,
    )


@router.get("/regions/{code}/findings", response_class=HTMLResponse)
def findings_form(request: Request, code: str, person: ExpertVisitor, the_portal: ThePortal, saved: int = 0):
    code = region_of(person, the_portal, code)
    with the_portal.project.unit_of_work() as uow:
        answers = uow.drafts.draft(person.grant.token_id, code, FINDINGS_FORM)
    return form_page(request, the_portal, person, code, answers, saved=bool(saved))


@router.get("/regions/{code}/findings.xlsx")
def findings_workbook(code: str, person: ExpertVisitor, the_portal: ThePortal) -> Response:
    code = region_of(person, the_portal, code)
    with tempfile.TemporaryDirectory() as folder:
        data = write_findings_workbook(the_portal.project.regions[code], Path(folder) / "f.xlsx").read_bytes()
    return workbook_download(data, f"findings-{code}.xlsx")


@router.post("/regions/{code}/findings/draft")
async def save_draft(request: Request, code: str, person: Expert, the_portal: ThePortal) -> Response:
    code = region_of(person, the_portal, code)
    answers = answers_from_form((await request.form()).multi_items())
    await run_in_threadpool(keep_draft, the_portal, person, code, answers, FINDINGS_FORM)
    return Response(status_code=204)


@router.post("/regions/{code}/findings", response_class=HTMLResponse)
async def submit_finding(
    request: Request, code: str, person: Expert, the_portal: ThePortal, tasks: BackgroundTasks
) -> Response:
    code = region_of(person, the_portal, code)
    posted = await request.form()
    answers = answers_from_form(posted.multi_items())
    return await saved_or_sent(
        request,
        the_portal,
        person,
        code,
        posted,
        tasks,
        kind="expert_findings",
        form=FINDINGS_FORM,
        answers=answers,
        filename="web-form-finding.yaml",
        data=lambda: finding_yaml(answers),
        page=functools.partial(form_page, request, the_portal, person, code, answers),
    )
