"""What a reviewer sends: a YAML or Excel review becomes a `PeerReview`, or every problem with it.

Files come from outside, so YAML is read without aliases and an .xlsx is looked into (encryption,
entry count, unpacked size) before openpyxl opens it, so a zip bomb is refused unread
(adapters/uploaded_files.py).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from advisory.adapters.uploaded_files import check_workbook_container, load_uploaded_yaml, validation_problems
from advisory.domain.errors import FileRefused, Problem, UploadRejected
from advisory.domain.regions import RegionProfile
from advisory.domain.stages import StageContext
from advisory.stages.peer_review.gather import assigned_reviewer_ids
from advisory.stages.peer_review.models import PeerReview

SHEET = "Review"


def peer_review(data: bytes, filename: str, region: RegionProfile, ctx: StageContext) -> list[tuple[str, BaseModel]]:
    """Input kind `peer_review`: one current review per assigned reviewer."""
    review = parse_review(data, filename, region, assigned_reviewer_ids(ctx.result("peer_review_pack")))
    return [(review.reviewer_id, review)]


def parse_review(data: bytes, filename: str, region: RegionProfile, assigned_reviewer_ids: set[str]) -> PeerReview:
    """The review in `data`, checked against the host `region` and the reviewers assigned to it."""
    suffix = Path(filename).suffix.lower()
    if suffix in {".yaml", ".yml"}:
        raw = _read_yaml(data, filename)
    elif suffix == ".xlsx":
        raw = _read_xlsx(data, filename)
    else:
        raise UploadRejected([Problem(file=filename, reason="expected a .yaml, .yml or .xlsx file", value=suffix)])
    return _validate(raw, filename, region, assigned_reviewer_ids)


def _read_yaml(data: bytes, filename: str) -> dict[str, Any]:
    raw = load_uploaded_yaml(data, filename)
    if not isinstance(raw, dict):
        raise UploadRejected(
            [Problem(file=filename, reason="expected the review's fields (reviewer_id, region, scores …)")]
        )
    return raw


def _read_xlsx(data: bytes, filename: str) -> dict[str, Any]:
    """Rows of `field | value | theme` on the sheet 'Review' (see `write_review_template` for the fields)."""
    from openpyxl import load_workbook

    _refuse_zip_bomb(data, filename)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise UploadRejected([Problem(file=filename, reason=f"not a readable Excel workbook: {exc}")]) from None
    if SHEET not in book.sheetnames:
        raise UploadRejected(
            [Problem(file=filename, reason=f"no sheet named {SHEET!r}", value=", ".join(book.sheetnames))]
        )
    raw: dict[str, Any] = {"scores": {}, "strengths": [], "weaknesses": [], "recommendations": []}
    for row in book[SHEET].iter_rows(min_row=2, max_col=3, values_only=True):
        _xlsx_row(raw, *(list(row) + [None] * 3)[:3])
    return raw


def _xlsx_row(raw: dict[str, Any], field: Any, value: Any, theme: Any) -> None:
    field = str(field or "").strip()
    text = "" if value is None else str(value).strip()
    if field.startswith("score:"):
        raw["scores"][field[6:]] = int(value) if isinstance(value, int | float) else (text or None)
    elif field in {"strength", "weakness"} and text:
        raw[field + "s"].append(text)
    elif field == "recommendation" and text:
        raw["recommendations"].append({"theme": str(theme or "other").strip(), "text": text})
    elif field in {"reviewer_id", "region", "comments"}:
        raw[field] = text


WORKBOOK_REFUSALS = {
    "encrypted_workbook": "the workbook is password-protected; save it without a password",
    "corrupt_workbook": "not a readable Excel .xlsx file",
    "zip_bomb": "workbook unpacks to more than an Excel review can hold",
}


def _refuse_zip_bomb(data: bytes, filename: str) -> None:
    try:
        check_workbook_container(data)
    except FileRefused as refused:
        raise UploadRejected([Problem(file=filename, reason=WORKBOOK_REFUSALS[refused.code])]) from None


def _validate(raw: dict[str, Any], filename: str, region: RegionProfile, assigned: set[str]) -> PeerReview:
    problems: list[Problem] = []
    reviewer_id = str(raw.get("reviewer_id", ""))
    if str(raw.get("region", "")).upper() != region.code:
        problems.append(
            Problem(
                file=filename,
                field="region",
                value=str(raw.get("region")),
                reason=f"this review is for host region {region.code}",
            )
        )
    if reviewer_id not in assigned:
        problems.append(
            Problem(
                file=filename,
                field="reviewer_id",
                value=reviewer_id,
                reason=f"reviewer is not assigned to {region.code}; "
                f"assigned: {', '.join(sorted(assigned)) or 'nobody yet'}",
            )
        )
    try:
        review = PeerReview.model_validate(raw | {"region": str(raw.get("region", "")).upper()})
    except ValidationError as exc:
        problems += validation_problems(filename, exc)
        review = None
    if problems or review is None:
        raise UploadRejected(problems)
    return review
