"""What the survey report needs: the region's accepted responses, once the survey has closed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from advisory.domain.stages import StageContext, Waiting
from advisory.stages.survey.closing import survey_closing
from advisory.stages.survey.instrument import default_instrument
from advisory.stages.survey.models import SurveyInputs


def gather_survey_report(ctx: StageContext) -> SurveyInputs | Waiting:
    """The survey's inputs, or a Waiting such as '8 of 20 responses (at least 12 needed), closes …'."""
    plan = ctx.region.survey
    responses = ctx.inputs("survey_response")
    closed = _expert_closing(ctx.inputs("stage_closed"))
    decision = survey_closing(
        responses=len(responses),
        plan=plan,
        today=ctx.today,
        closed_by=closed.get("by") if closed else None,
        closed_on=_day(closed.get("at")) if closed else None,
    )
    if not decision.closed:
        return Waiting(missing=decision.status, due=plan.deadline)
    return SurveyInputs(
        region_code=ctx.region.code,
        region_name=ctx.region.name,
        responses=responses,
        invited=plan.invited,
        closed_by=closed.get("by") if closed else None,
        closing=decision.status,
        fieldwork_end=decision.fieldwork_end,
        instrument=default_instrument(ctx.instruments_dir),
    )


def _expert_closing(records: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The latest record of an expert closing this region's survey early, if any."""
    survey = [record for record in records if record.get("stage") == "survey"]
    return survey[-1] if survey else None


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10]) if value else None
