"""The coordinators' view: every region x stage, with status, last change and what a waiting stage lacks."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from advisory.domain.stages import STAGES, StageStatus
from advisory.services.project import Project

WAITING_ON_PEOPLE = (StageStatus.AWAITING_INPUT, StageStatus.READY_FOR_APPROVAL)


class StageCell(BaseModel):
    region: str
    stage: str
    status: StageStatus
    missing: str = ""
    due: dt.date | None = None
    updated_at: dt.datetime | None = None
    overdue: bool = False


class RegionRow(BaseModel):
    region: str
    name: str
    cells: list[StageCell]

    @property
    def current(self) -> StageCell:
        """The first stage not completed (the last one when all are)."""
        return next((c for c in self.cells if c.status != StageStatus.COMPLETED), self.cells[-1])


def status_matrix(project: Project) -> list[RegionRow]:
    today = project.today()
    with project.unit_of_work() as uow:
        states = {(region, s.stage): s for region, s in uow.engagements.stage_states()}
    rows = []
    for code, region in sorted(project.regions.items()):
        cells = []
        for stage in STAGES:
            state = states.get((code, stage.key))
            cell = StageCell(region=code, stage=stage.key, status=StageStatus.PENDING)
            if state is not None:
                cell = StageCell(
                    region=code,
                    stage=stage.key,
                    status=StageStatus(state.status),
                    missing=state.missing,
                    due=state.due,
                    updated_at=state.updated_at,
                    overdue=bool(state.due and state.due < today and state.status in WAITING_ON_PEOPLE),
                )
            cells.append(cell)
        rows.append(RegionRow(region=code, name=region.name, cells=cells))
    return rows
