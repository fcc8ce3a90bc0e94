"""What the meeting pack holds besides figures: the meeting days, the two-day agenda, key figures and the questions."""

from __future__ import annotations

import datetime as dt

from advisory.domain.text import Msg, Text, _
from advisory.stages.peer_review.models import DIMENSIONS, AgendaSession, KeyFigure, PackInputs

NOTICE_DAYS = 21
REVIEW_DAYS_AFTER_MEETING = 14
TUESDAY = 1


def meeting_days(today: dt.date, slot: int = 0) -> tuple[dt.date, dt.date]:
    """A Tuesday-Wednesday at least three weeks away, so reviewers can plan travel and read the pack: the first
    such week for the programme's first region, one week later for each next one (slot), the Christmas and New
    Year weeks left out."""
    earliest = today + dt.timedelta(days=NOTICE_DAYS)
    tuesday = earliest + dt.timedelta(days=(TUESDAY - earliest.weekday()) % 7)
    free = 0
    while True:
        if not _holiday_week(tuesday):
            if free == slot:
                return tuesday, tuesday + dt.timedelta(days=1)
            free += 1
        tuesday += dt.timedelta(days=7)


def _holiday_week(tuesday: dt.date) -> bool:
    """Weeks touching 22 December to 6 January: nobody travels to a peer review then."""
    monday, friday = tuesday - dt.timedelta(days=1), tuesday + dt.timedelta(days=3)
    return any((d.month == 12 and d.day >= 22) or (d.month == 1 and d.day <= 6) for d in (monday, friday))


def build_agenda(inputs: PackInputs, day_one: dt.date, day_two: dt.date) -> list[AgendaSession]:
    bottlenecks = [b.label for b in inputs.survey.bottlenecks[:3]]
    weaknesses = [w.name for w in inputs.benchmarking.weaknesses[:3]]
    industries = list(inputs.region.focus_industries)
    session = AgendaSession
    return [
        session(
            day=1,
            date=day_one,
            time="09:00-09:30",
            title=_("Welcome and purpose of the peer review"),
            purpose=_("Host and observatory introduce the reviewers, the method and the two days."),
        ),
        session(
            day=1,
            date=day_one,
            time="09:30-11:00",
            title=_("The region's challenge"),
            purpose=_("The host presents its challenge and the cluster policy that answers it."),
        ),
        session(
            day=1,
            date=day_one,
            time="11:15-12:45",
            title=_("Survey bottlenecks"),
            purpose=_("Largest gaps between importance and satisfaction: {items}.", items=bottlenecks)
            if bottlenecks
            else _("The survey shows no bottleneck: where do firms still meet obstacles?"),
        ),
        session(
            day=1,
            date=day_one,
            time="14:00-15:30",
            title=_("Benchmarking weaknesses"),
            purpose=_("Where the region trails its peers: {items}.", items=weaknesses)
            if weaknesses
            else _("The benchmarking found no weakness against the peers: what keeps the lead?"),
        ),
        session(
            day=1,
            date=day_one,
            time="15:45-17:30",
            title=_("Round table with cluster managers and firms"),
            purpose=_("Stakeholders discuss the policy mix against the assessment's findings."),
        ),
        session(
            day=2,
            date=day_two,
            time="09:00-12:30",
            title=_("Site visits"),
            purpose=_("Visits to cluster organisations and firms in {industries}.", industries=industries),
        ),
        session(
            day=2,
            date=day_two,
            time="13:30-15:00",
            title=_("Reviewers' closed session"),
            purpose=_("Reviewers compare notes and score the assessment dimensions."),
        ),
        session(
            day=2,
            date=day_two,
            time="15:15-16:30",
            title=_("Feedback to the host"),
            purpose=_("First recommendations, then agreement on the follow-up to-do list."),
        ),
    ]


def key_figures(inputs: PackInputs) -> list[KeyFigure]:
    survey, bench = inputs.survey, inputs.benchmarking
    assessment, survey_stage, benchmarking = _("Assessment"), _("Survey"), _("Benchmarking")
    weakest = list(inputs.assessment.weaknesses[:4])
    figures = [
        KeyFigure(
            stage=assessment,
            label=_("Conditions below the 40th EU percentile"),
            source="assessment",
            text=_("{items}", items=weakest) if weakest else _("none"),
        ),
        KeyFigure(
            stage=assessment,
            label=_("Where the policy's priorities miss the measured position"),
            source="assessment",
            value=len(inputs.assessment.mismatches),
            digits=0,
        ),
        KeyFigure(
            stage=survey_stage,
            label=_("Responses received"),
            source="survey",
            value=survey.responses,
            digits=0,
            unit=_("of {invited} invited", invited=survey.invited),
        ),
    ]
    figures += [
        KeyFigure(
            stage=survey_stage,
            label=_("Bottleneck: {condition}", condition=b.label),
            source="survey",
            value=b.gap,
            unit=_("points of gap"),
        )
        for b in survey.bottlenecks[:3]
    ]
    figures += [
        KeyFigure(
            stage=benchmarking,
            label=_("Composite score relative to the reference"),
            source="benchmarking",
            value=bench.relative_score,
            unit=_("(reference = 100)"),
        ),
        KeyFigure(
            stage=benchmarking,
            label=_("Performance group"),
            source="benchmarking",
            text=bench.group_name or bench.group,
        ),
    ]
    figures += [
        KeyFigure(
            stage=benchmarking,
            label=_("Weakness: {indicator}", indicator=w.name),
            source="benchmarking",
            value=w.value,
            unit=_("{unit} ({year})", unit=w.unit, year=w.year) if w.year else w.unit,
        )
        for w in bench.weaknesses[:3]
    ]
    return figures


def review_questions(inputs: PackInputs) -> list[Text]:
    """The questions every reviewer answers in the review: one per dimension, then the region's own findings."""
    questions: list[Msg] = [
        _("{dimension}: how well does the policy do here, on a scale of 1 to 5, and why?", dimension=label)
        for label in DIMENSIONS.values()
    ]
    questions += [
        _("Which measures would close the gap on “{condition}” (gap {gap:.1f} points)?", condition=b.label, gap=b.gap)
        for b in inputs.survey.bottlenecks[:3]
        if b.gap is not None
    ]
    questions += [
        _("How could cluster policy improve “{indicator}”?", indicator=w.name)
        for w in inputs.benchmarking.weaknesses[:2]
    ]
    questions += [
        _("The assessment found: {finding} Do you agree, and what should change?", finding=m.text)
        for m in inputs.assessment.mismatches[:2]
    ]
    return questions
