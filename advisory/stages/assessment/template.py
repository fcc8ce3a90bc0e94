"""Template source of the assessment report (stage 1); its words come from the reader's catalog."""

from __future__ import annotations

from advisory.adapters.documents.house_style import TemplateBuilder
from advisory.adapters.documents.templates import TemplateSource
from advisory.domain.documents import DOCUMENT_TITLES
from advisory.domain.text import _


def body(doc: TemplateBuilder) -> None:
    _region(doc)
    _country(doc)
    _profile(doc)
    _cluster_map(doc)
    _stress_test(doc)
    _findings(doc)


def _region(doc: TemplateBuilder) -> None:
    doc.heading(_("The region and its challenge"))
    doc.paragraph(_("Challenge or opportunity named by the region:"), style="Intense Quote")
    doc.paragraph("{{ result.challenge }}")
    doc.paragraph(
        _(
            "Focus industries: {industries}. Policy themes: {themes}.",
            industries="region.focus_industries|join(', ')",
            themes="region.policy_themes|join(', ')",
        )
    )


def _country(doc: TemplateBuilder) -> None:
    doc.heading(_("Country context"))
    doc.raw("{%p if result.country %}")
    doc.paragraph(
        _(
            "Summary Innovation Index of {country} ({year}): {index}, {share} of the EU score of the same year; "
            "performance group: {group}; change since {first_year}: {trend} points.",
            country="result.country.country_name",
            year="result.country.year",
            index="result.country.sii|num(1)",
            share="result.country.relative_to_eu|pct(1)",
            group="result.country.group",
            first_year="result.country.first_year",
            trend="result.country.trend|num(1)",
        )
    )
    dimension, score = _("Dimension"), _("Score (EU 2016 = 100)")
    for caption, rows in (
        (_("Strongest dimensions"), "result.country.strongest"),
        (_("Weakest dimensions"), "result.country.weakest"),
    ):
        doc.table(caption, rows, [(dimension, "row.name"), (score, "row.score|num(1)")])
    doc.chart("result.country.trend_chart", _("Summary Innovation Index since 2016"))
    doc.raw("{%p else %}")
    doc.paragraph(_("The European Innovation Scoreboard does not cover this country."))
    doc.raw("{%p endif %}")


def _profile(doc: TemplateBuilder) -> None:
    doc.heading(_("Regional profile"))
    doc.paragraph(
        _(
            "The region's latest value on each indicator, against the median of its country's regions and of "
            "all EU NUTS-2 regions in the same year."
        )
    )
    doc.table(
        _("Regional indicators"),
        "result.indicators",
        [
            (_("Indicator"), "row.name"),
            (_("Unit"), "row.unit"),
            (_("Year"), "row.year"),
            (_("Value"), "row.value|num(1)"),
            (_("Country median"), "row.country_median|num(1)"),
            (_("EU median"), "row.eu_median|num(1)"),
            (_("EU percentile"), "row.percentile|num(0)"),
        ],
    )
    doc.raw("{%p if result.percentile_chart %}")
    doc.chart("result.percentile_chart", _("Position among EU regions"))
    doc.raw("{%p endif %}")


def _cluster_map(doc: TemplateBuilder) -> None:
    doc.heading(_("Where the region's clusters are"))
    doc.raw("{%p if result.cluster_map %}")
    doc.paragraph(
        _(
            "Stars after the European Cluster Observatory's method, on employment by sector in {year}: one star each "
            "for size, specialisation and focus.",
            year="result.cluster_map.year",
        )
    )
    doc.paragraph("{{ result.cluster_map.counts }}")
    doc.table(
        _("The region's starred sectors"),
        "result.cluster_map.starred",
        [
            (_("Sector (NACE division)"), "row.sector"),
            (_("Persons employed"), "row.employment|num(0)"),
            (_("Size: share of Europe (%)"), "row.size|num(2)"),
            (_("Specialisation (location quotient)"), "row.specialisation|num(2)"),
            (_("Focus: share of the region (%)"), "row.focus|num(1)"),
            (_("Stars"), "row.stars"),
        ],
    )
    doc.raw("{%p if result.cluster_map.chart %}")
    doc.chart("result.cluster_map.chart", _("Specialisation of the starred sectors"))
    doc.raw("{%p endif %}")
    doc.raw("{%p if result.cluster_map.emerging %}")
    doc.table(
        _("Emerging industries (a hotspot has at least two stars)"),
        "result.cluster_map.emerging",
        [
            (_("Emerging industry"), "row.sector"),
            (_("Persons employed"), "row.employment|num(0)"),
            (_("Size: share of Europe (%)"), "row.size|num(2)"),
            (_("Specialisation (location quotient)"), "row.specialisation|num(2)"),
            (_("Focus: share of the region (%)"), "row.focus|num(1)"),
            (_("Stars"), "row.stars"),
        ],
    )
    doc.raw("{%p endif %}")
    doc.raw("{%p if result.cluster_map.gaps %}")
    doc.paragraph("{{ result.cluster_map.gaps }}", style="Caption")
    doc.raw("{%p endif %}")
    doc.bullets("result.cluster_map.method", "{{ item }}")
    doc.raw("{%p else %}")
    doc.paragraph(_("Eurostat's employment by sector does not cover this region, so it has no cluster map."))
    doc.raw("{%p endif %}")


def _stress_test(doc: TemplateBuilder) -> None:
    doc.heading(_("Policy self-assessment (stress test)"))
    doc.paragraph(
        _(
            "Answered by {respondent}, {organisation}.",
            respondent="result.stress_test.respondent",
            organisation="result.stress_test.organisation",
        )
    )
    doc.table(
        _("Policy priorities and measured position"),
        "result.conditions",
        [
            (_("Framework condition"), "row.label"),
            (_("Policy priority"), "row.priority_label"),
            (_("EU percentile"), "row.percentile|num(0)"),
            (_("Position against the EU"), "row.verdict_label"),
        ],
    )
    doc.paragraph(
        _(
            "A condition is a weakness when its indicators place the region below the 40th percentile of EU "
            "regions, a strength above the 60th, and average in between. Cultural, regulatory and support "
            "conditions have no regional indicator in the data used; the regional survey (stage 2) rates all "
            "seven conditions, and the policy briefing takes its ratings into account."
        )
    )
    doc.chart("result.alignment_chart", _("Priorities against position"))
    doc.heading(_("Where priorities and weaknesses do not match"), 2)
    doc.bullets("result.mismatches", "{{ item.text }}")
    doc.raw("{%p if not result.mismatches %}")
    doc.paragraph(_("No mismatch was found."))
    doc.raw("{%p endif %}")
    doc.raw("{%p if result.stress_test.comment %}")
    doc.paragraph(_("Comment of the policy makers: “{comment}”", comment="result.stress_test.comment"))
    doc.raw("{%p endif %}")


def _findings(doc: TemplateBuilder) -> None:
    doc.heading(_("Expert findings from stakeholder interviews"))
    doc.raw("{%p for finding in result.findings %}")
    doc.heading("{{ finding.title }}", 2, contents=False)
    doc.raw("{%p for text in finding.paragraphs %}")
    doc.paragraph("{{ text }}")
    doc.raw("{%p endfor %}")
    doc.raw("{%p if finding.interviewees %}")
    doc.paragraph(_("Interviewees: {names}", names="finding.interviewees|join('; ')"), style="Caption")
    doc.raw("{%p endif %}")
    doc.raw("{%p endfor %}")


SOURCE = TemplateSource("assessment_report", DOCUMENT_TITLES["assessment_report"], body)
