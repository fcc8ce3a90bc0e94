"""The expert's edits to generated recommendations: YAML parser and how edits apply."""

from __future__ import annotations

from pydantic import ValidationError

from advisory.briefing.models import BriefingEdits, Recommendation
from advisory.problems import Problem, UploadRejected
from advisory.regions import RegionProfile
from advisory.stress_test import _load_yaml, _validation_problems


def parse_briefing_edits(data: bytes, filename: str, region: RegionProfile) -> BriefingEdits:
    """`by:` plus `edits:` (recommendation_id, title?, text?, drop?); raises UploadRejected listing every problem."""
    raw = _load_yaml(data, filename)
    if not isinstance(raw, dict):
        raise UploadRejected([Problem(file=filename, reason="expected a YAML mapping with 'by' and 'edits'")])
    named = str(raw.pop("region", region.code))
    problems = [] if named.upper() == region.code else [Problem(
        file=filename, field="region", value=named, reason=f"edits are for another region; this upload is for {region.code}")]
    for index, edit in enumerate(raw.get("edits") or [], start=1):
        if isinstance(edit, dict) and not edit.get("drop") and not (edit.get("title") or edit.get("text")):
            problems.append(Problem(file=filename, row=index, field="edits", value=str(edit.get("recommendation_id")),
                                    reason="an edit needs a new title, a new text or drop: true"))
    try:
        edits = BriefingEdits.model_validate(raw)
    except ValidationError as exc:
        problems += _validation_problems(filename, exc)
    if problems:
        raise UploadRejected(problems)
    return edits


def apply_edits(generated: list[Recommendation], all_edits: list[BriefingEdits]) -> tuple[
        list[Recommendation], list[Recommendation], list[str]]:
    """Kept and dropped recommendations, and edit ids that match no recommendation; later edits win."""
    by_id = {r.id: r for r in generated}
    dropped: dict[str, Recommendation] = {}
    unmatched: list[str] = []
    for batch in all_edits:
        for edit in batch.edits:
            target = by_id.get(edit.recommendation_id) or dropped.get(edit.recommendation_id)
            if target is None:
                unmatched.append(edit.recommendation_id)
                continue
            changed = target.model_copy(update={"title": edit.title or target.title, "text": edit.text or target.text,
                                                "edited": True, "edited_by": batch.by})
            by_id.pop(edit.recommendation_id, None)
            dropped.pop(edit.recommendation_id, None)
            (dropped if edit.drop else by_id)[edit.recommendation_id] = changed
    kept = [by_id[r.id] for r in generated if r.id in by_id]
    return kept, list(dropped.values()), unmatched
