"""How the expert's edits apply to the generated recommendations: later edits win, dropped ones are kept aside."""

from __future__ import annotations

from advisory.domain.text import Quote
from advisory.stages.briefing.models import BriefingEdits, Recommendation


def apply_edits(
    generated: list[Recommendation], all_edits: list[BriefingEdits]
) -> tuple[list[Recommendation], list[Recommendation], list[str]]:
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
            changed = target.model_copy(
                update={
                    "title": Quote(text=edit.title) if edit.title else target.title,
                    "text": Quote(text=edit.text) if edit.text else target.text,
                    "edited": True,
                    "edited_by": edit.by or batch.by,
                }
            )
            by_id.pop(edit.recommendation_id, None)
            dropped.pop(edit.recommendation_id, None)
            (dropped if edit.drop else by_id)[edit.recommendation_id] = changed
    kept = [by_id[r.id] for r in generated if r.id in by_id]
    return kept, list(dropped.values()), unmatched
