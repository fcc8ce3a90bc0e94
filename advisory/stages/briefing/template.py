"""Template source of the final policy briefing (stage 5); its words come from the reader's catalog."""

from __future__ import annotations

from advisory.adapters.documents.house_style import TemplateBuilder
from advisory.adapters.documents.templates import TemplateSource
from advisory.domain.documents import DOCUMENT_TITLES
from advisory.domain.text import _


def body(doc: TemplateBuilder) -> None:
    _summary(doc)
    _recommendations(doc)
    _partners(doc)
    _principles(doc)
    _library(doc)
    _generated(doc)


def _summary(doc: TemplateBuilder) -> None:
    doc.heading(_("Executive summary"))
    doc.paragraph("{{ result.summary.lead }}")
    doc.bullets("result.summary.points", "{{ item }}")
    doc.table(
        _("Key figures"),
        "result.summary.figures",
        [
            (_("Figure"), "row.label"),
            (_("Value"), "row.value|num(row.digits)"),
            ("", "row.unit"),
            (_("Source"), "(result.sources|selectattr('key', 'equalto', row.source)|first).dataset"),
        ],
    )


def _recommendations(doc: TemplateBuilder) -> None:
    doc.heading(_("Recommendations"), new_page=True)
    doc.raw("{%p for rec in result.recommendations %}")
    doc.heading("{{ loop.index }}. {{ rec.title }}", 2, contents=False)
    doc.raw("{%p if rec.edited %}")
    doc.paragraph(_("Edited by {person}", person="rec.edited_by"), style="Caption")
    doc.raw("{%p endif %}")
    doc.paragraph("{{ rec.text }}")
    doc.raw("{%p if rec.plan %}")
    doc.paragraph(_("The plan:"), style="Heading 4")
    doc.bullets("rec.plan", "{{ step.aspect }}: {{ step.text }}", var="step")
    doc.raw("{%p endif %}")
    doc.paragraph(_("Evidence:"), style="Heading 4")
    doc.bullets(
        "rec.evidence",
        "{{ ev.stage }}: {{ ev.figure.label }}: {{ ev.figure.value|num(ev.figure.digits) }} {{ ev.figure.unit }}"
        "{% if ev.figure.year %} ({{ ev.figure.year }}){% endif %}",
        var="ev",
    )
    doc.bullets(
        "rec.good_practices",
        _("Good practice: {title}", title="gp.name"),  # where it ran: in the table of practices cited
        var="gp",
    )
    doc.raw("{%p if rec.at_risk %}")
    doc.paragraph(
        _(
            "Check against the Do's and Don'ts: at risk for {principles}",
            principles="rec.at_risk|map(attribute='do')|join('; ')",
        ),
        style="Intense Quote",
    )
    doc.raw("{%p endif %}")
    doc.raw("{%p endfor %}")
    doc.raw("{%p if result.bottleneck_chart %}")
    doc.chart("result.bottleneck_chart", _("Importance and satisfaction of framework conditions"))
    doc.raw("{%p endif %}")


def _partners(doc: TemplateBuilder) -> None:
    doc.raw("{%p if result.possible_partners %}")
    doc.heading(_("Possible partners"))
    doc.paragraph(
        _(
            "Regions of Europe that suit {region} for joint projects or a European Strategic Cluster Partnership, "
            "as the observatory's partner search ranks them:",
            region="region.name",
        )
    )
    doc.raw("{%p for partner in result.possible_partners %}")
    doc.heading("{{ loop.index }}. {{ partner.name }} ({{ partner.code }})", 3, contents=False)
    doc.bullets("partner.reasons", "{{ reason }}", var="reason")
    doc.raw("{%p endfor %}")
    doc.raw("{%p endif %}")


def _principles(doc: TemplateBuilder) -> None:
    doc.heading(_("The eight Do's and Don'ts of modern cluster policy"))
    doc.table(
        _("Recommendations checked against the Do's and Don'ts"),
        "result.principles",
        [
            (_("No."), "row.number"),
            (_("Do"), "row.do"),
            (_("Don't"), "row.dont"),
            (_("Status"), "row.status_label"),
            (_("Supported by"), "row.supported_by|length"),
            (_("At risk in"), "row.at_risk_in|join('; ')"),
        ],
    )


def _library(doc: TemplateBuilder) -> None:
    doc.heading(_("Good practices cited"))
    doc.table(
        _("Good practices cited"),
        "result.good_practices",
        [
            (_("Practice"), "row.name"),
            (_("Where"), "row.places|join(', ')"),
            (_("Source"), "row.source"),
            (_("Year"), "row.year"),
        ],
    )


def _generated(doc: TemplateBuilder) -> None:
    doc.raw("{%p if result.edited or result.dropped %}")
    doc.heading(_("Generated text of edited recommendations"))
    doc.paragraph(_("The expert's edits are the approved version; the generated text is kept for the record."))
    doc.table(
        _("Generated text of edited recommendations"),
        "result.edited + result.dropped",
        [(_("Recommendations"), "row.generated_title"), ("", "row.generated_text")],
    )
    doc.raw("{%p endif %}")


SOURCE = TemplateSource("policy_briefing", DOCUMENT_TITLES["policy_briefing"], body)
