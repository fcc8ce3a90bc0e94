"""Where a figure comes from: every number in a document points at one of these.

What a reader sees (a dataset's description, what was computed) is `Text`: a message translated into
the reader's language, or, for a title or a name that stays as published, a plain string.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from advisory.domain.text import Text, _


class Source(BaseModel):
    """One dataset (or input) and the computation applied to it, for the sources-and-methods annex."""

    key: str = Field(description="short identifier figures refer to, e.g. 'eurostat:rd_bes' (never shown)")
    dataset: Text = Field(description="e.g. 'Eurostat regional statistics (NUTS-2)'")
    detail: Text = Field(default="", description="table, indicator or file")
    year: Text = Field(default="", description="reference year(s), e.g. '2018' or '2016-2023'")
    computation: Text = Field(default="", description="what was computed from it")


class SourcedFigure(BaseModel):
    """A number shown in a document, with its unit and the source it was computed from."""

    label: Text
    value: float | None
    unit: Text = ""
    year: str = ""
    source: str = Field(description="Source.key")
    digits: int = Field(default=1, ge=0, le=4, description="decimals shown; 0 for counts")

    @property
    def shown(self) -> Text:
        """The value with its unit, in the reader's notation once translated ('n/a' when there is none)."""
        if self.value is None:
            return _("n/a")
        return _("{value:.{digits}f} {unit}", value=self.value, digits=self.digits, unit=self.unit)
