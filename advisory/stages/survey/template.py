"""Template source of the regional survey report (stage 2): response profile, bottlenecks, free text."""

from __future__ import annotations

from advisory.adapters.documents.house_style import TemplateBuilder, counted, jinja_text
from advisory.adapters.documents.templates import TemplateSource
from advisory.domain.documents import DOCUMENT_TITLES
from advisory.domain.text import Msg, _, ngettext
from advisory.stages.survey.instrument import default_instrument


def body(doc: TemplateBuilder) -> None:
    _summary(doc)
    _respondents(doc)
    _framework_conditions(doc)
    _collaboration(doc)
    _internationalisation(doc)
    _free_text(doc)


def _summary(doc: TemplateBuilder) -> None:
    doc.heading(_("Summary"), 1)
    doc.paragraph(
        _(
            "{responses} of the {invited} organisations invited in {region} answered the regional survey "
            "({rate} %). Status: {status}.",
            responses="result.responses",
            invited="result.invited",
            region="region.name",
            rate="result.response_rate|num(0)",
            status="result.closing",
        )
    )
    doc.paragraph(_("The region's challenge: {challenge}", challenge="region.challenge"))
    doc.raw("{%p if result.top_bottlenecks %}")
    doc.paragraph(
        _(
            "The framework conditions where respondents' needs fall furthest short of their importance "
            "(the bottlenecks) are:"
        )
    )
    doc.bullets(
        "result.top_bottlenecks",
        _(
            "{condition}: importance {importance}, satisfaction {satisfaction}, gap {gap} ({n} respondents)",
            condition="b.label",
            importance="b.importance|num(2)",
            satisfaction="b.satisfaction|num(2)",
            gap="b.gap|num(2)",
            n="b.n",
        ),
        var="b",
    )
    doc.raw("{%p else %}")
    doc.paragraph(_("No framework condition is rated below its importance: the survey shows no bottleneck."))
    doc.raw("{%p endif %}")


def _respondents(doc: TemplateBuilder) -> None:
    doc.heading(_("Who responded"), 1)
    doc.paragraph(
        _(
            "Firms, cluster organisations, research organisations and public bodies answered. "
            "Shares are of all {responses} responses.",
            responses="result.responses",
        )
    )
    columns = [(_("Group"), "row.label"), (_("Responses"), "row.count"), (_("Share"), "row.share|pct(0)")]
    doc.table(_("Responses by type of organisation"), "result.by_organisation_type", columns)
    doc.table(_("Responses by size of organisation"), "result.by_size", columns)
    doc.chart("result.profile_chart", _("Responses by size and type of organisation"))


def _framework_conditions(doc: TemplateBuilder) -> None:
    doc.heading(_("Framework conditions and bottlenecks"), 1)
    doc.paragraph(
        _(
            "Respondents rated seven framework conditions for emerging industries twice on a scale from 1 to 5: "
            "how important each is, and how well their needs are met in the region today. The gap is the mean "
            "importance minus the mean satisfaction, over the respondents who gave both ratings; the larger the "
            "gap, the tighter the bottleneck."
        )
    )
    doc.table(
        _("Importance, satisfaction and gap per framework condition, largest gap first"),
        "result.bottlenecks",
        [
            (_("Rank"), "loop.index"),
            (_("Framework condition"), "b.label"),
            (_("Importance"), "b.importance|num(2)"),
            (_("Satisfaction"), "b.satisfaction|num(2)"),
            (_("Gap"), "b.gap|num(2)"),
            (_("Respondents"), "b.n"),
        ],
        var="b",
    )
    doc.chart("result.gap_chart", _("Gap between importance and satisfaction (bottlenecks at the top)"))
    doc.chart("result.ratings_chart", _("Mean importance and satisfaction per framework condition"))


def _collaboration(doc: TemplateBuilder) -> None:
    doc.heading(_("Collaboration, SME access and cluster management"), 1)
    doc.table(
        _("Importance and satisfaction: collaboration, SMEs' access, cluster management services"),
        "result.further_gaps",
        [
            (_("Topic"), "b.label"),
            (_("Importance"), "b.importance|num(2)"),
            (_("Satisfaction"), "b.satisfaction|num(2)"),
            (_("Gap"), "b.gap|num(2)"),
            (_("Respondents"), "b.n"),
        ],
        var="b",
    )
    doc.table(
        _("Innovation partners in the last two years (several answers possible)"),
        "result.collaboration_partners",
        [(_("Partner"), "row.label"), (_("Respondents"), "row.count"), (_("Share"), "row.share|pct(0)")],
    )
    doc.paragraph(_("Cluster organisations reported these cluster management excellence labels:"))
    doc.table(
        _("Cluster management excellence labels of responding cluster organisations"),
        "result.excellence_labels",
        [(_("Label"), "row.label"), (_("Cluster organisations"), "row.count")],
    )


def _internationalisation(doc: TemplateBuilder) -> None:
    doc.heading(_("Internationalisation by size"), 1)
    doc.paragraph(_("How international respondents' activities are, by size of organisation (number of responses)."))
    sizes = default_instrument().question("size").options
    columns = [(_("Internationalisation"), "row.label")]
    columns += [(Msg(id=size.label), f"row.counts.{size.code}") for size in sizes]
    doc.table(
        _("Internationalisation of respondents by size band"),
        "result.internationalisation_by_size",
        [*columns, (_("Total"), "row.total")],
    )


def _free_text(doc: TemplateBuilder) -> None:
    doc.heading(_("What respondents wrote"), 1)
    doc.paragraph(
        _(
            "Free-text answers, verbatim and in the respondents' own language, grouped by question. Answers "
            "that say the same thing are shown once, with the number of respondents who wrote it."
        )
    )
    doc.raw("{%p for group in result.free_text %}")
    doc.paragraph("{{ group.text }}", style="Heading 3")
    written_by = counted(ngettext("{n} respondent", "{n} respondents", 2), "theme.count")
    doc.bullets(
        "group.themes",
        "“{{ theme.quote }}”{% if theme.count > 1 %} (" + jinja_text(written_by) + "){% endif %}",
        var="theme",
    )
    doc.raw("{%p if not group.themes %}")
    doc.paragraph(_("No answers to this question."))
    doc.raw("{%p endif %}")
    doc.raw("{%p endfor %}")


SOURCE = TemplateSource("survey_report", DOCUMENT_TITLES["survey_report"], body)
