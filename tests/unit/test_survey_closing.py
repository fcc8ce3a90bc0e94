"""The closing rule: deadline plus minimum responses, or every invited organisation, or an expert."""

import datetime as dt

from advisory.domain.regions import SurveyPlan
from advisory.stages.survey.closing import survey_closing

PLAN = SurveyPlan(deadline=dt.date(2026, 12, 15), min_responses=12, invited=20)
BEFORE, ON, AFTER = dt.date(2026, 11, 30), dt.date(2026, 12, 15), dt.date(2027, 1, 10)


def test_waits_before_the_deadline_and_says_how_many_are_missing():
    closing = survey_closing(responses=8, plan=PLAN, today=BEFORE)
    assert not closing.closed
    assert closing.status == "8 of 20 responses (at least 12 needed), closes 15 December 2026"


def test_waits_before_the_deadline_even_with_the_minimum():
    closing = survey_closing(responses=14, plan=PLAN, today=BEFORE)
    assert not closing.closed and closing.status == "14 of 20 responses, closes 15 December 2026"


def test_closes_on_the_deadline_day_with_the_minimum():
    closing = survey_closing(responses=12, plan=PLAN, today=ON)
    assert closing.closed and closing.why == "deadline" and closing.fieldwork_end == ON


def test_keeps_waiting_after_the_deadline_without_the_minimum():
    closing = survey_closing(responses=11, plan=PLAN, today=AFTER)
    assert not closing.closed
    assert "deadline 15 December 2026 has passed but at least 12 needed" in closing.status


def test_closes_early_when_every_invited_organisation_answered():
    closing = survey_closing(responses=20, plan=PLAN, today=BEFORE)
    assert closing.closed and closing.why == "all_invited" and closing.fieldwork_end == BEFORE


def test_an_expert_closes_it_early_with_few_responses():
    closing = survey_closing(
        responses=3, plan=PLAN, today=BEFORE, closed_by="Ana Novak", closed_on=dt.date(2026, 11, 20)
    )
    assert closing.closed and closing.why == "expert"
    assert str(closing.status) == "3 of 20 responses, closed early by Ana Novak on 2026-11-20"
