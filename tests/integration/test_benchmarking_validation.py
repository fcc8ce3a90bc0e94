"""The method against published results: EIS 2023 country groups and the RIS 2019 ranking."""

from __future__ import annotations

from pathlib import Path

from scipy.stats import spearmanr

from advisory.benchmarking.method import performance_groups, score_all
from advisory.benchmarking.models import MethodRules
from advisory.datasets import load_eis2023, load_ris2019
from advisory.inputs.benchmarking import reference_data

DATASETS = Path(__file__).resolve().parents[2] / "datasets"
SII = "0 Summary Innovation Index"


def test_group_rule_reproduces_every_published_eis_2023_group():
    eis = load_eis2023(DATASETS)
    year = eis[(eis["indicator"] == SII) & (eis["year"] == 2023)]
    eu = year.loc[year["country"] == "EU Average", "value"].item()
    countries = year[year["country"] != "EU Average"].set_index("country")
    ours = performance_groups(countries["value"] / eu * 100)
    assert len(countries) == 38
    assert (ours == countries["group"]).sum() == 38, countries.assign(ours=ours).query("ours != group")


def test_composite_ranks_regions_much_as_the_published_ris_2019_index():
    catalogue, values = reference_data(DATASETS)
    table = score_all(values, catalogue, MethodRules())
    joined = load_ris2019(DATASETS).set_index("region").join(table["composite"], how="inner").dropna()
    assert len(joined) > 150
    assert spearmanr(joined["rii"], joined["composite"]).statistic > 0.6


def test_reference_set_holds_real_nuts2_regions_only():
    catalogue, values = reference_data(DATASETS)
    table = score_all(values, catalogue, MethodRules())
    reference = table.index[table["reference"]]
    assert 250 < len(reference) < 420
    assert not any(code.endswith(("ZZ", "XX")) or code[:2] in {"EU", "EA", "EF"} for code in reference)


def test_catalogue_square_roots_exactly_the_skewed_indicators():
    catalogue, values = reference_data(DATASETS)
    wide = values.pivot_table(index="region", columns="indicator", values="value")
    for indicator in catalogue.indicators:
        skewed = wide[indicator.code].skew() > 1
        assert (indicator.transform == "sqrt") == skewed, indicator.code
