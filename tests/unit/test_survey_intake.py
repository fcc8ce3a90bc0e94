"""Reading survey CSVs: encodings, separators, choices by label, and every problem listed at once."""

import codecs
import csv
import io
from pathlib import Path

import pytest

from advisory.adapters.region_profiles import load_regions
from advisory.domain.errors import UploadRejected
from advisory.stages.survey.instrument import default_instrument
from advisory.stages.survey.parse import parse_survey_upload

INSTRUMENT = default_instrument()
REGIONS = load_regions(Path("regions"))
COLUMNS = ["region", "instrument_version", *INSTRUMENT.answer_columns]


def row(respondent_id: str = "acme-1", region: str = "SI03", **answers) -> dict:
    base = {
        "region": region,
        "instrument_version": "1",
        "respondent_id": respondent_id,
        "org_type": "firm",
        "size": "small",
        "sector": "C",
        "cluster_role": "member",
        "internationalisation": "none",
        "market_importance": "4",
        "market_satisfaction": "2",
        "main_obstacle": "Premalo podpore & <birokracija> za »zelene« izdelke, čž",
    }
    return base | answers


def csv_bytes(rows: list[dict], *, delimiter: str = ",", encoding: str = "utf-8", columns=COLUMNS) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def parse(data: bytes, region: str = "SI03", filename: str = "answers.csv", **options):
    return parse_survey_upload(data, filename, REGIONS[region], INSTRUMENT, **options)


def rejected(data: bytes, region: str = "SI03", filename: str = "answers.csv", **options) -> list:
    with pytest.raises(UploadRejected) as caught:
        parse(data, region, filename, **options)
    return caught.value.problems


def test_accepts_a_valid_csv_and_keeps_free_text_verbatim():
    [response] = parse(csv_bytes([row()]))
    assert response.respondent_id == "acme-1" and response.market_importance == 4
    assert response.main_obstacle == "Premalo podpore & <birokracija> za »zelene« izdelke, čž"


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [
        ("utf-8", ","),
        ("utf-8-sig", ";"),
        ("cp1250", ";"),
        ("cp1250", ","),
    ],
)
def test_reads_utf8_with_or_without_bom_and_windows_1250_with_either_separator(encoding, delimiter):
    [response] = parse(csv_bytes([row()], encoding=encoding, delimiter=delimiter))
    assert response.main_obstacle.endswith("izdelke, čž")


def test_reads_windows_1252_german_text():
    data = csv_bytes(
        [row(region="DED2", main_obstacle="Zu wenig Fachkräfte für Größere Projekte & Förderung")],
        encoding="cp1252",
        delimiter=";",
    )
    [response] = parse(data, "DED2")
    assert response.main_obstacle == "Zu wenig Fachkräfte für Größere Projekte & Förderung"


def test_refuses_utf16_clearly():
    problems = rejected(codecs.BOM_UTF16_LE + csv_bytes([row()]).decode().encode("utf-16-le"))
    assert "CSV UTF-8" in problems[0].reason


def test_choices_may_be_given_by_label_in_any_language_and_several_with_a_bar():
    [response] = parse(
        csv_bytes(
            [
                row(
                    org_type="Grozdna organizacija",
                    size="klein (10-49)",
                    partners="Universities and research organisations | Drugi grozdi",
                )
            ]
        )
    )
    assert (response.org_type, response.size) == ("cluster_organisation", "small")
    assert response.partners == ["universities", "other_clusters"]


def test_numbers_accept_a_decimal_comma():
    [response] = parse(csv_bytes([row(export_share="12,5", employees="40")]))
    assert response.export_share == 12.5 and response.employees == 40


def test_lists_every_problem_in_the_contacts_language():
    data = csv_bytes(
        [
            row("a", market_importance="7", org_type="bakery"),
            row("b", size="", export_share="lots"),
            row("a", employees="2.5"),
        ]
    )
    problems = rejected(data)
    found = {(p.row, p.field): p.reason for p in problems}
    assert found[(2, "market_importance")] == "Vnesite celo število od 1 do 5."
    assert found[(2, "org_type")].startswith("Ni med dovoljenimi odgovori")
    assert found[(3, "size")] == "Odgovor je obvezen."
    assert found[(3, "export_share")] == "Vnesite število."
    assert found[(4, "respondent_id")] == "Ta oznaka anketiranca je že uporabljena v vrstici 2."
    assert found[(4, "employees")] == "Vnesite celo število."
    assert len(problems) == 6
    assert next(p for p in problems if p.field == "org_type").value == "bakery"


def test_messages_are_in_german_for_a_german_region():
    problems = rejected(csv_bytes([row(region="DED2", market_importance="9")]), "DED2")
    assert problems[0].reason == "Bitte eine ganze Zahl von 1 bis 5 eingeben."


def test_refuses_a_file_for_another_region_once():
    problems = rejected(csv_bytes([row("a", region="DED2"), row("b", region="DED2")]))
    assert [p.reason for p in problems] == ["Ta datoteka je za regijo DED2, ne za SI03."]


def test_refuses_a_different_instrument_version():
    problems = rejected(csv_bytes([row(instrument_version="0.9")]))
    assert "0.9" in problems[0].reason and problems[0].field == "instrument_version"


def test_refuses_unknown_and_missing_columns_all_at_once():
    columns = [c for c in COLUMNS if c not in ("market_importance", "sector")] + ["favourite_colour"]
    problems = rejected(csv_bytes([row() | {"favourite_colour": "blue"}], columns=columns))
    assert {(p.column, p.reason) for p in problems} == {
        ("favourite_colour", "Ta stolpec ni del ankete."),
        ("market_importance", "Ta stolpec manjka."),
        ("sector", "Ta stolpec manjka."),
    }


def test_refuses_an_empty_file_and_a_file_of_only_a_header():
    assert rejected(csv_bytes([]))[0].reason == "Datoteka ne vsebuje odgovorov."


def test_refuses_other_file_types():
    assert rejected(b"%PDF-1.4", filename="answers.pdf")[0].reason.startswith("Sprejemamo samo")


def test_formula_like_text_is_stored_as_text():
    texts = ['=HYPERLINK("http://evil")', "+1+2", "-more grants", "@SUM(A1)"]
    responses = parse(csv_bytes([row(f"r{i}", main_obstacle=text) for i, text in enumerate(texts)]))
    assert [r.main_obstacle for r in responses] == texts


def test_a_formula_in_a_rating_is_refused():
    assert rejected(csv_bytes([row(market_importance="=2+2")]))[0].reason.startswith("Formule tukaj niso dovoljene")
