"""The errors people can meet, on one base: entry points turn each into one clear line and an exit code.

`AdvisoryError` is what a user caused or can fix (an unknown region, a refused file, an action
not possible now); anything else is a bug and is logged, never shown as a traceback.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class AdvisoryError(Exception):
    """Something a user asked for that cannot be done, said in one line that names the thing and what is valid."""

    exit_code = 2

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else type(self).__name__


class UnknownRegion(AdvisoryError):
    """A region code that names no demonstrator region (or no region in the reference data)."""


class UnknownStage(AdvisoryError):
    """A stage name that is not one of the five stages."""


class UnknownReviewer(AdvisoryError):
    """A reviewer id that is not in the reviewer pool, or not assigned where it is used."""


class ActionRefused(AdvisoryError):
    """An action that is not allowed in the engagement's current state, with the reason."""


class AccessRefused(AdvisoryError):
    """A personal link that cannot be issued as asked (unknown region, reviewer without an id ...)."""


class InvalidData(AdvisoryError):
    """Project data (a region profile, the reviewer pool, a dataset, a stored result) that cannot be used."""


class QuotaExceeded(AdvisoryError):
    """One person sent more today than the portal takes in a day (files, or bytes of refused files)."""


class RestoreRefused(AdvisoryError):
    """A backup that cannot be restored here, and why."""


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


class UploadRejected(AdvisoryError):
    """An upload refused as a whole; `problems` lists every reason at once."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class FileRefused(Exception):
    """The whole file cannot be read; `code` names the reason (each intake words it for its readers)."""

    def __init__(self, code: str, **values: Any) -> None:
        self.code, self.values = code, values
        super().__init__(code)
