"""Hostile uploads get a clear error and nothing else; each test makes a real file."""

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from advisory.adapters.region_profiles import load_regions
from advisory.adapters.uploaded_files import MAX_UNPACKED_BYTES, META_SHEET, neutralised
from advisory.domain.errors import UploadRejected
from advisory.stages.survey.instrument import default_instrument
from advisory.stages.survey.parse import parse_survey_upload
from advisory.stages.survey.workbook import FIRST_DATA_ROW, write_survey_workbook

INSTRUMENT = default_instrument()
REGIONS = load_regions(Path("regions"))
REGION = REGIONS["DED2"]  # German messages
COLUMNS = ["region", "instrument_version", *INSTRUMENT.answer_columns]
ANSWERS = {
    "region": "DED2",
    "instrument_version": "1",
    "org_type": "firm",
    "size": "small",
    "sector": "C",
    "cluster_role": "member",
    "internationalisation": "none",
}


def reasons(data: bytes, filename: str, **options) -> list[str]:
    with pytest.raises(UploadRejected) as caught:
        parse_survey_upload(data, filename, REGION, INSTRUMENT, **options)
    return [problem.reason for problem in caught.value.problems]


def filled_workbook(tmp_path: Path, rows: list[dict]) -> Path:
    path = write_survey_workbook(REGION, INSTRUMENT, tmp_path / "umfrage.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Responses"]
    for offset, answers in enumerate(rows):
        for index, column in enumerate(INSTRUMENT.answer_columns, start=1):
            sheet.cell(row=FIRST_DATA_ROW + offset, column=index, value=answers.get(column))
    book.save(path)
    return path


def test_a_corrupt_workbook_is_refused(tmp_path):
    path = filled_workbook(tmp_path, [ANSWERS | {"respondent_id": "a"}])
    data = path.read_bytes()
    assert reasons(data[: len(data) // 2], "umfrage.xlsx") == [
        "Die Arbeitsmappe ist beschädigt und kann nicht geöffnet werden."
    ]
    assert reasons(b"this is not a zip at all", "umfrage.xlsx")[0].startswith("Die Arbeitsmappe ist beschädigt")


def test_a_damaged_sheet_inside_a_sound_zip_is_refused(tmp_path):
    path = filled_workbook(tmp_path, [ANSWERS | {"respondent_id": "a"}])
    broken = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            target.writestr(entry, data[:200] if entry.filename.startswith("xl/worksheets/sheet2") else data)
    assert reasons(broken.getvalue(), "umfrage.xlsx") == [
        "Die Arbeitsmappe ist beschädigt und kann nicht geöffnet werden."
    ]


def test_a_password_protected_workbook_is_refused():
    # Excel saves a password-protected workbook as an OLE2 compound file around the encrypted package.
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096
    assert "kennwortgeschützt" in reasons(ole2, "umfrage.xlsx")[0]


def test_a_zip_with_encrypted_entries_is_refused():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as target:
        for name in ("[Content_Types].xml", "xl/workbook.xml"):
            target.writestr(name, b"<x/>")
    # zipfile cannot write encrypted entries: set the "encrypted" bit in each central directory record.
    data = bytearray(archive.getvalue())
    start = data.find(b"PK\x01\x02")
    while start != -1:
        data[start + 8] |= 0x1
        start = data.find(b"PK\x01\x02", start + 4)
    assert "kennwortgeschützt" in reasons(bytes(data), "umfrage.xlsx")[0]


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("[Content_Types].xml", "<Types/>")
        target.writestr("xl/workbook.xml", "<workbook/>")
        target.writestr("xl/worksheets/sheet1.xml", b"\x00" * (MAX_UNPACKED_BYTES + 1))
    assert len(archive.getvalue()) < 200_000
    assert reasons(archive.getvalue(), "umfrage.xlsx")[0].startswith(
        "Die Arbeitsmappe entpackt sich auf mehr als 50 MB"
    )


def test_a_hundred_thousand_rows_stop_at_the_row_limit():
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(ANSWERS | {"respondent_id": f"r{i}"} for i in range(100_000))
    found = reasons(buffer.getvalue().encode(), "antworten.csv", max_rows=5000)
    assert found == [
        "Die Datei enthält mehr als 5000 Antworten; darüber hinaus wurde nichts gelesen. "
        "Bitte teilen Sie die Datei auf oder wenden Sie sich an die Beobachtungsstelle."
    ]


def test_formula_cells_in_a_workbook_are_kept_as_text_and_never_evaluated(tmp_path):
    texts = ["=1+1", "=cmd|' /C calc'!A0", "+49 351 123", "-weniger Bürokratie", "@SUM(A1:A2)"]
    path = filled_workbook(
        tmp_path, [ANSWERS | {"respondent_id": f"r{i}", "main_obstacle": t} for i, t in enumerate(texts)]
    )
    responses = parse_survey_upload(path.read_bytes(), "umfrage.xlsx", REGION, INSTRUMENT)
    assert [r.main_obstacle for r in responses] == texts


def test_exports_neutralise_formula_like_cells_tab_and_carriage_return_included():
    cells = ["=1+1", "+4", "-x", "@A1", "\tx", "\r=1", "plain", 3]
    assert [neutralised(c) for c in cells] == ["'=1+1", "'+4", "'-x", "'@A1", "'\tx", "'\r=1", "plain", 3]


def test_a_workbook_for_another_region_is_refused(tmp_path):
    path = write_survey_workbook(REGIONS["SI03"], INSTRUMENT, tmp_path / "si.xlsx")
    assert reasons(path.read_bytes(), "si.xlsx") == ["Diese Datei gehört zur Region SI03, nicht zu DED2."]


def test_a_workbook_of_another_instrument_version_is_refused(tmp_path):
    path = filled_workbook(tmp_path, [ANSWERS | {"respondent_id": "a"}])
    book = openpyxl.load_workbook(path)
    book[META_SHEET]["B3"] = "0"
    book.save(path)
    assert reasons(path.read_bytes(), "umfrage.xlsx")[0].startswith("Diese Datei wurde mit Fragebogenversion 0")


def test_a_workbook_without_the_survey_sheet_is_refused(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["respondent_id", "org_type"])
    book.save(tmp_path / "eigene.xlsx")
    assert reasons((tmp_path / "eigene.xlsx").read_bytes(), "eigene.xlsx")[0].startswith("Der Arbeitsmappe fehlt")


def test_unknown_and_missing_columns_in_a_workbook_are_located_by_letter(tmp_path):
    path = filled_workbook(tmp_path, [ANSWERS | {"respondent_id": "a"}])
    book = openpyxl.load_workbook(path)
    book["Responses"]["B1"] = "lieblingsfarbe"
    book.save(path)
    with pytest.raises(UploadRejected) as caught:
        parse_survey_upload(path.read_bytes(), "umfrage.xlsx", REGION, INSTRUMENT)
    located = {(p.column, p.reason) for p in caught.value.problems}
    assert located == {("B", "Diese Spalte gehört nicht zur Umfrage."), ("org_type", "Diese Spalte fehlt.")}


def test_a_yaml_upload_with_nested_aliases_is_refused_before_it_expands():
    from advisory.adapters.uploaded_files import load_uploaded_yaml
    from advisory.domain.errors import UploadRejected

    laughs = b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        laughs += f"{level}: &{level} [*{previous},*{previous},*{previous},*{previous},*{previous}]\n".encode()
    with pytest.raises(UploadRejected, match="aliases"):
        load_uploaded_yaml(laughs, "findings.yaml")


def test_a_yaml_upload_with_plain_text_and_ampersands_is_read_as_written():
    from advisory.adapters.uploaded_files import load_uploaded_yaml

    assert load_uploaded_yaml("title: R&D & <Größe>\n".encode(), "f.yaml") == {"title": "R&D & <Größe>"}
