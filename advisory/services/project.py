"""The running project: settings, region profiles, the database and the stage table, opened once per entry point."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

from advisory.adapters.reference_cache import files_digest
from advisory.adapters.region_profiles import load_regions
from advisory.adapters.store.database import migrate, session_factory
from advisory.adapters.store.unit_of_work import UnitOfWork
from advisory.domain.errors import UnknownRegion
from advisory.domain.regions import RegionProfile
from advisory.domain.stages import StageKey, Step
from advisory.services.fingerprint import ReadLog
from advisory.settings import Settings


class Project:
    """What every entry point opens once: pass `stage_steps` to run another stage table (tests, try-outs)."""

    def __init__(self, settings: Settings, stage_steps: Mapping[StageKey, tuple[Step, ...]] | None = None) -> None:
        self.settings = settings
        self.clock = settings.clock
        self._stage_steps = stage_steps
        migrate(settings.database)
        self.sessions = session_factory(settings.database)

    @cached_property
    def _profiles(self) -> tuple[str, dict[str, RegionProfile]]:
        # The digest first: profiles changed after it show as a change to every stage's fingerprint.
        return files_digest(self.settings.regions_dir), load_regions(self.settings.regions_dir)

    @property
    def regions(self) -> dict[str, RegionProfile]:
        return self._profiles[1]

    @property
    def regions_digest(self) -> str:
        """The version of the region profiles this project read (a digest of the regions folder)."""
        return self._profiles[0]

    @cached_property
    def stage_steps(self) -> Mapping[StageKey, tuple[Step, ...]]:
        if self._stage_steps is not None:
            return self._stage_steps
        from advisory.stages.table import STAGE_STEPS

        return STAGE_STEPS

    @property
    def runs_the_stage_table(self) -> bool:
        """Whether the stages are the real five (documents above the regions read their results), not a try-out's."""
        return self._stage_steps is None

    def region(self, code: str) -> RegionProfile:
        """The region with this NUTS-2 code, in any case."""
        region = self.regions.get((code or "").strip().upper())
        if region is None:
            known = ", ".join(sorted(self.regions))
            raise UnknownRegion(f"unknown region {code!r}; the demonstrator regions are {known}")
        return region

    def unit_of_work(self, *, immediate: bool = False) -> UnitOfWork:
        """`immediate=True` for a check and the write it allows (see UnitOfWork)."""
        return UnitOfWork(self.sessions, self.clock.now, immediate=immediate)

    def today(self) -> dt.date:
        return self.clock.today()


class StoredStageContext:
    """The StageContext a gather function sees, read from the project database.

    Every read is logged with the value it saw (`log`), so the engine can later tell, without
    gathering again, whether anything the stage read has changed (services/fingerprint.py).
    """

    def __init__(
        self, project: Project, region: RegionProfile, stage: str | None = None, *, language: str | None = None
    ) -> None:
        self.project = project
        self.log = ReadLog()
        self._region = region
        self._today = project.today()
        self._stage_started = self._today
        self.language = language  # the language problems are told in (None: the region's)
        if stage is not None:
            with project.unit_of_work() as uow:
                self._stage_started = uow.engagements.stage_started_on(region.code, stage) or self._today
        self._profiles_digest = project.regions_digest

    @property
    def region(self) -> RegionProfile:
        self.log.saw("folder:regions", self._profiles_digest)
        return self._region

    @property
    def regions(self) -> dict[str, RegionProfile]:
        self.log.saw("folder:regions", self._profiles_digest)
        return self.project.regions

    @property
    def today(self) -> dt.date:
        self.log.date("today", self._today)
        return self._today

    @property
    def stage_started(self) -> dt.date:
        self.log.date("stage_started", self._stage_started)
        return self._stage_started

    @property
    def datasets_dir(self) -> Path:
        self.log.folder("datasets", self.project.settings.datasets_dir)
        return self.project.settings.datasets_dir

    @property
    def regions_dir(self) -> Path:
        self.log.folder("regions", self.project.settings.regions_dir)
        return self.project.settings.regions_dir

    @property
    def instruments_dir(self) -> Path:
        self.log.folder("instruments", self.project.settings.instruments_dir)
        return self.project.settings.instruments_dir

    def inputs(self, kind: str) -> list[dict[str, Any]]:
        with self.project.unit_of_work() as uow:
            rows = uow.engagements.current_inputs(self._region.code, kind)
        self.log.inputs(kind, [row.id for row in rows])
        return [row.payload for row in rows]

    def result(self, document: str) -> dict[str, Any] | None:
        with self.project.unit_of_work() as uow:
            latest = uow.engagements.latest_document(self._region.code, document)
        self.log.result(document, latest.id if latest else None)
        return latest.result if latest else None

    def all_results(self, document: str) -> dict[str, dict[str, Any]]:
        with self.project.unit_of_work() as uow:
            # The versions first: a version written between the two reads then shows as a change next time.
            self.log.all_results(document, uow.engagements.latest_document_ids([document])[document])
            return uow.engagements.latest_results(document)
