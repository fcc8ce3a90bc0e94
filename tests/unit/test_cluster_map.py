"""The cluster map: the European Cluster Observatory's three measures and stars, on a hand-computed example and on
the shipped Eurostat data for Vzhodna Slovenija."""

from __future__ import annotations

import pandas as pd
import pytest

from advisory.adapters.datasets import load_sbs_employment, nuts_names, nuts_successors
from advisory.domain.clusters import EmergingIndustry
from advisory.domain.text import _
from advisory.settings import PROJECT_ROOT
from advisory.stages.assessment.cluster_map import (
    cluster_table,
    missing_sections,
    reference_region_map,
    region_map,
    top_share,
)

DATASETS = PROJECT_ROOT / "datasets"


def employment(cells: dict[tuple[str, str], float | None]) -> pd.DataFrame:
    """The loader's long form from {(geo, nace): persons employed}."""
    rows = [
        {"nace": nace, "geo": geo, "level": len(geo) - 2, "persons_employed": value, "flag": ""}
        for (geo, nace), value in cells.items()
    ]
    return pd.DataFrame(rows)


# Three countries, four regions, two manufacturing divisions (C10, C29) and one construction division (F41).
# CC11 publishes construction only: its manufacturing cells are confidential (empty), while country CC
# publishes its national figures.
EXAMPLE = employment(
    {
        **{("AA11", n): v for n, v in {"C": 100, "C10": 60, "C29": 40, "F": 100, "F41": 100}.items()},
        **{("AA12", n): v for n, v in {"C": 50, "C10": 50, "C29": 0, "F": 150, "F41": 150}.items()},
        **{("BB11", n): v for n, v in {"C": 300, "C10": 20, "C29": 280, "F": 100, "F41": 100}.items()},
        **{("CC11", n): v for n, v in {"C": None, "C10": None, "C29": None, "F": 1000, "F41": 1000}.items()},
        **{("AA", n): v for n, v in {"C": 150, "C10": 110, "C29": 40, "F": 250, "F41": 250}.items()},
        **{("BB", n): v for n, v in {"C": 300, "C10": 20, "C29": 280, "F": 100, "F41": 100}.items()},
        **{("CC", n): v for n, v in {"C": 10, "C10": 10, "C29": 0, "F": 1000, "F41": 1000}.items()},
        ("AAZZ", "C"): 5,  # extra-regio: never a region
    }
)
FOOD_AND_CARS = EmergingIndustry(
    code="food_and_cars", name=_("Food and cars"), divisions=("C10", "C29"), basis=_("test"), approximation=_("test")
)


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return cluster_table(EXAMPLE, industries=(FOOD_AND_CARS,)).set_index(["region", "sector"])


# Europe: C10 = 110 + 20 + 10 = 140, C29 = 320, F41 = 1,350; all sections C + F = 460 + 1,350 = 1,810.
@pytest.mark.parametrize(
    ("region", "sector", "size", "focus", "lq"),
    [
        ("AA11", "C10", 60 / 140, 60 / 200, (60 / 200) / (140 / 1810)),  # 0.4286, 0.30, 3.88
        ("AA11", "C29", 40 / 320, 40 / 200, (40 / 200) / (320 / 1810)),  # 0.125, 0.20, 1.13
        ("AA12", "F41", 150 / 1350, 150 / 200, (150 / 200) / (1350 / 1810)),  # 0.1111, 0.75, 1.01
        ("BB11", "C29", 280 / 320, 280 / 400, (280 / 400) / (320 / 1810)),  # 0.875, 0.70, 3.96
        # CC11 publishes construction only: compared with Europe's construction, not all of Europe (LQ 1.0, not 1.34)
        ("CC11", "F41", 1000 / 1350, 1000 / 1000, 1.0),
    ],
)
def test_the_three_measures_match_the_hand_computation(table, region, sector, size, focus, lq):
    row = table.loc[(region, sector)]
    assert row["size"] == pytest.approx(size)
    assert row["focus"] == pytest.approx(focus)
    assert row["specialisation"] == pytest.approx(lq)


@pytest.mark.parametrize(
    ("region", "sector", "starred"),
    [
        ("AA11", "C10", {"size", "focus", "specialisation"}),  # largest of 3, largest share, LQ 3.88
        ("AA12", "C10", {"specialisation"}),  # LQ 3.23, second in size and focus
        ("BB11", "C10", set()),
        ("BB11", "C29", {"size", "focus", "specialisation"}),
        ("AA11", "C29", set()),  # LQ 1.13, second of two
        ("AA12", "C29", set()),  # no employment: never a star, even where few regions have any
        ("CC11", "F41", {"size", "focus"}),  # top of 4 (ceil(4 / 10) = 1), LQ 1.0
        ("AA12", "F41", set()),
    ],
)
def test_stars_follow_the_rules(table, region, sector, starred):
    row = table.loc[(region, sector)]
    got = {m for m in ("size", "focus", "specialisation") if row[f"{m}_star"]}
    assert got == starred and row["stars"] == len(starred)


def test_confidential_cells_and_extra_regio_codes_stay_out(table):
    regions = set(table.index.get_level_values("region"))
    assert regions == {"AA11", "AA12", "BB11", "CC11"}
    assert ("CC11", "C10") not in table.index
    # an emerging industry needs all its divisions: CC11 has none of C10/C29 published
    assert table.loc[("AA11", "food_and_cars"), "employment"] == 100
    assert table.loc[("AA11", "food_and_cars"), "kind"] == "emerging"
    assert ("CC11", "food_and_cars") not in table.index
    assert missing_sections(EXAMPLE)["CC11"][:2] == ["B", "C"]


def test_the_top_ten_percent_is_an_integer_ceiling_with_ties():
    sector = pd.Series(["x"] * 280)
    flagged = top_share(pd.Series(range(1, 281), dtype=float), sector)
    assert flagged.sum() == 28  # 0.1 * 280 is 28.000000000000004 in floating point: still 28
    eleven = top_share(pd.Series([9.0, 9.0, 9.0, *range(1, 9)]), pd.Series(["y"] * 11))
    assert eleven.sum() == 3  # ceil(1.1) = 2 places, and three regions tied for the first are all in


def test_successor_codes_rename_regions_that_kept_their_territory():
    renamed = cluster_table(EXAMPLE, successors={"AA11": "AA21"}, industries=())
    assert "AA21" in set(renamed["region"]) and "AA11" not in set(renamed["region"])


def test_a_region_map_orders_sectors_by_stars_then_focus():
    table = cluster_table(EXAMPLE, industries=(FOOD_AND_CARS,))
    aa11 = region_map(table, "AA11")
    assert [s.sector for s in aa11.sectors] == ["C10", "F41", "C29"]
    assert aa11.star_counts() == {3: 1, 2: 0, 1: 0}
    assert [s.sector for s in aa11.emerging] == ["food_and_cars"]
    assert region_map(table, "ZZ99") is None


# --- the shipped data (Eurostat sbs_r_nuts06_r2, 2015) ---------------------------------------------------------
def test_vzhodna_slovenija_on_the_shipped_data():
    si03 = reference_region_map(DATASETS, "SI03")
    assert si03.year == 2015
    # transport (H) and S95 are confidential for SI03, so they are out of its total and of Europe's like-for-like total
    assert si03.missing_sections == ["H", "S95"]
    electrical = next(s for s in si03.sectors if s.sector == "C27")
    raw = load_sbs_employment(DATASETS)
    si03_raw = raw[raw["geo"] == "SI03"].set_index("nace")["persons_employed"]
    published = ["B", "C", "D", "E", "F", "G", "I", "J", "L", "M", "N"]
    assert electrical.employment == si03_raw["C27"] == 10978
    assert electrical.focus == pytest.approx(10978 / si03_raw[published].sum())
    europe = raw[raw["level"] == 0].groupby("nace")["persons_employed"].sum()
    assert electrical.size == pytest.approx(10978 / europe["C27"])
    assert electrical.specialisation == pytest.approx(electrical.focus / (europe["C27"] / europe[published].sum()))
    assert electrical.starred == ("specialisation", "focus")  # LQ 3.7; Europe's top 10 % by size are bigger regions
    assert si03.star_counts() == {3: 0, 2: 10, 1: 0}
    assert {"C16", "C22", "C25", "C27"} <= {s.sector for s in si03.sectors if s.stars == 2}
    assert "C21" in si03.not_published  # pharmaceuticals: confidential in SI03
    assert [e.sector for e in si03.emerging] == ["eco_industries", "mobile_services"] and not si03.hotspots


def test_the_shipped_codes_are_carried_to_nuts_2016():
    successors = nuts_successors(DATASETS)
    assert successors["FR21"] == "FRF2" and successors["PL11"] == "PL71" and successors["SI03"] == "SI03"
    assert "HU10" not in successors and "PL12" not in successors  # split in 2016: cannot be carried over
    assert reference_region_map(DATASETS, "FRF2") is not None and reference_region_map(DATASETS, "FR21") is None


def test_regions_are_named_from_nuts_with_their_own_spelling():
    names = nuts_names(DATASETS)
    # the 2021 list writes Slaskie and Dél Alföld; the lineage's spelling of the same name is kept
    assert (names["PL22"], names["PL21"], names["HU33"], names["CZ02"]) == (
        "Śląskie",
        "Małopolskie",
        "Dél-Alföld",
        "Střední Čechy",
    )
    assert names["EL30"] == "Attiki"  # another script: the Latin form of the 2021 list
    assert (names["HU10"], names["NO01"]) == ("Közép-Magyarország", "Oslo og Akershus")  # codes gone by 2021
