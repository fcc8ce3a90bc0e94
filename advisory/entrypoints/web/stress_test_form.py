"""The policy self-assessment (stress test) as a web form in the reader's language, saved as they go, and as a
workbook to download; a submitted form takes the upload path (the same parser, the same receipt).

For the region's contacts (the regional policy-makers) and the observatory's experts. The form's fields
are the answers' own fields, so a problem the parser finds names the question the person read.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import yaml
from fastapi import APIRouter, BackgroundTasks, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from advisory.domain.access import uploadable_kinds
from advisory.domain.text import _
from advisory.entrypoints.web.deps import Portal, Posted, SignedIn, ThePortal, Visitor, region_of
from advisory.entrypoints.web.forms import keep_draft, saved_or_sent, workbook_download
from advisory.entrypoints.web.pages import page, reader_language
from advisory.stages.assessment.conditions import PRIORITY_LEVELS, SCALE_FIELDS, STRESS_TEST_FIELDS
from advisory.stages.assessment.workbook import FORM, self_assessment, write_stress_test_workbook

router = APIRouter()
KIND = "stress_test"
MAX_TEXT = 2000


def assessor(person: Visitor, the_portal: Portal, code: str) -> str:
    code = region_of(person, the_portal, code)
    if KIND not in uploadable_kinds(person.grant, code, person.assigned, the_portal.input_kinds):
        raise HTTPException(
            status_code=403, detail=_("Only the region's contacts and the experts fill in its stress test.")
        )
    return code


def answers_from_form(form: list[tuple[str, str]]) -> dict[str, str]:
    return {name: value.strip()[:MAX_TEXT] for name, value in form if name in STRESS_TEST_FIELDS}


def stress_test_yaml(code: str, answers: dict[str, str]) -> bytes:
    """The answers as the YAML self-assessment the parser reads: shaped as a returned workbook's are."""
    return yaml.safe_dump(self_assessment(code, answers), allow_unicode=True, sort_keys=False).encode("utf-8")


def form_page(request: Request, the_portal: Portal, person: Visitor, code: str, answers: dict[str, str], **extra):
    return page(
        request,
        "stress_test_form.html",
        person=person,
        region=the_portal.project.regions[code],
        fields=STRESS_TEST_FIELDS,
        scale_fields=SCALE_FIELDS,
        levels=PRIORITY_LEVELS,
        answers=answers,
        **extra,
    )


@router.get("/regions/{code}/stress-test", response_class=HTMLResponse)
def stress_test_form(request: Request, code: str, person: SignedIn, the_portal: ThePortal, saved: int = 0):
    code = assessor(person, the_portal, code)
    with the_portal.project.unit_of_work() as uow:
        answers = uow.drafts.draft(person.grant.token_id, code, FORM)
    return form_page(request, the_portal, person, code, answers, saved=bool(saved))


@router.get("/regions/{code}/stress-test.xlsx")
def stress_test_workbook(request: Request, code: str, person: SignedIn, the_portal: ThePortal) -> Response:
    """The workbook in the reader's language, pre-filled with their draft."""
    code = assessor(person, the_portal, code)
    with the_portal.project.unit_of_work() as uow:
        answers = uow.drafts.draft(person.grant.token_id, code, FORM)
    with tempfile.TemporaryDirectory() as folder:
        path = write_stress_test_workbook(
            the_portal.project.regions[code],
            Path(folder) / "stress-test.xlsx",
            reader_language(request, person),
            answers,
        )
        data = path.read_bytes()
    return workbook_download(data, f"stress-test-{code}.xlsx")


@router.post("/regions/{code}/stress-test/draft")
async def save_draft(request: Request, code: str, person: Posted, the_portal: ThePortal) -> Response:
    code = assessor(person, the_portal, code)
    answers = answers_from_form((await request.form()).multi_items())
    await run_in_threadpool(keep_draft, the_portal, person, code, answers, FORM)
    return Response(status_code=204)


@router.post("/regions/{code}/stress-test", response_class=HTMLResponse)
async def submit_stress_test(
    request: Request, code: str, person: Posted, the_portal: ThePortal, tasks: BackgroundTasks
) -> Response:
    code = assessor(person, the_portal, code)
    posted = await request.form()
    answers = answers_from_form(posted.multi_items())
    return await saved_or_sent(
        request,
        the_portal,
        person,
        code,
        posted,
        tasks,
        kind=KIND,
        form=FORM,
        answers=answers,
        filename="web-form-stress-test.yaml",
        data=lambda: stress_test_yaml(code, answers),
        page=functools.partial(form_page, request, the_portal, person, code, answers),
    )
