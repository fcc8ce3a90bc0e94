"""Partner search: the stated ranking rule on synthetic regions (property tests), and the command on the real data."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from advisory.domain.clusters import SectorStars, UnknownSector, focus_divisions, sector_divisions
from advisory.domain.partners import FOCUS_WEIGHT, RegionStrengths, Standing, rank_partners, reasons, thirds
from advisory.entrypoints.cli import app
from advisory.settings import Settings
from advisory.stages.partners import find_partners, normalised_indicators

SETTINGS = Settings()

SECTORS = ["C16", "C29", "C31", "E38", "J62"]
DOMAINS = ["business_rd", "tertiary_education", "public_rd"]


def stars_of(sector: str, measures: tuple[str, ...]) -> SectorStars:
    return SectorStars(sector=sector, employment=100, size=0.01, specialisation=2.5, focus=0.05, starred=measures)


measures = st.sampled_from(
    [
        ("size",),
        ("focus",),
        ("specialisation",),
        ("size", "focus"),
        ("specialisation", "focus"),
        ("size", "specialisation", "focus"),
    ]
)
levels = st.sampled_from(["strong", "middle", "weak"])


@st.composite
def region(draw, code: str) -> RegionStrengths:
    sectors = draw(st.dictionaries(st.sampled_from(SECTORS), measures, max_size=len(SECTORS)))
    standing = draw(st.dictionaries(st.sampled_from(DOMAINS), levels, max_size=len(DOMAINS)))
    return RegionStrengths(
        code=code,
        name=f"Region {code}",
        sectors={s: stars_of(s, m) for s, m in sectors.items()},
        standing={
            d: Standing(0.9 if lvl == "strong" else 0.1 if lvl == "weak" else 0.5, lvl) for d, lvl in standing.items()
        },
    )


@st.composite
def reference_set(draw):
    codes = draw(st.lists(st.sampled_from([f"XX{i:02d}" for i in range(30)]), min_size=1, max_size=12, unique=True))
    regions = [draw(region(code)) for code in codes]
    home = draw(st.sampled_from(regions))
    focus = draw(st.lists(st.sampled_from(SECTORS), max_size=3, unique=True))
    return home, regions, focus


def expected_score(home: RegionStrengths, candidate: RegionStrengths, focus: list[str], only_focus: bool) -> tuple:
    """The rule of domain/partners.py, recomputed independently: (score, focus, shared, complementary)."""
    focus_points = sum(candidate.stars(s) for s in focus)
    shared = 0 if only_focus else sum(min(home.stars(s), candidate.stars(s)) for s in SECTORS if s not in focus)
    complementary = sum(
        1
        for d in DOMAINS
        if d in home.standing
        and d in candidate.standing
        and {home.standing[d].level, candidate.standing[d].level} == {"strong", "weak"}
    )
    return FOCUS_WEIGHT * focus_points + shared + complementary, focus_points, shared, complementary


@settings(max_examples=150, deadline=None)
@given(reference_set(), st.booleans())
def test_the_ranking_follows_the_stated_rule(case, only_focus):
    home, regions, focus = case
    ranked = rank_partners(home, regions, focus, only_focus=only_focus)
    assert home.code not in {m.code for m in ranked}  # never its own partner
    by_code = {r.code: r for r in regions}
    for match in ranked:
        score, focus_points, shared, complementary = expected_score(home, by_code[match.code], focus, only_focus)
        assert (match.score, match.focus_points, match.shared_points, match.complementary_domains) == (
            score,
            focus_points,
            shared,
            complementary,
        )
        assert match.score > 0
        if only_focus:  # a sector search lists only regions with stars in the sector
            assert match.focus_points > 0 and match.shared_points == 0
    keys = [(-m.score, -m.focus_points, -m.shared_points, -m.complementary_domains, m.code) for m in ranked]
    assert keys == sorted(keys)  # best first, ties broken as stated
    # nobody left out who the rule would list
    listed = {m.code for m in ranked}
    for candidate in regions:
        if candidate.code == home.code:
            continue
        score, focus_points, *_ = expected_score(home, candidate, focus, only_focus)
        should = score > 0 and (focus_points > 0 if only_focus else True)
        assert (candidate.code in listed) == should


@settings(max_examples=50, deadline=None)
@given(reference_set())
def test_top_cuts_the_same_ranking(case):
    home, regions, focus = case
    assert rank_partners(home, regions, focus, top=3) == rank_partners(home, regions, focus)[:3]


def test_a_focus_star_weighs_twice_a_shared_star():
    home = RegionStrengths("AA11", "Home", sectors={"C31": stars_of("C31", ("focus",))})
    focus_partner = RegionStrengths("BB11", "Focus", sectors={"C29": stars_of("C29", ("size",))})
    shared_partner = RegionStrengths("CC11", "Shared", sectors={"C31": stars_of("C31", ("size", "focus"))})
    ranked = rank_partners(home, [home, shared_partner, focus_partner], focus=["C29"])
    assert [(m.code, m.score) for m in ranked] == [("BB11", 2), ("CC11", 1)]  # shared counts the smaller: 1 star


def test_reasons_name_the_sector_and_the_figures():
    home = RegionStrengths("AA11", "Home", standing={"business_rd": Standing(0.1, "weak")})
    partner = RegionStrengths(
        "BB11",
        "Partner",
        sectors={"C29": stars_of("C29", ("specialisation", "focus"))},
        standing={"business_rd": Standing(0.85, "strong")},
    )
    (match,) = rank_partners(home, [partner], focus=["C29"])
    said = [str(r) for r in reasons(match, "Home", {"business_rd": "Business R&D"})]
    assert said == [
        "Stars in Motor vehicles, trailers and semi-trailers (C29), a focus industry of Home: 2 stars "
        "(specialisation, focus): 1.0 % of European employment, location quotient 2.5, "
        "5.0 % of the region's employment",
        "Business R&D: Partner strong (0.85), Home weak (0.10) on the 0-1 benchmarking scale",
    ]


def test_thirds_split_by_position():
    standing = thirds({f"R{i}": float(i) for i in range(9)})
    assert [standing[f"R{i}"].level for i in range(9)] == ["weak"] * 3 + ["middle"] * 3 + ["strong"] * 3
    assert {s.level for s in thirds({"A": 1.0, "B": 1.0, "C": 1.0}).values()} == {"middle"}  # all equal: no contrast


def test_focus_industries_and_sectors_map_to_divisions():
    assert focus_divisions(["eco-industries", "wood processing", "automotive", "space tourism"]) == (
        ("E37", "E38", "E39", "C16", "C31", "C29"),
        ["space tourism"],
    )
    assert sector_divisions("c29") == ("C29",) == sector_divisions("29") == sector_divisions("Automotive")
    with pytest.raises(UnknownSector, match="unknown sector 'chips'"):
        sector_divisions("chips")


# --- the real reference data -------------------------------------------------------------------------------
def test_vzhodna_slovenija_gets_at_least_five_partners_with_reasons():
    search = find_partners(SETTINGS.datasets_dir, SETTINGS.regions_dir, "si03", top=5)
    assert search.region.code == "SI03" and search.focus == ("E37", "E38", "E39", "C16", "C31", "C29")
    assert len(search.candidates) == 5 and "SI03" not in {c.match.code for c in search.candidates}
    assert search.considered > 300  # the whole reference set, not the six
    for candidate in search.candidates:
        assert candidate.reasons and candidate.match.focus_points > 0
    scores = [c.match.score for c in search.candidates]
    assert scores == sorted(scores, reverse=True)


def test_a_sector_search_lists_only_regions_with_stars_in_it():
    search = find_partners(SETTINGS.datasets_dir, SETTINGS.regions_dir, "SK04", sector="J62", top=10)
    assert search.focus == ("J62",) and len(search.candidates) == 10
    for candidate in search.candidates:
        assert [s.sector for s in candidate.match.focus_sectors] == ["J62"] and candidate.match.shared_points == 0
        assert "the sector searched for" in str(candidate.reasons[0])


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, " ".join(result.output.split())


def test_the_command_prints_ranked_candidates():
    code, output = run("partners", "SI03", "--top", "5")
    assert code == 0
    assert "Partner regions for Vzhodna Slovenija (SI03)" in output
    assert all(f" {n}. " in output for n in range(1, 6)) and " 6. " not in output
    assert "(SI03) score" not in output  # never its own partner


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("partners", "XX99"), "error: unknown region 'XX99': not in the reference data"),
        (("partners", "SI03", "--sector", "chips"), "error: unknown sector 'chips': neither a NACE division"),
    ],
)
def test_an_unknown_region_or_sector_is_one_line_and_exit_2(args, named):
    code, output = run(*args)
    assert code == 2 and output.startswith(named) and "Traceback" not in output


def test_only_the_benchmarking_tables_normalised_columns_are_read_and_old_codes_join_their_successor():
    table = pd.DataFrame(
        {
            "composite": [0.5, 0.6, 0.7],
            "group": ["Strong", "Moderate", "Leader"],
            "a_new_score_column": [1, 2, 3],
            "business_rd_normalised": [0.2, None, 0.9],
            "public_rd_normalised": [None, 0.4, 0.1],
        },
        index=pd.Index(["FR21", "FRF2", "SI03"], name="region"),
    )
    wide = normalised_indicators(table, {"FR21": "FRF2", "SI03": "SI03"})
    assert list(wide.columns) == ["business_rd", "public_rd"]
    assert wide.loc["FRF2"].tolist() == [0.2, 0.4]  # the successor's own value first, the old code's fills the gap
    assert list(wide.index) == ["FRF2", "SI03"]


def test_any_region_of_the_reference_data_can_be_searched_and_old_codes_are_carried_over():
    search = find_partners(SETTINGS.datasets_dir, SETTINGS.regions_dir, "fr21", top=3)
    assert search.region.code == "FRF2" and search.region.name == "Champagne-Ardenne"
    assert search.focus == () and len(search.candidates) == 3  # no profile: shared stars and domains only
