"""The running project: settings, region profiles, the database and the stage table, opened once per entry point."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cached_property
from typing import Any

from advisory.pipeline import Step
from advisory.regions import RegionProfile, load_regions
from advisory.settings import Settings
from advisory.stages import StageKey
from advisory.store.database import migrate, session_factory
from advisory.store.repository import UnitOfWork


class UnknownRegion(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


class Project:
    def __init__(self, settings: Settings, stage_steps: Mapping[StageKey, tuple[Step, ...]] | None = None) -> None:
        self.settings = settings
        self._stage_steps = stage_steps
        migrate(settings.database)
        self.sessions = session_factory(settings.database)

    @cached_property
    def regions(self) -> dict[str, RegionProfile]:
        return load_regions(self.settings.regions_dir)

    @cached_property
    def stage_steps(self) -> Mapping[StageKey, tuple[Step, ...]]:
        if self._stage_steps is not None:
            return self._stage_steps
        from advisory.stage_table import STAGE_STEPS

        return STAGE_STEPS

    def region(self, code: str) -> RegionProfile:
        """The region with this NUTS-2 code, in any case."""
        region = self.regions.get(code.strip().upper())
        if region is None:
            known = ", ".join(sorted(self.regions))
            raise UnknownRegion(f"unknown region {code!r}; demonstrator regions are {known}")
        return region

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(self.sessions)

    def today(self) -> dt.date:
        return self.settings.today or dt.date.today()


class StoredStageContext:
    """The StageContext a gather function sees, read from the project database."""

    def __init__(self, project: Project, region: RegionProfile, stage: str | None = None) -> None:
        self.project = project
        self.region = region
        self.regions = project.regions
        self.today = project.today()
        self.stage_started = self.today
        if stage is not None:
            with project.unit_of_work() as uow:
                self.stage_started = uow.engagements.stage_started_on(region.code, stage) or self.today
        self.datasets_dir = project.settings.datasets_dir
        self.regions_dir = project.settings.regions_dir
        self.instruments_dir = project.settings.instruments_dir

    def inputs(self, kind: str) -> list[dict[str, Any]]:
        with self.project.unit_of_work() as uow:
            return [row.payload for row in uow.engagements.current_inputs(self.region.code, kind)]

    def result(self, document: str) -> dict[str, Any] | None:
        with self.project.unit_of_work() as uow:
            latest = uow.engagements.latest_document(self.region.code, document)
            return latest.result if latest else None

    def all_results(self, document: str) -> dict[str, dict[str, Any]]:
        with self.project.unit_of_work() as uow:
            return uow.engagements.latest_results(document)
