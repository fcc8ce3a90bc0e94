"""The one in-memory stage context of the tests: what a gather function reads, over plain dicts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisory.adapters.region_profiles import load_regions
from advisory.domain.regions import RegionProfile
from advisory.settings import PROJECT_ROOT

REGIONS = load_regions(PROJECT_ROOT / "regions")


@dataclass
class FakeStageContext:
    """A StageContext over dicts, as the engine's looks over the database: recorded inputs and earlier results."""

    region: RegionProfile
    recorded: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    results: dict[str, dict[str, Any]] = field(default_factory=dict)
    regions: dict[str, RegionProfile] = field(default_factory=lambda: REGIONS)
    today: dt.date = dt.date(2026, 11, 21)
    stage_started: dt.date | None = None
    datasets_dir: Path = PROJECT_ROOT / "datasets"
    regions_dir: Path = PROJECT_ROOT / "regions"
    instruments_dir: Path = PROJECT_ROOT / "surveys" / "instruments"
    language: str | None = None

    def __post_init__(self) -> None:
        self.stage_started = self.stage_started or self.today

    def inputs(self, kind: str) -> list[dict[str, Any]]:
        return self.recorded.get(kind, [])

    def result(self, document: str) -> dict[str, Any] | None:
        return self.results.get(document)

    def all_results(self, document: str) -> dict[str, dict[str, Any]]:
        return {self.region.code: self.results[document]} if document in self.results else {}


def context_for(code: str, **fields: Any) -> FakeStageContext:
    """The fake context of one demonstrator region (NUTS-2 code)."""
    return FakeStageContext(region=REGIONS[code], **fields)
