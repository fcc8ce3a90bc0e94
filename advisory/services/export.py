"""A copy of a document for someone else: the latest version again, in any supported language and format.

`export_document(project, region, document, language, out)` re-renders the result stored with the
document's latest version (never a new version: nothing is written to the database, nothing under
the output folder) as a Word document, a PDF or JSON. The JSON is the stored result with every
message in the chosen language, so observatory staff read English and the region its own language,
both from one engagement.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import typing
from pathlib import Path

from pydantic import BaseModel

from advisory.domain.documents import DocumentContext, DocumentMeta
from advisory.domain.errors import ActionRefused, InvalidData
from advisory.domain.stages import STAGES, Stage, Step, stage_label
from advisory.services.engine import template_for
from advisory.services.project import Project

FORMATS = (".docx", ".pdf", ".json")


class Exported(BaseModel):
    region: str
    document: str
    version: int
    language: str
    path: Path


def documents(project: Project) -> dict[str, tuple[Stage, Step]]:
    """Every document the engine writes, by name, with its stage and step."""
    return {step.document: (each, step) for each in STAGES for step in project.stage_steps[each.key]}


def export_document(project: Project, region_code: str, document: str, language: str | None, out: Path) -> Exported:
    """Write the latest version of the region's document to `out` (.docx, .pdf or .json) in `language`
    (default: the region's)."""
    from advisory.adapters.i18n import check_language

    region = project.region(region_code)
    language = check_language((language or region.language).strip().lower())
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise InvalidData(f"{out.name}: the export writes {', '.join(FORMATS)} files; name the file with one of them")
    stage, step = _document(project, document)
    with project.unit_of_work() as uow:
        versions = [version for _code, version in uow.engagements.documents(region.code)]
    written = [version for version in versions if version.document == step.document]
    if not written:
        raise ActionRefused(
            f"{region.code} has no {step.document} yet: the engine writes it when the {stage.key} stage runs"
        )
    latest = max(written, key=lambda version: version.version)
    result = typing.get_type_hints(step.build)["return"].model_validate(latest.result)
    meta = DocumentMeta(
        title=step.template.title_in(language),
        stage_label=stage_label(stage),
        version=latest.version,
        date=latest.created_at.date(),
        language=language,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".json":
        _write_json(meta, region.code, step.document, result, out)
    else:
        context = DocumentContext(region=region, document=meta, result=result, sources=getattr(result, "sources", []))
        write_copy(project, step.document, context, out)
    return Exported(region=region.code, document=step.document, version=latest.version, language=language, path=out)


def _document(project: Project, named: str) -> tuple[Stage, Step]:
    """The document a name means: its own name ('benchmarking_report', 'benchmarking-report') or the stage's, when
    the stage writes one document ('benchmarking')."""
    wanted = named.strip().lower().replace("-", "_")
    known = documents(project)
    if wanted in known:
        return known[wanted]
    single = [found for found in known.values() if found[0].key == wanted and len(found[0].documents) == 1]
    if single:
        return single[0]
    raise InvalidData(f"unknown document {named!r}; the documents are {', '.join(known)}")


def _write_json(meta: DocumentMeta, region: str, document: str, result: BaseModel, out: Path) -> None:
    from advisory.adapters.documents.render import translated

    copy = {
        "region": region,
        "document": document,
        "title": meta.title,
        "version": meta.version,
        "date": meta.date.isoformat(),
        "language": meta.language,
        "result": readable(translated(result, meta.language)),
    }
    _replace(out, json.dumps(copy, ensure_ascii=False, indent=2).encode("utf-8"))


def readable(result: dict) -> dict:
    """The exported result as a program reads it best: each piece of evidence flat, `{stage, label, value, unit,
    year, source}`, its source named by the dataset it comes from (not the key the templates use)."""
    sources = {s["key"]: s["dataset"] for s in result.get("sources", []) if isinstance(s, dict) and "key" in s}
    for recommendation in [*result.get("recommendations", []), *result.get("dropped", [])]:
        recommendation["evidence"] = [
            {
                "stage": item["stage"],
                **{k: v for k, v in item["figure"].items() if k in ("label", "value", "unit", "year")},
                "source": sources.get(item["figure"].get("source"), item["figure"].get("source")),
            }
            for item in recommendation.get("evidence", [])
        ]
    return result


def write_copy(project: Project, document: str, context: DocumentContext, out: Path) -> None:
    """Render the document to `out` as Word or PDF (by its suffix), replacing an older copy whole."""
    from advisory.adapters.documents.pdf import export_pdf
    from advisory.adapters.documents.render import render

    with tempfile.TemporaryDirectory(prefix="advisory-export-") as folder:
        docx = Path(folder) / f"{out.stem}.docx"
        render(template_for(project, document), context, docx, language=context.document.language)
        made = docx if out.suffix.lower() == ".docx" else export_pdf(docx, Path(folder))
        _replace(out, made.read_bytes())


def _replace(out: Path, content: bytes) -> None:
    """The file put in place whole (written beside it, then renamed)."""
    handle = tempfile.NamedTemporaryFile(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            handle.write(content)
        shutil.move(handle.name, out)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
