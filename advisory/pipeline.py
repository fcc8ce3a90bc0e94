"""The shape every stage has: steps that gather inputs, build a result and name a document.

A step's `gather` reads what the step needs (from the engagement's recorded inputs, earlier
results and the reference datasets) and returns either the step's pydantic inputs or a
`Waiting` that says exactly what is missing. Its `build` is a pure domain function
`build_<document>(inputs) -> Result`. The engine renders `templates/<document>.docx` with a
`DocumentContext` around the result and records everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, Field

from advisory.regions import RegionProfile
from advisory.sources import Source


class Waiting(BaseModel):
    """A step that cannot run yet, and what it waits for, e.g. '8 of 12 responses, closes 2026-12-15'."""

    missing: str
    due: dt.date | None = None


class StageContext(Protocol):
    """What a gather function may read. Implemented by the engine over the project database."""

    region: RegionProfile
    regions: dict[str, RegionProfile]
    today: dt.date
    stage_started: dt.date  # when this stage first ran: stable across re-runs, unlike `today`
    datasets_dir: Path
    regions_dir: Path
    instruments_dir: Path

    def inputs(self, kind: str) -> list[dict[str, Any]]:
        """Current accepted inputs of this kind for the region (superseded ones left out)."""

    def result(self, document: str) -> dict[str, Any] | None:
        """The result behind the latest version of this document for the region, if any."""

    def all_results(self, document: str) -> dict[str, dict[str, Any]]:
        """The latest result of this document for every region that has one (region code -> result)."""


@dataclass(frozen=True)
class Step:
    document: str
    gather: Callable[[StageContext], BaseModel | Waiting]
    build: Callable[[Any], BaseModel]


class DocumentMeta(BaseModel):
    title: str
    stage_label: str
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
