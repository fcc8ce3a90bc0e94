"""The programme view for coordinators and experts: every region x stage, timelines, the event log, the export."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from advisory.domain.clusters import UnknownSector
from advisory.domain.errors import UnknownRegion
from advisory.domain.stages import STAGES
from advisory.domain.text import _
from advisory.entrypoints.web.deps import ExpertVisitor, Portal, ProgrammeVisitor, ThePortal
from advisory.entrypoints.web.pages import page
from advisory.entrypoints.web.status_export import status_workbook
from advisory.entrypoints.web.timeline import STATUS_COLOURS, StatusChange, Timeline, timeline
from advisory.services import programme_report
from advisory.services.status import status_matrix

router = APIRouter()


def region_timelines(the_portal: Portal) -> dict[str, Timeline]:
    with the_portal.project.unit_of_work() as uow:
        events = uow.engagements.events(limit=5000)
    changes: dict[str, list[StatusChange]] = {code: [] for code in the_portal.project.regions}
    for region, event in events:
        if region in changes and event.action == "stage_status":
            changes[region].append(
                StatusChange(at=event.at, stage=event.detail.get("stage", ""), status=event.detail.get("status", ""))
            )
    now = the_portal.project.clock.now()
    return {code: timeline(found, now) for code, found in changes.items()}


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(request: Request, person: ProgrammeVisitor, the_portal: ThePortal) -> HTMLResponse:
    rows = status_matrix(the_portal.project)
    busy = any(the_portal.advancing.is_running(row.region) for row in rows)
    return page(
        request,
        "dashboard.html",
        person=person,
        rows=rows,
        stages=STAGES,
        today=the_portal.project.today(),
        timelines=region_timelines(the_portal),
        colours=STATUS_COLOURS,
        refresh=5 if busy else 30,
        programme=programme_report.latest(the_portal.project),
    )


@router.get("/programme-report")
def programme_report_file(person: ProgrammeVisitor, the_portal: ThePortal) -> FileResponse:
    """The latest version of the programme report, for coordinators and experts."""
    latest = programme_report.latest(the_portal.project)
    path = Path(latest.path).resolve() if latest else None
    if path is None or not path.is_relative_to(the_portal.project.settings.output_dir.resolve()) or not path.is_file():
        raise HTTPException(status_code=404, detail=_("There is no programme report yet."))
    media = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return FileResponse(path, media_type=media, filename=f"programme_report_v{latest.version}.docx")


@router.get("/partners", response_class=HTMLResponse)
def partners(
    request: Request, person: ExpertVisitor, the_portal: ThePortal, region: str = "", sector: str = "", top: int = 10
) -> HTMLResponse:
    """Partner search for experts: candidate partner regions of any region of the reference data, with reasons."""
    from advisory.stages.partners import find_partners

    search, problem = None, None
    if region.strip():
        try:
            settings = the_portal.project.settings
            search = find_partners(
                settings.datasets_dir, settings.regions_dir, region, sector.strip() or None, min(max(top, 1), 50)
            )
        except UnknownRegion:
            problem = _("There is no region {code} in the reference data.", code=region.strip().upper())
        except UnknownSector:
            problem = _(
                "There is no sector {sector}: give a NACE division such as C26, or a focus industry.", sector=sector
            )
    return page(
        request,
        "partners.html",
        person=person,
        search=search,
        problem=problem,
        region=region.strip().upper(),
        sector=sector.strip(),
        top=top,
        regions=the_portal.project.regions,
    )


@router.get("/dashboard/status.xlsx")
def status_export(person: ProgrammeVisitor, the_portal: ThePortal) -> Response:
    data = status_workbook(status_matrix(the_portal.project))
    name = f"engagement-status-{the_portal.project.today():%Y-%m-%d}.xlsx"
    return Response(
        data,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/events", response_class=HTMLResponse)
def event_log(request: Request, person: ProgrammeVisitor, the_portal: ThePortal, region: str = "") -> HTMLResponse:
    code = None
    if region:
        if region.upper() not in the_portal.project.regions:
            raise HTTPException(status_code=404, detail=_("There is no such region."))
        code = region.upper()
    with the_portal.project.unit_of_work() as uow:
        events = uow.engagements.events(code, limit=300)
    # Tracebacks stay in the database; empty values would only add noise.
    shown = [(reg, e, {k: v for k, v in e.detail.items() if k != "error" and v not in ("", None)}) for reg, e in events]
    return page(
        request, "events.html", person=person, events=shown, region=code, regions=sorted(the_portal.project.regions)
    )
