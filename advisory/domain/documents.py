"""What a Word template sees: the region, the document's metadata, the stage's result and its sources."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from advisory.domain.regions import RegionProfile
from advisory.domain.sources import Source
from advisory.domain.text import Msg, Text, _

DOCUMENT_TITLES: dict[str, Msg] = {
    "assessment_report": _("Assessment report"),
    "survey_report": _("Regional survey report"),
    "benchmarking_report": _("Benchmarking report"),
    "peer_review_pack": _("Peer review: briefing pack"),
    "peer_review_report": _("Peer review: report"),
    "policy_briefing": _("Final policy briefing"),
    "programme_report": _("Programme report"),
}
"""Every document the engine writes, as readers call it."""


class Addressee(BaseModel):
    """Whom a document above the regions is for, as its cover and footer name them (a region's documents name
    the region)."""

    name: Text
    code: str = ""
    country_name: Text = ""


class DocumentMeta(BaseModel):
    title: Text
    stage_label: Text
    version: int
    date: dt.date
    language: str = "en"
    status_line: str = ""


class DocumentContext(BaseModel):
    """Everything a template sees: `region`, `document`, `result` and `sources`."""

    region: RegionProfile | Addressee
    document: DocumentMeta
    result: Any
    sources: list[Source] = Field(default_factory=list)
