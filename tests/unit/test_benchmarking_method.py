"""Each step of the RIS method on small hand-computed examples."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from advisory.stages.benchmarking import method
from advisory.stages.benchmarking.models import Catalogue, Edition, Indicator, MethodRules, Thresholds


def test_min_max_uses_the_reference_rows_of_every_year_and_clips_the_others():
    table = pd.DataFrame({"x": [2.0, 4.0, 6.0, 10.0]}, index=["AT1 2014", "AT1 2018", "BE1 2018", "EU 2018"])
    reference = table.iloc[:3]
    assert method.min_max(table, reference)["x"].tolist() == [0.0, 0.5, 1.0, 1.0]


def test_an_outlier_is_replaced_by_the_highest_value_that_is_not_one():
    # ten regions at 1..10 and one at 100: mean 13.6, sd ~28.7, so 100 lies beyond mean + 2 sd
    table = pd.DataFrame({"x": [float(v) for v in range(1, 11)] + [100.0]})
    low, high, count = method.outlier_bounds(table, sd=2)
    treated = method.replace_outliers(table, low, high)
    assert (low["x"], high["x"], count["x"]) == (1.0, 10.0, 1)
    assert treated["x"].iloc[10] == 10.0 and treated["x"].iloc[4] == 5.0


def test_outliers_beyond_the_sd_multiple_only():
    table = pd.DataFrame({"x": [0.0, 0.0, 0.0, 0.0, 10.0]})  # mean 2, sd ~4.47: 10 is 1.79 sd away
    assert method.outlier_bounds(table, sd=1.5)[2]["x"] == 1
    assert method.outlier_bounds(table, sd=2)[2]["x"] == 0


def test_missing_values_stay_missing_through_every_step():
    table = pd.DataFrame({"x": [1.0, None, 9.0]})
    low, high, _ = method.outlier_bounds(table, sd=2)
    shaped = method.square_root(method.replace_outliers(table, low, high), ["x"])
    normalised = method.min_max(shaped, shaped)
    assert math.isnan(normalised["x"].iloc[1])
    assert normalised["x"].tolist()[0::2] == [0.0, 1.0]


def test_square_root_applies_only_to_the_named_indicators():
    table = pd.DataFrame({"skewed": [4.0, 9.0], "plain": [4.0, 9.0]})
    shaped = method.square_root(table, ["skewed"])
    assert shaped["skewed"].tolist() == [2.0, 3.0] and shaped["plain"].tolist() == [4.0, 9.0]


def test_lower_is_better_reverses_the_scale():
    assert method.orient(pd.DataFrame({"x": [0.0, 0.25]}), ["x"])["x"].tolist() == [1.0, 0.75]


def test_composite_is_the_mean_of_available_indicators_above_the_coverage_rule():
    normalised = pd.DataFrame({"a": [0.2, 0.9], "b": [0.4, None], "c": [0.6, None]}, index=["full", "sparse"])
    table = method.composite(normalised, min_coverage=0.6)
    assert table.at["full", "composite"] == pytest.approx(0.4)
    assert table.at["sparse", "coverage"] == pytest.approx(1 / 3)
    assert math.isnan(table.at["sparse", "composite"])


@pytest.mark.parametrize(
    ("relative", "group"),
    [
        (125.01, "Leader"),
        (125.0, "Strong"),
        (100.0, "Strong"),
        (99.99, "Moderate"),
        (70.0, "Moderate"),
        (69.99, "Emerging"),
        (None, "Not classified"),
    ],
)
def test_groups_at_the_exact_thresholds(relative, group):
    assert method.performance_group(relative) == group
    assert method.performance_groups(pd.Series([relative], dtype=float)).iloc[0] == group


def test_subgroups_reproduce_the_published_ris_2021_bands():
    # RIS 2021 p. 18: Leader + above 144.8, Leader 134.9-144.8; Strong + 116.7-125; Moderate + 90-100;
    # Emerging + 52.1-70, Emerging - below 34.1 (the highest regional score 154.7, the lowest 16.2)
    bounds = method.group_bounds(pd.Series([154.7, 16.2, 90.0]), Thresholds())
    cuts = method.subgroup_cuts(bounds)
    assert cuts["Leader"] == pytest.approx((134.9, 144.8), abs=0.05)
    assert cuts["Strong"] == pytest.approx((108.33, 116.67), abs=0.01)
    assert cuts["Moderate"] == pytest.approx((80.0, 90.0))
    assert cuts["Emerging"] == pytest.approx((34.1, 52.1), abs=0.05)
    relative = pd.Series([150.0, 120.0, 85.0, 75.0, 30.0])
    groups = method.performance_groups(relative)
    marks = method.subgroups(relative, groups, cuts).tolist()
    assert [method.label(g, m) for g, m in zip(groups, marks, strict=True)] == [
        "Leader +",
        "Strong +",
        "Moderate",
        "Moderate -",
        "Emerging -",
    ]


def _catalogue() -> Catalogue:
    return Catalogue(
        edition=Edition(name="RIS test", short="RIS", eu_countries=["AT", "BE"]),
        first_year=2017,
        last_year=2018,
        eis_lag=2,
        indicators=[Indicator(code="x", ris="1.1.1", name="X", dimension="D", source="regional", columns=["x"])],
    )


def _panel(values: dict[tuple[str, str, int], float]) -> pd.DataFrame:
    rows = [
        {"unit": unit, "level": level, "indicator": "x", "year": year, "value": value, "data_year": year}
        for (unit, level, year), value in values.items()
    ]
    return pd.DataFrame(rows)


def test_country_correction_aligns_a_country_with_its_eis_score_and_keeps_its_regions_apart():
    panel = _panel(
        {
            ("AT1", "region", 2017): 2.0,
            ("AT2", "region", 2017): 4.0,
            ("BE1", "region", 2017): 6.0,
            ("AT1", "region", 2018): 2.0,
            ("AT2", "region", 2018): 4.0,
            ("BE1", "region", 2018): 6.0,
            ("AT", "country", 2017): 3.0,
            ("AT", "country", 2018): 3.0,
            ("BE", "country", 2017): 6.0,
            ("BE", "country", 2018): 6.0,
            ("EU", "eu", 2017): 4.0,
            ("EU", "eu", 2018): 4.0,
        }
    )
    # EIS years 2019 and 2020 (data years 2017, 2018 with lag 2): Austria at 120 % of the EU, Belgium at 90 %
    eis = {"AT": {2019: 120.0, 2020: 120.0}, "BE": {2019: 90.0, 2020: 90.0}, "EU": {2019: 100.0, 2020: 100.0}}
    scores = method.score(panel, eis, _catalogue(), MethodRules(outlier_sd=3))
    latest = scores.latest
    # normalised: AT1 0, AT2 0.5, BE1 1, AT 0.25, EU 0.5 -> Austria raw 50 %, corrected by 120 / 50 = 2.4
    assert scores.countries.loc[("AT", 2018), "correction"] == pytest.approx(2.4)
    assert latest.at["AT2", "relative"] == pytest.approx(100 * 2.4)
    assert latest.at["AT1", "relative"] == pytest.approx(0.0)
    assert latest.at["BE1", "relative"] == pytest.approx(90.0)
    assert latest.at["AT2", "label"].startswith("Leader")


def test_trend_is_the_change_of_the_score_relative_to_the_eu_of_the_first_year():
    panel = _panel(
        {
            ("AT1", "region", 2017): 2.0,
            ("AT1", "region", 2018): 3.0,
            ("AT2", "region", 2017): 1.0,
            ("AT2", "region", 2018): 5.0,
            ("AT", "country", 2017): 1.5,
            ("AT", "country", 2018): 4.0,
            ("EU", "eu", 2017): 3.0,
            ("EU", "eu", 2018): 5.0,
        }
    )
    eis = {"AT": {2019: 50.0, 2020: 100.0}, "EU": {2019: 100.0, 2020: 100.0}}
    scores = method.score(panel, eis, _catalogue(), MethodRules(outlier_sd=3))
    # normalised over regions and years (min 1, max 5): AT 0.125 / 0.75, EU 0.5 / 1.0 -> raw 25 % / 75 %;
    # EIS 50 % / 100 % -> corrections 2 and 4/3. AT1: 0.25 / 0.5 -> relative 100 % / 66.7 %;
    # relative to the EU of 2017: 100 and 0.5 * 4/3 / 0.5 = 133.3 -> trend +33.3 points.
    assert scores.regions.loc[("AT1", 2017), "relative"] == pytest.approx(100.0)
    assert scores.latest.at["AT1", "trend"] == pytest.approx(100 / 3)
    assert scores.eu.at[2018, "index"] == pytest.approx(200.0)


def test_a_region_without_enough_figures_is_not_classified():
    x = _panel({("AT1", "region", 2018): 1.0, ("AT2", "region", 2018): 2.0, ("AT3", "region", 2018): 3.0})
    y = x.assign(indicator="y", value=[None, 1.0, 2.0])
    others = _panel({("AT", "country", 2018): 2.0, ("EU", "eu", 2018): 2.0})
    panel = pd.concat([x, y, others, others.assign(indicator="y", value=1.5)], ignore_index=True)
    catalogue = _catalogue().model_copy(
        update={
            "first_year": 2018,
            "indicators": [
                Indicator(code=c, ris="1", name=c, dimension="D", source="regional", columns=[c]) for c in ("x", "y")
            ],
        }
    )
    eis = {"AT": {2020: 100.0}, "EU": {2020: 100.0}}
    scores = method.score(panel, eis, catalogue, MethodRules(min_coverage=0.75, outlier_sd=3))
    assert scores.latest.at["AT1", "group"] == "Not classified" and scores.latest.at["AT1", "label"] == "Not classified"
    assert scores.latest.at["AT2", "group"] != "Not classified"
    assert pd.isna(scores.latest.at["AT1", "rank"])
