"""When a region's survey closes: a pure rule over the responses so far, the survey plan and today.

The rule: the survey closes when an expert closes it, or when it has at least the minimum number
of responses AND either the deadline has come (fieldwork ends on the deadline day) or every
invited organisation has answered. A deadline alone never closes it: a report on three answers
would mislead, so after the deadline it keeps waiting until the minimum is reached or an expert
decides to close it with what there is.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from advisory.domain.regions import SurveyPlan
from advisory.domain.text import Text, _


class SurveyClosing(BaseModel):
    closed: bool
    why: str  # "expert" | "deadline" | "all_invited" | "waiting"
    status: Text  # what people read, e.g. "8 of 20 responses (at least 12 needed), closes 15 December 2026"
    fieldwork_end: dt.date


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def survey_closing(
    *, responses: int, plan: SurveyPlan, today: dt.date, closed_by: str | None = None, closed_on: dt.date | None = None
) -> SurveyClosing:
    if closed_by:
        day = closed_on or today
        return SurveyClosing(
            closed=True,
            why="expert",
            fieldwork_end=day,
            status=_(
                "{responses} of {invited} responses, closed early by {person} on {day}",
                responses=responses,
                invited=plan.invited,
                person=closed_by,
                day=day,
            ),
        )
    enough = responses >= plan.min_responses
    if enough and today >= plan.deadline:
        return SurveyClosing(
            closed=True,
            why="deadline",
            fieldwork_end=plan.deadline,
            status=_(
                "{responses} of {invited} responses, closed on {day}",
                responses=responses,
                invited=plan.invited,
                day=plan.deadline,
            ),
        )
    if enough and responses >= plan.invited:
        return SurveyClosing(
            closed=True,
            why="all_invited",
            fieldwork_end=today,
            status=_(
                "{responses} of {invited} responses: every invited organisation answered by {day}",
                responses=responses,
                invited=plan.invited,
                day=today,
            ),
        )
    return SurveyClosing(
        closed=False, why="waiting", fieldwork_end=plan.deadline, status=_waiting(responses, plan, today)
    )


def _waiting(responses: int, plan: SurveyPlan, today: dt.date) -> str:
    counted = f"{responses} of {plan.invited} responses"
    needed = f"at least {plan.min_responses} needed"
    if today >= plan.deadline:
        return (
            f"{counted}; the deadline {long_date(plan.deadline)} has passed but {needed} "
            "(or an expert closes the survey early)"
        )
    if responses < plan.min_responses:
        return f"{counted} ({needed}), closes {long_date(plan.deadline)}"
    return f"{counted}, closes {long_date(plan.deadline)}"
