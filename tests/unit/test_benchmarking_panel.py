"""The yearly RIS panel: gaps filled with their year kept, NUTS-1 regions added up, national figures, the region set."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from advisory.stages.benchmarking import panel, region_set
from advisory.stages.benchmarking.models import Edition

EDITION = Edition(
    name="RIS test", short="RIS", eu_countries=["AT", "DE", "CY"], other_countries=["UK"], nuts1_countries=["AT", "UK"]
)


def test_a_gap_takes_the_latest_earlier_figure_and_keeps_its_year():
    table = pd.DataFrame({2013: [1.0, None], 2015: [2.0, None], 2016: [None, 7.0]}, index=["DE11", "DE12"])
    values, years = panel.fill_years(table, [2014, 2015, 2016, 2017])
    assert values.loc["DE11"].tolist() == [1.0, 2.0, 2.0, 2.0]
    assert years.loc["DE11"].tolist() == [2013, 2015, 2015, 2015]
    # DE12's first figure is from 2016: the years before it take it (and say 2016)
    assert values.loc["DE12"].tolist() == [7.0, 7.0, 7.0, 7.0]
    assert years.loc["DE12"].tolist() == [2016, 2016, 2016, 2016]


def test_a_region_without_any_figure_stays_missing():
    values, years = panel.fill_years(pd.DataFrame({2015: [None]}, index=["DE11"]), [2015, 2016])
    assert values.isna().all().all() and years.isna().all().all()


def test_regions_add_up_weighted_and_a_nuts1_region_needs_all_its_parts():
    values = pd.DataFrame({2018: [1.0, 3.0, 5.0, None]}, index=["AT11", "AT12", "AT21", "AT22"])
    refers = pd.DataFrame({2018: [2018.0, 2016.0, 2018.0, None]}, index=values.index)
    weights = pd.DataFrame({2018: [1.0, 3.0, 1.0, 1.0]}, index=values.index)
    groups = pd.Series(["AT1", "AT1", "AT2", "AT2"], index=values.index)
    added, years = panel.add_up(values, refers, groups, weights, 1.0)
    assert added.at["AT1", 2018] == pytest.approx((1 * 1 + 3 * 3) / 4)
    assert math.isnan(added.at["AT2", 2018])  # AT22 has no figure
    assert years.at["AT1", 2018] in (2016, 2018)


def test_counts_add_up_as_sums():
    values = pd.DataFrame({2018: [100.0, 250.0]}, index=["UKC1", "UKC2"])
    added, _ = panel.add_up(values, values * 0 + 2018, pd.Series(["UKC", "UKC"], index=values.index), None, 1.0)
    assert added.at["UKC", 2018] == 350.0


def test_a_national_figure_comes_from_the_eis_year_its_statistics_are_of():
    table = pd.DataFrame({2016: [50.0], 2017: [55.0], 2018: [60.0]}, index=["PL"])
    values, years = panel.national_figures(table, [2013, 2014, 2015, 2016], lag=2)
    # data year 2015 -> EIS 2017; 2013 -> 2015 is not in the database, so the nearest EIS year (2016)
    assert values.loc["PL"].tolist() == [50.0, 50.0, 55.0, 60.0]
    assert years.loc["PL"].tolist() == [2014, 2014, 2015, 2016]


@pytest.mark.parametrize(
    ("code", "unit"),
    [
        ("DE21", "DE21"),
        ("AT13", "AT1"),
        ("UKC1", "UKC"),
        ("CY00", "CY00"),
        ("TR51", None),
        ("DEZZ", None),
        ("DE1", None),
    ],
)
def test_the_region_set_keeps_nuts2_regions_except_where_the_ris_uses_nuts1(code, unit):
    assert region_set.ris_unit(code, EDITION) == unit


def test_a_demonstrator_inside_a_nuts1_region_is_benchmarked_as_that_region():
    units = {"AT1", "DE21"}
    assert region_set.unit_of_profile("at13", units, EDITION) == "AT1"
    assert region_set.unit_of_profile("DE21", units, EDITION) == "DE21"
    assert region_set.unit_of_profile("TR51", units, EDITION) is None


def test_names_are_nuts_names_and_whole_countries_carry_the_country_name():
    nuts = {"AT1": "Ostösterreich", "CY00": "Kypros", "DE21": "Oberbayern"}
    named = region_set.names(nuts, ["AT1", "CY00", "DE21"], {"CY": "Cyprus"})
    assert named == {"AT1": "Ostösterreich", "CY00": "Cyprus", "DE21": "Oberbayern"}


def test_a_nuts_2021_code_is_benchmarked_as_the_nuts_2016_region_it_lies_in():
    changes = pd.DataFrame(
        {
            "typology": ["nuts_level_2"] * 4,
            "code_2016": ["HR04", "", "NO05", "DE21"],
            "code_2021": ["", "HR02", "NO0A", "DE21"],
            "change_2021": ["discontinued; split into new HR02, HR05 and HR06", "new", "recoded (boundary change)", ""],
        }
    )
    earlier = region_set.predecessors(changes)
    assert earlier == {"HR02": "HR04", "HR05": "HR04", "HR06": "HR04", "NO0A": "NO05"}
    edition = EDITION.model_copy(update={"other_countries": ["UK", "NO"], "eu_countries": ["AT", "DE", "CY", "HR"]})
    assert region_set.unit_of_profile("HR05", {"HR04", "NO05"}, edition, earlier) == "HR04"
    assert region_set.unit_of_profile("DE21", {"DE21"}, edition, earlier) == "DE21"
