"""Document rendering: `render()` (autoescape, charts, locale filters, atomic write, hashes) vs bare docxtpl.

PYTHONPATH=. python benchmarks/render.py [--repeat 50]

The bare baseline opens, renders and saves the same template with docxtpl and a plain Jinja
environment holding the same filters; `render()` adds the atomic write and the hashes, and reuses
its Jinja compilation and docxtpl's XML clean-up from one document to the next.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import jinja2  # noqa: E402
from docxtpl import DocxTemplate  # noqa: E402

from advisory.adapters.documents.render import _to_jinja, jinja_env, render  # noqa: E402
from advisory.adapters.region_profiles import load_regions  # noqa: E402
from advisory.domain.documents import DocumentContext, DocumentMeta  # noqa: E402
from advisory.settings import PROJECT_ROOT  # noqa: E402
from tests.integration import toy_stages  # noqa: E402


def context() -> DocumentContext:
    region = load_regions(PROJECT_ROOT / "regions")["SI03"]
    result = toy_stages.build(
        toy_stages.NoteInputs(region=region.name, notes=[f"note {i} & <č ž ő ß>" for i in range(40)])
    )
    meta = DocumentMeta(title="Benchmark", stage_label="Stage 1 of 5", version=1, date="2026-11-21")
    return DocumentContext(region=region, document=meta, result=result, sources=result.sources)


def timed(repeat: int, action) -> float:
    started = time.perf_counter()
    for number in range(repeat):
        action(number)
    return (time.perf_counter() - started) / repeat


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    repeat = parser.parse_args().repeat
    with tempfile.TemporaryDirectory() as workdir:
        template = toy_stages.build_templates(Path(workdir)) / "assessment_doc.docx"
        model = context()

        plain = jinja2.Environment(autoescape=True)
        plain.filters.update(jinja_env("en").filters)

        def bare(number: int) -> None:
            document = DocxTemplate(str(template))
            document.render(_to_jinja(model, []), jinja_env=plain, autoescape=True)
            document.save(Path(workdir) / f"bare_{number}.docx")

        ours = timed(repeat, lambda n: render(template, model, Path(workdir) / "out" / f"doc_{n}.docx"))
        base = timed(repeat, bare)
    print(f"{'renderer':<28} {'ms/document':>12} {'ratio':>7}")
    print(f"{'bare docxtpl':<28} {base * 1000:>12.1f} {1:>7.2f}")
    print(f"{'render() (atomic, hashed)':<28} {ours * 1000:>12.1f} {ours / base:>7.2f}")


if __name__ == "__main__":
    main()
