"""Writes the demo survey submissions for the six regions (seeded, so the files never change).

Run from the project root: `PYTHONPATH=. python demo/surveys/generate.py`. Five regions get a CSV
in the intake format (several encodings and separators, as contacts really send them); Vzhodna
Slovenija gets the Excel workbook from `write_survey_workbook`, filled in with Slovenian labels.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import openpyxl

from advisory.adapters.region_profiles import load_regions
from advisory.domain.regions import RegionProfile
from advisory.stages.survey.instrument import Instrument, default_instrument, translate
from advisory.stages.survey.workbook import FIRST_DATA_ROW, write_survey_workbook

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SEED = 2026
# How each file is sent: (encoding, separator) for CSVs; None for the workbook.
CHANNELS = {
    "ES61": ("utf-8", ","),
    "SK04": ("utf-8-sig", ";"),
    "SI03": None,
    "HU33": ("utf-8-sig", ","),
    "DED2": ("utf-8", ";"),
    "PL21": ("cp1250", ";"),
}
# The conditions each region's respondents find hardest (a larger importance-satisfaction gap).
PAIN = {
    "ES61": ["market", "financial"],
    "SK04": ["financial", "knowledge"],
    "SI03": ["support", "market"],
    "HU33": ["cultural", "regulatory"],
    "DED2": ["knowledge", "industrial"],
    "PL21": ["regulatory", "financial"],
}
TEXTS = {
    "es": (
        [
            "Falta de financiación para pymes & start-ups en nuevos mercados",
            "Los clústeres apenas ofrecen servicios <internacionales>",
            "La burocracia de las ayudas: «demasiados papeles»",
            "Pocas conexiones con Portugal & Marruecos",
            "- acceso a ferias en el extranjero",
        ],
        [
            "Más misiones comerciales conjuntas",
            'Un programa "exporta con tu clúster" para micropymes',
            "Mentores en aeronáutica & agroalimentación",
            "Simplificar la justificación de las ayudas (< 3 meses)",
        ],
    ),
    "sk": (
        [
            "Málo rizikového kapitálu pre začínajúce firmy & startupy",
            "Slabé prepojenie univerzity a priemyslu <zatiaľ>",
            "Nedostatok IT špecialistov v Košiciach",
            "Zložité „dotácie“ s dlhým čakaním",
        ],
        [
            "Spoločné projekty klastra s fabrikami",
            "Voucher na inovácie pre mikropodniky & SZČO",
            "+ viac mentoringu pre startupy",
            "Kratšie lehoty pri grantoch (< 60 dní)",
        ],
    ),
    "sl": (
        [
            "Grozdi so zaprti za nove člane & mala podjetja",
            "Premalo podpore za prehod v krožno gospodarstvo <lesni sektor>",
            "Trg za »zelene« izdelke je še majhen",
            "Težko je najti kupce za reciklirane materiale",
        ],
        [
            "Več skupnih razvojnih projektov lesarjev & avtomobilske industrije",
            'Svetovanje za certifikate "eco"',
            "= bolj pregledni razpisi",
            "Mreženje s tujimi grozdi – Avstrija, Italija",
        ],
    ),
    "hu": (
        [
            "Az együttműködés helyett mindenki ugyanazokért a pályázatokért verseng",
            "Hiányzik a bizalom <cégek & egyetem>",
            "Lassú engedélyezés az élelmiszeriparban",
            "Kevés a „közös” projekt",
        ],
        [
            "Közös kutatási programok a Szegedi Tudományegyetemmel",
            "Klaszterek közötti együttműködés ösztönzése",
            "Egyszerűbb pályázatok & gyorsabb döntések",
            "@ klaszter: több képzés a kkv-knak",
        ],
    ),
    "de": (
        [
            "Zu wenig Fachkräfte für Mikroelektronik & Sensorik",
            "Der Cluster ist für kleine Firmen schwer zugänglich <Beitrag, Aufwand>",
            "Wenig Kontakt zwischen Maschinenbau und Chipherstellern",
            "Förderprogramme passen nicht zu „kleinen“ Projekten",
        ],
        [
            "Offene Projektformate für KMU aus anderen Branchen",
            'Matchmaking "Chips für den Mittelstand"',
            "Weiterbildung gemeinsam mit der TU Dresden",
            "Schnellere Förderentscheidungen (< 3 Monate) & weniger Bürokratie",
        ],
    ),
    "pl": (
        [
            "Zbyt wiele małych klastrów & brak współpracy",
            "Trudny dostęp do finansowania <dla MŚP>",
            "Przepisy zmieniają się zbyt często",
            "Brak partnerów w europejskich łańcuchach wartości",
        ],
        [
            "Wspólne misje zagraniczne klastrów",
            "Program „klaster europejski” dla firm z Krakowa",
            "- mniej biurokracji przy dotacjach",
            "Więcej szkoleń z zarządzania klastrem & jakości",
        ],
    ),
}


def responses(region: RegionProfile, instrument: Instrument, rng: random.Random) -> list[dict[str, object]]:
    rows = []
    for number in range(1, rng.randint(14, 18) + 1):
        rows.append(_response(region, instrument, rng, number))
    return rows


def _response(region: RegionProfile, instrument: Instrument, rng: random.Random, number: int) -> dict[str, object]:
    org_type = rng.choices(["firm", "cluster_organisation", "research", "public", "intermediary"], [10, 2, 2, 1, 1])[0]
    size = rng.choices(["micro", "small", "medium", "large"], [3, 4, 2, 1])[0]
    row: dict[str, object] = {
        "respondent_id": f"{region.code}-{number:03d}",
        "org_type": org_type,
        "size": size,
        "sector": rng.choice("CCCJMMGHQA"),
        "cluster_role": "manager"
        if org_type == "cluster_organisation"
        else rng.choice(["member", "member", "partner", "non_member"]),
        "employees": {
            "micro": rng.randint(1, 9),
            "small": rng.randint(10, 49),
            "medium": rng.randint(50, 249),
            "large": rng.randint(250, 3000),
        }[size],
        "internationalisation": rng.choices(
            ["none", "occasional", "regular", "core"], [4, 3, 2, 1] if size in ("micro", "small") else [1, 2, 3, 3]
        )[0],
        "partners": "|".join(
            rng.sample(
                ["other_sectors", "universities", "other_clusters", "public_bodies", "foreign_partners"],
                rng.randint(0, 3),
            )
        ),
        "excellence_label": rng.choice(["bronze", "silver", "none", "gold"])
        if org_type == "cluster_organisation"
        else "",
    }
    row["export_share"] = {
        "none": 0,
        "occasional": rng.randint(1, 15),
        "regular": rng.randint(10, 45),
        "core": rng.randint(40, 95),
    }[str(row["internationalisation"])]
    for question in (q for q in instrument.questions if q.kind == "likert_pair"):
        row.update(_ratings(question.code, PAIN[region.code], rng))
    obstacles, suggestions = TEXTS[region.language]
    row["main_obstacle"] = rng.choice(obstacles) if rng.random() < 0.7 else ""
    row["suggestions"] = rng.choice(suggestions) if rng.random() < 0.6 else ""
    return row


def _ratings(code: str, pain: list[str], rng: random.Random) -> dict[str, object]:
    if rng.random() < 0.06:  # "don't know": left empty
        return {f"{code}_importance": "", f"{code}_satisfaction": ""}
    importance = min(5, max(1, round(rng.gauss(4.2 if code in pain else 3.5, 0.8))))
    satisfaction = min(5, max(1, round(rng.gauss(2.0 if code in pain else 3.1, 0.9))))
    return {f"{code}_importance": importance, f"{code}_satisfaction": satisfaction}


def write_csv(region: RegionProfile, instrument: Instrument, rows: list[dict[str, object]], path: Path) -> None:
    encoding, separator = CHANNELS[region.code]
    columns = ["region", "instrument_version", *instrument.answer_columns]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=separator, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({"region": region.code, "instrument_version": instrument.version, **row})
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_workbook(region: RegionProfile, instrument: Instrument, rows: list[dict[str, object]], path: Path) -> None:
    """Fill the region's template as a contact would: dropdown labels in Slovenian, not codes."""
    write_survey_workbook(region, instrument, path)
    book = openpyxl.load_workbook(path)
    sheet = book["Responses"]
    columns = instrument.answer_columns
    for offset, row in enumerate(rows):
        for index, column in enumerate(columns, start=1):
            value = row.get(column, "")
            question = None if column == "respondent_id" else instrument.question(column)
            if question is not None and question.kind == "single" and value:
                value = question.option_label(str(value), region.language)
            sheet.cell(row=FIRST_DATA_ROW + offset, column=index, value=None if value == "" else value)
    book.save(path)


def main() -> None:
    regions = load_regions(ROOT / "regions")
    instrument = default_instrument()
    rng = random.Random(SEED)
    for code in CHANNELS:
        region = regions[code]
        rows = responses(region, instrument, rng)
        if CHANNELS[code] is None:
            write_workbook(region, instrument, rows, HERE / f"{code}.xlsx")
        else:
            write_csv(region, instrument, rows, HERE / f"{code}.csv")
        print(f"{code}: {len(rows)} responses ({translate(instrument.title, region.language)})")


if __name__ == "__main__":
    main()
