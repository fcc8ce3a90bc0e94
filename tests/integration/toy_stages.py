"""A small stage table for server-mode and fault tests: each stage needs one expert note, then approval.

Importable by module path (`tests.integration.toy_stages:STAGE_STEPS`), so Prefect workers in
other processes run the same table (ADVISORY_STAGE_TABLE) until the real one is on main.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from advisory.documents.house_style import TemplateBuilder
from advisory.intake import InputKind
from advisory.pipeline import Step, Waiting
from advisory.problems import Problem, UploadRejected
from advisory.sources import Source
from advisory.stages import STAGES


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
        return NoteInputs(region=ctx.region.name, notes=notes) if notes else Waiting(missing=f"an expert's note on {stage_key}")

    return gather


def build(inputs: NoteInputs) -> NoteResult:
    source = Source(key="notes", dataset="Expert notes", year="2026", computation="counted")
    return NoteResult(count=len(inputs.notes), notes=inputs.notes, sources=[source])


STAGE_STEPS = {each.key: (Step(document=f"{each.key}_doc", gather=gather_for(each.key), build=build),) for each in STAGES}


def build_templates(directory: Path) -> Path:
    for each in STAGES:
        builder = TemplateBuilder(each.title)
        builder.paragraph("{{ result.count }} notes for {{ region.name }}")
        builder.bullets("result.notes", "{{ item }}")
        builder.sources_annex()
        builder.save(directory / f"{each.key}_doc.docx")
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
