"""Template source of the assessment report (stage 1), in English, German and Slovenian."""

from __future__ import annotations

from advisory.adapters.documents.house_style import TemplateBuilder
from advisory.adapters.documents.templates import TemplateSource
from advisory.domain.text import _

TITLE = _("Assessment report")

TEXT = {
    "en": {
        "region": "The region and its challenge",
        "challenge": "Challenge or opportunity named by the region:",
        "focus": "Focus industries",
        "themes": "Policy themes",
        "country": "Country context",
        "country_intro": "Summary Innovation Index of",
        "relative": "of the EU score of the same year; performance group",
        "trend": "change since",
        "points": "points",
        "no_country": "The European Innovation Scoreboard does not cover this country.",
        "strongest": "Strongest dimensions",
        "weakest": "Weakest dimensions",
        "dimension": "Dimension",
        "score": "Score (EU 2016 = 100)",
        "trend_caption": "Summary Innovation Index since 2016",
        "profile": "Regional profile",
        "profile_intro": "The region's latest value on each indicator, against the "
        "median of its country's regions and of all EU NUTS-2 regions in the same year.",
        "indicator": "Indicator",
        "year": "Year",
        "value": "Value",
        "unit": "Unit",
        "country_median": "Country median",
        "eu_median": "EU median",
        "percentile": "EU percentile",
        "profile_caption": "Regional indicators",
        "percentile_caption": "Position among EU regions",
        "stress": "Policy self-assessment (stress test)",
        "stress_intro": "Answered by",
        "condition": "Framework condition",
        "priority": "Policy priority",
        "standing": "Relative position",
        "stress_caption": "Policy priorities and measured position",
        "alignment_caption": "Priorities against position",
        "mismatches": "Where priorities and weaknesses do not match",
        "no_mismatch": "No mismatch was found.",
        "comment": "Comment of the policy makers:",
        "unmeasured": "Cultural, regulatory and support conditions have "
        "no regional indicator in the data used and are shown without a position.",
        "findings": "Expert findings from stakeholder interviews",
        "interviewees": "Interviewees",
    },
    "de": {
        "region": "Die Region und ihre Herausforderung",
        "challenge": "Von der Region genannte Herausforderung oder Chance:",
        "focus": "Schwerpunktbranchen",
        "themes": "Politische Themen",
        "country": "Nationaler Kontext",
        "country_intro": "Summary Innovation Index für",
        "relative": "des EU-Werts desselben Jahres; Leistungsgruppe",
        "trend": "Veränderung seit",
        "points": "Punkte",
        "no_country": "Das Europäische Innovationsranking deckt dieses Land nicht ab.",
        "strongest": "Stärkste Dimensionen",
        "weakest": "Schwächste Dimensionen",
        "dimension": "Dimension",
        "score": "Wert (EU 2016 = 100)",
        "trend_caption": "Summary Innovation Index seit 2016",
        "profile": "Regionales Profil",
        "profile_intro": "Der jüngste Wert der Region je Indikator im Vergleich "
        "zum Median der Regionen ihres Landes und aller NUTS-2-Regionen der EU im selben Jahr.",
        "indicator": "Indikator",
        "year": "Jahr",
        "value": "Wert",
        "unit": "Einheit",
        "country_median": "Median Land",
        "eu_median": "Median EU",
        "percentile": "EU-Perzentil",
        "profile_caption": "Regionale Indikatoren",
        "percentile_caption": "Position unter den EU-Regionen",
        "stress": "Politische Selbstbewertung (Stresstest)",
        "stress_intro": "Beantwortet von",
        "condition": "Rahmenbedingung",
        "priority": "Politische Priorität",
        "standing": "Relative Position",
        "stress_caption": "Politische Prioritäten und gemessene Position",
        "alignment_caption": "Prioritäten und Position",
        "mismatches": "Wo Prioritäten und Schwächen nicht übereinstimmen",
        "no_mismatch": "Keine Abweichung gefunden.",
        "comment": "Anmerkung der Politik:",
        "unmeasured": "Für kulturelle, regulatorische und unterstützende "
        "Rahmenbedingungen gibt es in den verwendeten Daten keinen regionalen Indikator.",
        "findings": "Ergebnisse der Stakeholder-Interviews",
        "interviewees": "Gesprächspartner",
    },
    "sl": {
        "region": "Regija in njen izziv",
        "challenge": "Izziv ali priložnost, ki jo je navedla regija:",
        "focus": "Prednostne panoge",
        "themes": "Teme politike",
        "country": "Nacionalni okvir",
        "country_intro": "Povzetni inovacijski indeks za",
        "relative": "vrednosti EU v istem letu; skupina uspešnosti",
        "trend": "sprememba od leta",
        "points": "točk",
        "no_country": "Evropski inovacijski semafor te države ne zajema.",
        "strongest": "Najmočnejše razsežnosti",
        "weakest": "Najšibkejše razsežnosti",
        "dimension": "Razsežnost",
        "score": "Vrednost (EU 2016 = 100)",
        "trend_caption": "Povzetni inovacijski indeks od leta 2016",
        "profile": "Regionalni profil",
        "profile_intro": "Zadnja vrednost regije pri vsakem kazalniku v primerjavi "
        "z mediano regij iste države in vseh regij NUTS-2 v EU v istem letu.",
        "indicator": "Kazalnik",
        "year": "Leto",
        "value": "Vrednost",
        "unit": "Enota",
        "country_median": "Mediana države",
        "eu_median": "Mediana EU",
        "percentile": "Percentil EU",
        "profile_caption": "Regionalni kazalniki",
        "percentile_caption": "Položaj med regijami EU",
        "stress": "Samoocena politike (stresni test)",
        "stress_intro": "Odgovoril(a)",
        "condition": "Okvirni pogoj",
        "priority": "Prednost v politiki",
        "standing": "Relativni položaj",
        "stress_caption": "Prednostne naloge politike in izmerjeni položaj",
        "alignment_caption": "Prednostne naloge in položaj",
        "mismatches": "Kje se prednostne naloge in slabosti ne ujemajo",
        "no_mismatch": "Neskladij ni bilo.",
        "comment": "Pripomba oblikovalcev politike:",
        "unmeasured": "Za kulturne, regulativne in podporne pogoje v uporabljenih podatkih ni regionalnega kazalnika.",
        "findings": "Ugotovitve strokovnjakov iz intervjujev z deležniki",
        "interviewees": "Sogovorniki",
    },
}


def body(doc: TemplateBuilder) -> None:
    t = TEXT["en"]
    _region(doc, t)
    _country(doc, t)
    _profile(doc, t)
    _stress_test(doc, t)
    _findings(doc, t)


def _region(doc: TemplateBuilder, t: dict[str, str]) -> None:
    doc.heading(t["region"])
    doc.paragraph(t["challenge"], style="Intense Quote")
    doc.paragraph("{{ result.challenge }}")
    doc.paragraph(
        t["focus"]
        + ": {{ region.focus_industries|join(', ') }}. "
        + t["themes"]
        + ": {{ region.policy_themes|join(', ') }}."
    )


def _country(doc: TemplateBuilder, t: dict[str, str]) -> None:
    doc.heading(t["country"])
    doc.raw("{%p if result.country %}")
    doc.paragraph(
        t["country_intro"] + " {{ result.country.country_name }} ({{ result.country.year }}): "
        "{{ result.country.sii|num(1) }}, {{ result.country.relative_to_eu|pct(1) }} "
        + t["relative"]
        + " {{ result.country.group }}; "
        + t["trend"]
        + " {{ result.country.first_year }}: "
        "{{ result.country.trend|num(1) }} " + t["points"] + "."
    )
    for key, rows in (("strongest", "result.country.strongest"), ("weakest", "result.country.weakest")):
        doc.table(t[key], rows, [(t["dimension"], "row.name"), (t["score"], "row.score|num(1)")])
    doc.chart("result.country.trend_chart", t["trend_caption"])
    doc.raw("{%p else %}")
    doc.paragraph(t["no_country"])
    doc.raw("{%p endif %}")


def _profile(doc: TemplateBuilder, t: dict[str, str]) -> None:
    doc.heading(t["profile"])
    doc.paragraph(t["profile_intro"])
    doc.table(
        t["profile_caption"],
        "result.indicators",
        [
            (t["indicator"], "row.name"),
            (t["unit"], "row.unit"),
            (t["year"], "row.year"),
            (t["value"], "row.value|num(1)"),
            (t["country_median"], "row.country_median|num(1)"),
            (t["eu_median"], "row.eu_median|num(1)"),
            (t["percentile"], "row.percentile|num(0)"),
        ],
    )
    doc.raw("{%p if result.percentile_chart %}")
    doc.chart("result.percentile_chart", t["percentile_caption"])
    doc.raw("{%p endif %}")


def _stress_test(doc: TemplateBuilder, t: dict[str, str]) -> None:
    doc.heading(t["stress"])
    doc.paragraph(t["stress_intro"] + " {{ result.stress_test.respondent }}, {{ result.stress_test.organisation }}.")
    doc.table(
        t["stress_caption"],
        "result.conditions",
        [
            (t["condition"], "row.label"),
            (t["priority"], "row.priority_label"),
            (t["percentile"], "row.percentile|num(0)"),
            (t["standing"], "row.standing"),
        ],
    )
    doc.paragraph(t["unmeasured"])
    doc.chart("result.alignment_chart", t["alignment_caption"])
    doc.heading(t["mismatches"], 2)
    doc.bullets("result.mismatches", "{{ item.text }}")
    doc.raw("{%p if not result.mismatches %}")
    doc.paragraph(t["no_mismatch"])
    doc.raw("{%p endif %}")
    doc.raw("{%p if result.stress_test.comment %}")
    doc.paragraph(t["comment"] + " “{{ result.stress_test.comment }}”")
    doc.raw("{%p endif %}")


def _findings(doc: TemplateBuilder, t: dict[str, str]) -> None:
    doc.heading(t["findings"])
    doc.raw("{%p for finding in result.findings %}")
    doc.heading("{{ finding.title }}", 2, contents=False)
    doc.raw("{%p for text in finding.paragraphs %}")
    doc.paragraph("{{ text }}")
    doc.raw("{%p endfor %}")
    doc.raw("{%p if finding.interviewees %}")
    doc.paragraph(t["interviewees"] + ": {{ finding.interviewees|join('; ') }}", style="Caption")
    doc.raw("{%p endif %}")
    doc.raw("{%p endfor %}")


SOURCE = TemplateSource("assessment_report", TITLE, body)
