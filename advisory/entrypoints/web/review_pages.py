"""Peer reviewers' pages: their assigned engagements, the meeting pack, and the review form.

A review from the form is written as the same YAML file a reviewer could upload, and goes through
`submit_file`, so both channels share the peer review parser and its checks (e.g. the assignment).
"""

from __future__ import annotations

from typing import Any

import yaml
from fastapi import APIRouter, BackgroundTasks, HTTPException, Request
from fastapi.responses import HTMLResponse

from advisory.domain.access import Role, may_review
from advisory.domain.text import _
from advisory.entrypoints.web.deps import Portal, Posted, SignedIn, ThePortal, Visitor, region_of
from advisory.entrypoints.web.once import FORM_KEY, fingerprint, handled_once
from advisory.entrypoints.web.pages import page
from advisory.entrypoints.web.region_pages import receipt_page, sent_file
from advisory.services.submissions import Receipt
from advisory.stages.peer_review.models import DIMENSIONS, THEMES

router = APIRouter()
REVIEW_KIND = "peer_review"


def review_dimensions() -> tuple[dict[str, str], dict[str, str]]:
    """The scored dimensions and recommendation themes of the peer review."""
    return DIMENSIONS, THEMES


def review_yaml(reviewer_id: str, region: str, form: dict[str, str], dimensions: dict[str, str]) -> bytes:
    """The posted review form as the YAML review file a reviewer would upload."""

    def lines(name: str) -> list[str]:
        return [line.strip() for line in form.get(name, "").splitlines() if line.strip()]

    scores = {code: _score(form.get(f"score_{code}", "")) for code in dimensions}
    recommendations = [
        {"theme": form.get(f"theme_{n}", "other"), "text": form.get(f"recommendation_{n}", "").strip()}
        for n in range(1, 4)
        if form.get(f"recommendation_{n}", "").strip()
    ]
    review: dict[str, Any] = {
        "reviewer_id": reviewer_id,
        "region": region,
        "scores": scores,
        "strengths": lines("strengths"),
        "weaknesses": lines("weaknesses"),
        "recommendations": recommendations,
        "comments": form.get("comments", ""),
    }
    return yaml.safe_dump(review, allow_unicode=True, sort_keys=False).encode("utf-8")


def _score(text: str) -> int | str | None:
    """A score as sent: a whole number, else the text itself for the review's checks to refuse by name."""
    text = text.strip()
    if not text:
        return None
    return int(text) if text.isascii() and text.isdigit() and len(text) < 4 else text


def reviewer_of(person: Visitor, the_portal: Portal, code: str) -> str:
    code = region_of(person, the_portal, code)
    if not may_review(person.grant, code, person.assigned):
        raise HTTPException(status_code=403, detail=_("You are not assigned to review this engagement."))
    return code


@router.get("/reviews", response_class=HTMLResponse)
def my_reviews(request: Request, person: SignedIn, the_portal: ThePortal) -> HTMLResponse:
    if person.grant.role != Role.REVIEWER:
        raise HTTPException(status_code=403, detail=_("This page is for peer reviewers."))
    packs = {}
    with the_portal.project.unit_of_work() as uow:
        for code in sorted(r for r in person.assigned if person.sees(r)):
            packs[code] = uow.engagements.latest_document(code, "peer_review_pack")
    regions = the_portal.project.regions
    return page(request, "reviews.html", person=person, packs=packs, regions=regions)


@router.get("/regions/{code}/review", response_class=HTMLResponse)
def review_form(request: Request, code: str, person: SignedIn, the_portal: ThePortal) -> HTMLResponse:
    code = reviewer_of(person, the_portal, code)
    dimensions, themes = review_dimensions()
    return page(
        request,
        "review_form.html",
        person=person,
        region=the_portal.project.regions[code],
        dimensions=dimensions,
        themes=themes,
        form={},
    )


@router.post("/regions/{code}/review", response_class=HTMLResponse)
async def submit_review(request: Request, code: str, person: Posted, the_portal: ThePortal, tasks: BackgroundTasks):
    code = reviewer_of(person, the_portal, code)
    dimensions, themes = review_dimensions()
    form = {key: str(value) for key, value in (await request.form()).items()}
    reviewer_id = person.grant.reviewer_id or ""
    data = review_yaml(reviewer_id, code, form, dimensions)
    result = await handled_once(
        the_portal,
        person,
        form.get(FORM_KEY),
        f"review {code}",
        fingerprint([], data),
        lambda: sent_file(the_portal, person, code, REVIEW_KIND, f"review-{reviewer_id}.yaml", data, tasks),
    )
    receipt = Receipt.model_validate(result["receipt"]) if "receipt" in result else None
    if receipt is not None and not receipt.accepted:
        return page(
            request,
            "review_form.html",
            status_code=422,
            person=person,
            receipt=receipt,
            form=form,
            region=the_portal.project.regions[code],
            dimensions=dimensions,
            themes=themes,
        )
    return receipt_page(request, person, code, result)
