"""What a stage read on its last run, and whether any of it has changed: the cheap test that lets the engine
skip a settled stage without gathering its inputs again.

A gather reads through its `StageContext`: the region's current inputs of some kinds, the latest result
of some documents (its region's, or every region's), today's date, the stage's start date, the region
profiles and the reference folders. The context logs each read with the value it saw (input ids, document
version ids, dates, a digest of the folder's files). The fingerprint adds the stage's templates, its code
(the stage table's functions and their packages' source) and its own latest documents, and keeps the
digest of it all with the list of what was read. A later run re-reads only those (a few small queries and
file stats) and compares digests: equal means every gather would see exactly what it saw last time, so
the outcome recorded then still stands. A gather decides what to read next from what it has read, so a
change to anything it did not read cannot change what it gathers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import inspect
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisory.adapters.documents.templates import template_path
from advisory.adapters.reference_cache import files_digest
from advisory.domain.stages import Stage

if TYPE_CHECKING:
    from advisory.services.project import Project

CHANGED_DURING_RUN = "changed during the run"


class ReadLog:
    """What one run's gathers read, with the values they saw; kept by the stage context."""

    def __init__(self) -> None:
        self.seen: dict[str, Any] = {}

    def saw(self, key: str, value: Any) -> None:
        """The first value seen under `key` stands; a different later one marks the key as changed."""
        if key in self.seen and self.seen[key] != value:
            value = CHANGED_DURING_RUN
        self.seen[key] = value

    def inputs(self, kind: str, ids: Iterable[int]) -> None:
        self.saw(f"inputs:{kind}", sorted(ids))

    def result(self, document: str, version_id: int | None) -> None:
        self.saw(f"result:{document}", version_id)

    def all_results(self, document: str, version_ids: dict[str, int]) -> None:
        self.saw(f"all_results:{document}", version_ids)

    def folder(self, name: str, path: Path) -> None:
        self.saw(f"folder:{name}", files_digest(path))

    def date(self, name: str, day: dt.date) -> None:
        self.saw(f"date:{name}", day.isoformat())


def record(project: Project, region: str, stage: Stage, log: ReadLog) -> dict[str, Any]:
    """The fingerprint to store with the stage's settled state: what was read, and the digest of it all."""
    seen = dict(log.seen) | _always(project, region, stage)
    return {"reads": sorted(log.seen), "digest": _digest(seen)}


def unchanged(project: Project, region: str, stage: Stage, fingerprint: dict[str, Any] | None) -> bool:
    """Whether everything the stage read on its last run is as it was then."""
    if not fingerprint or "digest" not in fingerprint:
        return False
    seen = observe(project, region, stage, list(fingerprint.get("reads", []))) | _always(project, region, stage)
    return _digest(seen) == fingerprint["digest"]


def observe(project: Project, region: str, stage: Stage, reads: list[str]) -> dict[str, Any]:
    """The current value of each recorded read, in the form the context logged it."""
    wanted: dict[str, list[str]] = {}
    for read in reads:
        source, _, name = read.partition(":")
        wanted.setdefault(source, []).append(name)
    seen: dict[str, Any] = {}
    with project.unit_of_work() as uow:
        if wanted.get("inputs"):
            for kind, ids in uow.engagements.current_input_ids(region, wanted["inputs"]).items():
                seen[f"inputs:{kind}"] = ids
        if wanted.get("result"):
            for document, latest in uow.engagements.latest_document_ids(wanted["result"], region).items():
                seen[f"result:{document}"] = latest.get(region)
        if wanted.get("all_results"):
            for document, latest in uow.engagements.latest_document_ids(wanted["all_results"]).items():
                seen[f"all_results:{document}"] = latest
        state = uow.engagements.settled_states(region).get(stage.key) if wanted.get("date") else None
    for name in wanted.get("folder", []):
        seen[f"folder:{name}"] = files_digest(_folders(project)[name])
    today = project.today()
    started = state.started_at.date() if state is not None and state.started_at else today
    for name in wanted.get("date", []):
        seen[f"date:{name}"] = (today if name == "today" else started).isoformat()
    return seen


def _folders(project: Project) -> dict[str, Path]:
    settings = project.settings
    return {"datasets": settings.datasets_dir, "regions": settings.regions_dir, "instruments": settings.instruments_dir}


def _always(project: Project, region: str, stage: Stage) -> dict[str, Any]:
    """What every run of the stage depends on: its templates, its code and its own latest documents."""
    steps = project.stage_steps[stage.key]
    documents = [step.document for step in steps]
    with project.unit_of_work() as uow:
        own = uow.engagements.latest_document_ids(documents, region)
    return {
        "templates": {d: files_digest(template_path(project.settings.templates_dir, d)) for d in documents},
        "code": _code(tuple(function for step in steps for function in (step.gather, step.build))),
        "own": {document: own[document].get(region) for document in documents},
    }


@lru_cache(maxsize=64)
def _code(functions: tuple[Any, ...]) -> dict[str, str]:
    """The stage's gather and build functions, and a digest of the source of the packages that hold them.

    Once per process: a running process keeps the code it loaded, whatever happens to the files since."""
    code = {}
    for function in functions:
        source = inspect.getsourcefile(function)
        name = f"{function.__module__}:{function.__qualname__}"
        code[name] = files_digest(Path(source).parent) if source else ""
    return code


def _digest(seen: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(seen, sort_keys=True, default=str).encode()).hexdigest()
