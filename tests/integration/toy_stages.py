"""A small stage table of the tests' own: each stage needs one expert note, then approval.

A test builds its own `Project(settings, stage_steps=STAGE_STEPS)` on it, with templates built by
`build_templates`, so the engine's waits, versions, approvals and faults are tested apart from the
real stages' content.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from advisory.adapters.documents.house_style import TemplateBuilder
from advisory.adapters.documents.templates import TemplateSource, build_template
from advisory.domain.errors import Problem, UploadRejected
from advisory.domain.sources import Source
from advisory.domain.stages import STAGES, InputKind, Step, Waiting


class Note(BaseModel):
    stage: str
    text: str


class NoteInputs(BaseModel):
    region: str
    notes: list[str]


class NoteResult(BaseModel):
    count: int
    notes: list[str]
    sources: list[Source]


def gather_for(stage_key: str):
    def gather(ctx) -> NoteInputs | Waiting:
        notes = [n["text"] for n in ctx.inputs("note") if n["stage"] == stage_key]
        return (
            NoteInputs(region=ctx.region.name, notes=notes)
            if notes
            else Waiting(missing=f"an expert's note on {stage_key}")
        )

    return gather


def build(inputs: NoteInputs) -> NoteResult:
    source = Source(key="notes", dataset="Expert notes", year="2026", computation="counted")
    return NoteResult(count=len(inputs.notes), notes=inputs.notes, sources=[source])


def _body(doc: TemplateBuilder) -> None:
    doc.paragraph("{{ result.count }} notes for {{ region.name }}")
    doc.bullets("result.notes", "{{ item }}")


TEMPLATES = {each.key: TemplateSource(f"{each.key}_doc", each.title, _body) for each in STAGES}


def steps_with(build_function) -> dict:
    """The toy stage table with another build function (e.g. one that fails on purpose)."""
    return {each.key: (Step(TEMPLATES[each.key], gather_for(each.key), build_function),) for each in STAGES}


STAGE_STEPS = steps_with(build)


def build_templates(directory: Path) -> Path:
    for source in TEMPLATES.values():
        build_template(source, directory)
    return directory


def parse_notes(data: bytes, filename: str, region, ctx) -> list[tuple[str, BaseModel]]:
    """JSON lines of {"key", "stage", "text"}; every bad line is a problem."""
    records, problems = [], []
    for number, line in enumerate(data.decode().splitlines(), start=1):
        try:
            item = json.loads(line)
            records.append((item["key"], Note(stage=item["stage"], text=item["text"])))
        except (ValueError, KeyError) as exc:
            problems.append(Problem(file=filename, row=number, reason=str(exc)))
    if problems:
        raise UploadRejected(problems)
    return records


INPUT_KINDS = {"note": InputKind(name="note", stage="assessment", parse=parse_notes, description="expert notes")}
