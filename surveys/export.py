"""Writing survey answers out again (CSV or Excel) without handing a spreadsheet a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

# A cell starting with one of these is run as a formula by Excel and LibreOffice (CSV injection);
# tab and carriage return are on OWASP's list too, because some programs strip them first.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: Any) -> Any:
    """The cell as it is safe to export: formula-like text gets a leading apostrophe."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def responses_csv(rows: Iterable[dict[str, Any]], columns: list[str]) -> str:
    """Answers as CSV text with every cell neutralised; several choices are joined with '|'."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        cells = [row.get(column) for column in columns]
        writer.writerow(["" if c is None else neutralise("|".join(c) if isinstance(c, list) else c) for c in cells])
    return buffer.getvalue()
