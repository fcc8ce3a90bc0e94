"""What the expert sends for the briefing: edits to the generated recommendations (YAML)."""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from advisory.adapters.uploaded_files import load_uploaded_yaml, validation_problems
from advisory.domain.errors import Problem, UploadRejected
from advisory.domain.regions import RegionProfile
from advisory.domain.stages import StageContext
from advisory.stages.briefing.models import BriefingEdits


def briefing_edits(data: bytes, filename: str, region: RegionProfile, ctx: StageContext) -> list[tuple[str, BaseModel]]:
    """Input kind `briefing_edits`: the expert sends the whole set each time; the newest replaces the previous one."""
    return [("edits", parse_briefing_edits(data, filename, region))]


def parse_briefing_edits(data: bytes, filename: str, region: RegionProfile) -> BriefingEdits:
    """`by:` plus `edits:` (recommendation_id, title?, text?, drop?); raises UploadRejected listing every problem."""
    raw = load_uploaded_yaml(data, filename)
    if not isinstance(raw, dict):
        raise UploadRejected([Problem(file=filename, reason="expected a YAML mapping with 'by' and 'edits'")])
    named = str(raw.pop("region", region.code))
    problems = (
        []
        if named.upper() == region.code
        else [
            Problem(
                file=filename,
                field="region",
                value=named,
                reason=f"edits are for another region; this upload is for {region.code}",
            )
        ]
    )
    for index, edit in enumerate(raw.get("edits") or [], start=1):
        if isinstance(edit, dict) and not edit.get("drop") and not (edit.get("title") or edit.get("text")):
            problems.append(
                Problem(
                    file=filename,
                    row=index,
                    field="edits",
                    value=str(edit.get("recommendation_id")),
                    reason="an edit needs a new title, a new text or drop: true",
                )
            )
    try:
        edits = BriefingEdits.model_validate(raw)
    except ValidationError as exc:
        problems += validation_problems(filename, exc)
    if problems:
        raise UploadRejected(problems)
    return edits
