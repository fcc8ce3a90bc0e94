"""The programme report's transfer rule: who can show whom what, by the stated thresholds, never oneself,
and every region of the programme in at least one transfer."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisory.adapters.region_profiles import load_regions
from advisory.domain.conditions import CONDITIONS, TOPICS
from advisory.domain.text import english
from advisory.settings import PROJECT_ROOT
from advisory.stages.briefing.evidence import BottleneckEvidence, SurveyEvidence
from advisory.stages.programme.build import build_programme_report, weak_spots
from advisory.stages.programme.models import (
    AssessmentDigest,
    ConditionDigest,
    IndicatorYear,
    ProgrammeInputs,
    RegionDossier,
    StressTestDigest,
)
from advisory.stages.programme.transfers import FELT_GAP, STRONG_FROM, WEAK_BELOW, pairing, standings, transfers

PROFILES = load_regions(PROJECT_ROOT / "regions")
CODES = sorted(PROFILES)


def dossier(code: str, percentiles: dict[str, float], felt: dict[str, float] | None = None, cross: int = 2):
    return RegionDossier(
        profile=PROFILES[code],
        assessment=AssessmentDigest(
            conditions=[ConditionDigest(condition=c, label=TOPICS[c], percentile=p) for c, p in percentiles.items()],
            indicators=[IndicatorYear(code=f"{c}-x", condition=c, year=2018) for c in percentiles],
            stress_test=StressTestDigest(cross_sectoral=cross, structural_change=2),
        ),
        survey=SurveyEvidence(
            responses=15,
            bottlenecks=[
                BottleneckEvidence(condition=c, label=TOPICS[c], gap=g, n=15) for c, g in (felt or {}).items()
            ],
        ),
    )


def test_a_strong_region_shows_a_weak_one_and_not_the_other_way_round():
    strong = dossier(CODES[0], {"financial": 80})
    weak = dossier(CODES[1], {"financial": 20})
    found = transfers([strong, weak], TOPICS)
    financial = [t for t in found if t.condition == "financial"]
    assert [(t.provider_code, t.receiver_code) for t in financial] == [(CODES[0], CODES[1])]
    assert financial[0].score == 60
    provider, receiver = PROFILES[CODES[0]].name, PROFILES[CODES[1]].name
    assert english(financial[0].provider_evidence).startswith(f"{provider}: EU percentile 80")
    assert english(financial[0].receiver_evidence).startswith(f"{receiver}: EU percentile 20")
    assert "2018" in english(financial[0].receiver_evidence)


def test_a_felt_bottleneck_needs_twenty_percentiles_and_adds_ten():
    provider = dossier(CODES[0], {"market": 70})
    felt = dossier(CODES[1], {"market": 50}, felt={"market": 1.2})
    barely = dossier(CODES[2], {"market": 55}, felt={"market": 1.2})
    noise = dossier(CODES[3], {"market": 45}, felt={"market": FELT_GAP / 2})
    table = {d.profile.code: standings(d, TOPICS)["market"] for d in (provider, felt, barely, noise)}
    assert pairing(table[CODES[0]], table[CODES[1]]) == 70 - 50 + 10
    assert pairing(table[CODES[0]], table[CODES[2]]) is None  # felt, but only 15 percentiles apart
    assert pairing(table[CODES[0]], table[CODES[3]]) is None  # a gap under half a point is not felt, 45 not weak


def test_the_self_assessment_pairs_two_or_three_with_zero_or_one():
    a, b = dossier(CODES[0], {}, cross=3), dossier(CODES[1], {}, cross=0)
    found = [t for t in transfers([a, b], TOPICS) if t.condition == "cross-sectoral"]
    assert [(t.provider_code, t.receiver_code, t.score) for t in found] == [(CODES[0], CODES[1], 60)]
    assert "3 of 3" in english(found[0].provider_evidence) and "0 of 3" in english(found[0].receiver_evidence)


def test_a_region_in_no_pairing_gets_its_closest_match_said_as_such():
    a = dossier(CODES[0], {"knowledge": 55})
    b = dossier(CODES[1], {"knowledge": 50})
    found = transfers([a, b], TOPICS)
    assert len(found) == 1
    assert english(found[0].statement).startswith("Closest match")
    assert (found[0].provider_code, found[0].receiver_code) == (CODES[0], CODES[1])


percentile = st.one_of(st.none(), st.floats(min_value=0, max_value=100, allow_nan=False))
regions_strategy = st.lists(
    st.tuples(st.dictionaries(st.sampled_from(sorted(CONDITIONS)), percentile, max_size=7), st.integers(0, 3)),
    min_size=2,
    max_size=len(CODES),
)


@settings(max_examples=60, deadline=None)
@given(regions_strategy)
def test_the_rule_holds_for_any_programme(drawn):
    regions = [
        dossier(
            code,
            {c: p for c, p in values.items() if p is not None},
            cross=cross,
        )
        for code, (values, cross) in zip(CODES, drawn, strict=False)
    ]
    found = transfers(regions, TOPICS)
    for t in found:
        assert t.provider_code != t.receiver_code, "a region is never its own partner"
        if english(t.statement).startswith("Closest match"):
            continue
        assert t.score > 0
    by_receiver = {
        code: [t for t in found if t.receiver_code == code and not english(t.statement).startswith("Closest")]
        for code in CODES
    }
    assert all(len(pairs) <= 2 for pairs in by_receiver.values())
    for t in found:  # the thresholds as stated, for measured conditions
        standing = {d.profile.code: standings(d, TOPICS) for d in regions}
        p, r = standing[t.provider_code][t.condition], standing[t.receiver_code][t.condition]
        if p.percentile is not None and not english(t.statement).startswith("Closest"):
            assert p.percentile >= STRONG_FROM
            assert r.percentile < WEAK_BELOW or (r.felt_gap is not None and p.percentile - r.percentile >= 20)
    differs = (
        any(a.get(c) != b.get(c) for (a, _x), (b, _y) in itertools.combinations(drawn, 2) for c in TOPICS)
        or len({cross for _v, cross in drawn}) > 1
    )
    if differs:  # wherever two regions stand apart somewhere, nobody is left out
        involved = {t.provider_code for t in found} | {t.receiver_code for t in found}
        everyone = {d.profile.code for d in regions}
        alone = everyone - involved
        for code in alone:  # left out only where the region stands level with every other on everything it has
            mine = standings(next(d for d in regions if d.profile.code == code), TOPICS)
            for other in regions:
                theirs = standings(other, TOPICS)
                for topic in mine.keys() & theirs.keys():
                    assert (mine[topic].percentile, mine[topic].rating) == (
                        theirs[topic].percentile,
                        theirs[topic].rating,
                    )


def test_the_report_counts_what_it_lists():
    regions = [
        dossier(CODES[0], {"financial": 80, "market": 30}, felt={"market": 1.5}, cross=3),
        dossier(CODES[1], {"financial": 20, "market": 70}, cross=0),
        dossier(CODES[2], {"financial": 25, "market": 65}, felt={"financial": 2.0}, cross=1),
    ]
    report = build_programme_report(ProgrammeInputs(as_of="2026-11-22", regions=regions))
    assert english(report.summary[-1]).startswith(f"{len(report.transfers)} transfers")
    spots = {s.condition: s.regions for s in weak_spots(sorted(regions, key=lambda r: r.profile.name))}
    assert sorted(spots["financial"]) == sorted([PROFILES[CODES[1]].name, PROFILES[CODES[2]].name])
    assert [r.condition for r in report.recurring] == [s for s, names in spots.items() if len(names) >= 2]
    assert {row.region for row in report.matrix} == {PROFILES[c].name for c in CODES[:3]}
    assert all(row.learns_from or row.shows for row in report.matrix)


@pytest.mark.parametrize("code", CODES)
def test_a_region_is_never_its_own_partner_in_the_matrix(code):
    regions = [dossier(c, {"financial": 10 + 15 * i}) for i, c in enumerate(CODES)]
    report = build_programme_report(ProgrammeInputs(as_of="2026-11-22", regions=regions))
    row = next(r for r in report.matrix if r.region == PROFILES[code].name)
    assert all(PROFILES[code].name not in english(text) for text in row.learns_from + row.shows)
