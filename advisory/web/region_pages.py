"""A region's page: its stages' progress, receipts, documents, uploads and (for experts) the engagement actions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from advisory.access import PortalRecords, may_run_engagements, uploadable_kinds
from advisory.intake import ActionRefused, approve, close_stage, submit_file
from advisory.stages import STAGES, StageStatus
from advisory.status import status_matrix
from advisory.web.briefing_edits import BriefingChanged, briefing_draft, edits_from_form, record_edits
from advisory.web.pages import page
from advisory.web.session import Portal, Posted, SignedIn, Visitor, portal, region_of

router = APIRouter()
ThePortal = Annotated[Portal, Depends(portal)]


def trigger_advance(the_portal: Portal, region: str, tasks: BackgroundTasks) -> None:
    """Recording an input moves the engagement on, after the response, one run per region at a time."""
    if the_portal.advancing.claim(region):
        tasks.add_task(the_portal.advancing.run, region)


def region_view(the_portal: Portal, person: Visitor, code: str) -> dict:
    project = the_portal.project
    row = next(r for r in status_matrix(project) if r.region == code)
    with project.unit_of_work() as uow:
        documents = [d for _, d in uow.engagements.documents(code)]
        uploads = PortalRecords(uow.session).uploads(code)
    busy = the_portal.advancing.is_running(code) or any(c.status == StageStatus.RUNNING for c in row.cells)
    expert = may_run_engagements(person.grant)
    return {
        "region": project.regions[code], "row": row, "stages": {s.key: s for s in STAGES},
        "documents": documents, "uploads": uploads, "busy": busy, "refresh": 3 if busy else None,
        "kinds": uploadable_kinds(person.grant, code, person.assigned, the_portal.input_kinds),
        "expert": expert, "person": person,
        "briefing": briefing_draft(project, code, person.grant.email) if expert else None,
        "limit_mb": project.settings.max_upload_bytes / 1024 / 1024,
    }


@router.get("/regions/{code}", response_class=HTMLResponse)
def region_page(request: Request, code: str, person: SignedIn, the_portal: ThePortal) -> HTMLResponse:
    code = region_of(person, the_portal, code)
    return page(request, "region.html", **region_view(the_portal, person, code))


@router.post("/regions/{code}/uploads", response_class=HTMLResponse)
async def upload(
    request: Request, code: str, person: Posted, the_portal: ThePortal, tasks: BackgroundTasks,
    kind: Annotated[str, Form()], file: Annotated[UploadFile, File()],
) -> HTMLResponse:
    code = region_of(person, the_portal, code)
    if kind not in uploadable_kinds(person.grant, code, person.assigned, the_portal.input_kinds):
        raise HTTPException(status_code=403, detail=f"You cannot send {kind} files for this region.")
    data = await file.read()
    filename = Path(file.filename or "upload").name
    receipt = await run_in_threadpool(
        submit_file, the_portal.project, the_portal.input_kinds, code, kind, filename, data, person.grant.who
    )
    if receipt.outcome == "accepted":
        trigger_advance(the_portal, code, tasks)
    status = 200 if receipt.accepted else 422
    return page(request, "receipt.html", status_code=status, person=person, receipt=receipt, region_code=code)


@router.get("/regions/{code}/receipts/{upload_id}", response_class=HTMLResponse)
def receipt_page(request: Request, code: str, upload_id: int, person: SignedIn, the_portal: ThePortal) -> HTMLResponse:
    code = region_of(person, the_portal, code)
    with the_portal.project.unit_of_work() as uow:
        found = PortalRecords(uow.session).upload(code, upload_id)
    if found is None:
        raise HTTPException(status_code=404, detail="There is no such receipt for this region.")
    return page(request, "stored_upload.html", person=person, upload=found, region_code=code)


@router.get("/documents/{document_id}")
def download(document_id: int, person: SignedIn, the_portal: ThePortal) -> FileResponse:
    project = the_portal.project
    with project.unit_of_work() as uow:
        found = uow.engagements.document(document_id)
    # Someone else's document is "not found": its existence is not theirs to learn either.
    if found is None or not person.sees(found[0]):
        raise HTTPException(status_code=404, detail="There is no such document.")
    region, version = found
    path = Path(version.path).resolve()
    if not path.is_relative_to(project.settings.output_dir.resolve()) or not path.is_file():
        raise HTTPException(status_code=404, detail="The document file is no longer on the server.")
    name = f"{region}_{version.document}_v{version.version}.docx"
    media = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return FileResponse(path, media_type=media, filename=name)


def expert(person: Posted) -> Visitor:
    if not may_run_engagements(person.grant):
        raise HTTPException(status_code=403, detail="Only observatory experts run engagements.")
    return person


Expert = Annotated[Visitor, Depends(expert)]


@router.post("/regions/{code}/advance")
def advance(code: str, person: Expert, the_portal: ThePortal, tasks: BackgroundTasks) -> RedirectResponse:
    code = region_of(person, the_portal, code)
    with the_portal.project.unit_of_work() as uow:
        uow.engagements.log(code, person.grant.who, "advance_requested")
        uow.commit()
    trigger_advance(the_portal, code, tasks)
    return RedirectResponse(f"/regions/{code}", status_code=303)


@router.post("/regions/{code}/stages/{stage}/{action}")
def stage_action(
    request: Request, code: str, stage: str, action: str, person: Expert, the_portal: ThePortal, tasks: BackgroundTasks
) -> HTMLResponse:
    code = region_of(person, the_portal, code)
    if action not in ("close", "approve"):
        raise HTTPException(status_code=404, detail="There is no such action.")
    try:
        if action == "close":
            close_stage(the_portal.project, code, stage, person.grant.who)
        else:
            approve(the_portal.project, code, stage, person.grant.who)
    except (ActionRefused, KeyError) as refused:
        return not_now(request, person, str(refused).strip("'\""))
    trigger_advance(the_portal, code, tasks)
    return RedirectResponse(f"/regions/{code}", status_code=303)


@router.post("/regions/{code}/briefing/edits", response_class=HTMLResponse)
async def briefing_edits(request: Request, code: str, person: Expert, the_portal: ThePortal, tasks: BackgroundTasks):
    """The edit form on the region page: recorded as a `briefing_edits` input, then a new briefing version is written."""
    code = region_of(person, the_portal, code)
    draft = await run_in_threadpool(briefing_draft, the_portal.project, code, person.grant.email)
    if draft is None or not draft.awaiting_approval:
        return not_now(request, person, "Only a briefing that is ready for approval can be edited.")
    form = {key: str(value) for key, value in (await request.form()).items()}
    try:
        edits = edits_from_form(draft.recommendations, form, form.get("by", ""))
    except BriefingChanged as changed:
        return not_now(request, person, f"Nothing was saved: {changed}. Reload the page and edit again.")
    except ValidationError:
        return not_now(request, person, "Nothing was saved: please give the editor's name (two letters at least).")
    if edits is None:
        return not_now(request, person, "No recommendation differs from the generated text; nothing was saved.")
    if await run_in_threadpool(record_edits, the_portal.project, code, edits, person.grant.who):
        trigger_advance(the_portal, code, tasks)
    return RedirectResponse(f"/regions/{code}#briefing", status_code=303)


def not_now(request: Request, person: Visitor, message: str) -> HTMLResponse:
    return page(request, "error.html", status_code=409, person=person, title="Not possible now", message=message)
