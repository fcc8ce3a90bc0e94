"""Peer regions: structurally nearest regions, the region itself excluded, complete figures, across borders."""

from __future__ import annotations

import pandas as pd
import pytest

from advisory.stages.benchmarking import peers


def _structure() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "gdp_per_head": [17000.0, 17500.0, 50000.0, 16800.0, None, 17100.0, 17200.0],
            "industry": [10.0, 11.0, 30.0, 10.5, 10.0, 9.0, 9.5],
        },
        index=["HU33", "HU32", "DE21", "SK04", "CH05", "HU23", "HU31"],
    )


def test_standardise_gives_zero_mean_unit_sd():
    z = peers.standardise(_structure())
    assert z["industry"].mean() == pytest.approx(0.0)
    assert z["industry"].std() == pytest.approx(1.0)


def test_nearest_peers_exclude_the_region_and_rank_by_distance():
    z = peers.standardise(_structure())
    chosen = peers.nearest(z, "HU33", k=2, candidates=z.index)
    assert "HU33" not in chosen.index and "DE21" not in chosen.index
    assert list(chosen) == sorted(chosen)


def test_a_candidate_without_a_figure_the_region_has_is_not_compared():
    # CH05 has no GDP per head: however alike its industry, it cannot be a peer of HU33
    z = peers.standardise(_structure())
    assert "CH05" not in peers.distances(z, "HU33").index


def test_at_most_two_peers_come_from_any_one_country():
    z = peers.standardise(_structure())
    chosen = peers.nearest(z, "HU33", k=4, candidates=z.index, per_country=2)
    assert (chosen.index.str[:2] == "HU").sum() == 2
    assert "SK04" in chosen.index


def test_candidates_limit_the_choice():
    z = peers.standardise(_structure())
    assert list(peers.nearest(z, "HU33", k=5, candidates=pd.Index(["DE21"])).index) == ["DE21"]


def test_the_reason_names_the_variables_the_peer_is_closest_on():
    z = peers.standardise(_structure())
    # HU23 differs from HU33 by 100 PPS of GDP per head but by 1 point of industry: GDP is the closer
    assert peers.closest_variables(z, "HU33", "HU23", count=1) == ["gdp_per_head"]
    assert peers.closest_variables(z, "HU33", "HU23", count=1, skip=("gdp_per_head",)) == ["industry"]


def test_log_scale_for_sizes():
    shaped = peers.scaled(pd.DataFrame({"population": [1000.0, 0.0]}), ["population"])
    assert shaped["population"].iloc[0] == pytest.approx(6.9078, abs=1e-4)
    assert pd.isna(shaped["population"].iloc[1])
