"""A region's page: its stages' progress, receipts, documents, uploads and (for experts) the engagement actions.

What each role finds here follows the rules in domain/access.py (docs/portal-access.md): contacts and
reviewers see the region's approved documents (reviewers the meeting pack too) and their own receipts;
staff see every version and every file received. Every form that changes something is handled once
(once.py) and recorded under the signed-in person.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from advisory.domain.access import may_run_engagements, may_see_document, may_see_upload, uploadable_kinds
from advisory.domain.errors import AdvisoryError
from advisory.domain.stages import STAGES, StageStatus
from advisory.domain.text import _
from advisory.entrypoints.web.briefing_edits import BriefingChanged, briefing_draft, edits_from_form, record_edits
from advisory.entrypoints.web.deps import Expert, Portal, Posted, SignedIn, ThePortal, Visitor, region_of
from advisory.entrypoints.web.once import FORM_KEY, Result, fingerprint, handled_once
from advisory.entrypoints.web.pages import page
from advisory.services import programme_report
from advisory.services.approvals import approve, close_stage
from advisory.services.status import status_matrix
from advisory.services.submissions import Receipt, submit_file

logger = logging.getLogger(__name__)
router = APIRouter()
FormKey = Annotated[str, Form()]  # the form's idempotency key (once.py)


def trigger_advance(the_portal: Portal, region: str, tasks: BackgroundTasks) -> None:
    """Recording an input moves the engagement on, after the response, one run per region at a time."""
    if the_portal.advancing.claim(region):
        tasks.add_task(the_portal.advancing.run, region)


def refresh_programme_report(the_portal: Portal) -> None:
    """In the background after an approval: the programme report's new version, if what it reads changed."""
    try:
        programme_report.refresh(the_portal.project)
    except Exception:  # the approval stands; the daily tick writes the report if this failed
        logger.exception("refreshing the programme report failed")


def region_view(the_portal: Portal, person: Visitor, code: str) -> dict:
    project = the_portal.project
    row = next(r for r in status_matrix(project) if r.region == code)
    grant = person.grant
    with project.unit_of_work() as uow:
        documents = [
            d
            for _, d in uow.engagements.documents(code)
            if may_see_document(grant, code, d.document, d.approved_at is not None, person.assigned)
        ]
        uploads = uow.engagements.uploads(code, uploaded_by=None if grant.staff else grant.who)
    busy = the_portal.advancing.is_running(code) or any(c.status == StageStatus.RUNNING for c in row.cells)
    expert = may_run_engagements(grant)
    return {
        "region": project.regions[code],
        "row": row,
        "stages": {s.key: s for s in STAGES},
        "documents": documents,
        "uploads": uploads,
        "busy": busy,
        "refresh": 3 if busy else None,
        "kinds": uploadable_kinds(grant, code, person.assigned, the_portal.input_kinds),
        "expert": expert,
        "person": person,
        "briefing": briefing_draft(project, code) if expert else None,
        "limit_mb": project.settings.max_upload_bytes / 1024 / 1024,
    }


@router.get("/regions/{code}", response_class=HTMLResponse)
def region_page(request: Request, code: str, person: SignedIn, the_portal: ThePortal) -> HTMLResponse:
    code = region_of(person, the_portal, code)
    return page(request, "region.html", **region_view(the_portal, person, code))


def receipt_page(request: Request, person: Visitor, code: str, result: Result) -> HTMLResponse:
    """The receipt of a post that sent a file (the first post's, for a repeat of it)."""
    if "refused" in result:
        return not_now(request, person, result["refused"])
    receipt = Receipt.model_validate(result["receipt"])
    status = 200 if receipt.accepted else 422
    return page(request, "receipt.html", status_code=status, person=person, receipt=receipt, region_code=code)


async def sent_file(
    the_portal: Portal, person: Visitor, code: str, kind: str, filename: str, data: bytes, tasks: BackgroundTasks
) -> Result:
    """A file through the intake; the result is kept for repeats of the same post."""
    receipt = await run_in_threadpool(
        functools.partial(submit_file, daily_limits=True),
        the_portal.project,
        the_portal.input_kinds,
        code,
        kind,
        filename,
        data,
        person.grant.who,
    )
    if receipt.outcome == "accepted":
        trigger_advance(the_portal, code, tasks)
    return {"receipt": receipt.model_dump(mode="json")}


@router.post("/regions/{code}/uploads", response_class=HTMLResponse)
async def upload(
    request: Request,
    code: str,
    person: Posted,
    the_portal: ThePortal,
    tasks: BackgroundTasks,
    kind: Annotated[str, Form(max_length=64)],
    file: Annotated[UploadFile, File()],
    form_key: FormKey = "",
) -> HTMLResponse:
    code = region_of(person, the_portal, code)
    if kind not in uploadable_kinds(person.grant, code, person.assigned, the_portal.input_kinds):
        raise HTTPException(status_code=403, detail=_("You cannot send files of this kind for this region."))
    data = await file.read()
    filename = Path(file.filename or "upload").name
    said = fingerprint([("kind", kind), ("filename", filename)], data)
    result = await handled_once(
        the_portal,
        person,
        form_key,
        f"upload {code}",
        said,
        lambda: sent_file(the_portal, person, code, kind, filename, data, tasks),
    )
    return receipt_page(request, person, code, result)


@router.get("/regions/{code}/receipts/{upload_id}", response_class=HTMLResponse)
def stored_receipt(request: Request, code: str, upload_id: int, person: SignedIn, the_portal: ThePortal):
    code = region_of(person, the_portal, code)
    with the_portal.project.unit_of_work() as uow:
        found = uow.engagements.upload_of(code, upload_id)
    # A receipt of someone else's file is "not found": that it exists is not theirs to learn either.
    if found is None or not may_see_upload(person.grant, found.uploaded_by):
        raise HTTPException(status_code=404, detail=_("There is no such receipt for this region."))
    return page(request, "stored_upload.html", person=person, upload=found, region_code=code)


@router.get("/documents/{document_id}")
def download(document_id: int, person: SignedIn, the_portal: ThePortal) -> FileResponse:
    project = the_portal.project
    with project.unit_of_work() as uow:
        found = uow.engagements.document(document_id)
    # A document not theirs to read is "not found": its existence is not theirs to learn either.
    if found is None or not may_see_document(
        person.grant, found[0], found[1].document, found[1].approved_at is not None, person.assigned
    ):
        raise HTTPException(status_code=404, detail=_("There is no such document."))
    region, version = found
    path = Path(version.path).resolve()
    if not path.is_relative_to(project.settings.output_dir.resolve()) or not path.is_file():
        raise HTTPException(status_code=404, detail=_("The document file is no longer on the server."))
    name = f"{region}_{version.document}_v{version.version}.docx"
    media = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return FileResponse(path, media_type=media, filename=name)


def action_page(request: Request, person: Visitor, result: Result) -> Response:
    """Where an expert's action leads: back to the region's page, or why it was not possible."""
    if "refused" in result:
        return not_now(request, person, result["refused"])
    return RedirectResponse(result["redirect"], status_code=303)


@router.post("/regions/{code}/advance")
async def advance(
    request: Request, code: str, person: Expert, the_portal: ThePortal, tasks: BackgroundTasks, form_key: FormKey = ""
) -> Response:
    code = region_of(person, the_portal, code)

    async def handle() -> Result:
        await run_in_threadpool(log_advance, the_portal, code, person)
        trigger_advance(the_portal, code, tasks)
        return {"redirect": f"/regions/{code}"}

    result = await handled_once(the_portal, person, form_key, f"advance {code}", fingerprint([]), handle)
    return action_page(request, person, result)


def log_advance(the_portal: Portal, code: str, person: Visitor) -> None:
    with the_portal.project.unit_of_work() as uow:
        uow.engagements.log(code, person.grant.who, "advance_requested")
        uow.commit()


@router.post("/regions/{code}/stages/{stage}/{action}")
async def stage_action(
    request: Request,
    code: str,
    stage: str,
    action: str,
    person: Expert,
    the_portal: ThePortal,
    tasks: BackgroundTasks,
    form_key: FormKey = "",
) -> Response:
    code = region_of(person, the_portal, code)
    if action not in ("close", "approve"):
        raise HTTPException(status_code=404, detail=_("There is no such action."))

    async def handle() -> Result:
        decide = close_stage if action == "close" else approve
        try:
            await run_in_threadpool(decide, the_portal.project, code, stage, person.grant.who)
        except AdvisoryError as refused:
            return {"refused": str(refused).strip("'\"")}
        trigger_advance(the_portal, code, tasks)
        if action == "approve":  # the programme report reads approved documents: after the region has moved on
            tasks.add_task(refresh_programme_report, the_portal)
        return {"redirect": f"/regions/{code}"}

    said = fingerprint([("stage", stage), ("action", action)])
    result = await handled_once(the_portal, person, form_key, f"{action} {code} {stage}", said, handle)
    return action_page(request, person, result)


@router.post("/regions/{code}/briefing/edits", response_class=HTMLResponse)
async def briefing_edits(request: Request, code: str, person: Expert, the_portal: ThePortal, tasks: BackgroundTasks):
    """The edit form on the region page: recorded as a `briefing_edits` input under the signed-in expert's name."""
    code = region_of(person, the_portal, code)
    form = {key: str(value) for key, value in (await request.form()).items()}

    async def handle() -> Result:
        draft = await run_in_threadpool(briefing_draft, the_portal.project, code)
        if draft is None or not draft.awaiting_approval:
            return {"refused": "Only a briefing that is ready for approval can be edited."}
        try:
            edits = edits_from_form(draft.recommendations, form, person.grant.signature)
        except BriefingChanged as changed:
            return {"refused": f"Nothing was saved: {changed}. Reload the page and edit again."}
        except ValidationError:
            return {"refused": "Nothing was saved: the edits could not be read. Reload the page and edit again."}
        if edits is None:
            return {"refused": "No recommendation differs from what the page showed; nothing was saved."}
        if await run_in_threadpool(record_edits, the_portal.project, code, edits, person.grant.who):
            trigger_advance(the_portal, code, tasks)
        return {"redirect": f"/regions/{code}#briefing"}

    said = fingerprint(form.items())
    result = await handled_once(the_portal, person, form.get(FORM_KEY), f"edit briefing {code}", said, handle)
    return action_page(request, person, result)


def not_now(request: Request, person: Visitor, message: str) -> HTMLResponse:
    return page(request, "error.html", status_code=409, person=person, title="Not possible now", message=message)
