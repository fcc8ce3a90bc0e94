"""Template source of the programme report (European Cluster Policy Forum); its words come from the catalog."""

from __future__ import annotations

from advisory.adapters.documents.house_style import TemplateBuilder, counted
from advisory.adapters.documents.templates import TemplateSource
from advisory.domain.text import _, ngettext

TITLE = _("Programme report: mutual learning across the model demonstrator regions")


def body(doc: TemplateBuilder) -> None:
    doc.heading(_("Summary"))
    doc.bullets("result.summary", "{{ item }}")
    doc.raw("{%p if result.not_started %}")
    doc.paragraph(
        _("Not yet in this report (no approved assessment report): {regions}", regions="result.not_started|join(', ')")
    )
    doc.raw("{%p endif %}")
    _side_by_side(doc)
    _recurring(doc)
    _transfers(doc)
    _principles(doc)
    _agenda(doc)
    doc.heading(_("Documents this report rests on"))
    doc.paragraph(_("Every statement names its region; these are the approved versions it was read from."))
    doc.table(
        _("Approved documents read"),
        "result.references",
        [
            (_("Region"), "row.region"),
            (_("Document"), "row.title"),
            (_("Version"), "row.version"),
            (_("Approved"), "row.approved|date"),
        ],
    )


def _side_by_side(doc: TemplateBuilder) -> None:
    doc.heading(_("The regions side by side"), new_page=True)
    doc.table(
        _("Position in the Regional Innovation Scoreboard method"),
        "result.regions",
        [
            (_("Region"), "row.name"),
            (_("Country"), "row.country"),
            (_("Stages approved"), "row.stages"),
            (_("Performance group"), "row.group"),
            (_("Score (EU = 100)"), "row.relative_score|num(0)"),
            (_("Trend (points)"), "row.trend|num(1)"),
        ],
    )
    doc.table(
        _("Gaps, mismatches, bottlenecks and peer-review findings"),
        "result.regions",
        [
            (_("Region"), "row.name"),
            (_("Largest gaps to the EU (benchmarking)"), "row.top_gaps|join('; ')"),
            (_("Stress-test mismatches"), "row.mismatches|join(' ')"),
            (_("Survey bottlenecks"), "row.bottlenecks|join('; ')"),
            (_("Peer reviewers' main concerns"), "row.peer_findings|join(' ')"),
        ],
    )
    doc.raw("{%p if result.conditions_chart %}")
    doc.chart("result.conditions_chart", _("Framework conditions by region"))
    doc.raw("{%p endif %}")


def _recurring(doc: TemplateBuilder) -> None:
    doc.heading(_("What recurs and what is particular"), new_page=True)
    doc.paragraph(
        _(
            "A framework condition counts as weak in a region where its indicators stand below the 40th EU "
            "percentile, where the region's survey names it among the three largest bottlenecks, or, for "
            "cross-sectoral collaboration and structural change, where the policy self-assessment rates it 0 or 1 "
            "of 3."
        )
    )
    doc.raw("{%p for spot in result.recurring %}")
    weak_in = ngettext("{topic}: weak in {n} region", "{topic}: weak in {n} regions", 2, topic="spot.label")
    doc.heading(counted(weak_in, "spot.regions|length"), 2, contents=False)
    doc.bullets("spot.evidence", "{{ ev }}", var="ev")
    doc.raw("{%p endfor %}")
    doc.raw("{%p if result.particular %}")
    doc.heading(_("Particular to one region"), 2)
    doc.table(
        _("Weaknesses found in one region only"),
        "result.particular",
        [(_("Framework condition"), "row.label"), (_("Evidence"), "row.evidence|join('; ')")],
    )
    doc.raw("{%p endif %}")


def _transfers(doc: TemplateBuilder) -> None:
    doc.heading(_("Transfers between regions"), new_page=True)
    doc.paragraph(
        _(
            "A region can show another its practice in a framework condition where its indicators stand at the 60th "
            "EU percentile or above and the other's below the 40th, or where the other's survey names the "
            "condition a bottleneck and the two stand at least 20 percentiles apart; for cross-sectoral "
            "collaboration and structural change, where one region's policy self-assessment rates it 2 or 3 of 3 "
            "and the other's 0 or 1. Each region keeps its two strongest pairings as receiver."
        )
    )
    doc.table(
        _("Transfer matrix"),
        "result.matrix",
        [
            (_("Region"), "row.region"),
            (_("Can learn from"), "row.learns_from|join('; ')"),
            (_("Can show"), "row.shows|join('; ')"),
        ],
    )
    doc.raw("{%p for pair in result.transfers %}")
    doc.heading("{{ pair.statement }}", 3, contents=False)
    doc.bullets("[pair.provider_evidence, pair.receiver_evidence]", "{{ ev }}", var="ev")
    doc.paragraph(_("What {region} can show: {practice}", region="pair.provider", practice="pair.practice"))
    doc.raw("{%p endfor %}")


def _principles(doc: TemplateBuilder) -> None:
    doc.heading(_("The Do's and Don'ts across the programme"), new_page=True)
    doc.table(
        _("The eight Do's and Don'ts in the regions' briefings"),
        "result.principles",
        [
            (_("No."), "row.number"),
            (_("Do"), "row.do"),
            (_("Respected in"), "row.respected_in|join(', ')"),
            (_("At risk in"), "row.at_risk_in|join(', ')"),
            (_("Not addressed in"), "row.not_addressed_in|join(', ')"),
        ],
    )


def _agenda(doc: TemplateBuilder) -> None:
    doc.heading(_("Agenda for the next Policy Forum meeting"))
    doc.raw("{%p for item in result.agenda %}")
    doc.heading("{{ loop.index }}. {{ item.title }}", 3, contents=False)
    doc.paragraph("{{ item.why }}")
    doc.raw("{%p endfor %}")


SOURCE = TemplateSource("programme_report", TITLE, body)
