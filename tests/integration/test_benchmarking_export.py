"""`advisory benchmark all --out FILE` writes the benchmark table for every region."""

from __future__ import annotations

import pandas as pd
from typer.testing import CliRunner

from advisory.benchmarking.cli import app, neutralised

runner = CliRunner()


def test_all_writes_every_region_with_composite_group_and_normalised_scores(tmp_path):
    out = tmp_path / "benchmark.csv"
    result = runner.invoke(app, ["all", "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out, index_col="region")
    assert len(table) > 300
    assert {"composite", "relative_to_eu", "group", "coverage", "business_rd_normalised"} <= set(table.columns)
    assert table.loc["DED2", "group"] in {"Leader", "Strong"}


def test_all_writes_excel_too(tmp_path):
    out = tmp_path / "benchmark.xlsx"
    assert runner.invoke(app, ["all", "--out", str(out)]).exit_code == 0
    assert len(pd.read_excel(out)) > 300


def test_all_refuses_other_formats(tmp_path):
    result = runner.invoke(app, ["all", "--out", str(tmp_path / "benchmark.txt")])
    assert result.exit_code != 0


def test_text_cells_that_look_like_formulas_are_neutralised():
    table = pd.DataFrame({"group": ["=HYPERLINK(1)", "+1", "-2", "@x", "Leader"]}, index=list("abcde"))
    assert neutralised(table)["group"].tolist() == ["'=HYPERLINK(1)", "'+1", "'-2", "'@x", "Leader"]
