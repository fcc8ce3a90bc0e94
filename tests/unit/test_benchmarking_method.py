"""Each step of the RIS method on small hand-computed examples."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from advisory.benchmarking import method
from advisory.benchmarking.models import Catalogue, Indicator, MethodRules


def test_min_max_scales_reference_range_to_zero_one():
    wide = pd.DataFrame({"x": [2.0, 4.0, 6.0]}, index=["AT11", "AT12", "AT13"])
    reference = pd.Series(True, index=wide.index)
    assert method.min_max(wide, reference, sd=3)["x"].tolist() == [0.0, 0.5, 1.0]


def test_min_max_ignores_regions_outside_the_reference_set_and_clips_them():
    wide = pd.DataFrame({"x": [2.0, 4.0, 6.0, 10.0]}, index=["AT11", "AT12", "AT13", "ATZZ"])
    reference = pd.Series([True, True, True, False], index=wide.index)
    assert method.min_max(wide, reference, sd=3)["x"].tolist() == [0.0, 0.5, 1.0, 1.0]


def test_outlier_is_left_out_of_the_maximum():
    # ten regions at 1..10 and one at 100: mean 13.6, sd ~28.7, so 100 lies beyond mean + 2 sd
    values = [float(v) for v in range(1, 11)] + [100.0]
    wide = pd.DataFrame({"x": values}, index=[f"AT{i:02d}" for i in range(11)])
    normalised = method.min_max(wide, pd.Series(True, index=wide.index), sd=2)["x"]
    assert normalised.iloc[9] == pytest.approx(1.0)  # 10 is the new maximum
    assert normalised.iloc[4] == pytest.approx(4 / 9)  # (5 - 1) / (10 - 1)
    assert normalised.iloc[10] == 1.0  # the outlier is kept, clipped


def test_outliers_flags_values_beyond_mean_plus_sd_multiple():
    wide = pd.DataFrame({"x": [0.0, 0.0, 0.0, 0.0, 10.0]})
    # mean 2, sd sqrt(20) ~ 4.47: 10 is 1.79 sd away
    assert method.outliers(wide, sd=1.5)["x"].tolist() == [False, False, False, False, True]
    assert not method.outliers(wide, sd=2)["x"].any()


def test_square_root_transform_applies_only_to_skewed_indicators():
    wide = pd.DataFrame({"skewed": [4.0, 9.0], "plain": [4.0, 9.0]})
    shaped = method.transform(wide, {"skewed": "sqrt", "plain": "none"})
    assert shaped["skewed"].tolist() == [2.0, 3.0]
    assert shaped["plain"].tolist() == [4.0, 9.0]


def test_lower_is_better_reverses_the_scale():
    normalised = pd.DataFrame({"low_education": [0.0, 0.25]})
    assert method.orient(normalised, ["low_education"])["low_education"].tolist() == [1.0, 0.75]


def test_composite_is_the_mean_of_available_indicators_above_the_coverage_rule():
    normalised = pd.DataFrame(
        {"a": [0.2, 0.9], "b": [0.4, None], "c": [0.6, None]}, index=["full", "sparse"]
    )
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
    vectorised = method.performance_groups(pd.Series([relative], dtype=float))
    assert vectorised.iloc[0] == group


def test_latest_value_within_window_keeps_its_year():
    series = pd.DataFrame(
        {
            "region": ["AT11"] * 3 + ["AT12"],
            "indicator": ["x"] * 4,
            "year": [2014, 2016, 2019, 2013],
            "value": [1.0, 2.0, 3.0, 5.0],
        }
    )
    latest = method.latest_values(series, 2012, 2018).set_index("region")
    assert latest.loc["AT11", ["year", "value"]].tolist() == [2016, 2.0]
    assert latest.loc["AT12", "year"] == 2013


def test_reference_set_excludes_aggregates_and_extra_regio_codes():
    codes = pd.Index(["DED2", "ESZZ", "FRXX", "EU28", "EA19", "DE1", "PL21"])
    assert method.is_nuts2(codes).tolist() == [True, False, False, False, False, False, True]


def test_score_all_puts_the_eu_average_at_100():
    catalogue = Catalogue(
        first_year=2010,
        last_year=2020,
        indicators=[Indicator(code="x", name="X", dimension="D", columns=["x"])],
    )
    values = pd.DataFrame(
        {"region": ["AT11", "AT12", "AT13"], "indicator": "x", "year": 2018, "value": [0.0, 5.0, 10.0]}
    )
    table = method.score_all(values, catalogue, MethodRules(outlier_sd=3))
    # normalised 0, 0.5, 1 -> EU mean 0.5 -> relative 0, 100, 200
    assert table["relative"].tolist() == pytest.approx([0.0, 100.0, 200.0])
    assert table["group"].tolist() == ["Emerging", "Strong", "Leader"]


def test_indicator_series_sums_columns_only_when_all_are_present():
    long = pd.DataFrame(
        {
            "region": ["AT11", "AT11", "AT12"],
            "indicator": ["gov", "hes", "gov"],
            "year": [2016, 2016, 2016],
            "value": [0.2, 0.5, 0.3],
        }
    )
    indicator = Indicator(code="public_rd", name="P", dimension="D", columns=["gov", "hes"], combine="sum")
    series = method.indicator_series(long, indicator)
    assert series["region"].tolist() == ["AT11"]
    assert series["value"].tolist() == pytest.approx([0.7])
