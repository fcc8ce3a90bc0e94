"""Opening files that outsiders send, safely: every check a file meets before its content is trusted.

Shared by every intake (survey files, peer reviews, self-assessments, findings, edits) and every
export, so a file is refused, and a cell neutralised, for the same reasons whichever channel it
came through: workbook containers (encrypted, corrupt, zip bombs), tables (CSV encodings and
separators, workbook sheets read without evaluating formulas), YAML without aliases, pydantic
errors as located problems, and formula-like cells neutralised on the way out.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import openpyxl
import yaml
from charset_normalizer import from_bytes
from pydantic import ValidationError

from advisory.domain.errors import FileRefused, Problem, UploadRejected

MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100  # xlsx parts compress 5-20x; far more means a crafted archive
MAX_ENTRIES = 2_000
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx and legacy .xls files
META_SHEET = "_meta"
RESPONSES_SHEET = "Responses"
SINGLE_BYTE_ENCODINGS = ["cp1250", "cp1252"]
# A cell starting with one of these is run as a formula by Excel and LibreOffice (CSV injection);
# tab and carriage return are on OWASP's list too, because some programs strip them first.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
csv.field_size_limit(1_000_000)


def check_workbook_container(data: bytes) -> None:
    """Refuse encrypted, corrupt and bomb-like archives before any XML is parsed."""
    if data.startswith(OLE2_SIGNATURE):
        raise FileRefused("encrypted_workbook")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise FileRefused("corrupt_workbook") from exc
    with archive:
        entries = archive.infolist()
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise FileRefused("encrypted_workbook")
    if not {"[Content_Types].xml", "xl/workbook.xml"} <= {entry.filename for entry in entries}:
        raise FileRefused("corrupt_workbook")
    unpacked = sum(entry.file_size for entry in entries)
    packed = max(sum(entry.compress_size for entry in entries), 1)
    if len(entries) > MAX_ENTRIES or unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_RATIO * packed:
        raise FileRefused("zip_bomb", limit=MAX_UNPACKED_BYTES // (1024 * 1024))


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases: nobody writes them by hand, and nested aliases
    ("billion laughs") turn a few hundred bytes into billions of values once validated."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not accepted", event.start_mark)
        return super().compose_node(parent, index)


def load_uploaded_yaml(data: bytes, filename: str) -> Any:
    """The YAML document in an uploaded file (UTF-8, BOM allowed), or UploadRejected saying why not."""
    try:
        return yaml.load(data.decode("utf-8-sig"), Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
    except UnicodeDecodeError as exc:
        raise UploadRejected(
            [Problem(file=filename, reason="not UTF-8 text; save the file as UTF-8 (in Excel: CSV UTF-8)")]
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        raise UploadRejected([Problem(file=filename, row=row, reason=yaml_reason(exc))]) from exc


# PyYAML's words for what is wrong, in the words of someone who edits the file by hand.
YAML_REASONS = (
    ("mapping values are not allowed", "a second ':' on one line; put text that holds ': ' in quotes"),
    ("could not find expected ':'", "a line that is not 'name: value' (or a '- ' list entry)"),
    ("cannot start any token", "a tab or a character YAML cannot begin with here; indent with spaces"),
    ("expected <block end>", "the indentation does not line up with the lines above"),
    ("found unexpected end of stream", "a quote or a bracket that is never closed"),
    ("did not find expected key", "the indentation does not line up with the lines above"),
    ("did not find expected", "a quote, bracket or list entry that is not closed or not lined up"),
    ("found duplicate anchor", "anchors (&name) are not accepted"),
    ("aliases", "aliases (*name) are not accepted"),
    ("unacceptable character", "a control character that text cannot hold"),
)


def yaml_reason(exc: yaml.YAMLError) -> str:
    """Why a YAML file cannot be read, with its line and column, in plain words."""
    problem = str(getattr(exc, "problem", None) or exc).strip()
    said = next((plain for raw, plain in YAML_REASONS if raw in problem), problem)
    mark = getattr(exc, "problem_mark", None)
    where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
    return f"not valid YAML: {said}{where}"


# --- tables (CSV and workbooks) ------------------------------------------------------------


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
        data = data[len(codecs.BOM_UTF8) :]
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
    first_data_row = _first_data_row(metadata, book)
    rows = _xlsx_rows(book, sheet_name)
    _, header = next(rows, (1, []))
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


def _first_data_row(metadata: dict[str, str], book: Any) -> int:
    """Where the answers start, as the template wrote it; a changed value refuses the file, never breaks it."""
    given = metadata.get("first_data_row", "") or "2"
    number = given.removesuffix(".0")  # a spreadsheet may turn 2 into 2.0
    if not (number.isascii() and number.isdigit() and 2 <= int(number) <= 1_000_000):
        book.close()
        raise FileRefused("bad_metadata", field="first_data_row", value=given)
    return int(number)


def _xlsx_rows(book: Any, sheet_name: str) -> Iterator[tuple[int, list[Any]]]:
    try:
        for number, cells in enumerate(book[sheet_name].iter_rows(values_only=True), start=1):
            yield number, list(cells)
    except Exception as exc:
        raise FileRefused("corrupt_workbook") from exc
    finally:
        book.close()


def validation_problems(filename: str, error: ValidationError, skip: str = "") -> list[Problem]:
    """A pydantic error as one located problem per field (the field named by its path), in plain words."""
    return [
        Problem(
            file=filename,
            field=".".join(str(p) for p in err["loc"]) or None,
            reason=plain_reason(err),
            value=None if isinstance(err.get("input"), dict | list) or err["type"] == "missing" else _shown(err),
        )
        for err in error.errors()
        if not skip or str(err["loc"][0]) != skip
    ]


def _shown(err: Any) -> str:
    return str(err.get("input"))[:200]


# pydantic's error types, said as a person checking the file would say them; {name} from the error's context.
PLAIN_REASONS = {
    "missing": "is missing; this field is required",
    "extra_forbidden": "is not a field this file has (check the spelling)",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "int_type": "must be a whole number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "decimal_parsing": "must be a number",
    "bool_parsing": "must be yes or no (true or false)",
    "bool_type": "must be yes or no (true or false)",
    "string_type": "must be text",
    "list_type": "must be a list (one '- ' entry per line)",
    "tuple_type": "must be a list (one '- ' entry per line)",
    "dict_type": "must be a group of 'name: value' fields",
    "model_type": "must be a group of 'name: value' fields",
    "model_attributes_type": "must be a group of 'name: value' fields",
    "date_parsing": "must be a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "must be a date written YYYY-MM-DD",
    "date_type": "must be a date written YYYY-MM-DD",
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
    "greater_than": "must be more than {gt}",
    "less_than": "must be less than {lt}",
    "string_too_short": "must have at least {min_length} characters",
    "string_too_long": "must have at most {max_length} characters",
    "too_short": "must have at least {min_length} entries",
    "too_long": "must have at most {max_length} entries",
    "literal_error": "must be one of {expected}",
    "enum": "must be one of {expected}",
    "string_pattern_mismatch": "is not written as expected (letters, digits and '-' only, in the given form)",
    "url_parsing": "must be a web address (https://...)",
}


def plain_reason(err: Any) -> str:
    """One pydantic error in plain words; a check written for people (`value_error`) keeps its own words."""
    if err["type"] in ("value_error", "assertion_error"):
        return str(err["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    template = PLAIN_REASONS.get(err["type"])
    if template is None:
        return str(err["msg"])
    try:
        return template.format(**(err.get("ctx") or {}))
    except (KeyError, IndexError):
        return str(err["msg"])


def neutralised(cell: Any) -> Any:
    """The cell as it is safe to export: formula-like text gets a leading apostrophe."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell
