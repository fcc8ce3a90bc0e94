"""Step definitions for features/benchmarking.feature."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from advisory.benchmarking import build_benchmarking_report
from advisory.benchmarking.method import performance_group
from advisory.inputs.benchmarking import gather_benchmarking_report, reference_data
from advisory.regions import load_regions

ROOT = Path(__file__).resolve().parents[2]
scenarios("benchmarking.feature")


class EngagementContext:
    """A stand-in for the engine's StageContext: one region, optionally a survey result."""

    def __init__(self, code: str, peer_regions: list[str]) -> None:
        self.regions = load_regions(ROOT / "regions")
        self.region = self.regions[code].model_copy(update={"peer_regions": peer_regions})
        self.today = dt.date(2026, 5, 1)
        self.datasets_dir = ROOT / "datasets"
        self.regions_dir = ROOT / "regions"
        self.instruments_dir = ROOT / "surveys" / "instruments"
        self.survey: dict | None = None

    def inputs(self, kind: str) -> list[dict]:
        return []

    def result(self, document: str) -> dict | None:
        return self.survey if document == "survey_report" else None

    def all_results(self, document: str) -> dict:
        return {}


def _codes(text: str) -> list[str]:
    return [code.strip() for code in text.split(",")]


@given("the reference data of European NUTS-2 regions and the indicator catalogue")
def reference():
    catalogue, values = reference_data(ROOT / "datasets")
    assert catalogue.indicators and len(values) > 1000


@given(parsers.parse('the region "{code}" has no peer regions chosen by the expert'), target_fixture="context")
def automatic_peers(code):
    return EngagementContext(code, [])


@given(parsers.parse('the region "{code}" has the peer regions "{peers}"'), target_fixture="context")
def expert_peers(code, peers):
    return EngagementContext(code, _codes(peers))


@given(parsers.parse('the regional survey found the bottleneck "{condition}" described as "{label}"'))
def survey_bottleneck(context, condition, label):
    context.survey = {"bottlenecks": [{"condition": condition, "label": label}]}


@when("the expert benchmarks the region", target_fixture="report")
def benchmark(context):
    return build_benchmarking_report(gather_benchmarking_report(context))


@when("the expert tries to benchmark the region", target_fixture="refusal")
def try_benchmark(context):
    with pytest.raises(ValueError) as refusal:
        build_benchmarking_report(gather_benchmarking_report(context))
    return str(refusal.value)


@when(parsers.parse("a region scores {relative:g} relative to the EU average"), target_fixture="classification")
def classify(relative):
    return performance_group(relative)


@then("the report gives a composite score and a performance group")
def composite_and_group(report):
    assert 0 <= report.composite <= 1
    assert report.group in {"Leader", "Strong", "Moderate", "Emerging"}


@then(parsers.parse('the report lists {count:d} peer regions, not including "{code}"'))
def peer_count(report, count, code):
    assert len(report.peers) == count and code not in [p.code for p in report.peers]


@then(parsers.parse('the report lists exactly the peer regions "{peers}"'))
def peer_list(report, peers):
    assert [p.code for p in report.peers] == _codes(peers)


@then("the report says the peers were chosen automatically by structural similarity")
def automatic_reason(report):
    assert report.peer_choice == "automatic" and "similar in structure" in report.peer_reason


@then("the report says the peers were chosen by the expert")
def expert_reason(report):
    assert report.peer_choice == "expert" and "expert" in report.peer_reason


@then(parsers.parse('the expert is told that "{code}" is not in the reference data'))
def told(refusal, code):
    assert code in refusal and "not in the reference data" in refusal


@then(parsers.parse('it is classified as "{group}"'))
def classified(classification, group):
    assert classification == group


@then(parsers.parse('the finance indicators carry the note "{note}"'))
def finance_note(report, note):
    finance = [s for s in report.indicators if s.dimension == "Finance and investment"]
    assert finance and all(s.note == note for s in finance)
