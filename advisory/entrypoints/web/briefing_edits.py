"""The expert's edits to the briefing's recommendations as a form: what it shows, and what a posted form records.

The form posts every recommendation (kept and dropped) of the latest briefing; what differs from the
generated title or text, and what is dropped, becomes one `BriefingEdits` set recorded under the key
"edits" (the newest set replaces the previous one), exactly as an uploaded YAML would be. The edits
are signed with the signed-in expert's name: the form has no name field to fill in or leave as it
was, so the briefing never credits one person's edits to another. The region then advances, which
writes a new briefing version that waits for approval like the first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from advisory.domain.errors import ActionRefused
from advisory.domain.stages import StageStatus
from advisory.domain.text import stored_english
from advisory.services.project import Project
from advisory.services.submissions import record_input
from advisory.stages.briefing.models import BriefingEdits, RecommendationEdit

KIND, KEY, DOCUMENT, STAGE = "briefing_edits", "edits", "policy_briefing", "briefing"


class BriefingChanged(ActionRefused):
    """The posted form was made from another version of the briefing."""


class BriefingDraft(BaseModel):
    """The latest briefing as the edit form shows it: its version and every recommendation, dropped ones last."""

    document_id: int
    version: int
    awaiting_approval: bool
    recommendations: list[dict[str, Any]]


def briefing_draft(project: Project, code: str) -> BriefingDraft | None:
    with project.unit_of_work() as uow:
        latest = uow.engagements.latest_document(code, DOCUMENT)
        status = uow.engagements.stage_state(code, STAGE).status
    if latest is None or not latest.result:
        return None
    kept = [_shown(r, dropped=False) for r in latest.result.get("recommendations", [])]
    dropped = [_shown(r, dropped=True) for r in latest.result.get("dropped", [])]
    return BriefingDraft(
        document_id=latest.id,
        version=latest.version,
        recommendations=kept + dropped,
        awaiting_approval=status == StageStatus.READY_FOR_APPROVAL and latest.approved_at is None,
    )


TEXTS = ("title", "text", "generated_title", "generated_text")


def _shown(recommendation: dict[str, Any], dropped: bool) -> dict[str, Any]:
    """A stored recommendation as the form shows it: its texts in English, the observatory's working language."""
    return {**recommendation, **{key: stored_english(recommendation.get(key)) for key in TEXTS}, "dropped": dropped}


def edits_from_form(recommendations: list[dict[str, Any]], form: Mapping[str, str], by: str) -> BriefingEdits | None:
    """The edits a posted form makes to the generated recommendations; None when it changes nothing shown
    (or only undoes every edit: the generated wording is the first version, which can be approved as it is).

    What `by` changed now is signed `by`; an earlier edit left as it was keeps its editor's name.
    """
    edits, changed = [], False
    for n, shown in enumerate(recommendations):
        if form.get(f"id_{n}") != shown["id"]:
            raise BriefingChanged("the briefing changed since the page was opened")
        title = " ".join(form.get(f"title_{n}", "").split()) or shown["title"]
        text = form.get(f"text_{n}", "").replace("\r\n", "\n").strip() or shown["text"]
        drop = form.get(f"drop_{n}") == "yes"
        touched = (title, text, drop) != (shown["title"], shown["text"], shown["dropped"])
        changed = changed or touched
        edit = RecommendationEdit(
            recommendation_id=shown["id"],
            title=title if title != shown["generated_title"] else None,
            text=text if text != shown["generated_text"] else None,
            drop=drop,
            by=None if touched or not shown.get("edited") else shown.get("edited_by") or None,
        )
        if edit.title or edit.text or edit.drop:
            edits.append(edit)
    return BriefingEdits(edits=edits, by=by.strip()) if changed and edits else None


def record_edits(project: Project, code: str, edits: BriefingEdits, who: str) -> bool:
    """Recorded like an uploaded edits file; False when the same edits were already recorded."""
    return record_input(project, code, KIND, KEY, edits, who)
