"""What the meeting pack holds besides figures: the meeting days, the two-day agenda, key figures and the questions."""

from __future__ import annotations

import datetime as dt

from advisory.stages.peer_review.models import DIMENSIONS, AgendaSession, KeyFigure, PackInputs

NOTICE_DAYS = 21
REVIEW_DAYS_AFTER_MEETING = 14
TUESDAY = 1


def meeting_days(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first Tuesday-Wednesday at least three weeks away, so reviewers can plan travel and read the pack."""
    earliest = today + dt.timedelta(days=NOTICE_DAYS)
    tuesday = earliest + dt.timedelta(days=(TUESDAY - earliest.weekday()) % 7)
    return tuesday, tuesday + dt.timedelta(days=1)


def build_agenda(inputs: PackInputs, day_one: dt.date, day_two: dt.date) -> list[AgendaSession]:
    bottlenecks = ", ".join(str(b.label) for b in inputs.survey.bottlenecks[:3]) or "no survey bottlenecks recorded"
    weaknesses = (
        ", ".join(str(w.name) for w in inputs.benchmarking.weaknesses[:3]) or "no benchmarking weaknesses recorded"
    )
    industries = ", ".join(inputs.region.focus_industries)
    return [
        AgendaSession(
            day=1,
            date=day_one,
            time="09:00-09:30",
            title="Welcome and purpose of the peer review",
            purpose="Host and observatory introduce the reviewers, the method and the two days.",
        ),
        AgendaSession(
            day=1,
            date=day_one,
            time="09:30-11:00",
            title="The region's challenge",
            purpose="The host presents its challenge (section 1) and the cluster policy that answers it.",
        ),
        AgendaSession(
            day=1,
            date=day_one,
            time="11:15-12:45",
            title="Survey bottlenecks",
            purpose=f"Largest gaps between importance and satisfaction: {bottlenecks}.",
        ),
        AgendaSession(
            day=1,
            date=day_one,
            time="14:00-15:30",
            title="Benchmarking weaknesses",
            purpose=f"Where the region trails its peers: {weaknesses}.",
        ),
        AgendaSession(
            day=1,
            date=day_one,
            time="15:45-17:30",
            title="Round table with cluster managers and firms",
            purpose="Stakeholders discuss the policy mix against the assessment's findings.",
        ),
        AgendaSession(
            day=2,
            date=day_two,
            time="09:00-12:30",
            title="Site visits",
            purpose=f"Visits to cluster organisations and firms in {industries}.",
        ),
        AgendaSession(
            day=2,
            date=day_two,
            time="13:30-15:00",
            title="Reviewers' closed session",
            purpose="Reviewers compare notes and score the assessment dimensions.",
        ),
        AgendaSession(
            day=2,
            date=day_two,
            time="15:15-16:30",
            title="Feedback to the host",
            purpose="First recommendations, then agreement on the follow-up to-do list.",
        ),
    ]


def key_figures(inputs: PackInputs) -> list[KeyFigure]:
    survey, bench = inputs.survey, inputs.benchmarking
    figures = [
        KeyFigure(
            stage="Assessment",
            label="Weakest measured conditions",
            source="assessment",
            text="; ".join(str(w) for w in inputs.assessment.weaknesses[:4]) or "none recorded",
        ),
        KeyFigure(
            stage="Assessment",
            label="Policy priorities that miss a weakness",
            source="assessment",
            value=len(inputs.assessment.mismatches),
            digits=0,
        ),
        KeyFigure(
            stage="Survey",
            label="Responses received",
            source="survey",
            value=survey.responses,
            digits=0,
            unit=f"of {survey.invited} invited",
        ),
    ]
    figures += [
        KeyFigure(stage="Survey", label=f"Bottleneck: {b.label}", source="survey", value=b.gap, unit="gap (points)")
        for b in survey.bottlenecks[:3]
    ]
    figures += [
        KeyFigure(
            stage="Benchmarking",
            label="Composite score relative to the reference",
            source="benchmarking",
            value=bench.relative_score,
            unit="(reference = 100)",
        ),
        KeyFigure(stage="Benchmarking", label="Performance group", source="benchmarking", text=bench.group),
    ]
    figures += [
        KeyFigure(
            stage="Benchmarking",
            label=f"Weakness: {w.name}",
            source="benchmarking",
            value=w.value,
            unit=f"{w.unit} ({w.year})" if w.year else w.unit,
        )
        for w in bench.weaknesses[:3]
    ]
    return figures


def review_questions(inputs: PackInputs) -> list[str]:
    """The questions every reviewer answers in the review: one per dimension, then the region's own findings."""
    questions = [
        f"{label}: how well does the policy do here, on a scale of 1 to 5, and why?" for label in DIMENSIONS.values()
    ]
    questions += [
        f"Which measures would close the gap on “{b.label}” (gap {b.gap:.1f} points)?"
        for b in inputs.survey.bottlenecks[:3]
        if b.gap is not None
    ]
    questions += [f"How could cluster policy improve “{w.name}”?" for w in inputs.benchmarking.weaknesses[:2]]
    questions += [
        f"The assessment found: {m.text} Do you agree, and what should change?"
        for m in inputs.assessment.mismatches[:2]
    ]
    return questions
