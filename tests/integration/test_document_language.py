"""A document for a region reads in the region's language: no catalog string left in English, hardly an English
function word (below 1 %, bibliographic titles aside).

The benchmarking report is rendered for Dresden (German) and Małopolskie (Polish) from real data. Its words
come from the benchmarking stage, the house style, the country names and the indicator catalogue; while the
language's catalog still lacks a translation of one of them, the check waits (tests/unit/test_translations.py
reports the gap); once the catalog is complete, any English that reaches the reader fails it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from advisory.adapters.documents.render import render
from advisory.adapters.documents.templates import build_template
from advisory.adapters.i18n import catalog_path
from advisory.domain.documents import DocumentContext, DocumentMeta
from advisory.domain.stages import stage, stage_label
from advisory.settings import PROJECT_ROOT
from advisory.stages.benchmarking.build import build_benchmarking_report
from advisory.stages.benchmarking.gather import gather_benchmarking_report
from advisory.stages.benchmarking.models import catalogue_words
from tests.documents import (
    docx_text,
    english_left,
    english_share,
    english_words,
    template_source,
    translated_messages,
)
from tests.fakes import context_for

KEYWORDS = {"_": None, "ngettext": (1, 2)}
REPORT_WORDS = (  # where the benchmarking report's words are written
    "advisory/stages/benchmarking",
    "advisory/adapters/documents",
    "advisory/domain/countries.py",
    "advisory/domain/stages.py",
)


def report_messages() -> set[str]:
    """Every message the benchmarking report can show (what `pybabel extract` finds in its sources)."""
    files = [PROJECT_ROOT / part for part in REPORT_WORDS]
    python = [path for folder in files for path in (sorted(folder.glob("*.py")) if folder.is_dir() else [folder])]
    found = set()
    for path in python:
        for _line, message, _comments, _context in extract_from_file("python", str(path), keywords=KEYWORDS):
            found.add(message if isinstance(message, str) else message[0])
    with (PROJECT_ROOT / "datasets" / "indicators.yaml").open("rb") as catalogue:
        found |= {message for _line, _function, message, _comments in catalogue_words(catalogue, KEYWORDS, [], {})}
    return found


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The benchmarking report of each region, rendered in the region's language."""
    out = tmp_path_factory.mktemp("language")
    source = template_source("benchmarking_report")
    template = build_template(source, out / "templates")

    def render_for(code: str) -> tuple[str, str]:
        context = context_for(code, today=dt.date(2026, 5, 1))
        language = context.region.language
        result = build_benchmarking_report(gather_benchmarking_report(context))
        meta = DocumentMeta(
            title=source.title,
            stage_label=stage_label(stage("benchmarking")),
            version=1,
            date=dt.date(2026, 5, 1),
            language=language,
        )
        document = DocumentContext(region=context.region, document=meta, result=result, sources=result.sources)
        path = render(template, document, out / f"benchmarking_{code}.docx", language).path
        return language, docx_text(path)

    return render_for


@pytest.mark.parametrize("code", ["DED2", "PL21"])
def test_the_benchmarking_report_reads_in_the_regions_language(rendered, code):
    language, text = rendered(code)
    messages = translated_messages(language)
    missing = sorted(report_messages() - _translated(language))
    if missing:
        pytest.skip(f"the {language} catalog has no translation yet for {len(missing)} of the report's words")
    assert english_left(text, messages) == []
    share = english_share(text)
    assert share < 0.01, f"{share:.1%} English function words: {english_words(text)[:20]}"


def _translated(language: str) -> set[str]:
    """Messages the language's catalog translates (some with the English words themselves: 'EU' in German)."""
    with catalog_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language)
    return {
        message.id if isinstance(message.id, str) else message.id[0]
        for message in catalog
        if message.id and all(message.string if isinstance(message.string, tuple) else [message.string])
    }


def test_an_english_catalog_string_left_in_a_translated_text_is_found():
    messages = {
        "Peer regions": "Vergleichsregionen",
        "No indicator stands clearly below the EU.": "Kein Indikator liegt deutlich unter der EU.",
        "Largest gaps to the EU, in points of the normalised score (0-100): {gaps}.": "Größte Rückstände: {gaps}.",
        "EU": "EU",  # the same words in German: never a leftover
    }
    text = (
        "Vergleichsregionen der EU\nNo indicator stands clearly below the EU.\n"
        "Largest gaps to the EU, in points of the normalised score (0-100): Digitale Kompetenzen (22 Punkte)."
    )
    assert english_left(text, messages) == [
        "Largest gaps to the EU, in points of the normalised score (0-100",
        "No indicator stands clearly below the EU.",
    ]
    assert english_left("Vergleichsregionen der EU. Größte Rückstände: keine.", messages) == []


def test_the_english_share_tells_an_english_text_from_a_translated_one():
    english = "The regional figures refer to 2013-2018: no newer statistics are public in the sources of the project."
    german = "Die regionalen Werte beziehen sich auf 2013-2018; in den Quellen sind keine neueren Statistiken."
    assert english_share(english) > 0.15 and english_share(german) == 0
    cited = "Quelle: Hollanders & Es-Sadki, Regional Innovation Scoreboard 2021, S. 18"
    assert english_share(cited) == 0  # a title is cited as published


def test_demo_output_can_be_measured(tmp_path: Path):
    """benchmarks/english_share.py reads the played demo's Word documents: the latest version of each."""
    from benchmarks.english_share import latest_documents

    for name in ("survey_report_v1.docx", "policy_briefing_v1.docx", "policy_briefing_v2.docx"):
        (tmp_path / "SI03").mkdir(exist_ok=True)
        (tmp_path / "SI03" / name).write_bytes(b"")
    assert [path.name for path in latest_documents(tmp_path)["SI03"]] == [
        "policy_briefing_v2.docx",
        "survey_report_v1.docx",
    ]
