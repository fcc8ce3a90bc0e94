"""What a stage is: the five stages, the statuses a stage moves through, and the shape every stage has.

A stage is a sequence of steps. A step's `gather` reads what the step needs (from the
engagement's recorded inputs, earlier results and the reference datasets) and returns either
the step's pydantic inputs or a `Waiting` that says exactly what is missing. Its `build` is a
pure domain function `build_<document>(inputs) -> Result`; its template source says how the
Word document looks. What people send comes in as an `InputKind`, validated by its parser.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel

from advisory.domain.errors import UnknownStage
from advisory.domain.regions import RegionProfile
from advisory.domain.text import Msg, _


class StageStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    AWAITING_INPUT = "awaiting_input"
    READY_FOR_APPROVAL = "ready_for_approval"
    COMPLETED = "completed"
    OUTDATED = "outdated"  # completed, but an input it used changed: it runs again and waits for approval again
    FAILED = "failed"


class StageKey(StrEnum):
    ASSESSMENT = "assessment"
    SURVEY = "survey"
    BENCHMARKING = "benchmarking"
    PEER_REVIEW = "peer_review"
    BRIEFING = "briefing"


class Stage(BaseModel):
    key: StageKey
    number: int
    title: Msg
    documents: tuple[str, ...]


STAGES: tuple[Stage, ...] = (
    Stage(key=StageKey.ASSESSMENT, number=1, title=_("Assessment report"), documents=("assessment_report",)),
    Stage(key=StageKey.SURVEY, number=2, title=_("Regional survey"), documents=("survey_report",)),
    Stage(key=StageKey.BENCHMARKING, number=3, title=_("Benchmarking"), documents=("benchmarking_report",)),
    Stage(
        key=StageKey.PEER_REVIEW,
        number=4,
        title=_("Peer review"),
        documents=("peer_review_pack", "peer_review_report"),
    ),
    Stage(key=StageKey.BRIEFING, number=5, title=_("Final policy briefing"), documents=("policy_briefing",)),
)


def stage_label(each: Stage) -> Msg:
    """'Stage 2 of 5: Regional survey', translated where it is shown."""
    return _("Stage {number} of {total}: {title}", number=each.number, total=len(STAGES), title=each.title)


def stage(key: str | StageKey) -> Stage:
    """The stage with this key; accepts the key in any case ("Survey", "peer_review")."""
    wanted = str(key).lower().replace("-", "_")
    for candidate in STAGES:
        if candidate.key == wanted:
            return candidate
    raise UnknownStage(f"unknown stage {key!r}; the stages are {', '.join(s.key for s in STAGES)}")


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
    language: str | None  # the language of problems told to a sender; None: the region's

    def inputs(self, kind: str) -> list[dict[str, Any]]:
        """Current accepted inputs of this kind for the region (superseded ones left out)."""

    def result(self, document: str) -> dict[str, Any] | None:
        """The result behind the latest version of this document for the region, if any."""

    def all_results(self, document: str) -> dict[str, dict[str, Any]]:
        """The latest result of this document for every region that has one (region code -> result)."""


class DocumentTemplate(Protocol):
    """The template source of a document (adapters/documents/templates.py): its name and title."""

    document: str

    def title_in(self, language: str) -> str: ...


@dataclass(frozen=True)
class Step:
    template: DocumentTemplate
    gather: Callable[[StageContext], BaseModel | Waiting]
    build: Callable[[Any], BaseModel]

    @property
    def document(self) -> str:
        return self.template.document


Parser = Callable[[bytes, str, RegionProfile, StageContext], list[tuple[str, BaseModel]]]


@dataclass(frozen=True)
class InputKind:
    """A kind of input people send, the parser that validates it and the stage it feeds.

    The parser returns (key, model) pairs: a newer input of the same kind and key supersedes the older one.
    """

    name: str
    stage: str
    parse: Parser
    description: str
