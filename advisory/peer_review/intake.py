"""Review intake: a reviewer's YAML or Excel file becomes a `PeerReview`, or every problem with it.

Files come from outside, so: a size cap, `yaml.safe_load`, and for .xlsx a look inside the zip
before openpyxl opens it (entry count and unpacked size), so a zip bomb is refused unread.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from advisory.peer_review.pool import Reviewer
from advisory.peer_review.review import DIMENSIONS, THEMES, PeerReview
from advisory.problems import Problem, UploadRejected
from advisory.regions import RegionProfile
from advisory.uploaded_files import FileRefused, check_workbook_container, load_uploaded_yaml

MAX_BYTES = 2 * 1024 * 1024
SHEET = "Review"


def parse_review(data: bytes, filename: str, region: RegionProfile, assigned_reviewer_ids: set[str]) -> PeerReview:
    """The review in `data`, checked against the host `region` and the reviewers assigned to it."""
    if len(data) > MAX_BYTES:
        raise UploadRejected([Problem(file=filename, reason=f"file is larger than {MAX_BYTES // 1024} KiB")])
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
        raise UploadRejected([Problem(file=filename, reason="expected the review's fields (reviewer_id, region, scores …)")])
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
        raise UploadRejected([Problem(file=filename, reason=f"no sheet named {SHEET!r}", value=", ".join(book.sheetnames))])
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
        problems.append(Problem(file=filename, field="region", value=str(raw.get("region")),
                                reason=f"this review is for host region {region.code}"))
    if reviewer_id not in assigned:
        problems.append(Problem(file=filename, field="reviewer_id", value=reviewer_id,
                                reason=f"reviewer is not assigned to {region.code}; assigned: {', '.join(sorted(assigned)) or 'nobody yet'}"))
    try:
        review = PeerReview.model_validate(raw | {"region": str(raw.get("region", "")).upper()})
    except ValidationError as exc:
        problems += [
            Problem(file=filename, field=".".join(map(str, e["loc"])) or None, reason=e["msg"],
                    value=None if isinstance(e.get("input"), dict | list) else str(e.get("input")))
            for e in exc.errors()
        ]
        review = None
    if problems or review is None:
        raise UploadRejected(problems)
    return review


def review_template(region: RegionProfile, reviewer: Reviewer) -> str:
    """A blank review as commented YAML, pre-filled with who and whom."""
    scores = "\n".join(f"  {code}:    # {label}" for code, label in DIMENSIONS.items())
    return f"""# Peer review of {region.name} ({region.code}) by {reviewer.name}, {reviewer.organisation}
# Fill in every score (1 = weak, 5 = excellent; leave empty if you cannot judge),
# list strengths and weaknesses you saw, and at least one recommendation.
# Recommendation themes: {", ".join(THEMES)}
reviewer_id: {reviewer.id}
region: {region.code}
scores:
{scores}
strengths:
  - ""
weaknesses:
  - ""
recommendations:
  - theme: other
    text: ""
comments: ""
"""


def write_review_template(region: RegionProfile, reviewer: Reviewer, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(review_template(region, reviewer), encoding="utf-8")
    return path
