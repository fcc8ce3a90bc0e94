"""What every web form that stands for a file does on submit: the answers become the file the upload parser
reads and go through `submit_file`, once per form post; a refused form keeps its answers as a draft, an
accepted one drops it. The survey, the stress test and the expert's findings use it alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import BackgroundTasks, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from advisory.entrypoints.web.deps import Portal, Visitor
from advisory.entrypoints.web.once import FORM_KEY, Result, fingerprint, handled_once
from advisory.entrypoints.web.region_pages import receipt_page, sent_file
from advisory.services.submissions import Receipt


def drop_draft(the_portal: Portal, person: Visitor, form: str) -> None:
    with the_portal.project.unit_of_work() as uow:
        uow.drafts.drop(person.grant.token_id, form)
        uow.commit()


def keep_draft(the_portal: Portal, person: Visitor, code: str, answers: dict[str, Any], form: str) -> None:
    with the_portal.project.unit_of_work() as uow:
        uow.drafts.save(person.grant.token_id, code, answers, form)
        uow.commit()


async def submitted(
    the_portal: Portal,
    person: Visitor,
    code: str,
    posted: Any,
    *,
    kind: str,
    form: str,
    filename: str,
    data: bytes,
    answers: dict[str, Any],
    tasks: BackgroundTasks,
) -> tuple[Result, Receipt | None]:
    """Send the form's file through the intake once per post (a repeat gets the first post's result)."""

    async def handle() -> Result:
        result = await sent_file(the_portal, person, code, kind, filename, data, tasks)
        if Receipt.model_validate(result["receipt"]).accepted:
            await run_in_threadpool(drop_draft, the_portal, person, form)
        else:  # what they typed stays, to correct and send again
            await run_in_threadpool(keep_draft, the_portal, person, code, answers, form)
        return result

    said = fingerprint(posted.multi_items())
    result = await handled_once(the_portal, person, str(posted.get(FORM_KEY, "")), f"{form} {code}", said, handle)
    return result, Receipt.model_validate(result["receipt"]) if "receipt" in result else None


async def saved_or_sent(
    request: Request,
    the_portal: Portal,
    person: Visitor,
    code: str,
    posted: Any,
    tasks: BackgroundTasks,
    *,
    kind: str,
    form: str,
    answers: dict[str, Any],
    filename: str,
    data: Callable[[], bytes],
    page: Callable[..., Response],
) -> Response:
    """A form's post: "save draft" keeps the answers and shows the form again; "submit" sends them once and shows
    the receipt, or the form with what to correct (the answers kept)."""
    if posted.get("action") != "submit":
        await run_in_threadpool(keep_draft, the_portal, person, code, answers, form)
        return RedirectResponse(f"{request.url.path}?saved=1", status_code=303)
    result, receipt = await submitted(
        the_portal,
        person,
        code,
        posted,
        kind=kind,
        form=form,
        filename=filename,
        data=data(),
        answers=answers,
        tasks=tasks,
    )
    if receipt is not None and not receipt.accepted:
        return page(receipt=receipt, status_code=422)
    return receipt_page(request, person, code, result)


def workbook_download(data: bytes, filename: str) -> Response:
    return Response(
        data,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
