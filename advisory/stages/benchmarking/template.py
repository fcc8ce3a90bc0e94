"""Template source for the benchmarking report (stage 3): what matters to the region first, the method in the annex."""

from __future__ import annotations

from advisory.adapters.documents.house_style import TemplateBuilder
from advisory.adapters.documents.templates import TemplateSource
from advisory.domain.text import _

TITLE = _("Benchmarking report")

FIGURE = (
    "row.value|num(2) ~ ((' ' ~ row.unit) if row.source == 'regional' and row.value is not none else '')"
    " ~ (' (country)' if row.source == 'national' and row.value is not none else '')"
)
YEAR = "(row.year ~ ' (' ~ row.age ~ ')') if row.year else 'n/a'"
SCORE_COLUMNS = [
    ("Indicator", "row.ris ~ ' ' ~ (row.short or row.name)"),
    ("Figure", FIGURE),
    ("Year (age)", YEAR),
    ("Score (0-1)", "row.normalised|num(2)"),
    ("Country", "row.country_normalised|num(2)"),
    ("EU", "row.eu_normalised|num(2)"),
    ("Peer median", "row.peer_median|num(2)"),
]
SCORE_WIDTHS = [4.2, 3.3, 2.0, 1.7, 2.0, 1.3, 2.1]
GAP_COLUMNS = [
    ("Indicator and figures", "row.text"),
    ("Gap (points of 100)", "(row.gap * 100)|num(0)"),
]
SHOWN_GAPS = 6  # the tables show the clearest gaps; the result keeps them all


def body(doc: TemplateBuilder) -> None:
    _summary(doc)
    _position(doc)
    _indicators(doc)
    _strengths_and_weaknesses(doc)
    _peers(doc)
    _method(doc)


def _summary(doc: TemplateBuilder) -> None:
    doc.heading("Summary", 1)
    doc.paragraph(
        "This report benchmarks {{ result.region_name }} ({{ result.region_code }}) against the "
        "{{ result.reference_regions }} regions of the {{ result.edition }}, with the scoreboard's published method."
        "{% if result.profile_code != result.region_code %} The scoreboard scores "
        "{{ result.country_name }} at NUTS 1, so {{ region.name }} ({{ region.code }}) is benchmarked as part of "
        "{{ result.region_name }}.{% endif %}"
    )
    doc.bullets("result.headline", "{{ item }}")
    doc.raw("{%p if result.published %}")
    doc.paragraph(
        "Published scoreboard, for comparison: the European Commission's {{ result.published[0].edition }}, as "
        "reproduced by the Interreg CENTRAL EUROPE territorial dashboard, gives {{ region.name }} "
        "{% for p in result.published %}{{ p.value|num(1) }} in {{ p.year }}{% if not loop.last %} and {% endif %}"
        "{% endfor %} ({{ result.published[0].scale }}), from its own indicators and regional data, which are not "
        "public."
    )
    doc.raw("{%p endif %}")


def _position(doc: TemplateBuilder) -> None:
    doc.heading("Position and trend", 1, new_page=True)
    doc.raw("{%p if result.trend_chart %}")
    doc.chart("result.trend_chart", "Innovation score over time: region, country, EU and peer median")
    doc.raw("{%p endif %}")
    doc.table(
        "Performance groups of the scoreboard's regions in the latest year",
        "result.group_counts",
        [
            ("Performance group", "row.group"),
            ("Regions", "row.regions"),
            ("Share", "(row.share * 100)|pct(0) if row.share is not none else ''"),
        ],
    )


def _indicators(doc: TemplateBuilder) -> None:
    doc.heading("Indicator scores", 1)
    doc.paragraph(
        "Each indicator is normalised to 0-1 over all regions and years (1 = the best region, outliers aside). "
        "Regional figures come from Eurostat; where no regional figure exists the region carries its country's "
        "score in the European Innovation Scoreboard 2023 (EU 2016 = 100), marked '(country)'. Age: years from the "
        "year a figure refers to until {{ result.as_of }}."
    )
    doc.chart("result.radar_chart", "Normalised indicator scores: region, country, EU and peer median")
    doc.chart("result.dimension_chart", "Average normalised score per dimension: region, country, EU and peer median")
    doc.table("Indicator figures, years and normalised scores", "result.indicators", SCORE_COLUMNS, widths=SCORE_WIDTHS)
    doc.paragraph("Notes on the figures:")
    doc.raw("{%p for row in result.indicators %}")
    doc.raw("{%p if row.note or row.missing %}")
    doc.paragraph(
        "{{ row.ris }} {{ row.short or row.name }}: {% if row.missing %}n/a, {{ row.missing }}"
        "{% if row.note %}; {% endif %}{% endif %}{{ row.note }}",
        style="List Bullet",
    )
    doc.raw("{%p endif %}")
    doc.raw("{%p endfor %}")


def _strengths_and_weaknesses(doc: TemplateBuilder) -> None:
    doc.heading("Strengths and weaknesses", 1)
    doc.paragraph(
        "An indicator is a strength (weakness) when its normalised score is at least "
        "{{ (result.rules.strength_margin * 100)|num(0) }} points (of 100) above (below) the EU's or the peer median."
    )
    for reference, label in (("eu", "the EU"), ("peers", "the peer regions")):
        doc.heading(f"Against {label}", 2)
        for kind, words in (("weaknesses", "below"), ("strengths", "above")):
            rows = f"result.{kind}_vs_{reference}"
            doc.raw(f"{{%p if {rows} %}}")
            doc.table(f"Indicators clearly {words} {label}", f"{rows}[:{SHOWN_GAPS}]", GAP_COLUMNS, widths=[8, 1.6])
            doc.raw(f"{{%p if {rows}|length > {SHOWN_GAPS} %}}")
            doc.paragraph(f"... and {{{{ {rows}|length - {SHOWN_GAPS} }}}} more, with smaller gaps.")
            doc.raw("{%p endif %}")
            doc.raw("{%p else %}")
            doc.paragraph(f"No indicator stands clearly {words} {label}.")
            doc.raw("{%p endif %}")


def _peers(doc: TemplateBuilder) -> None:
    doc.heading("Peer regions", 1)
    doc.paragraph("{{ result.peer_reason }}")
    doc.table(
        "Peer regions",
        "result.peers",
        [
            ("Region", "row.name ~ ' (' ~ row.code ~ ')'"),
            ("Country", "row.country"),
            ("Group", "row.group"),
            ("Score (EU = 100)", "row.relative_score|num(0)"),
            ("Distance", "row.distance|num(2)"),
            ("Why similar", "row.reason"),
        ],
        widths=[3.0, 2.2, 2.5, 1.7, 2.2, 5.0],
    )


def _method(doc: TemplateBuilder) -> None:
    doc.heading("Annex: method", 1, new_page=True)
    doc.paragraph(
        "The benchmark follows the published method of the {{ result.edition }}; the steps in the order they run:"
    )
    doc.raw("{%p for step in result.method_notes %}")
    doc.paragraph("{{ loop.index }}. {{ step }}")
    doc.raw("{%p endfor %}")


SOURCE = TemplateSource("benchmarking_report", TITLE, body)
