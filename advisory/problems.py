"""Why an upload was refused: every problem, located precisely enough for its sender to fix it."""

from __future__ import annotations

from pydantic import BaseModel


class Problem(BaseModel):
    """One thing wrong with an uploaded file. Row numbers are as the sender sees them (1 = header)."""

    file: str
    reason: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None  # question code or model field
    value: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"sheet {self.sheet}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        if self.field and self.field != self.column:
            where.append(f"field {self.field}")
        shown = f" (value {self.value!r})" if self.value is not None else ""
        return f"{', '.join(where)}: {self.reason}{shown}"


class UploadRejected(ValueError):
    """An upload refused as a whole; `problems` lists every reason at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
