"""The benchmarking result as the stages after it read it: the briefing's evidence and the peer review pack."""

from __future__ import annotations

import datetime as dt

import pytest

from advisory.stages.benchmarking.build import build_benchmarking_report
from advisory.stages.benchmarking.gather import gather_benchmarking_report
from advisory.stages.briefing.evidence import BenchmarkingEvidence
from advisory.stages.peer_review.models import BenchmarkingSeen
from tests.fakes import context_for


@pytest.fixture(scope="module")
def stored() -> dict:
    """The result as the engine stores it (JSON)."""
    result = build_benchmarking_report(gather_benchmarking_report(context_for("DED2", today=dt.date(2026, 5, 1))))
    return result.model_dump(mode="json")


def test_the_briefing_reads_score_group_and_weaknesses(stored):
    evidence = BenchmarkingEvidence.model_validate(stored)
    assert evidence.relative_score == pytest.approx(stored["relative_score"])
    assert evidence.group == stored["group"] and evidence.group.split()[0] in {
        "Leader",
        "Strong",
        "Moderate",
        "Emerging",
    }
    assert [w.code for w in evidence.weaknesses] == [w["code"] for w in stored["weaknesses"]]


def test_the_pack_reads_score_group_and_weaknesses_with_value_unit_and_year(stored):
    seen = BenchmarkingSeen.model_validate(stored)
    assert seen.group == stored["group"] and seen.weaknesses, "Dresden lags its peers somewhere"
    for weakness in seen.weaknesses:
        assert weakness.name and weakness.unit and weakness.value is not None and weakness.year


def test_gaps_against_the_eu_and_the_peers_carry_value_year_and_gap(stored):
    for key in ("strengths_vs_eu", "weaknesses_vs_eu", "strengths_vs_peers", "weaknesses_vs_peers"):
        for gap in stored[key]:
            assert {"code", "name", "value", "unit", "year", "reference_value", "gap", "text", "source"} <= set(gap)
    assert stored["weaknesses_vs_eu"] and stored["strengths_vs_eu"]
    assert all(g["gap"] < 0 for g in stored["weaknesses_vs_eu"])
    gaps = [g["gap"] for g in stored["weaknesses_vs_eu"]]
    assert gaps == sorted(gaps)  # the largest shortfall first
