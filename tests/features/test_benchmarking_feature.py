"""Step definitions for features/benchmarking.feature."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from advisory.domain.errors import UnknownRegion
from advisory.stages.benchmarking import method
from advisory.stages.benchmarking.build import build_benchmarking_report
from advisory.stages.benchmarking.gather import gather_benchmarking_report, reference_data, scoreboard
from tests.fakes import REGIONS, FakeStageContext, context_for

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 5, 1)
scenarios("benchmarking.feature")


def _codes(text: str) -> list[str]:
    return [code.strip() for code in text.split(",")]


@given("the reference data of the scoreboard's regions and the indicator catalogue")
def reference():
    data = reference_data(ROOT / "datasets")
    assert len(data.catalogue.indicators) == 21 and len(data.units) > 200


@given(parsers.parse('the region "{code}" has no peer regions chosen by the expert'), target_fixture="context")
def automatic_peers(code):
    return context_for(code, today=TODAY)


@given(parsers.parse('the region "{code}" has the peer regions "{peers}"'), target_fixture="context")
def expert_peers(code, peers):
    return FakeStageContext(region=REGIONS[code].model_copy(update={"peer_regions": _codes(peers)}), today=TODAY)


def _profile(code: str, name: str, country: str, country_name: str) -> FakeStageContext:
    profile = REGIONS["DED2"].model_copy(
        update={"code": code, "name": name, "country": country, "country_name": country_name}
    )
    return FakeStageContext(region=profile, today=TODAY)


@given(parsers.parse('a demonstrator region "{code}" in Turkey'), target_fixture="context")
def turkish_region(code):
    return _profile(code, "Ankara", "TR", "Türkiye")


@given(
    parsers.parse('the demonstrator region "{code}" in France, whose R&D figures are missing'),
    target_fixture="context",
)
def french_region(code):
    return _profile(code, "Nord-Pas de Calais", "FR", "France")


@given(parsers.parse('the regional survey found the bottleneck "{condition}" described as "{label}"'))
def survey_bottleneck(context, condition, label):
    context.results["survey_report"] = {"bottlenecks": [{"condition": condition, "label": label}]}


@when("the expert benchmarks the region", target_fixture="report")
def benchmark(context):
    return build_benchmarking_report(gather_benchmarking_report(context))


@when("the expert tries to benchmark the region", target_fixture="refusal")
def try_benchmark(context):
    with pytest.raises(UnknownRegion) as refusal:
        build_benchmarking_report(gather_benchmarking_report(context))
    return str(refusal.value)


@when(parsers.parse("a region scores {relative:g} relative to the EU average"), target_fixture="classification")
def classify(relative):
    return method.performance_group(relative)


@when(
    parsers.parse("a region of the scoreboard scores {relative:g} relative to the EU average"),
    target_fixture="classification",
)
def classify_with_subgroup(relative):
    cuts = scoreboard(ROOT / "datasets").cuts
    score = pd.Series([relative])
    groups = method.performance_groups(score)
    return method.label(groups.iloc[0], method.subgroups(score, groups, cuts).iloc[0])


@then("the report gives the score relative to the EU, a group with its subgroup and the trend")
def position(report):
    assert report.relative_score is not None and report.rank is not None
    assert report.group == method.label(report.performance_group, report.subgroup)
    assert report.performance_group in {"Leader", "Strong", "Moderate", "Emerging"}
    assert report.trend is not None and len(report.trend_points) == report.year - report.first_year + 1
    assert str(report.headline[0]).startswith(f"In {report.year} ")


@then(parsers.parse('the report lists {count:d} named peer regions of the scoreboard, not including "{code}"'))
def peer_count(report, count, code):
    units = set(reference_data(ROOT / "datasets").units)
    assert len(report.peers) == count and code not in [p.code for p in report.peers]
    assert all(p.code in units and p.name and p.name != p.code and p.distance is not None for p in report.peers)


@then(parsers.parse("no more than {count:d} of the peers come from one country"))
def peers_across_borders(report, count):
    assert pd.Series([p.code[:2] for p in report.peers]).value_counts().max() <= count


@then(parsers.parse('the report lists exactly the peer regions "{peers}"'))
def peer_list(report, peers):
    assert [p.code for p in report.peers] == _codes(peers)


@then("the report says the peers were chosen automatically by structural similarity")
def automatic_reason(report):
    assert report.peer_choice == "automatic" and "most like" in str(report.peer_reason)
    assert all(p.reason for p in report.peers)


@then("the report says the peers were chosen by the expert")
def expert_reason(report):
    assert report.peer_choice == "expert" and "expert" in str(report.peer_reason)


@then(parsers.parse('the expert is told that "{code}" is not in the reference data'))
def told(refusal, code):
    assert code in refusal and "not in the reference data" in refusal


@then(parsers.parse('the expert is told to write "{code}"'))
def told_what_to_write(refusal, code):
    assert f"write {code}" in refusal


@then(parsers.parse('it is benchmarked as part of "{code}"'))
def benchmarked_as(report, code):
    assert report.region_code == code and report.profile_code != code


@then('the missing figures are shown as "n/a" with the reason, and the charts leave them out')
def missing_shown(report):
    missing = [s for s in report.indicators if s.value is None]
    assert missing and all(s.missing and s.year is None and s.normalised is None for s in missing)
    labels = dict(zip(map(str, report.radar_chart.categories), report.radar_chart.series[0].values, strict=True))
    for score in missing:
        assert labels[f"{score.short} (n/a)"] is None


@then(parsers.parse('it is classified as "{group}"'))
@then(parsers.parse('its group with subgroup is "{group}"'))
def classified(classification, group):
    assert classification == group


@then(parsers.parse('the finance indicators carry the note "{note}"'))
def finance_note(report, note):
    finance = [s for s in report.indicators if str(s.dimension) in {"Finance and support", "Firm investments"}]
    assert finance and all(s.notes and str(s.notes[0]) == note for s in finance)
