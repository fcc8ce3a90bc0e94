"""Template source for the benchmarking report (stage 3)."""

from __future__ import annotations

from advisory.documents.house_style import TemplateBuilder

TITLE = "Benchmarking report"

SCORE_COLUMNS = [
    ("Indicator", "row.short or row.name"),
    ("Value", "row.value|num(2)"),
    ("Unit", "row.unit"),
    ("Year", "row.year or 'n/a'"),
    ("Score (0-1)", "row.normalised|num(2)"),
    ("Peer median", "row.peer_median|num(2)"),
]


def body(doc: TemplateBuilder) -> None:
    _summary(doc)
    _indicators(doc)
    _strengths_and_weaknesses(doc)
    _peers(doc)
    _method(doc)


def _summary(doc: TemplateBuilder) -> None:
    doc.heading("Summary", 1)
    doc.paragraph(
        "This report benchmarks {{ region.name }} ({{ region.code }}) against {{ result.reference_regions }} "
        "European NUTS-2 regions with the method of the Regional Innovation Scoreboard. "
        "{% if result.composite is not none %} Its composite score is {{ result.composite|num(3) }} on a 0-1 scale, "
        "{{ result.relative_score|num(1) }} relative to the {{ result.reference_label }}, which places it among the "
        "{{ result.group }} regions.{% else %} Too few indicators are available for a composite score, so the region "
        "is not classified.{% endif %}"
    )
    doc.paragraph(
        "{{ result.strengths|length }} indicator(s) stand clearly above the peer regions and "
        "{{ result.weaknesses|length }} clearly below them; data coverage is {{ (result.coverage * 100)|num(0) }} % "
        "of the indicators."
    )
    doc.table(
        "Performance groups of all benchmarked regions",
        "result.group_counts",
        [("Performance group", "row.group"), ("Regions", "row.regions")],
    )


def _indicators(doc: TemplateBuilder) -> None:
    doc.heading("Indicator scores", 1)
    doc.paragraph(
        "Each indicator is normalised to 0-1 over the reference regions (1 = the best region, outliers aside) "
        "and compared with the median of the peer regions."
    )
    doc.chart("result.radar_chart", "Normalised indicator scores against the peer median")
    doc.chart("result.dimension_chart", "Average normalised score per dimension against the peer median")
    doc.table("Indicator values, years and normalised scores", "result.indicators", SCORE_COLUMNS)


def _strengths_and_weaknesses(doc: TemplateBuilder) -> None:
    doc.heading("Strengths and weaknesses", 1)
    doc.paragraph(
        "An indicator is a strength (weakness) when the normalised score is at least "
        "{{ result.rules.strength_margin|num(2) }} above (below) the peer median."
    )
    columns = [
        ("Dimension", "row.dimension"),
        ("Indicator", "row.short or row.name"),
        ("Score", "row.normalised|num(2)"),
        ("Peer median", "row.peer_median|num(2)"),
        ("Note", "row.note"),
    ]
    doc.heading("Strengths", 2)
    doc.raw("{%p if result.strengths %}")
    doc.table("Indicators clearly above the peer regions", "result.strengths", columns)
    doc.raw("{%p else %}")
    doc.paragraph("No indicator stands clearly above the peer regions.")
    doc.raw("{%p endif %}")
    doc.heading("Weaknesses", 2)
    doc.raw("{%p if result.weaknesses %}")
    doc.table("Indicators clearly below the peer regions", "result.weaknesses", columns)
    doc.raw("{%p else %}")
    doc.paragraph("No indicator stands clearly below the peer regions.")
    doc.raw("{%p endif %}")


def _peers(doc: TemplateBuilder) -> None:
    doc.heading("Peer regions", 1)
    doc.paragraph("{{ result.peer_reason }}")
    doc.table(
        "Peer regions",
        "result.peers",
        [
            ("Code", "row.code"),
            ("Region", "row.name"),
            ("Structural distance", "row.distance|num(2)"),
            ("Composite", "row.composite|num(3)"),
            ("Group", "row.group"),
        ],
    )


METHOD_STEPS = (
    "Data: the latest value of each indicator in the catalogue's window; the year used is shown per indicator.",
    "Reference set: real NUTS-2 regions (extra-regio ZZ/XX codes and EU/EA/EFTA aggregates left out) with "
    "values for at least {{ (result.rules.min_coverage * 100)|num(0) }} % of the indicators.",
    "Skewed indicators (skewness above 1) are square-root transformed.",
    "Outliers, values beyond the mean ± {{ result.rules.outlier_sd|num(0) }} standard deviations, are left out "
    "when setting the minimum and maximum.",
    "Min-max normalisation to 0-1 over the reference set; where lower is better the scale is reversed.",
    "Composite: the unweighted mean of the available normalised indicators, computed only with at least "
    "{{ (result.rules.min_coverage * 100)|num(0) }} % coverage.",
    "Performance group from the score relative to the reference: Leader above 125, Strong 100-125, "
    "Moderate 70-100, Emerging below 70.",
)


def _method(doc: TemplateBuilder) -> None:
    doc.heading("Method", 1)
    doc.paragraph(
        "The benchmark follows the published method of the Regional Innovation Scoreboard; the annex lists "
        "every source, year and computation."
    )
    for step in METHOD_STEPS:
        doc.paragraph(step, style="List Bullet")
