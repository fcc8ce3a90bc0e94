"""Template sources of the peer review's two documents: the meeting pack and the report."""

from __future__ import annotations

from advisory.adapters.documents.house_style import TemplateBuilder
from advisory.adapters.documents.templates import TemplateSource
from advisory.domain.text import _


def pack_body(doc: TemplateBuilder) -> None:
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
        [
            ("Reviewer", "row.name"),
            ("Organisation", "row.organisation"),
            ("Country", "row.country"),
            ("Why this reviewer", "row.reasons|join('; ')"),
        ],
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
        [
            ("Stage", "row.stage"),
            ("Figure", "row.label"),
            ("Value", "row.text if row.value is none else (row.value|num(row.digits)) ~ ' ' ~ row.unit"),
        ],
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


def report_body(doc: TemplateBuilder) -> None:
    doc.heading("Summary")
    doc.paragraph(
        "{{ result.reviews_received }} of {{ result.reviews_expected }} peer reviewers submitted a structured "
        "review of {{ region.name }}: {{ result.reviewers|join(', ') }}. Across the six assessment dimensions the "
        "mean score is {{ result.overall_mean|num(1) }} out of 5."
    )
    doc.raw("{%p if result.closed_early %}")
    doc.paragraph(
        "The observatory closed the review before every review was in; missing: "
        "{{ result.missing_reviewers|join(', ') }}."
    )
    doc.raw("{%p endif %}")
    doc.heading("Scores by dimension")
    doc.table(
        "Peer review scores by assessment dimension (1 = weak, 5 = excellent)",
        "result.dimension_scores",
        [
            ("Dimension", "row.dimension"),
            ("Mean", "row.mean|num(1)"),
            ("Lowest", "row.lowest or 'n/a'"),
            ("Highest", "row.highest or 'n/a'"),
            ("Reviewers", "row.n"),
            ("Disagreement", "'yes' if row.disagreement else 'no'"),
        ],
    )
    doc.column_widths([5.4, 1.6, 1.9, 2.0, 2.4, 3.0])
    doc.chart("result.score_chart", "Lowest, mean and highest score per dimension")
    doc.heading("Where reviewers disagree")
    doc.raw("{%p if result.disagreements %}")
    doc.paragraph(
        "Reviewers' scores differ by two points or more on these dimensions; the briefing should weigh them with care:"
    )
    doc.bullets("result.disagreements", "{{ dimension }}", var="dimension")
    doc.raw("{%p else %}")
    doc.paragraph("Reviewers' scores differ by less than two points on every dimension.")
    doc.raw("{%p endif %}")
    doc.heading("Strengths seen by the reviewers")
    doc.bullets("result.strengths", "{{ strength }}", var="strength")
    doc.heading("Weaknesses seen by the reviewers")
    doc.bullets("result.weaknesses", "{{ weakness }}", var="weakness")
    doc.heading("Recommendations")
    doc.raw("{%p for group in result.recommendations %}")
    doc.heading("{{ group.theme }}", level=3)
    doc.bullets("group.texts", "{{ text }}", var="text")
    doc.raw("{%p endfor %}")
    doc.heading("Reviewers' further comments")
    doc.bullets("result.comments", "{{ comment }}", var="comment")


PACK = TemplateSource("peer_review_pack", _("Peer review: briefing pack"), pack_body)
REPORT = TemplateSource("peer_review_report", _("Peer review: report"), report_body)
