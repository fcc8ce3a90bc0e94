"""Template source for the benchmarking report (stage 3): what matters to the region first, the method in the annex.

Every word is a message from the reader's catalog; the sentences with figures come composed from the
result (`summary`, `headline`, gap texts, `method_notes`), already in the reader's language.
"""

from __future__ import annotations

from advisory.adapters.documents.house_style import TemplateBuilder, counted, in_jinja
from advisory.adapters.documents.templates import TemplateSource
from advisory.domain.documents import DOCUMENT_TITLES
from advisory.domain.text import _, ngettext

NA = in_jinja(_("n/a"))
COUNTRY_MARK = in_jinja(_("(country)"))  # a figure that is the country's, carried by its regions
FIGURE = (
    f"((row.value|num(2) ~ ' ' ~ row.unit) if row.source == 'regional' else (row.value|num(1) ~ ' ' ~ {COUNTRY_MARK}))"
    f" if row.value is not none else {NA}"
)
YEAR = f"(row.year ~ ' (' ~ row.age ~ ')') if row.year else {NA}"
SCORE_COLUMNS = [
    (_("Indicator"), "row.ris ~ ' ' ~ row.short"),
    (_("Figure"), FIGURE),
    (_("Year (age)"), YEAR),
    (_("Score (0-1)"), "row.normalised|num(2)"),
    (_("Country"), "row.country_normalised|num(2)"),
    (_("EU"), "row.eu_normalised|num(2)"),
    (_("Peer median"), "row.peer_median|num(2)"),
]
GAP_COLUMNS = [
    (_("Indicator and figures"), "row.text"),
    (_("Gap (points of 100)"), "(row.gap * 100)|num(0)"),
]
SHOWN_GAPS = 6  # the tables show the clearest gaps; the result keeps them all

# Strengths and weaknesses: against which reference, and the words for each table and for an empty one.
REFERENCES = (
    (
        "eu",
        _("Against the EU"),
        (
            ("weaknesses", _("Indicators clearly below the EU"), _("No indicator stands clearly below the EU.")),
            ("strengths", _("Indicators clearly above the EU"), _("No indicator stands clearly above the EU.")),
        ),
    ),
    (
        "peers",
        _("Against the peer regions"),
        (
            (
                "weaknesses",
                _("Indicators clearly below the peer regions"),
                _("No indicator stands clearly below the peer regions."),
            ),
            (
                "strengths",
                _("Indicators clearly above the peer regions"),
                _("No indicator stands clearly above the peer regions."),
            ),
        ),
    ),
)


def body(doc: TemplateBuilder) -> None:
    _summary(doc)
    _position(doc)
    _indicators(doc)
    _strengths_and_weaknesses(doc)
    _peers(doc)
    _method(doc)


def _summary(doc: TemplateBuilder) -> None:
    doc.heading(_("Summary"), 1)
    doc.paragraph("{{ result.summary }}")
    doc.bullets("result.headline", "{{ item }}")
    doc.raw("{%p if result.published_note %}")
    doc.paragraph("{{ result.published_note }}")
    doc.raw("{%p endif %}")


def _position(doc: TemplateBuilder) -> None:
    doc.heading(_("Position and trend"), 1)
    doc.raw("{%p if result.trend_chart %}")
    doc.chart("result.trend_chart", _("Innovation score over time: region, country, EU and peer median"))
    doc.raw("{%p endif %}")
    doc.table(
        _("Performance groups of the scoreboard's regions in the latest year"),
        "result.group_counts",
        [
            (_("Performance group"), "row.name"),
            (_("Regions"), "row.regions"),
            (_("Share"), "(row.share * 100)|pct(0) if row.share is not none else ''"),
        ],
    )


def _indicators(doc: TemplateBuilder) -> None:
    doc.heading(_("Indicator scores"), 1)
    doc.paragraph(
        _(
            "Each indicator is normalised to 0-1 over all regions and years (1 = the best region, outliers aside). "
            "Regional figures come from Eurostat; where no regional figure exists the region carries its country's "
            "score in the European Innovation Scoreboard 2023 (EU 2016 = 100), marked '(country)'. Age: years from "
            "the year a figure refers to until {year}.",
            year="result.as_of",
        )
    )
    doc.chart("result.radar_chart", _("Normalised indicator scores: region, country, EU and peer median"))
    doc.chart(
        "result.dimension_chart", _("Average normalised score per dimension: region, country, EU and peer median")
    )
    doc.table(_("Indicator figures, years and normalised scores"), "result.indicators", SCORE_COLUMNS)
    doc.paragraph(_("Notes on the figures:"))
    doc.raw("{%p for row in result.indicators %}")
    doc.raw("{%p if row.notes or row.missing %}")
    doc.paragraph(
        "{{ row.ris }} {{ row.short }}: {% if row.missing %}" + "{{ " + NA + " }}, {{ row.missing }}"
        "{% if row.notes %}; {% endif %}{% endif %}{{ row.notes|join('; ') }}",
        style="List Bullet",
    )
    doc.raw("{%p endif %}")
    doc.raw("{%p endfor %}")


def _strengths_and_weaknesses(doc: TemplateBuilder) -> None:
    doc.heading(_("Strengths and weaknesses"), 1)
    doc.paragraph(
        _(
            "An indicator is a strength (weakness) when its normalised score is at least {points} points (of 100) "
            "above (below) the EU's or the peer median.",
            points="(result.rules.strength_margin * 100)|num(0)",
        )
    )
    for reference, heading, tables in REFERENCES:
        doc.heading(heading, 2)
        for kind, caption, none in tables:
            rows = f"result.{kind}_vs_{reference}"
            doc.raw(f"{{%p if {rows} %}}")
            doc.table(caption, f"{rows}[:{SHOWN_GAPS}]", GAP_COLUMNS)
            doc.raw(f"{{%p if {rows}|length > {SHOWN_GAPS} %}}")
            more = ngettext("... and {n} more, with a smaller gap.", "... and {n} more, with smaller gaps.", 2)
            doc.paragraph(counted(more, f"({rows}|length - {SHOWN_GAPS})"))
            doc.raw("{%p endif %}")
            doc.raw("{%p else %}")
            doc.paragraph(none)
            doc.raw("{%p endif %}")


def _peers(doc: TemplateBuilder) -> None:
    doc.heading(_("Peer regions"), 1)
    doc.paragraph("{{ result.peer_reason }}")
    doc.table(
        _("Peer regions"),
        "result.peers",
        [
            (_("Region"), "row.name ~ ' (' ~ row.code ~ ')'"),
            (_("Country"), "row.country"),
            (_("Group"), "row.group_name"),
            (_("Score (EU = 100)"), "row.relative_score|num(0)"),
            (_("Distance"), "row.distance|num(2)"),
            (_("Why similar"), "row.reason or ''"),
        ],
    )


def _method(doc: TemplateBuilder) -> None:
    doc.heading(_("Annex: method"), 1, new_page=True)
    doc.paragraph(
        _(
            "The benchmark follows the published method of the {edition}; the steps in the order they run:",
            edition="result.edition",
        )
    )
    doc.raw("{%p for step in result.method_notes %}")
    doc.paragraph("{{ loop.index }}. {{ step }}")
    doc.raw("{%p endfor %}")


SOURCE = TemplateSource("benchmarking_report", DOCUMENT_TITLES["benchmarking_report"], body)
