"""The Excel workbook a regional contact fills in: instructions, one column per question, dropdowns.

Row 1 of the responses sheet holds the column codes the parser reads; row 2 the questions in the
region's language (help text as cell comments); answers start in row 3. A hidden sheet carries
the region code and instrument version, so a file sent for the wrong region or an old version
is refused at intake.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from advisory.adapters.uploaded_files import META_SHEET, RESPONSES_SHEET
from advisory.domain.regions import RegionProfile
from advisory.stages.survey.instrument import Instrument, Question, translate

FIRST_DATA_ROW = 3
LAST_DATA_ROW = 502  # validations cover 500 answer rows
LISTS_SHEET = "_lists"
BRAND = "1F3A5F"
QUESTION_FILL = PatternFill("solid", fgColor="D9DEE5")


def write_survey_workbook(
    region: RegionProfile, instrument: Instrument, path: Path, language: str | None = None
) -> Path:
    """Write the region's survey workbook to `path` (instructions in the region's language)."""
    language = language or region.language
    book = Workbook()
    _instructions(book.active, region, instrument, language)
    responses = book.create_sheet(RESPONSES_SHEET)
    lists = book.create_sheet(LISTS_SHEET)
    _responses(responses, lists, instrument, language)
    _metadata(book.create_sheet(META_SHEET), region, instrument, language)
    lists.sheet_state = "hidden"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _instructions(sheet: Worksheet, region: RegionProfile, instrument: Instrument, language: str) -> None:
    sheet.title = instrument.label("instructions", language)[:31]
    sheet["A1"] = translate(instrument.title, language)
    sheet["A1"].font = Font(size=16, bold=True, color=BRAND)
    sheet["A2"] = f"{region.name} ({region.code})"
    sheet["A2"].font = Font(size=12, bold=True)
    sheet["A3"] = f"{instrument.label('deadline', language)}: {region.survey.deadline.isoformat()}"
    texts = instrument.instructions_in(language)
    for offset, text in enumerate(texts, start=5):
        sheet.cell(row=offset, column=1, value=f"{offset - 4}. {text}").alignment = Alignment(wrap_text=True)
    row = len(texts) + 6
    sheet.cell(row=row, column=1, value=f"{instrument.label('version', language)}: {instrument.version}")
    sheet.column_dimensions["A"].width = 110


def _responses(sheet: Worksheet, lists: Worksheet, instrument: Instrument, language: str) -> None:
    columns = instrument.answer_columns
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        code_cell = sheet.cell(row=1, column=index, value=column)
        code_cell.font = Font(color="FFFFFF", bold=True, size=8)
        code_cell.fill = PatternFill("solid", fgColor=BRAND)
        label = sheet.cell(row=2, column=index, value=instrument.column_label(column, language))
        label.fill, label.font = QUESTION_FILL, Font(bold=True, size=9)
        label.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[letter].width = 16 if column != "respondent_id" else 20
        if column != "respondent_id":
            question = instrument.question(column)
            _help(label, question, language)
            _validation(sheet, lists, question, letter, index, language)
    sheet.row_dimensions[2].height = 90
    sheet.freeze_panes = "B3"


def _help(cell, question: Question, language: str) -> None:  # noqa: ANN001 - an openpyxl cell
    if question.help:
        cell.comment = Comment(translate(question.help, language), "Cluster Observatory")


def _validation(sheet: Worksheet, lists: Worksheet, question: Question, letter: str, index: int, language: str) -> None:
    """Dropdowns for ratings and single choices, bounds for numbers, a length cap for text."""
    cells = f"{letter}{FIRST_DATA_ROW}:{letter}{LAST_DATA_ROW}"
    if question.kind == "likert_pair":
        rule = DataValidation(type="whole", operator="between", formula1="1", formula2="5")
    elif question.kind == "single":
        labels = [translate(option.label, language) for option in question.options]
        for row, label in enumerate(labels, start=1):
            lists.cell(row=row, column=index, value=label)
        rule = DataValidation(type="list", formula1=f"={LISTS_SHEET}!${letter}$1:${letter}${len(labels)}")
    elif question.kind == "number":
        rule = DataValidation(
            type="whole" if question.integer else "decimal",
            operator="between",
            formula1=f"{question.minimum:g}",
            formula2=f"{question.maximum:g}",
        )
    elif question.kind == "text":
        rule = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(question.max_length))
        sheet.column_dimensions[letter].width = 40
    else:
        return  # several answers in one cell cannot be a dropdown; the instructions explain "|"
    rule.showErrorMessage = True
    rule.error = translate(question.text, language)[:255]
    rule.add(cells)
    sheet.add_data_validation(rule)


def _metadata(sheet: Worksheet, region: RegionProfile, instrument: Instrument, language: str) -> None:
    for row, (key, value) in enumerate(
        (
            ("region", region.code),
            ("instrument", instrument.id),
            ("instrument_version", instrument.version),
            ("language", language),
            ("responses_sheet", RESPONSES_SHEET),
            ("first_data_row", str(FIRST_DATA_ROW)),
        ),
        start=1,
    ):
        sheet.cell(row=row, column=1, value=key)
        sheet.cell(row=row, column=2, value=value)
    sheet.sheet_state = "hidden"
