"""Template source for the peer review meeting pack: reviewers, two-day agenda, key figures, questions."""

from __future__ import annotations

from advisory.documents.house_style import TemplateBuilder

TITLE = "Peer review: briefing pack"


def body(doc: TemplateBuilder) -> None:
    doc.heading("Purpose of the peer review")
    doc.paragraph(
        "Peers from other European regions will meet in {{ region.name }} on {{ result.meeting_start|date }} and "
        "{{ result.meeting_end|date }} to review how its cluster policy answers the region's challenge:"
    )
    doc.paragraph("{{ region.challenge }}", style="Intense Quote")
    doc.paragraph(
        "This pack summarises the findings of the assessment report, the regional survey and the benchmarking. "
        "Please read it before the meeting and submit your structured review by {{ result.reviews_due|date }}."
    )
    doc.heading("The peer reviewers")
    doc.paragraph(
        "Reviewers come from at least two countries other than {{ region.country_name }} and none from "
        "{{ region.name }} itself. Each was chosen for shared expertise, a shared working language and a balanced "
        "workload across the programme's engagements."
    )
    doc.table(
        "Peer reviewers and why they were chosen",
        "result.assignments",
        [("Reviewer", "row.name"), ("Organisation", "row.organisation"), ("Country", "row.country"),
         ("Why this reviewer", "row.reasons|join('; ')")],
    )
    doc.column_widths([3.2, 4.0, 2.1, 7.3])
    doc.heading("Two-day agenda")
    doc.table(
        "Meeting agenda",
        "result.agenda",
        [("Day", "row.date|date"), ("Time", "row.time"), ("Session", "row.title"), ("Purpose", "row.purpose")],
    )
    doc.column_widths([3.4, 2.4, 4.0, 6.8])
    doc.heading("Key figures from stages 1-3")
    doc.table(
        "Key figures from the assessment, survey and benchmarking",
        "result.key_figures",
        [("Stage", "row.stage"), ("Figure", "row.label"),
         ("Value", "row.text if row.value is none else (row.value|num(row.digits)) ~ ' ' ~ row.unit")],
    )
    doc.column_widths([3.5, 6.8, 6.3])
    doc.raw("{%p if result.bottleneck_chart %}")
    doc.chart("result.bottleneck_chart", "Importance and satisfaction of framework conditions (regional survey)")
    doc.raw("{%p endif %}")
    doc.heading("Questions reviewers answer")
    doc.paragraph("Your review scores each dimension from 1 (weak) to 5 (excellent) and answers these questions:")
    doc.bullets("result.questions", "{{ question }}", var="question")
    doc.heading("After the meeting")
    doc.paragraph(
        "Send your review as the YAML or Excel file you received from the observatory by "
        "{{ result.reviews_due|date }}. The observatory aggregates all reviews into the peer review report."
    )
