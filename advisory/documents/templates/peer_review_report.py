"""Template source for the peer review report: scores by dimension, disagreements, grouped recommendations."""

from __future__ import annotations

from advisory.documents.house_style import TemplateBuilder

TITLE = "Peer review: report"


def body(doc: TemplateBuilder) -> None:
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
        [("Dimension", "row.dimension"), ("Mean", "row.mean|num(1)"), ("Lowest", "row.lowest or 'n/a'"),
         ("Highest", "row.highest or 'n/a'"), ("Reviewers", "row.n"),
         ("Disagreement", "'yes' if row.disagreement else 'no'")],
    )
    doc.column_widths([5.4, 1.6, 1.9, 2.0, 2.4, 3.0])
    doc.chart("result.score_chart", "Lowest, mean and highest score per dimension")
    doc.heading("Where reviewers disagree")
    doc.raw("{%p if result.disagreements %}")
    doc.paragraph("Reviewers' scores differ by two points or more on these dimensions; the briefing should weigh them with care:")
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
