"""Parsing a submitted survey file into validated responses, or refusing it whole with every problem.

`parse_survey_upload(data, filename, region, instrument)` is the one intake call behind the CLI,
the portal form and the demo: it returns the responses of an acceptable file, or raises
`UploadRejected` listing every problem (sheet, row, column, question, value, reason) in the
regional contact's language. It never writes anything; storing is the caller's job.

Two paths give the same responses and the same problems. The fast one works a column at a
time: each distinct value of a column (a survey has few: ratings, choices, sizes) is converted
once by the same `answer()` the careful path uses, and the rows whose cells all convert cleanly
are validated together in one call. Rows with a value that does not convert, a wrong region or
version, or a respondent reference that is missing, malformed or repeated take the careful path,
cell by cell, which locates and words every problem.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from openpyxl.utils import get_column_letter
from pydantic import BaseModel, TypeAdapter, ValidationError

from advisory.adapters.i18n import available_languages
from advisory.adapters.uploaded_files import Table, read_table, validation_problems
from advisory.domain.errors import FileRefused, Problem, UploadRejected
from advisory.domain.regions import RegionProfile
from advisory.domain.stages import StageContext
from advisory.stages.survey.instrument import Instrument, Question, default_instrument, response_model, translate

FILE_COLUMNS = ("region", "instrument_version")  # a CSV names its region and version on every row
_REFERENCE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_REFUSED = object()  # a value the fast path leaves to the careful one


class Invalid(Exception):
    """One answer that cannot be accepted; `code` names the message in the instrument."""

    def __init__(self, code: str, **values: Any) -> None:
        self.code, self.values = code, values
        super().__init__(code)


def survey_responses(
    data: bytes, filename: str, region: RegionProfile, ctx: StageContext
) -> list[tuple[str, BaseModel]]:
    """Input kind `survey_response`: one current response per respondent id."""
    instrument = default_instrument(ctx.instruments_dir)
    responses = parse_survey_upload(data, filename, region, instrument, language=ctx.language)
    return [(response.respondent_id, response) for response in responses]


def parse_survey_upload(
    data: bytes,
    filename: str,
    region: RegionProfile,
    instrument: Instrument,
    *,
    max_rows: int = 5000,
    language: str | None = None,
) -> list[BaseModel]:
    """`language`: of the problems listed (the region's by default; English where not translated)."""
    intake = _Intake(filename, region, instrument, language)
    try:
        with _collector_paused():
            table = read_table(data, filename)
            responses = intake.read(table, max_rows)
    except FileRefused as refused:
        intake.refuse(refused.code, **refused.values)
        responses = []
    if intake.problems:
        raise UploadRejected(intake.problems)
    return responses


def _normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def choice_codes(question: Question) -> dict[str, str]:
    """Every spelling a choice may arrive in (its code, its label in any language) -> its code."""
    spellings: dict[str, str] = {}
    for option in question.options:
        spellings[_normalised(option.code)] = option.code
        for language in available_languages():
            spellings.setdefault(_normalised(translate(option.label, language)), option.code)
    return spellings


def answer(question: Question, raw: Any, spellings: dict[str, str]) -> Any:
    """The typed answer of one cell, None when blank; raises Invalid with the reason."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return [] if question.kind == "multiple" else None
    if question.kind == "text":
        # Text is kept exactly as sent, formula-like or not; exports neutralise it (adapters/uploaded_files.py).
        text = raw.strip() if isinstance(raw, str) else str(raw)
        if len(text) > question.max_length:
            raise Invalid("too_long", limit=question.max_length)
        return text
    if isinstance(raw, str) and raw.strip().startswith("="):
        raise Invalid("formula")
    if question.kind == "likert_pair":
        return _rating(raw)
    if question.kind == "number":
        return _number(question, raw)
    if question.kind == "single":
        return _choice(question, str(raw), spellings)
    picked = [_choice(question, part, spellings) for part in re.split(r"[|;]", str(raw)) if part.strip()]
    return list(dict.fromkeys(picked))


_RATINGS = {text: int(text[0]) for text in ("1", "2", "3", "4", "5", "1.0", "2.0", "3.0", "4.0", "5.0")}


def _rating(raw: Any) -> int:
    rating = _RATINGS.get(raw.strip() if isinstance(raw, str) else "" if isinstance(raw, bool) else str(raw))
    if rating is None:
        raise Invalid("not_rating")
    return rating


def _number(question: Question, raw: Any) -> float | int:
    try:
        value = float(raw) if isinstance(raw, int | float) else float(str(raw).replace(" ", "").replace(",", "."))
    except ValueError as exc:
        raise Invalid("not_number") from exc
    if value != value or value in (float("inf"), float("-inf")):
        raise Invalid("not_number")
    if question.integer and not value.is_integer():
        raise Invalid("not_whole_number")
    low, high = question.minimum, question.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        raise Invalid("out_of_range", minimum=_shown(low), maximum=_shown(high))
    return int(value) if question.integer else value


def _shown(bound: float | None) -> str:
    return "" if bound is None else f"{bound:g}"


def _choice(question: Question, raw: str, spellings: dict[str, str]) -> str:
    code = spellings.get(_normalised(raw))
    if code is None:
        raise Invalid("unknown_option", options="; ".join(o.code for o in question.options))
    return code


class _Intake:
    """One upload being read: collects every problem, located as the sender sees the file."""

    def __init__(self, filename: str, region: RegionProfile, instrument: Instrument, language: str | None) -> None:
        self.filename, self.region, self.instrument = filename, region, instrument
        self.language = language or region.language
        self.problems: list[Problem] = []
        self.model = response_model(instrument)
        self.spellings = {q.code: choice_codes(q) for q in instrument.questions}
        # Worked out once per upload, not once per cell: every answer column with its question.
        self.plan = [(column, q, self.spellings[q.code]) for q in instrument.questions for column in q.columns]
        self.sheet: str | None = None

    def refuse(
        self,
        code: str,
        *,
        row: int | None = None,
        column: str | None = None,
        field: str | None = None,
        value: Any = None,
        **values: Any,
    ) -> None:
        shown = None if value is None else str(value)[:200]
        reason = self.instrument.message(code, self.language, **values)
        self.problems.append(
            Problem(
                file=self.filename, reason=reason, sheet=self.sheet, row=row, column=column, field=field, value=shown
            )
        )

    def read(self, table: Table, max_rows: int) -> list[BaseModel]:
        self.sheet = table.sheet
        if table.metadata is not None:
            self._check_file_identity(table.metadata.get("region", ""), table.metadata.get("instrument_version", ""))
        positions = self._check_header(table)
        if self.problems:
            return []
        responses = self._read_rows(table, positions, max_rows)
        if not responses and not self.problems:
            self.refuse("empty_file")
        return responses

    def right_identity(self, region: str, version: str) -> bool:
        return region.strip().upper() == self.region.code and version.strip() == self.instrument.version

    def _check_file_identity(self, region: str, version: str, row: int | None = None) -> bool:
        right = True
        if region.strip().upper() != self.region.code:
            self.refuse(
                "wrong_region", row=row, field="region", value=region, found=region or "?", expected=self.region.code
            )
            right = False
        if version.strip() != self.instrument.version:
            self.refuse(
                "wrong_version",
                row=row,
                field="instrument_version",
                value=version,
                found=version or "?",
                expected=self.instrument.version,
            )
            right = False
        return right

    def _check_header(self, table: Table) -> dict[str, int]:
        expected = list(self.instrument.answer_columns)
        if table.metadata is None:
            expected = [*FILE_COLUMNS, *expected]
        allowed = set(expected) | set(FILE_COLUMNS)
        positions: dict[str, int] = {}
        for index, name in enumerate(table.header):
            if not name and index >= len(expected):
                continue  # trailing empty header cells that spreadsheets like to add
            if name in positions:
                self.refuse("duplicate_column", row=1, column=self._column(table, index, name), value=name)
            elif name not in allowed:
                self.refuse("unknown_column", row=1, column=self._column(table, index, name), value=name)
            positions.setdefault(name, index)
        for name in expected:
            if name not in positions:
                self.refuse("missing_column", row=1, column=name, field=name)
        return positions

    @staticmethod
    def _column(table: Table, index: int, name: str) -> str:
        return get_column_letter(index + 1) if table.excel_columns else (name or f"#{index + 1}")

    def _read_rows(self, table: Table, positions: dict[str, int], max_rows: int) -> list[BaseModel]:
        if table.excel_columns:
            filled = ((number, cells) for number, cells in table.rows if not _blank(cells))
        else:  # a CSV's cells are all text: blank when joined they are only whitespace
            filled = ((number, cells) for number, cells in table.rows if "".join(cells).strip())
        records = list(itertools.islice(filled, max_rows))
        beyond = next(filled, None)
        if beyond is not None:
            self.refuse("too_many_rows", row=beyond[0], limit=max_rows)
        before = len(self.problems)
        fast = _FastPath(self, table, positions, records)
        responses: list[BaseModel | None] = []
        seen: dict[str, int] = {}
        wrong_identity: set[tuple[str, str]] = set()
        for index, (number, cells) in enumerate(records):
            if fast.takes(index, number, seen):
                responses.append(None)  # validated below, with every other clean row
            else:
                responses.append(self._read_row(table, positions, number, cells, seen, wrong_identity))
        try:
            fast.validate(responses)
        except ValidationError:  # a guard, as in the careful path: read the whole file the careful way
            del self.problems[before:]
            return self._read_rows_carefully(table, positions, records)
        return [response for response in responses if response is not None]

    def _read_rows_carefully(
        self, table: Table, positions: dict[str, int], records: list[tuple[int, list[Any]]]
    ) -> list[BaseModel]:
        seen: dict[str, int] = {}
        wrong_identity: set[tuple[str, str]] = set()
        responses = [self._read_row(table, positions, n, cells, seen, wrong_identity) for n, cells in records]
        return [response for response in responses if response is not None]

    def _read_row(
        self,
        table: Table,
        positions: dict[str, int],
        number: int,
        cells: list[Any],
        seen: dict[str, int],
        wrong_identity: set[tuple[str, str]],
    ) -> BaseModel | None:
        def cell(name: str) -> Any:
            index = positions[name]
            return cells[index] if index < len(cells) else None

        before = len(self.problems)
        identity = self._row_identity(table, cell, positions)
        if identity not in wrong_identity and not self._check_file_identity(*identity, row=number):
            wrong_identity.add(identity)
        values: dict[str, Any] = {"region": self.region.code, "instrument_version": self.instrument.version}
        values["respondent_id"] = self._reference(table, positions, number, cell("respondent_id"), seen)
        for column, question, spellings in self.plan:
            values[column] = self._answer(table, positions, number, question, column, cell(column), spellings)
        if len(self.problems) > before or identity in wrong_identity:
            return None
        return self._validated(number, values)

    def _row_identity(self, table: Table, cell: Any, positions: dict[str, int]) -> tuple[str, str]:
        metadata = table.metadata or {}
        region = cell("region") if "region" in positions else metadata.get("region", "")
        version = (
            cell("instrument_version") if "instrument_version" in positions else metadata.get("instrument_version", "")
        )
        return (str(region or "").strip(), _version_text(version))

    def _reference(
        self, table: Table, positions: dict[str, int], number: int, raw: Any, seen: dict[str, int]
    ) -> str | None:
        column = self._column(table, positions["respondent_id"], "respondent_id")
        text = _reference_text(raw)
        if not text:
            self.refuse("required", row=number, column=column, field="respondent_id")
        elif not _REFERENCE.match(text):
            self.refuse("bad_reference", row=number, column=column, field="respondent_id", value=text)
        elif text in seen:
            self.refuse(
                "duplicate_respondent",
                row=number,
                column=column,
                field="respondent_id",
                value=text,
                first_row=seen[text],
            )
        else:
            seen[text] = number
        return text

    def _answer(
        self,
        table: Table,
        positions: dict[str, int],
        number: int,
        question: Question,
        column: str,
        raw: Any,
        spellings: dict[str, str],
    ) -> Any:
        try:
            value = answer(question, raw, spellings)
        except Invalid as invalid:
            self.refuse(invalid.code, value=raw, **self._where(table, positions, number, column), **invalid.values)
            return None
        if question.required and (value is None or value == []):
            self.refuse("required", **self._where(table, positions, number, column))
        return value

    def _where(self, table: Table, positions: dict[str, int], number: int, column: str) -> dict[str, Any]:
        return {"row": number, "column": self._column(table, positions[column], column), "field": column}

    def _validated(self, number: int, values: dict[str, Any]) -> BaseModel | None:
        try:
            return self.model.model_validate(values)
        except ValidationError as exc:  # a guard: the checks above should have caught everything
            self.problems += [
                problem.model_copy(update={"sheet": self.sheet, "row": number})
                for problem in validation_problems(self.filename, exc)
            ]
            return None


class _FastPath:
    """The rows of an upload a column at a time: each distinct value converted once, clean rows validated together."""

    PENDING = object()

    def __init__(self, intake: _Intake, table: Table, positions: dict[str, int], records: list) -> None:
        self.intake = intake
        width = len(table.header)
        padded = [cells if len(cells) >= width else [*cells, *[None] * (width - len(cells))] for _, cells in records]
        columns = list(zip(*padded, strict=True)) if padded else [() for _ in range(width)]
        self.names = [column for column, _, _ in intake.plan]
        keyed = [_keyed(columns[positions[column]]) for column in self.names]
        memos = [
            _memo(keys, question, spellings) for keys, (_, question, spellings) in zip(keyed, intake.plan, strict=True)
        ]
        converted = [list(map(memo.__getitem__, keys)) for memo, keys in zip(memos, keyed, strict=True)]
        self.converted = converted
        self.careful = {
            index
            for memo, values in zip(memos, converted, strict=True)
            if _REFUSED in memo.values()  # only a column with a refused value is looked at cell by cell
            for index, value in enumerate(values)
            if value is _REFUSED
        }
        self.careful |= self._wrong_identities(table, columns, positions, len(records))
        self.references = [
            raw.strip() if raw.__class__ is str else _reference_text(raw) for raw in columns[positions["respondent_id"]]
        ]
        self.clean: list[int] = []

    def _wrong_identities(self, table: Table, columns: list[tuple], positions: dict[str, int], count: int) -> set[int]:
        metadata = table.metadata or {}

        def keys(name: str) -> tuple:
            return _keyed(columns[positions[name]]) if name in positions else (metadata.get(name, ""),) * count

        pairs = list(zip(keys("region"), keys("instrument_version"), strict=True))
        right = {pair: self.intake.right_identity(*map(_unkeyed, pair)) for pair in set(pairs)}
        if all(right.values()):
            return set()
        return {index for index, pair in enumerate(pairs) if not right[pair]}

    def takes(self, index: int, number: int, seen: dict[str, int]) -> bool:
        """Whether the row is clean; its reference is then taken, as the careful path would take it."""
        text = self.references[index]
        if index in self.careful or not text or text in seen or not _REFERENCE.match(text):
            return False
        seen[text] = number
        self.clean.append(index)
        return True

    def validate(self, responses: list[Any]) -> None:
        """Every clean row validated in one call, put in its place among the careful path's responses."""
        if not self.clean:
            return
        keys = ("region", "instrument_version", "respondent_id", *self.names)
        fixed = (itertools.repeat(self.intake.region.code), itertools.repeat(self.intake.instrument.version))
        rows = zip(*fixed, self.references, *self.converted)  # noqa: B905 (the repeats are endless)
        if len(self.clean) < len(self.references):
            taken = set(self.clean)
            rows = itertools.compress(rows, (index in taken for index in range(len(self.references))))
        # Built and validated without a Python-level step per row: dicts from zips, one validator call.
        values = list(map(dict, map(zip, itertools.repeat(keys), rows)))
        for index, response in zip(self.clean, _many(self.intake.model).validate_python(values), strict=True):
            responses[index] = response


def _memo(keys: tuple, question: Question, spellings: dict[str, str]) -> dict[Any, Any]:
    """Each distinct cell of a column converted once, by the careful path's `answer()`; refused ones marked."""
    memo: dict[Any, Any] = {}
    for key in set(keys):
        try:
            value = answer(question, _unkeyed(key), spellings)
        except Invalid:
            value = _REFUSED
        memo[key] = _REFUSED if question.required and (value is None or value == []) else value
    return memo


def _unkeyed(key: Any) -> Any:
    return key[1] if isinstance(key, tuple) else key


def _reference_text(raw: Any) -> str:
    """A respondent reference as text; a spreadsheet's 17.0 is the reference 17."""
    text = "" if raw is None else (str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw))
    return text.strip()


def _keyed(column: tuple) -> tuple:
    """The column's cells as keys of the conversion memo: text as it is; other values with their type, since
    1, 1.0 and True are equal keys to a dict but not the same answer."""
    if all(cell.__class__ is str or cell is None for cell in set(column)):
        return column
    return tuple(zip(map(type, column), column, strict=True))


@lru_cache(maxsize=16)
def _many(model: type[BaseModel]) -> TypeAdapter:
    return TypeAdapter(list[model])


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Nothing read from a file is cyclic garbage, yet the collector would scan the growing heap of cells again
    and again (half the time of a large upload); reference counting still frees what is dropped."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _blank(cells: list[Any]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _version_text(raw: Any) -> str:
    """'1', 1 and 1.0 (a spreadsheet's idea of the text "1") are the same version."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return "" if raw is None else str(raw).strip()


def receipt(responses: list[BaseModel], filename: str, region: RegionProfile, sha256: str = "") -> str:
    """What the contact reads after an accepted upload (the service adds when and by whom)."""
    references = ", ".join(str(getattr(r, "respondent_id", "?")) for r in responses[:10])
    more = f" and {len(responses) - 10} more" if len(responses) > 10 else ""
    digest = f"; file fingerprint {sha256[:12]}" if sha256 else ""
    return (
        f"Accepted {filename}: {len(responses)} responses for {region.name} ({region.code}) "
        f"— {references}{more}{digest}"
    )
