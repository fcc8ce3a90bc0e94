"""Template source of the final policy briefing (stage 5), in English, German and Slovenian."""

from __future__ import annotations

from advisory.adapters.documents.house_style import TemplateBuilder
from advisory.adapters.documents.templates import TemplateSource
from advisory.domain.text import _

TITLE = _("Final policy briefing")

TEXT = {
    "en": {
        "summary": "Executive summary",
        "key_figures": "Key figures",
        "figure": "Figure",
        "value": "Value",
        "source": "Source",
        "recommendations": "Recommendations",
        "edited": "Edited by",
        "evidence": "Evidence",
        "practices_cited": "Good practice",
        "at_risk": "Check against the Do's and Don'ts: at risk for",
        "dos": "The eight Do's and Don'ts of modern cluster policy",
        "number": "No.",
        "do": "Do",
        "dont": "Don't",
        "status": "Status",
        "supported": "Supported by",
        "risk_in": "At risk in",
        "dos_caption": "Recommendations checked against the Do's and Don'ts",
        "library": "Good practices cited",
        "practice": "Practice",
        "where": "Where",
        "year": "Year",
        "chart_caption": "Importance and satisfaction of framework conditions",
        "generated": "Generated text of edited recommendations",
        "generated_intro": "The expert's edits are the approved version; the generated text is kept for the record.",
        "dropped": "Recommendations dropped by the expert",
        "unmatched": "Edits that matched no recommendation",
    },
    "de": {
        "summary": "Zusammenfassung",
        "key_figures": "Kennzahlen",
        "figure": "Kennzahl",
        "value": "Wert",
        "source": "Quelle",
        "recommendations": "Empfehlungen",
        "edited": "Bearbeitet von",
        "evidence": "Belege",
        "practices_cited": "Gute Praxis",
        "at_risk": "Prüfung anhand der Do's and Don'ts: gefährdet bei",
        "dos": "Die acht Do's and Don'ts moderner Clusterpolitik",
        "number": "Nr.",
        "do": "Do",
        "dont": "Don't",
        "status": "Status",
        "supported": "Unterstützt durch",
        "risk_in": "Gefährdet in",
        "dos_caption": "Empfehlungen geprüft anhand der Do's and Don'ts",
        "library": "Zitierte gute Praxis",
        "practice": "Praxis",
        "where": "Wo",
        "year": "Jahr",
        "chart_caption": "Bedeutung und Zufriedenheit je Rahmenbedingung",
        "generated": "Ursprünglicher Text bearbeiteter Empfehlungen",
        "generated_intro": "Die Bearbeitung durch die Expertin oder den Experten ist die freigegebene Fassung.",
        "dropped": "Von den Fachleuten gestrichene Empfehlungen",
        "unmatched": "Bearbeitungen ohne passende Empfehlung",
    },
    "sl": {
        "summary": "Povzetek",
        "key_figures": "Ključni podatki",
        "figure": "Podatek",
        "value": "Vrednost",
        "source": "Vir",
        "recommendations": "Priporočila",
        "edited": "Uredil(a)",
        "evidence": "Dokazi",
        "practices_cited": "Dobra praksa",
        "at_risk": "Preverjanje po načelih Do's and Don'ts: tveganje pri",
        "dos": "Osem načel sodobne politike grozdov (Do's and Don'ts)",
        "number": "Št.",
        "do": "Priporočeno",
        "dont": "Odsvetovano",
        "status": "Stanje",
        "supported": "Podpira",
        "risk_in": "Tveganje v",
        "dos_caption": "Priporočila, preverjena po načelih",
        "library": "Navedene dobre prakse",
        "practice": "Praksa",
        "where": "Kje",
        "year": "Leto",
        "chart_caption": "Pomen in zadovoljstvo po okvirnih pogojih",
        "generated": "Prvotno besedilo urejenih priporočil",
        "generated_intro": "Odobrena je različica, ki jo je uredil strokovnjak; prvotno besedilo je ohranjeno.",
        "dropped": "Priporočila, ki jih je strokovnjak izločil",
        "unmatched": "Urejanja brez ustreznega priporočila",
    },
}


def body(doc: TemplateBuilder) -> None:
    t = TEXT["en"]
    _summary(doc, t)
    _recommendations(doc, t)
    _principles(doc, t)
    _library(doc, t)
    _generated(doc, t)


def _summary(doc: TemplateBuilder, t: dict[str, str]) -> None:
    doc.heading(t["summary"])
    doc.paragraph("{{ result.summary.lead }}")
    doc.bullets("result.summary.points", "{{ item }}")
    doc.table(
        t["key_figures"],
        "result.summary.figures",
        [
            (t["figure"], "row.label"),
            (t["value"], "row.value|num(row.digits)"),
            ("", "row.unit"),
            (t["source"], "row.source"),
        ],
    )
    doc.page_break()


def _recommendations(doc: TemplateBuilder, t: dict[str, str]) -> None:
    doc.heading(t["recommendations"])
    doc.raw("{%p for rec in result.recommendations %}")
    doc.heading("{{ loop.index }}. {{ rec.title }}", 2, contents=False)
    doc.raw("{%p if rec.edited %}")
    doc.paragraph(t["edited"] + " {{ rec.edited_by }} ({{ rec.id }})", style="Caption")
    doc.raw("{%p endif %}")
    doc.paragraph("{{ rec.text }}")
    doc.paragraph(t["evidence"] + ":", style="Heading 4")
    doc.bullets(
        "rec.evidence",
        "{{ ev.stage }}: {{ ev.figure.label }} = {{ ev.figure.value|num(ev.figure.digits) }} "
        "{{ ev.figure.unit }} [{{ ev.figure.source }}]",
        var="ev",
    )
    doc.bullets("rec.good_practices", t["practices_cited"] + ": {{ gp.title }} ({{ gp.where }})", var="gp")
    doc.raw("{%p if rec.at_risk %}")
    doc.paragraph(
        t["at_risk"] + " {% for p in rec.at_risk %}{{ p.number }}. {{ p.do }}{% if not loop.last %}; "
        "{% endif %}{% endfor %}",
        style="Intense Quote",
    )
    doc.raw("{%p endif %}")
    doc.raw("{%p endfor %}")
    doc.raw("{%p if result.bottleneck_chart %}")
    doc.chart("result.bottleneck_chart", t["chart_caption"])
    doc.raw("{%p endif %}")


def _principles(doc: TemplateBuilder, t: dict[str, str]) -> None:
    doc.heading(t["dos"])
    doc.table(
        t["dos_caption"],
        "result.principles",
        [
            (t["number"], "row.number"),
            (t["do"], "row.do"),
            (t["dont"], "row.dont"),
            (t["status"], "row.status"),
            (t["supported"], "row.supported_by|length"),
            (t["risk_in"], "row.at_risk_in|join('; ')"),
        ],
    )


def _library(doc: TemplateBuilder, t: dict[str, str]) -> None:
    doc.heading(t["library"])
    doc.table(
        t["library"],
        "result.good_practices",
        [(t["practice"], "row.title"), (t["where"], "row.where"), (t["source"], "row.source"), (t["year"], "row.year")],
    )


def _generated(doc: TemplateBuilder, t: dict[str, str]) -> None:
    doc.raw("{%p if result.edited or result.dropped %}")
    doc.heading(t["generated"])
    doc.paragraph(t["generated_intro"])
    doc.table(
        t["generated"],
        "result.edited + result.dropped",
        [("ID", "row.id"), (t["recommendations"], "row.generated_title"), ("", "row.generated_text")],
    )
    doc.raw("{%p endif %}")


SOURCE = TemplateSource("policy_briefing", TITLE, body)
