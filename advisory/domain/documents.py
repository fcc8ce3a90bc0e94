"""What a Word template sees: the region, the document's metadata, the stage's result and its sources."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from advisory.domain.regions import RegionProfile
from advisory.domain.sources import Source
from advisory.domain.text import Text


class DocumentMeta(BaseModel):
    title: Text
    stage_label: Text
    version: int
    date: dt.date
    language: str = "en"
    status_line: str = ""


class DocumentContext(BaseModel):
    """Everything a template sees: `region`, `document`, `result` and `sources`."""

    region: RegionProfile
    document: DocumentMeta
    result: Any
    sources: list[Source] = Field(default_factory=list)
