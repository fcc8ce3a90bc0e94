"""Where a figure comes from: every number in a document points at one of these."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Source(BaseModel):
    """One dataset (or input) and the computation applied to it, for the sources-and-methods annex."""

    key: str = Field(description="short identifier figures refer to, e.g. 'eurostat:rd_bes'")
    dataset: str = Field(description="e.g. 'Eurostat regional statistics (NUTS-2)'")
    detail: str = Field(default="", description="table, indicator or file")
    year: str = Field(default="", description="reference year(s), e.g. '2018' or '2016-2023'")
    computation: str = Field(default="", description="what was computed from it")


class SourcedFigure(BaseModel):
    """A number shown in a document, with its unit and the source it was computed from."""

    label: str
    value: float | None
    unit: str = ""
    year: str = ""
    source: str = Field(description="Source.key")
    digits: int = Field(default=1, ge=0, le=4, description="decimals shown; 0 for counts")

    @property
    def shown(self) -> str:
        return "n/a" if self.value is None else f"{self.value:,.{self.digits}f}{(' ' + self.unit) if self.unit else ''}"
