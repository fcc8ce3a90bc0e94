"""The stage's inputs as workbooks, and reading them back: the policy self-assessment (stress test) the regional
policy-maker fills in, and the findings of the expert's stakeholder interviews.

One sheet, one question per row: column A holds the field the answer goes to (what the parser
reads), column B the question in the region's language, column C the answer (a dropdown of 0-3
for the priorities and the two policy questions). A hidden sheet carries the region and the form,
so a workbook sent for another region or another form is refused at intake.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from advisory.adapters.i18n import translator
from advisory.adapters.uploaded_files import META_SHEET, neutralised, read_xlsx
from advisory.domain.conditions import TOPICS
from advisory.domain.errors import FileRefused, Problem, UploadRejected
from advisory.domain.regions import RegionProfile
from advisory.domain.text import Msg, _
from advisory.stages.assessment.conditions import PRIORITY_LEVELS, SCALE_FIELDS, STRESS_TEST_FIELDS

FORM = "stress_test"
SHEET = "Self-assessment"
FIRST_ROW = 3
BRAND = "1F3A5F"


def write_stress_test_workbook(
    region: RegionProfile, path: Path, language: str | None = None, answers: dict[str, Any] | None = None
) -> Path:
    """Write the region's self-assessment workbook (in the region's language unless told), pre-filled with
    `answers` (field -> value) where given."""
    words = translator(language or region.language)
    answers = answers or {}
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet["A1"] = words.text(
        _("European Stress Test for Cluster Policy: policy self-assessment of {region}", region=region.name)
    )
    sheet["A1"].font = Font(bold=True, size=13, color=BRAND)
    scale = "; ".join(f"{level} = {words.text(label)}" for level, label in PRIORITY_LEVELS.items())
    sheet["A2"] = words.text(_("Answer in column C. Scale for priorities and policy questions: {scale}", scale=scale))
    sheet["A2"].alignment = Alignment(wrap_text=True)
    header = ("field", words.text(_("Question")), words.text(_("Answer")))
    for column, text in enumerate(header, start=1):
        cell = sheet.cell(row=FIRST_ROW, column=column, value=text)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=BRAND)
    levels = DataValidation(type="list", formula1='"0,1,2,3"', allow_blank=True, showErrorMessage=True)
    levels.error = words.text(_("A whole number from 0 to 3"))
    sheet.add_data_validation(levels)
    for row, (field, question) in enumerate(STRESS_TEST_FIELDS.items(), start=FIRST_ROW + 1):
        sheet.cell(row=row, column=1, value=field).font = Font(color="888888", size=8)
        sheet.cell(row=row, column=2, value=words.text(question)).alignment = Alignment(wrap_text=True)
        answer = sheet.cell(row=row, column=3, value=neutralised(answers.get(field)))
        answer.alignment = Alignment(wrap_text=True)
        if field in SCALE_FIELDS:
            levels.add(answer.coordinate)
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 70
    sheet.column_dimensions["C"].width = 40
    meta = book.create_sheet(META_SHEET)
    for key, value in (("region", region.code), ("form", FORM), ("responses_sheet", SHEET), ("first_data_row", 4)):
        meta.append([key, value])
    meta.sheet_state = "hidden"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def read_stress_test_workbook(data: bytes, filename: str) -> tuple[dict[str, Any], dict[str, int]]:
    """The answers in a returned workbook, shaped as the YAML self-assessment is (region, priorities ...), and
    the row of each field, so a problem names the row the sender sees."""
    table = read_xlsx(data)
    metadata = table.metadata or {}
    if metadata.get("form", FORM) != FORM:
        raise FileRefused("wrong_form", value=metadata.get("form", ""))
    answers: dict[str, Any] = {}
    problems: list[Problem] = []
    rows: dict[str, int] = {}
    for number, cells in table.rows:
        field = str(cells[0]).strip() if cells and cells[0] is not None else ""
        value = cells[2] if len(cells) > 2 else None
        if not field:
            continue
        rows[field] = number
        if field not in STRESS_TEST_FIELDS:
            problems.append(
                Problem(file=filename, sheet=table.sheet, row=number, column="A", value=field, reason="unknown field")
            )
            continue
        answers[field] = value
    if problems:
        raise UploadRejected(problems)
    return self_assessment(metadata.get("region", ""), answers), rows


def self_assessment(region: str, answers: dict[str, Any]) -> dict[str, Any]:
    """Answers by field (the workbook's rows, the web form's inputs) shaped as the YAML self-assessment is
    (region, priorities ...); empty answers left out, levels as numbers where they are numbers."""
    raw: dict[str, Any] = {"region": region, "priorities": {}}
    for field, value in answers.items():
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        value = _level(value) if field in SCALE_FIELDS else str(value).strip()
        if field.startswith("priorities."):
            raw["priorities"][field.removeprefix("priorities.")] = value
        else:
            raw[field] = value
    return raw


def _level(value: Any) -> Any:
    """0-3 as a number where the cell holds one (3, 3.0, "3", "3 – high"); else as given, for the parser to name."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float) and float(value).is_integer():
        return int(value)
    text = str(value).strip()
    head = text.split(" ", 1)[0].removesuffix(".0")
    return int(head) if head.isdigit() else text


# --- the expert's findings ------------------------------------------------------------------------------
FINDINGS_FORM = "expert_findings"
FINDINGS_SHEET = "Findings"
FINDING_FIELDS: dict[str, Msg] = {
    "id": _("Short reference (letters, digits, - or _; the same reference replaces an earlier finding)"),
    "title": _("Title of the finding"),
    "theme": _("Theme"),
    "text": _("What the interviews showed"),
    "interviewees": _("Interviewees (separated by ;)"),
}
FINDING_THEMES: dict[str, Msg] = {**TOPICS, "other": _("Other")}


def write_findings_workbook(region: RegionProfile, path: Path, language: str = "en") -> Path:
    """Write the findings workbook an expert fills in: one finding per row from row 3; row 1 holds the fields the
    parser reads, row 2 the questions in `language` (the experts' English by default)."""
    words = translator(language)
    book = Workbook()
    sheet = book.active
    sheet.title = FINDINGS_SHEET
    for column, (field, question) in enumerate(FINDING_FIELDS.items(), start=1):
        sheet.cell(row=1, column=column, value=field).font = Font(color="888888", size=8)
        cell = sheet.cell(row=2, column=column, value=words.text(question))
        cell.font, cell.fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor=BRAND)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    themes = DataValidation(type="list", formula1='"' + ",".join(FINDING_THEMES) + '"', allow_blank=True)
    sheet.add_data_validation(themes)
    themes.add("C3:C202")
    for column, width in zip("ABCDE", (18, 40, 18, 70, 40), strict=True):
        sheet.column_dimensions[column].width = width
    meta = book.create_sheet(META_SHEET)
    for key, value in (
        ("region", region.code),
        ("form", FINDINGS_FORM),
        ("responses_sheet", FINDINGS_SHEET),
        ("first_data_row", 3),
    ):
        meta.append([key, value])
    meta.sheet_state = "hidden"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def read_findings_workbook(data: bytes) -> tuple[list[dict[str, Any]], list[int], str]:
    """The findings in a returned workbook (one per filled row), the row of each, and the region it is for."""
    table = read_xlsx(data)
    metadata = table.metadata or {}
    if metadata.get("form", FINDINGS_FORM) != FINDINGS_FORM:
        raise FileRefused("wrong_form", value=metadata.get("form", ""))
    columns = {name: index for index, name in enumerate(table.header) if name in FINDING_FIELDS}
    findings, rows = [], []
    for number, cells in table.rows:
        values = {field: cells[i] if i < len(cells) else None for field, i in columns.items()}
        if all(v is None or not str(v).strip() for v in values.values()):
            continue
        finding = {field: str(value).strip() for field, value in values.items() if value is not None}
        finding["interviewees"] = [n.strip() for n in finding.get("interviewees", "").split(";") if n.strip()]
        findings.append(finding)
        rows.append(number)
    return findings, rows, metadata.get("region", "")
