"""The intake's fast path (a column at a time) gives exactly what the careful path (cell by cell) gives:
the same responses, and for a refused file the same problems in the same order with the same words."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisory.adapters.i18n import available_languages
from advisory.adapters.region_profiles import load_regions
from advisory.domain.errors import UploadRejected
from advisory.stages.survey import parse as intake
from advisory.stages.survey.instrument import default_instrument, translate

INSTRUMENT = default_instrument()
REGION = load_regions(Path("regions"))["SI03"]
COLUMNS = ["region", "instrument_version", *INSTRUMENT.answer_columns]

# Cell values a contact might send for each kind of question: good ones first, then near misses and nonsense.
GOOD = {
    "likert_pair": ["1", "3", "5", " 4 ", "5.0"],
    "number": ["40", "12,5", "12.5", "1 200"],
    "text": ["Premalo podpore & <birokracija>", '=HYPERLINK("x")', "", "  spaced  "],
}


def good(question) -> list[str]:
    """Answers the question accepts: its codes, its labels in any language, several choices joined."""
    if question.kind not in ("single", "multiple"):
        return GOOD[question.kind]
    labels = {translate(o.label, language) for o in question.options for language in available_languages()}
    spellings = [o.code for o in question.options] + sorted(labels)
    if question.kind == "multiple":
        spellings += [f"{a} | {b}" for a, b in zip(spellings, reversed(spellings), strict=True)] + [""]
    return spellings


BAD = {
    "likert_pair": ["", "0", "6", "=2+2", "three"],
    "number": ["", "-3", "lots", "2.5", "inf"],
    "single": ["", "bakery"],
    "multiple": ["nope|x"],
    "text": ["č" * 2100],
}
CLEAN = {"org_type": "firm", "size": "small", "sector": "C", "cluster_role": "member", "internationalisation": "none"}


@st.composite
def uploads(draw) -> list[dict[str, str]]:
    """Mostly clean rows (the fast path's work), some with one bad cell, a wrong region or a repeated reference."""
    rows = []
    for number in range(draw(st.integers(min_value=1, max_value=12))):
        row = {"region": "SI03", "instrument_version": "1", "respondent_id": f"r{number}"}
        for question in INSTRUMENT.questions:
            for column in question.columns:
                row[column] = CLEAN.get(column) or draw(st.sampled_from(good(question)))
        trouble = draw(st.sampled_from(["none", "none", "cell", "region", "version", "reference"]))
        if trouble == "cell":
            question = draw(st.sampled_from(INSTRUMENT.questions))
            row[draw(st.sampled_from(question.columns))] = draw(st.sampled_from(BAD[question.kind]))
        elif trouble == "region":
            row["region"] = draw(st.sampled_from(["DED2", " si03", ""]))
        elif trouble == "version":
            row["instrument_version"] = "0.9"
        elif trouble == "reference":
            row["respondent_id"] = draw(st.sampled_from(["r0", "", "bad id!"]))
        rows.append(row)
    return rows


def csv_bytes(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def outcome(data: bytes) -> tuple[list, list]:
    try:
        return [r.model_dump() for r in intake.parse_survey_upload(data, "a.csv", REGION, INSTRUMENT)], []
    except UploadRejected as rejected:
        return [], [p.model_dump() for p in rejected.problems]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(uploads())
def test_the_fast_path_accepts_and_refuses_exactly_as_the_careful_path(rows):
    data = csv_bytes(rows)
    fast = outcome(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(intake._FastPath, "takes", lambda self, index, number, seen: False)
        careful = outcome(data)
    assert fast == careful


def test_a_clean_file_takes_the_fast_path_for_every_row(monkeypatch):
    taken = []
    real = intake._FastPath.takes
    monkeypatch.setattr(intake._FastPath, "takes", lambda self, *a: taken.append(real(self, *a)) or taken[-1])
    rows = [
        {"region": "SI03", "instrument_version": "1", "respondent_id": f"r{n}"}
        | {"org_type": "firm", "size": "small", "sector": "C", "cluster_role": "member"}
        | {"internationalisation": "none", "market_importance": "4", "market_satisfaction": "2"}
        for n in range(5)
    ]
    accepted, problems = outcome(csv_bytes(rows))
    assert problems == [] and len(accepted) == 5
    assert taken == [True] * 5
