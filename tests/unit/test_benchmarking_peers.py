"""Peer regions: structurally nearest regions, the region itself excluded."""

from __future__ import annotations

import pandas as pd
import pytest

from advisory.benchmarking import peers


def _structure() -> pd.DataFrame:
    return pd.DataFrame(
        {"population": [1.0, 1.1, 5.0, 0.9], "industry": [10.0, 11.0, 30.0, None]},
        index=["HU33", "HU32", "DE21", "SK04"],
    )


def test_standardise_gives_zero_mean_unit_sd():
    z = peers.standardise(_structure())
    assert z["population"].mean() == pytest.approx(0.0)
    assert z["population"].std() == pytest.approx(1.0)


def test_nearest_peers_exclude_the_region_and_rank_by_distance():
    z = peers.standardise(_structure())
    chosen = peers.nearest(z, "HU33", k=2, candidates=z.index)
    assert "HU33" not in chosen.index
    assert list(chosen.index) == ["SK04", "HU32"] or list(chosen.index) == ["HU32", "SK04"]
    assert "DE21" not in chosen.index


def test_distance_uses_only_shared_indicators():
    # SK04 lacks industry: its distance is on population alone
    z = peers.standardise(_structure())
    distance = peers.distances(z, "HU33")
    expected = abs(z.at["SK04", "population"] - z.at["HU33", "population"])
    assert distance["SK04"] == pytest.approx(expected)


def test_candidates_limit_the_choice():
    z = peers.standardise(_structure())
    assert list(peers.nearest(z, "HU33", k=5, candidates=pd.Index(["DE21"])).index) == ["DE21"]
