"""Template sources of the peer review's two documents: the meeting pack and the report."""

from __future__ import annotations

from advisory.adapters.documents.house_style import TemplateBuilder, in_jinja
from advisory.adapters.documents.templates import TemplateSource
from advisory.domain.documents import DOCUMENT_TITLES
from advisory.domain.text import _


def pack_body(doc: TemplateBuilder) -> None:
    doc.heading(_("Purpose of the peer review"))
    doc.paragraph(
        _(
            "Peers from other European regions will meet in {region} on {first_day} and {second_day} to review "
            "how its cluster policy answers the region's challenge:",
            region="region.name",
            first_day="result.meeting_start|date",
            second_day="result.meeting_end|date",
        )
    )
    doc.paragraph("{{ region.challenge }}", style="Intense Quote")
    doc.paragraph(
        _(
            "This pack summarises the findings of the assessment report, the regional survey and the benchmarking. "
            "Please read it before the meeting and submit your structured review by {due}.",
            due="result.reviews_due|date",
        )
    )
    doc.heading(_("The peer reviewers"))
    doc.paragraph(
        _(
            "Reviewers come from at least two countries other than {country} and none from {region} itself. Each "
            "was chosen for shared expertise, a shared working language and a balanced workload across the "
            "programme's engagements.",
            country="region.country_name",
            region="region.name",
        )
    )
    doc.table(
        _("Peer reviewers and why they were chosen"),
        "result.assignments",
        [
            (_("Reviewer"), "row.name"),
            (_("Organisation"), "row.organisation"),
            (_("Country"), "row.country"),
            (_("Why this reviewer"), "row.reasons|join('; ')"),
        ],
    )
    doc.column_widths([3.2, 4.0, 2.1, 7.3])
    doc.heading(_("Two-day agenda"))
    doc.table(
        _("Meeting agenda"),
        "result.agenda",
        [
            (_("Day"), "row.date|date"),
            (_("Time"), "row.time"),
            (_("Session"), "row.title"),
            (_("Purpose"), "row.purpose"),
        ],
    )
    doc.column_widths([3.4, 2.4, 4.0, 6.8])
    doc.heading(_("Key figures from the first three stages"))
    doc.table(
        _("Key figures from the assessment, survey and benchmarking"),
        "result.key_figures",
        [
            (_("Stage"), "row.stage"),
            (_("Figure"), "row.label"),
            (_("Value"), "row.text if row.value is none else (row.value|num(row.digits)) ~ ' ' ~ row.unit"),
        ],
    )
    doc.column_widths([3.5, 6.8, 6.3])
    doc.raw("{%p if result.bottleneck_chart %}")
    doc.chart("result.bottleneck_chart", _("Importance and satisfaction of framework conditions (regional survey)"))
    doc.raw("{%p endif %}")
    doc.heading(_("Questions reviewers answer"))
    doc.paragraph(_("Your review scores each dimension from 1 (weak) to 5 (excellent) and answers these questions:"))
    doc.bullets("result.questions", "{{ question }}", var="question")
    doc.heading(_("After the meeting"))
    doc.paragraph(
        _(
            "Please send your review by {due}, with the review form in the portal (your personal link) or the "
            "attached workbook. The observatory brings all reviews together in the peer review report.",
            due="result.reviews_due|date",
        )
    )


def report_body(doc: TemplateBuilder) -> None:
    doc.heading(_("Summary"))
    doc.paragraph(
        _(
            "{received} of {expected} peer reviewers submitted a structured review of {region}: {names}. Across "
            "the six assessment dimensions the mean score is {mean} out of 5.",
            received="result.reviews_received",
            expected="result.reviews_expected",
            region="region.name",
            names="result.reviewers|join(', ')",
            mean="result.overall_mean|num(1)",
        )
    )
    doc.raw("{%p if result.closed_early %}")
    doc.paragraph(
        _(
            "The observatory closed the review before every review was in; missing: {names}.",
            names="result.missing_reviewers|join(', ')",
        )
    )
    doc.raw("{%p endif %}")
    doc.heading(_("Scores by dimension"))
    yes, no, none = in_jinja(_("yes")), in_jinja(_("no")), in_jinja(_("n/a"))
    doc.table(
        _("Peer review scores by assessment dimension (1 = weak, 5 = excellent)"),
        "result.dimension_scores",
        [
            (_("Dimension"), "row.dimension"),
            (_("Mean"), "row.mean|num(1)"),
            (_("Lowest"), f"row.lowest or {none}"),
            (_("Highest"), f"row.highest or {none}"),
            (_("Reviewers"), "row.n"),
            (_("Disagreement"), f"{yes} if row.disagreement else {no}"),
        ],
    )
    doc.column_widths([5.4, 1.6, 1.9, 2.0, 2.4, 3.0])
    doc.chart("result.score_chart", _("Lowest, mean and highest score per dimension"))
    doc.heading(_("Where reviewers disagree"))
    doc.raw("{%p if result.disagreements %}")
    doc.paragraph(
        _(
            "Reviewers' scores differ by two points or more on these dimensions; the briefing should weigh them "
            "with care:"
        )
    )
    doc.bullets("result.disagreements", "{{ dimension }}", var="dimension")
    doc.raw("{%p else %}")
    doc.paragraph(_("Reviewers' scores differ by less than two points on every dimension."))
    doc.raw("{%p endif %}")
    said = "“{{ item.text }}” (" + "{{ item.raised_by }}" + ": {{ item.reviewers|join(', ') }})"
    doc.heading(_("Strengths seen by the reviewers"))
    doc.bullets("result.strengths", said, var="item")
    doc.heading(_("Weaknesses seen by the reviewers"))
    doc.bullets("result.weaknesses", said, var="item")
    doc.heading(_("Recommendations"))
    doc.raw("{%p for group in result.recommendations %}")
    doc.heading("{{ group.theme }}", level=3, contents=False)
    doc.bullets("group.advice", said, var="item")
    doc.raw("{%p endfor %}")
    doc.heading(_("Reviewers' further comments"))
    doc.bullets("result.comments", "{{ comment.by }}: “{{ comment.text }}”", var="comment")


PACK = TemplateSource("peer_review_pack", DOCUMENT_TITLES["peer_review_pack"], pack_body)
REPORT = TemplateSource("peer_review_report", DOCUMENT_TITLES["peer_review_report"], report_body)
