"""The survey as a web form in the contact's language, saved as they go; a submission takes the upload path.

A submitted form becomes one CSV row and goes through `submit_file` like any uploaded file, so the
web form and the Excel template are validated by exactly the same parser and leave the same receipt.
"""

from __future__ import annotations

import csv
import functools
import io
from typing import Any

from fastapi import APIRouter, BackgroundTasks, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from advisory.domain.access import may_submit_survey
from advisory.domain.text import _
from advisory.entrypoints.web.deps import Portal, Posted, SignedIn, ThePortal, Visitor, region_of
from advisory.entrypoints.web.forms import keep_draft, saved_or_sent
from advisory.entrypoints.web.pages import page

router = APIRouter()
SURVEY_KIND = "survey_response"
Answers = dict[str, str | list[str]]


def answers_from_form(instrument: Any, form: list[tuple[str, str]]) -> Answers:
    """The answers in a posted form, by answer column; several ticked boxes make a list."""
    multiple = {q.code for q in instrument.questions if q.kind == "multiple"}
    wanted = set(instrument.answer_columns)
    answers: Answers = {}
    for name, value in form:
        if name not in wanted:
            continue
        if name in multiple:
            answers.setdefault(name, [])
            answers[name].append(value)  # type: ignore[union-attr]
        else:
            answers[name] = value.strip()
    return answers


def response_csv(instrument: Any, region: str, answers: Answers) -> bytes:
    """One response as the CSV the upload parser reads: region and version on the row, then every column."""
    columns = ["region", "instrument_version", *instrument.answer_columns]
    values = {"region": region, "instrument_version": instrument.version}
    for column in instrument.answer_columns:
        given = answers.get(column, "")
        values[column] = "|".join(given) if isinstance(given, list) else given
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerow([values[c] for c in columns])
    return buffer.getvalue().encode("utf-8")


def surveyor(person: Visitor, the_portal: Portal, code: str) -> str:
    code = region_of(person, the_portal, code)
    if not may_submit_survey(person.grant, code):
        raise HTTPException(status_code=403, detail=_("Only the region's contacts fill in its survey."))
    return code


def loaded_instrument(the_portal: Portal) -> Any:
    try:
        return the_portal.instrument()
    except OSError as missing:  # the instrument file cannot be read (moved, unreadable)
        raise HTTPException(
            status_code=503,
            detail=_("The web survey form is not available at the moment; please upload the Excel template instead."),
        ) from missing


def field_labels(instrument: Any) -> dict[str, str]:
    """Each answer column's question (a catalog key): errors name what the contact read, never a column code."""
    labels = {column: question.text for question in instrument.questions for column in question.columns}
    labels["respondent_id"] = instrument.labels.get("respondent_id", "respondent_id")
    return labels


def form_page(request: Request, the_portal: Portal, person: Visitor, code: str, answers: Answers, **extra: Any):
    instrument = loaded_instrument(the_portal)
    region = the_portal.project.regions[code]
    return page(
        request,
        "survey_form.html",
        person=person,
        region=region,
        instrument=instrument,
        field_labels=field_labels(instrument),
        answers=answers,
        **extra,
    )


@router.get("/regions/{code}/survey", response_class=HTMLResponse)
def survey_form(request: Request, code: str, person: SignedIn, the_portal: ThePortal, saved: int = 0):
    code = surveyor(person, the_portal, code)
    with the_portal.project.unit_of_work() as uow:
        answers = uow.drafts.draft(person.grant.token_id, code)
    return form_page(request, the_portal, person, code, answers, saved=bool(saved))


@router.post("/regions/{code}/survey/draft")
async def save_draft(request: Request, code: str, person: Posted, the_portal: ThePortal) -> Response:
    """Called by the page's script as the contact types; the same as pressing "Save draft"."""
    code = surveyor(person, the_portal, code)
    answers = answers_from_form(loaded_instrument(the_portal), (await request.form()).multi_items())
    await run_in_threadpool(keep_draft, the_portal, person, code, answers, "survey")
    return Response(status_code=204)


@router.post("/regions/{code}/survey", response_class=HTMLResponse)
async def submit_survey(request: Request, code: str, person: Posted, the_portal: ThePortal, tasks: BackgroundTasks):
    code = surveyor(person, the_portal, code)
    instrument = loaded_instrument(the_portal)
    posted = await request.form()
    answers = answers_from_form(instrument, posted.multi_items())
    reference = str(answers.get("respondent_id") or "response")[:64]
    return await saved_or_sent(
        request,
        the_portal,
        person,
        code,
        posted,
        tasks,
        kind=SURVEY_KIND,
        form="survey",
        answers=answers,
        filename=f"web-form-{reference}.csv",
        data=lambda: response_csv(instrument, code, answers),
        page=functools.partial(form_page, request, the_portal, person, code, answers),
    )
