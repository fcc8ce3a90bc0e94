"""Opening a submitted survey file as a table of cells, refusing files that are not safe to read.

A CSV is decoded (UTF-8 with or without BOM, else Windows-1250/1252 by detection) and its
separator (`;` or `,`) taken from the header line. A workbook's zip container is checked before
openpyxl sees it (encrypted, corrupt, zip bomb), then read in read-only mode; formulas come back
as their text and are never evaluated.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from charset_normalizer import from_bytes

from advisory.uploaded_files import FileRefused, check_workbook_container

META_SHEET = "_meta"
RESPONSES_SHEET = "Responses"
SINGLE_BYTE_ENCODINGS = ["cp1250", "cp1252"]
csv.field_size_limit(1_000_000)


@dataclass
class Table:
    """Header cells and an iterator of (row number as the sender sees it, cells)."""

    header: list[str]
    rows: Iterator[tuple[int, list[Any]]]
    sheet: str | None = None
    metadata: dict[str, str] | None = None
    excel_columns: bool = False
    notes: list[str] = field(default_factory=list)


def read_table(data: bytes, filename: str) -> Table:
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if suffix == "csv":
        return read_csv(data)
    if suffix == "xlsx":
        return read_xlsx(data)
    raise FileRefused("unsupported_type")


# --- CSV ---------------------------------------------------------------------------------------
def decode_csv(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:65536]:
        raise FileRefused("binary_text")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000], cp_isolation=SINGLE_BYTE_ENCODINGS).best()
    if best is None or best.encoding not in SINGLE_BYTE_ENCODINGS:
        raise FileRefused("unknown_encoding")
    try:
        return data.decode(best.encoding)
    except UnicodeDecodeError as exc:
        raise FileRefused("unknown_encoding") from exc


def read_csv(data: bytes) -> Table:
    text = decode_csv(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [cell.strip() for cell in next(reader, [])]
    except csv.Error as exc:
        raise FileRefused("unreadable_csv", detail=str(exc)) from exc
    return Table(header=header, rows=_csv_rows(reader))


def _csv_rows(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[Any]]]:
    # Row numbers count records, as a spreadsheet shows them (1 = header), not physical lines.
    number = 1
    try:
        for number, row in enumerate(reader, start=2):  # noqa: B007
            yield number, list(row)
    except csv.Error as exc:
        raise FileRefused("unreadable_csv", detail=f"row {number + 1}: {exc}") from exc


# --- Excel -------------------------------------------------------------------------------------
def read_xlsx(data: bytes) -> Table:
    check_workbook_container(data)
    try:
        # data_only=False: a formula is read as its text, and Excel's cached result is not trusted.
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on damaged parts
        raise FileRefused("corrupt_workbook") from exc
    if META_SHEET not in book.sheetnames:
        book.close()
        raise FileRefused("no_metadata")
    metadata = _metadata(book)
    sheet_name = metadata.get("responses_sheet", RESPONSES_SHEET)
    if sheet_name not in book.sheetnames:
        book.close()
        raise FileRefused("no_metadata")
    rows = _xlsx_rows(book, sheet_name)
    _, header = next(rows, (1, []))
    first_data_row = int(metadata.get("first_data_row", "2") or 2)
    body = ((number, cells) for number, cells in rows if number >= first_data_row)
    header = ["" if cell is None else str(cell).strip() for cell in header]
    return Table(header=header, rows=body, sheet=sheet_name, metadata=metadata, excel_columns=True)


def _metadata(book: Any) -> dict[str, str]:
    try:
        pairs = book[META_SHEET].iter_rows(min_row=1, max_row=50, max_col=2, values_only=True)
        return {str(key).strip(): "" if value is None else str(value).strip() for key, value in pairs if key}
    except Exception as exc:
        book.close()
        raise FileRefused("corrupt_workbook") from exc


def _xlsx_rows(book: Any, sheet_name: str) -> Iterator[tuple[int, list[Any]]]:
    try:
        for number, cells in enumerate(book[sheet_name].iter_rows(values_only=True), start=1):
            yield number, list(cells)
    except Exception as exc:
        raise FileRefused("corrupt_workbook") from exc
    finally:
        book.close()
