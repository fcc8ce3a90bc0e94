"""The coordinators' status table as an Excel workbook, safe to open: no cell is read as a formula."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from advisory.domain.stages import STAGES
from advisory.services.status import RegionRow

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = ["Region", "Region name", "Stage", "Status", "Waiting for", "Due", "Overdue", "Last change (UTC)"]


def neutralised(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe-like quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def status_rows(rows: list[RegionRow]) -> list[list[object]]:
    titles = {stage.key: f"{stage.number}. {stage.title}" for stage in STAGES}
    table = []
    for row in rows:
        for cell in row.cells:
            table.append(
                [
                    row.region,
                    row.name,
                    titles[cell.stage],
                    cell.status.value.replace("_", " "),
                    cell.missing,
                    cell.due,
                    "yes" if cell.overdue else "",
                    cell.updated_at,
                ]
            )
    return table


def status_workbook(rows: list[RegionRow]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Status"
    sheet.append(HEADER)
    for line in status_rows(rows):
        sheet.append([neutralised(value) for value in line])
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F3A5F")
    for column, width in zip("ABCDEFGH", (8, 28, 26, 20, 48, 12, 9, 18), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
