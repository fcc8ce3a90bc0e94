"""Template source of the regional survey report (stage 2): response profile, bottlenecks, free text."""

from __future__ import annotations

from advisory.adapters.documents.house_style import TemplateBuilder
from advisory.adapters.documents.templates import TemplateSource
from advisory.domain.text import _
from advisory.stages.survey.instrument import default_instrument, translate

TITLE = _("Regional survey report")


def body(doc: TemplateBuilder) -> None:
    _summary(doc)
    _respondents(doc)
    _framework_conditions(doc)
    _collaboration(doc)
    _internationalisation(doc)
    _free_text(doc)


def _summary(doc: TemplateBuilder) -> None:
    doc.heading("Summary", 1)
    doc.paragraph(
        "{{ result.responses }} of the {{ result.invited }} organisations invited in {{ region.name }} answered "
        "the regional survey ({{ result.response_rate|num(0) }} %). Status: {{ result.closing }}."
    )
    doc.paragraph("The region's challenge: {{ region.challenge }}")
    doc.raw("{%p if result.top_bottlenecks %}")
    doc.paragraph(
        "The framework conditions where respondents' needs fall furthest short of their "
        "importance (the bottlenecks) are:"
    )
    doc.bullets(
        "result.top_bottlenecks",
        "{{ b.label }}: importance {{ b.importance|num(2) }}, satisfaction {{ b.satisfaction|num(2) }}, "
        "gap {{ b.gap|num(2) }} ({{ b.n }} respondents)",
        var="b",
    )
    doc.raw("{%p else %}")
    doc.paragraph("No framework condition is rated below its importance: the survey shows no bottleneck.")
    doc.raw("{%p endif %}")


def _respondents(doc: TemplateBuilder) -> None:
    doc.heading("Who responded", 1)
    doc.paragraph(
        "Firms, cluster organisations, research organisations and public bodies answered. "
        "Shares are of all {{ result.responses }} responses."
    )
    for caption, rows in (
        ("Responses by type of organisation", "result.by_organisation_type"),
        ("Responses by size of organisation", "result.by_size"),
    ):
        doc.table(caption, rows, [("Group", "row.label"), ("Responses", "row.count"), ("Share", "row.share|pct(0)")])
    doc.chart("result.profile_chart", "Responses by size and type of organisation")


def _framework_conditions(doc: TemplateBuilder) -> None:
    doc.heading("Framework conditions and bottlenecks", 1)
    doc.paragraph(
        "Respondents rated seven framework conditions for emerging industries twice on a scale from 1 to 5: "
        "how important each is, and how well their needs are met in the region today. The gap is the mean "
        "importance minus the mean satisfaction, over the respondents who gave both ratings; the larger the "
        "gap, the tighter the bottleneck."
    )
    doc.table(
        "Importance, satisfaction and gap per framework condition, largest gap first",
        "result.bottlenecks",
        [
            ("Rank", "loop.index"),
            ("Framework condition", "b.label"),
            ("Importance", "b.importance|num(2)"),
            ("Satisfaction", "b.satisfaction|num(2)"),
            ("Gap", "b.gap|num(2)"),
            ("Respondents", "b.n"),
        ],
        var="b",
    )
    doc.chart("result.gap_chart", "Gap between importance and satisfaction (bottlenecks at the top)")
    doc.chart("result.ratings_chart", "Mean importance and satisfaction per framework condition")


def _collaboration(doc: TemplateBuilder) -> None:
    doc.heading("Collaboration, SME access and cluster management", 1)
    doc.table(
        "Importance and satisfaction: collaboration, SMEs' access, cluster management services",
        "result.further_gaps",
        [
            ("Topic", "b.label"),
            ("Importance", "b.importance|num(2)"),
            ("Satisfaction", "b.satisfaction|num(2)"),
            ("Gap", "b.gap|num(2)"),
            ("Respondents", "b.n"),
        ],
        var="b",
    )
    doc.table(
        "Innovation partners in the last two years (several answers possible)",
        "result.collaboration_partners",
        [("Partner", "row.label"), ("Respondents", "row.count"), ("Share", "row.share|pct(0)")],
    )
    doc.paragraph("Cluster organisations reported these cluster management excellence labels:")
    doc.table(
        "Cluster management excellence labels of responding cluster organisations",
        "result.excellence_labels",
        [("Label", "row.label"), ("Cluster organisations", "row.count")],
    )


def _internationalisation(doc: TemplateBuilder) -> None:
    doc.heading("Internationalisation by size", 1)
    doc.paragraph("How international respondents' activities are, by size of organisation (number of responses).")
    sizes = default_instrument().question("size").options
    columns = [("Internationalisation", "row.label")]
    columns += [(translate(size.label, "en"), f"row.counts.{size.code}") for size in sizes]
    doc.table(
        "Internationalisation of respondents by size band",
        "result.internationalisation_by_size",
        [*columns, ("Total", "row.total")],
    )


def _free_text(doc: TemplateBuilder) -> None:
    doc.heading("What respondents wrote", 1)
    doc.paragraph("Free-text answers, verbatim and in the respondents' own language, grouped by question.")
    doc.raw("{%p for group in result.free_text %}")
    doc.paragraph("{{ group.text }}", style="Heading 3")
    doc.bullets("group.answers", "{{ answer }}", var="answer")
    doc.raw("{%p if not group.answers %}")
    doc.paragraph("No answers to this question.")
    doc.raw("{%p endif %}")
    doc.raw("{%p endfor %}")


SOURCE = TemplateSource("survey_report", TITLE, body)
